import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, totpStep, verifyTotp } from './totp.js';

// The shared secret of both RFCs' test vectors: the ASCII string "12345678901234567890".
const SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('hotp', () => {
  it('gives the RFC 4226 appendix D values for counts 0 to 9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, count) => hotp(SECRET, count))).toEqual(expected);
  });
});

describe('totp', () => {
  // RFC 6238 appendix B, the SHA-1 rows (8 digits, 30-second steps, T0 = 0).
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('gives the RFC 6238 appendix B value at %i s', (seconds, code) => {
    expect(totp(SECRET, new Date(seconds * 1000), 8)).toBe(code);
  });

  it('shows 6 digits by default, the last 6 of the 8-digit value', () => {
    expect(totp(SECRET, new Date(59_000))).toBe('287082');
  });
});

describe('verifyTotp', () => {
  const now = new Date(1_111_111_111_000);
  const step = totpStep(now);

  it('accepts the current code and the codes of one step before and after, and says which step', () => {
    expect(verifyTotp(SECRET, hotp(SECRET, step), now, null)).toBe(step);
    expect(verifyTotp(SECRET, hotp(SECRET, step - 1), now, null)).toBe(step - 1);
    expect(verifyTotp(SECRET, hotp(SECRET, step + 1), now, null)).toBe(step + 1);
  });

  it('refuses codes two steps away, malformed codes and the wrong secret', () => {
    expect(verifyTotp(SECRET, hotp(SECRET, step - 2), now, null)).toBeNull();
    expect(verifyTotp(SECRET, hotp(SECRET, step + 2), now, null)).toBeNull();
    expect(verifyTotp(SECRET, '12345', now, null)).toBeNull();
    expect(verifyTotp(SECRET, 'abcdef', now, null)).toBeNull();
    expect(verifyTotp(Buffer.from('another secret'), hotp(SECRET, step), now, null)).toBeNull();
  });

  it('refuses a step that was used already (replay) and any step before it', () => {
    expect(verifyTotp(SECRET, hotp(SECRET, step), now, step)).toBeNull();
    expect(verifyTotp(SECRET, hotp(SECRET, step - 1), now, step)).toBeNull();
    expect(verifyTotp(SECRET, hotp(SECRET, step + 1), now, step)).toBe(step + 1);
  });

  it('ignores spaces in a typed code', () => {
    const code = hotp(SECRET, step);
    expect(verifyTotp(SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(step);
  });
});

describe('base32', () => {
  it('encodes the RFC 4648 test vectors (without padding) and decodes them back', () => {
    const vectors: [string, string][] = [
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
    expect(base32Decode('mzxw 6ytb oi==').toString()).toBe('foobar');
    expect(() => base32Decode('MZ1')).toThrow('base32');
  });
});

describe('otpauthUri', () => {
  it('names the issuer and the account and carries the secret', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'a@example.nl', 'rondo')).toBe(
      'otpauth://totp/rondo:a%40example.nl?secret=JBSWY3DPEHPK3PXP&issuer=rondo&algorithm=SHA1&digits=6&period=30',
    );
  });
});
