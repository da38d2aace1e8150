import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { ErrorBodySchema, STAFF_ERRORS } from '../../model/api/common.js';
import { LoginResponse } from '../../model/api/session.js';
import {
  ConfirmEnrolmentBody,
  DisableResponse,
  EnrolmentResponse,
  ReauthBody,
  RecoveryCodesResponse,
  SecondFactorBody,
  TwoFactorStatusResponse,
} from '../../model/api/two-factor.js';
import { CHALLENGE_COOKIE, clearChallengeCookie, countChallengeFailure, endChallenge, loadChallenge } from '../auth/login-challenge.js';
import { verifyPassword } from '../auth/password.js';
import { SESSION_COOKIE, createSession, endSession, setSessionCookie } from '../auth/session.js';
import { clearThrottle, recordFailure, throttleKeys, throttleWait, type ThrottleKeys } from '../auth/throttle.js';
import {
  beginEnrolment,
  checkSecondFactor,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  twoFactorKey,
  twoFactorRequired,
  twoFactorStatus,
} from '../auth/two-factor.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { actorOf } from '../setup/request-meta.js';
import type { RoutePlugin } from './route-plugin.js';

const LOGIN_ERRORS = { 400: ErrorBodySchema, 401: ErrorBodySchema, 429: ErrorBodySchema } as const;

/**
 * Second steps are throttled like passwords (auth/throttle.ts, the same counters and waits), on
 * keys of their own per account and per account and address; the per-address counter is the
 * password login's, so one address guessing passwords and codes is counted once.
 */
function codeThrottleKeys(userId: number, ip: string): ThrottleKeys {
  return throttleKeys(`2fa:user:${userId}`, ip);
}

async function refuseWhileThrottled(db: Kysely<Database>, keys: ThrottleKeys, now: Date, reply: FastifyReply): Promise<void> {
  const wait = await throttleWait(db, keys, now);
  if (wait <= 0) return;
  const seconds = Math.ceil(wait / 1000);
  reply.header('retry-after', String(seconds));
  throw new ApiError('RATE_LIMITED', `Too many attempts; try again in ${seconds} seconds.`, { retryAfterSeconds: seconds });
}

/** The second login step, and two-factor login on the user's own account screen. */
const twoFactorRoutes: RoutePlugin = async (app) => {
  const secureCookie = app.rondo.config.baseUrl.startsWith('https:');
  const key = twoFactorKey(app.rondo.secret);
  const db = app.rondo.store.db;

  app.post(
    '/api/login/second-factor',
    {
      schema: { body: SecondFactorBody, response: { 200: LoginResponse, ...LOGIN_ERRORS } },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const now = app.rondo.now();
      const challenge = await loadChallenge(db, req.cookies[CHALLENGE_COOKIE], now);
      const user = challenge
        ? await db.selectFrom('user').select(['disabled_at', 'must_change_password']).where('id', '=', challenge.userId).executeTakeFirst()
        : undefined;
      if (!challenge || !user || user.disabled_at) {
        clearChallengeCookie(reply);
        throw new ApiError('UNAUTHENTICATED', 'The login has expired; enter your password again.', { reason: 'second-factor-expired' });
      }
      const keys = codeThrottleKeys(challenge.userId, req.ip);
      await refuseWhileThrottled(db, keys, now, reply);
      const actor = `user:${challenge.userId}`;
      const session = await writeTx(db, async (trx) => {
        const method = await checkSecondFactor(trx, key, challenge.userId, req.body.code, now);
        if (!method) {
          await recordFailure(trx, keys, now);
          await countChallengeFailure(trx, challenge);
          await audit(trx, { actor, action: 'login.second-factor-failed', at: now });
          return null;
        }
        await clearThrottle(trx, keys);
        await endChallenge(trx, challenge);
        const s = await createSession(trx, challenge.userId, now);
        if (method === 'recovery') {
          const { recoveryCodesLeft } = await twoFactorStatus(trx, challenge.userId);
          await audit(trx, { actor, action: 'two-factor.recovery-code-used', details: { left: recoveryCodesLeft }, at: now });
        }
        await audit(trx, { actor, action: 'login', details: { secondFactor: method }, at: now });
        return s;
      });
      if (!session) throw new ApiError('UNAUTHENTICATED', 'The code is not correct.', { reason: 'second-factor' });
      await endSession(db, req.cookies[SESSION_COOKIE]);
      clearChallengeCookie(reply);
      setSessionCookie(reply, session.id, secureCookie);
      return { ok: true, csrfToken: session.csrfToken, next: challenge.next, mustChangePassword: user.must_change_password === 1 };
    },
  );

  app.get(
    '/api/account/two-factor',
    { config: { permission: 'self' }, schema: { response: { 200: TwoFactorStatusResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const user = req.session!.user;
      return { ...(await twoFactorStatus(db, user.id)), required: twoFactorRequired(app.rondo.config, user) };
    },
  );

  app.post(
    '/api/account/two-factor/enrolment',
    {
      config: { permission: 'self', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { response: { 200: EnrolmentResponse, ...STAFF_ERRORS } },
    },
    async (req) => {
      // Two-factor login belongs to the password login; with that off the provider does MFA.
      if (!app.rondo.config.passwordLogin) {
        throw new ApiError('FORBIDDEN', 'Password login is switched off; two-step verification is done by single sign-on.', {
          reason: 'password-login-off',
        });
      }
      return beginEnrolment(db, key, req.session!.user, app.rondo.now());
    },
  );

  app.post(
    '/api/account/two-factor/enrolment/confirm',
    {
      config: { permission: 'self', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { body: ConfirmEnrolmentBody, response: { 200: RecoveryCodesResponse, ...STAFF_ERRORS } },
    },
    async (req) => {
      const { actor, session, userId, now } = actorOf(req);
      const codes = await confirmEnrolment(db, key, userId, req.body.code, now, { actor, session });
      if (!codes) throw new ApiError('VALIDATION', 'The code is not correct.', { reason: 'code' });
      return { recoveryCodes: codes };
    },
  );

  /** Password and a current code (or recovery code), throttled like the login; failures audited. */
  const reauthenticate = async (
    trx: Kysely<Database>,
    req: { ip: string; body: { password: string; code: string } },
    userId: number,
    now: Date,
  ): Promise<boolean> => {
    const user = await trx.selectFrom('user').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
    const passwordOk = await verifyPassword(req.body.password, user.password_hash).catch(() => false);
    return passwordOk && (await checkSecondFactor(trx, key, userId, req.body.code, now)) !== null;
  };

  const withReauth = async <T>(
    req: Parameters<typeof actorOf>[0] & { body: { password: string; code: string } },
    reply: FastifyReply,
    change: (trx: Kysely<Database>, who: { actor: string; session: string }, now: Date) => Promise<T>,
  ): Promise<T> => {
    const { actor, session, userId, now } = actorOf(req);
    const keys = codeThrottleKeys(userId, req.ip);
    await refuseWhileThrottled(db, keys, now, reply);
    const status = await twoFactorStatus(db, userId);
    if (!status.enabled) throw new ApiError('CONFLICT', 'Two-factor login is not on.', { reason: 'two-factor-disabled' });
    const result = await writeTx(db, async (trx) => {
      if (!(await reauthenticate(trx, req, userId, now))) {
        await recordFailure(trx, keys, now);
        await audit(trx, { actor, session, action: 'two-factor.check-failed', target: `user:${userId}`, at: now });
        return { ok: false as const };
      }
      await clearThrottle(trx, keys);
      return { ok: true as const, value: await change(trx, { actor, session }, now) };
    });
    if (!result.ok) throw new ApiError('VALIDATION', 'The password or the code is not correct.', { reason: 'reauth' });
    return result.value;
  };

  app.post(
    '/api/account/two-factor/disable',
    {
      config: { permission: 'self', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { body: ReauthBody, response: { 200: DisableResponse, ...STAFF_ERRORS, 429: ErrorBodySchema } },
    },
    async (req, reply) => {
      const user = req.session!.user;
      const required = twoFactorRequired(app.rondo.config, user);
      await withReauth(req, reply, async (trx, who, now) => {
        await disableTwoFactor(trx, user.id, now, who);
        // Required for this account (a new phone, say): its sessions may now only enrol again.
        if (required) await trx.updateTable('session').set({ two_factor_enrolment: 1 }).where('user_id', '=', user.id).execute();
      });
      return { ok: true, mustEnrolTwoFactor: required };
    },
  );

  app.post(
    '/api/account/two-factor/recovery-codes',
    {
      config: { permission: 'self', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { body: ReauthBody, response: { 200: RecoveryCodesResponse, ...STAFF_ERRORS, 429: ErrorBodySchema } },
    },
    async (req, reply) => {
      const userId = req.session!.user.id;
      const codes = await withReauth(req, reply, (trx, who, now) => regenerateRecoveryCodes(trx, userId, now, who));
      return { recoveryCodes: codes };
    },
  );
};
export default twoFactorRoutes;
