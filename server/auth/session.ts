import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FastifyReply } from 'fastify';
import type { SessionUser } from '../../model/api/session.js';
import type { Database } from '../db/schema.js';
import type {} from '../setup/schema.js';
import type {} from './two-factor-schema.js';
import type { LoginMethod } from './oidc-schema.js';

export const SESSION_COOKIE = 'rondo_session';
/** A session ends after this much inactivity… */
export const IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** …and after this long in any case. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
  /** A short non-secret reference for the audit log. */
  ref: string;
  /**
   * How the session was started: a password, or single sign-on (oidc.ts). Optional so that a
   * caller that is no login session (an API token) need not name one.
   */
  method?: LoginMethod;
}

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');

/**
 * Starts a session: a new random id every login (no fixation); only its hash is stored. With
 * `twoFactorEnrolment` the session may only use the account's own routes until the account has
 * enrolled in two-factor login (server/auth/two-factor.ts). `method` says how the user logged in
 * (default a password; single sign-on in routes/session-oidc.ts).
 */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  options: { twoFactorEnrolment?: boolean; method?: LoginMethod } = {},
): Promise<{ id: string; csrfToken: string }> {
  const id = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  await db
    .insertInto('session')
    .values({
      id_hash: sha256(id),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS).toISOString(),
      two_factor_enrolment: options.twoFactorEnrolment ? 1 : 0,
      method: options.method ?? 'password',
    })
    .execute();
  return { id, csrfToken };
}

/** The live session for a cookie value, or null when it is unknown, idle too long or expired. */
export async function loadSession(db: Kysely<Database>, id: string | undefined, now: Date): Promise<ActiveSession | null> {
  if (!id || id.length > 100) return null;
  const idHash = sha256(id);
  const row = await db
    .selectFrom('session')
    .innerJoin('user', 'user.id', 'session.user_id')
    .select([
      'session.id_hash',
      'session.csrf_token',
      'session.last_seen_at',
      'session.expires_at',
      'session.two_factor_enrolment',
      'session.method',
      'user.id as user_id',
      'user.email',
      'user.display_name',
      'user.is_admin',
      'user.language',
      'user.disabled_at',
      'user.must_change_password',
    ])
    .where('session.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const t = now.getTime();
  if (row.disabled_at || Date.parse(row.expires_at) <= t || Date.parse(row.last_seen_at) + IDLE_TIMEOUT_MS <= t) {
    await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (t - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await db.updateTable('session').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  }
  return {
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      isAdmin: row.is_admin === 1,
      language: row.language === 'en' ? 'en' : 'nl',
      // Single sign-on needs no local password, so it is not asked to choose one.
      mustChangePassword: row.must_change_password === 1 && row.method === 'password',
      mustEnrolTwoFactor: row.two_factor_enrolment === 1,
    },
    csrfToken: row.csrf_token,
    ref: idHash.slice(0, 12),
    method: row.method,
  };
}

export async function endSession(db: Kysely<Database>, id: string | undefined): Promise<void> {
  if (id) await db.deleteFrom('session').where('id_hash', '=', sha256(id)).execute();
}

/** Ends every session of a user: on password change, role change or disabling. */
export async function endAllSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Lax (no cross-site
 * POST carries it), Secure when the server is reached over https.
 */
export function setSessionCookie(reply: FastifyReply, id: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: Math.floor(ABSOLUTE_TIMEOUT_MS / 1000),
  });
}

/**
 * After a password change: every session of the user ends (other devices included) and the
 * caller continues in a brand-new one, so a stolen session id is worthless from then on.
 */
export async function replaceAllSessions(db: Kysely<Database>, userId: number, now: Date): Promise<{ id: string; csrfToken: string }> {
  // A session that may only enrol in two-factor login stays that kind of session.
  const pending = await db
    .selectFrom('session')
    .select('id_hash')
    .where('user_id', '=', userId)
    .where('two_factor_enrolment', '=', 1)
    .executeTakeFirst();
  await endAllSessions(db, userId);
  return createSession(db, userId, now, { twoFactorEnrolment: !!pending });
}
