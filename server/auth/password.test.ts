import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generatePassword,
  hashGeneratedPassword,
  hashPassword,
  needsRehash,
  SCRYPT_COST,
  setScryptCostForTests,
  verifyPassword,
} from './password.js';

describe('password hashing at the production cost', () => {
  beforeAll(() => setScryptCostForTests('production'));
  afterAll(() => setScryptCostForTests({ N: 2 ** 14, r: 8, p: 1 }));

  it("uses OWASP's minimum for scrypt: N = 2^17, r = 8, p = 1", async () => {
    expect(SCRYPT_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashPassword('de kat krabt de krullen van de trap');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('de kat krabt de krullen van de trap', stored)).toBe(true);
    expect(await verifyPassword('de kat krabt de krullen van de trap!', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('asks for a new hash when a stored one is cheaper', () => {
    expect(needsRehash('scrypt$16384$8$1$AAAA$BBBB')).toBe(true);
    expect(needsRehash('scrypt$131072$4$1$AAAA$BBBB')).toBe(true);
    expect(needsRehash('bcrypt$whatever')).toBe(true);
  });

  it('hashes a password rondo generated at a low cost, replaced at the first login; refuses any other password', async () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    const stored = await hashGeneratedPassword(password);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(generatePassword(), stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
    // Not from generatePassword: a sentence, the same shape with letters it never uses (i, l, o), a short one.
    for (const other of ['de kat krabt de krullen van de trap', 'abcde-fghij-klmno-pqrst', 'abcde-fgh2k-mnpqr-stuv'])
      await expect(hashGeneratedPassword(other)).rejects.toThrow(/generatePassword only/);
  });

  it('normalises to NFKC, so a password typed on another keyboard still matches', async () => {
    const stored = await hashPassword('ﬁets in de regen');
    expect(await verifyPassword('fiets in de regen', stored)).toBe(true);
  });
});
