import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

/**
 * scrypt's cost: OWASP's minimum for scrypt (Password Storage Cheat Sheet: N = 2^17, r = 8,
 * p = 1), 128 MiB and a few hundred milliseconds per hash. Hashes stored with a lower cost
 * are replaced at the owner's next successful login (`needsRehash`).
 */
export const SCRYPT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
type Cost = { N: number; r: number; p: number };
let cost: Cost = SCRYPT_COST;

/**
 * Lowers the cost inside the test suite only, where hundreds of logins at 128 MiB each would
 * take minutes; refused anywhere else. The tests of the production cost set it back.
 */
export function setScryptCostForTests(next: Cost | 'production'): void {
  if (!process.env.VITEST) throw new Error('setScryptCostForTests is for the test suite only');
  cost = next === 'production' ? SCRYPT_COST : next;
}
const KEYLEN = 32;
/** Node refuses scrypt above 32 MiB unless told; 128 × N × r is 128 MiB at the cost above. */
const maxmem = (N: number, r: number) => 256 * N * r;

/** scrypt hash in the form scrypt$N$r$p$salt$hash (base64url). */
export async function hashPassword(password: string): Promise<string> {
  return hashWith(password, cost);
}

async function hashWith(password: string, { N, r, p }: Cost): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r, p, maxmem: maxmem(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: maxmem(Number(n), Number(r)),
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with a lower cost than today's and should be replaced. */
export function needsRehash(stored: string): boolean {
  const [kind, n, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(n) < cost.N || Number(r) < cost.r || Number(p) < cost.p;
}

/** A hash at today's cost of no password at all, for timing that does not tell unknown accounts apart. */
export function dummyHash(): string {
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
}

const GENERATED_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** What generatePassword writes: four groups of five characters of the alphabet, joined by '-'. */
const GENERATED_SHAPE = new RegExp(`^[${GENERATED_ALPHABET}]{5}(?:-[${GENERATED_ALPHABET}]{5}){3}$`);

/** A random password for a new account: 20 characters from an unambiguous alphabet (~115 bits). */
export function generatePassword(): string {
  let out = '';
  for (let i = 0; i < 20; i++) out += GENERATED_ALPHABET[crypto.randomInt(GENERATED_ALPHABET.length)];
  return `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10, 15)}-${out.slice(15)}`;
}

/**
 * The cost for a password rondo generated itself (generatePassword: 20 random characters, ~115
 * bits): 16 MiB and a few milliseconds. A slow hash protects passwords people choose, which can be
 * guessed; 2^114 guesses on average cannot be made at any cost per guess, as for the link and API
 * tokens, which are stored as SHA-256. The first start hashes five such passwords (the
 * administrator's, the demo's) and spent ~4 s of its ~4.5 s on them at the full cost. The hash is
 * replaced at the full cost at the owner's first login (`needsRehash`).
 */
const GENERATED_COST: Cost = { N: 2 ** 14, r: 8, p: 1 };

/** The hash of a password from generatePassword (refused for anything else), at GENERATED_COST. */
export async function hashGeneratedPassword(password: string): Promise<string> {
  if (!GENERATED_SHAPE.test(password)) throw new Error('hashGeneratedPassword is for passwords from generatePassword only');
  return hashWith(password, cost.N < GENERATED_COST.N ? cost : GENERATED_COST);
}
