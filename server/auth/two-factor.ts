import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { qrPath } from '../../model/qr.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { base32Encode, otpauthUri, verifyTotp } from './totp.js';
import type {} from './two-factor-schema.js';

/**
 * Two-factor login for local accounts: enrolment (a TOTP secret shown once as a QR code and as
 * text, confirmed by a first correct code), ten single-use recovery codes, the check of a second
 * step, and turning it off. Logins through single sign-on do not come here: the identity
 * provider does its own second factor.
 *
 * The TOTP secret must be readable by the server (it computes the codes), so it cannot be hashed.
 * It is sealed with AES-256-GCM under a key derived (HKDF) from the secret file beside the
 * database, the same file that derives link tokens: a copy of the database or a backup alone
 * does not reveal any account's secret. The user id is bound in as associated data, so a sealed
 * secret copied to another account's row does not open. Recovery codes carry 50 random bits and
 * are stored as SHA-256 hashes only.
 */

export const RECOVERY_CODE_COUNT = 10;
export const TOTP_ISSUER = 'rondo';
const SECRET_BYTES = 20;

/** The key that seals TOTP secrets, derived from the server secret for this one purpose. */
export function twoFactorKey(serverSecret: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', serverSecret, Buffer.alloc(0), 'rondo two-factor secret v1', 32));
}

export function sealSecret(key: Buffer, userId: number, secret: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`user:${userId}`));
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function openSecret(key: Buffer, userId: number, sealed: string): Buffer {
  if (!sealed.startsWith('v1.')) throw new Error('two-factor secret: unknown format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`user:${userId}`));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

/** Whether an account must have a second factor under the configured policy. */
export function twoFactorRequired(config: Pick<Config, 'requireTwoFactor'>, user: { isAdmin: boolean }): boolean {
  return config.requireTwoFactor === 'all' || user.isAdmin;
}

/**
 * What a correct password leads to: `verify` (enrolled: a second step before any session),
 * `enrol` (required but not set up: a session that may only enrol) or null (a full session).
 */
export async function twoFactorAtLogin(
  db: Kysely<Database>,
  config: Pick<Config, 'requireTwoFactor'>,
  user: { id: number; isAdmin: boolean },
): Promise<'verify' | 'enrol' | null> {
  const row = await db.selectFrom('two_factor').select('enabled_at').where('user_id', '=', user.id).executeTakeFirst();
  if (row?.enabled_at) return 'verify';
  return twoFactorRequired(config, user) ? 'enrol' : null;
}

export interface TwoFactorStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(db: Kysely<Database>, userId: number): Promise<TwoFactorStatus> {
  const row = await db.selectFrom('two_factor').select('enabled_at').where('user_id', '=', userId).executeTakeFirst();
  const left = await db
    .selectFrom('two_factor_recovery')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { enabled: !!row?.enabled_at, recoveryCodesLeft: row?.enabled_at ? Number(left.n) : 0 };
}

/**
 * An SVG of a QR code, drawn here (no outside service sees the secret): one path of dark modules.
 * The QR encoder is loaded at the first enrolment, not by every start.
 */
export async function qrSvg(text: string): Promise<string> {
  const { default: qrcode } = await import('qrcode-generator');
  const { d, size } = qrPath(qrcode, text);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}

export interface Enrolment {
  /** The secret in base32, for typing into an app by hand. */
  secret: string;
  uri: string;
  /** The URI as a QR code, an SVG document. */
  qrSvg: string;
}

/**
 * Starts (or restarts) an enrolment: a new secret, stored sealed and not yet enabled. Refused
 * when two-factor login is on already: turning it off first needs the password and a code.
 */
export async function beginEnrolment(
  db: Kysely<Database>,
  key: Buffer,
  user: { id: number; email: string },
  now: Date,
): Promise<Enrolment> {
  const secret = crypto.randomBytes(SECRET_BYTES);
  await writeTx(db, async (trx) => {
    const row = await trx.selectFrom('two_factor').select('enabled_at').where('user_id', '=', user.id).executeTakeFirst();
    if (row?.enabled_at) throw new ApiError('CONFLICT', 'Two-factor login is on already.', { reason: 'two-factor-enabled' });
    const values = { secret_enc: sealSecret(key, user.id, secret), created_at: now.toISOString(), enabled_at: null, last_step: null };
    if (row) await trx.updateTable('two_factor').set(values).where('user_id', '=', user.id).execute();
    else
      await trx
        .insertInto('two_factor')
        .values({ user_id: user.id, ...values })
        .execute();
  });
  const text = base32Encode(secret);
  const uri = otpauthUri(text, user.email, TOTP_ISSUER);
  return { secret: text, uri, qrSvg: await qrSvg(uri) };
}

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');
const normaliseRecovery = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

/** Ten new recovery codes (5+5 base32 characters, 50 bits each); only their hashes are kept. */
async function replaceRecoveryCodes(trx: Kysely<Database>, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const c = base32Encode(crypto.randomBytes(7)).slice(0, 10).toLowerCase();
    return `${c.slice(0, 5)}-${c.slice(5)}`;
  });
  await trx.deleteFrom('two_factor_recovery').where('user_id', '=', userId).execute();
  await trx
    .insertInto('two_factor_recovery')
    .values(codes.map((c) => ({ user_id: userId, code_hash: sha256(normaliseRecovery(c)), used_at: null })))
    .execute();
  return codes;
}

export interface Actor {
  actor: string;
  session?: string;
}

/**
 * Completes an enrolment with the first correct code from the app: two-factor login is on, the
 * code's step counts as used, ten recovery codes are made (returned once), and the account's
 * sessions that were waiting to enrol become full sessions. Null when the code is not right.
 */
export async function confirmEnrolment(
  db: Kysely<Database>,
  key: Buffer,
  userId: number,
  code: string,
  now: Date,
  who: Actor,
): Promise<string[] | null> {
  return writeTx(db, async (trx) => {
    const row = await trx.selectFrom('two_factor').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!row) throw new ApiError('CONFLICT', 'Start the enrolment first.', { reason: 'no-enrolment' });
    if (row.enabled_at) throw new ApiError('CONFLICT', 'Two-factor login is on already.', { reason: 'two-factor-enabled' });
    const step = verifyTotp(openSecret(key, userId, row.secret_enc), code, now, null);
    if (step === null) return null;
    await trx.updateTable('two_factor').set({ enabled_at: now.toISOString(), last_step: step }).where('user_id', '=', userId).execute();
    const codes = await replaceRecoveryCodes(trx, userId);
    await trx.updateTable('session').set({ two_factor_enrolment: 0 }).where('user_id', '=', userId).execute();
    await audit(trx, { ...who, action: 'two-factor.enable', target: `user:${userId}`, at: now });
    return codes;
  });
}

/**
 * Checks a second step: a TOTP code of an enabled account (a step after the last one used) or
 * one of its unused recovery codes, which is then used up. Returns how it was proved, or null.
 * Writes the used step or code; the caller's transaction audits.
 */
export async function checkSecondFactor(
  trx: Kysely<Database>,
  key: Buffer,
  userId: number,
  code: string,
  now: Date,
): Promise<'totp' | 'recovery' | null> {
  const row = await trx.selectFrom('two_factor').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row?.enabled_at) return null;
  if (/^\s*\d{3}\s?\d{3}\s*$/.test(code)) {
    const step = verifyTotp(openSecret(key, userId, row.secret_enc), code, now, row.last_step);
    if (step === null) return null;
    await trx.updateTable('two_factor').set({ last_step: step }).where('user_id', '=', userId).execute();
    return 'totp';
  }
  const used = await trx
    .updateTable('two_factor_recovery')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', sha256(normaliseRecovery(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? 'recovery' : null;
}

/** Turns two-factor login off: the secret and the recovery codes are deleted. */
export async function disableTwoFactor(trx: Kysely<Database>, userId: number, now: Date, who: Actor): Promise<void> {
  await trx.deleteFrom('two_factor').where('user_id', '=', userId).execute();
  await trx.deleteFrom('two_factor_recovery').where('user_id', '=', userId).execute();
  await audit(trx, { ...who, action: 'two-factor.disable', target: `user:${userId}`, at: now });
}

/** Ten new recovery codes in place of the old ones (all of which stop working). */
export async function regenerateRecoveryCodes(trx: Kysely<Database>, userId: number, now: Date, who: Actor): Promise<string[]> {
  const codes = await replaceRecoveryCodes(trx, userId);
  await audit(trx, { ...who, action: 'two-factor.recovery-codes', target: `user:${userId}`, at: now });
  return codes;
}
