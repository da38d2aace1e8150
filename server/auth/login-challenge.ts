import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FastifyReply } from 'fastify';
import type { Database } from '../db/schema.js';
import type {} from './two-factor-schema.js';

/**
 * The half-logged-in state between a correct password and the second step. It is not a
 * session: the guard knows nothing of it, so it opens no route but the second step itself. Held
 * server-side (only the hash of its random cookie value is stored), for 5 minutes, and good for
 * 5 wrong codes; then the password has to be typed again.
 */
export const CHALLENGE_COOKIE = 'rondo_login_2fa';
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_MAX_FAILURES = 5;
const COOKIE_PATH = '/api/login';

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');

export async function createChallenge(db: Kysely<Database>, userId: number, next: string, now: Date): Promise<string> {
  const id = crypto.randomBytes(32).toString('base64url');
  // One pending login per account: a new password step replaces an older half-login.
  await db.deleteFrom('login_challenge').where('user_id', '=', userId).execute();
  await db.deleteFrom('login_challenge').where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('login_challenge')
    .values({
      id_hash: sha256(id),
      user_id: userId,
      next,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString(),
    })
    .execute();
  return id;
}

export interface Challenge {
  idHash: string;
  userId: number;
  next: string;
  failures: number;
}

/** The live challenge of a cookie value, or null (unknown, expired or used up). */
export async function loadChallenge(db: Kysely<Database>, id: string | undefined, now: Date): Promise<Challenge | null> {
  if (!id || id.length > 100) return null;
  const row = await db.selectFrom('login_challenge').selectAll().where('id_hash', '=', sha256(id)).executeTakeFirst();
  if (!row) return null;
  if (Date.parse(row.expires_at) <= now.getTime() || row.failures >= CHALLENGE_MAX_FAILURES) {
    await db.deleteFrom('login_challenge').where('id_hash', '=', row.id_hash).execute();
    return null;
  }
  return { idHash: row.id_hash, userId: row.user_id, next: row.next, failures: row.failures };
}

export async function countChallengeFailure(db: Kysely<Database>, challenge: Challenge): Promise<void> {
  await db
    .updateTable('login_challenge')
    .set((eb) => ({ failures: eb('failures', '+', 1) }))
    .where('id_hash', '=', challenge.idHash)
    .execute();
}

export async function endChallenge(db: Kysely<Database>, challenge: Challenge): Promise<void> {
  await db.deleteFrom('login_challenge').where('id_hash', '=', challenge.idHash).execute();
}

export function setChallengeCookie(reply: FastifyReply, id: string, secure: boolean): void {
  reply.setCookie(CHALLENGE_COOKIE, id, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: Math.floor(CHALLENGE_TTL_MS / 1000),
  });
}

export function clearChallengeCookie(reply: FastifyReply): void {
  reply.clearCookie(CHALLENGE_COOKIE, { path: COOKIE_PATH });
}
