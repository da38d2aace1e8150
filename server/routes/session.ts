import { ErrorBodySchema, STAFF_ERRORS } from '../../model/api/common.js';
import { LoginBody, LoginResponse, SessionResponse } from '../../model/api/session.js';
import { LogoutResponse } from '../../model/api/sso.js';
import { oidcClient } from '../auth/oidc.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../auth/password.js';
import { SESSION_COOKIE, createSession, endSession, setSessionCookie } from '../auth/session.js';
import { clearThrottle, pruneThrottle, recordFailure, throttleKeys, throttleWait } from '../auth/throttle.js';
import { safeNext } from '../auth/safe-next.js';
import { createChallenge, setChallengeCookie } from '../auth/login-challenge.js';
import { twoFactorAtLogin } from '../auth/two-factor.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { normaliseEmail } from '../users.js';
import { writeTx } from '../db/tx.js';
import { listMemberStudies } from '../studies/repository.js';
import { currentQuestionnaire } from '../setup/questionnaire-store.js';
import { measuresOf } from '../../model/questionnaire-measures.js';
import type { RoutePlugin } from './route-plugin.js';

// The login answers 400 (not valid), 401 (wrong e-mail address or password) or 429 (throttled)
// with an error body; the routes of a session add what every staff route can answer.
const LOGIN_ERRORS = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 429: ErrorBodySchema } as const;

/** Staff login, logout and "who am I". */
const sessionRoutes: RoutePlugin = async (app) => {
  const secureCookie = app.rondo.config.baseUrl.startsWith('https:');
  let logins = 0;

  app.post(
    '/api/login',
    {
      schema: { body: LoginBody, response: { 200: LoginResponse, ...LOGIN_ERRORS } },
      // A flood guard only (each attempt costs an scrypt hash); guessing is stopped by throttle.ts.
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      // Switched off where everyone logs in by single sign-on (RONDO_PASSWORD_LOGIN=0).
      if (!app.rondo.config.passwordLogin) {
        throw new ApiError('FORBIDDEN', 'Password login is switched off; log in with single sign-on.', { reason: 'password-login-off' });
      }
      const db = app.rondo.store.db;
      const now = app.rondo.now();
      const email = normaliseEmail(req.body.email);
      const keys = throttleKeys(email, req.ip);
      if (++logins % 100 === 0) await pruneThrottle(db, now);
      const wait = await throttleWait(db, keys, now);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        reply.header('retry-after', String(seconds));
        throw new ApiError('RATE_LIMITED', `Too many attempts; try again in ${seconds} seconds.`, { retryAfterSeconds: seconds });
      }
      const user = await db
        .selectFrom('user')
        .select(['id', 'password_hash', 'disabled_at', 'must_change_password', 'is_admin'])
        .where('email', '=', email)
        .executeTakeFirst();
      const ok = await verifyPassword(
        req.body.password,
        user?.password_hash ?? dummyHash() /* wrong addresses cost as much as wrong passwords */,
      ).catch(() => false);
      if (!user || !ok || user.disabled_at) {
        await writeTx(db, async (trx) => {
          await recordFailure(trx, keys, now);
          await audit(trx, {
            actor: user ? `user:${user.id}` : 'anonymous',
            action: 'login.failed',
            target: user ? '' : 'unknown account',
            at: now,
          });
        });
        // One message for unknown accounts, wrong passwords and disabled accounts alike.
        throw new ApiError('UNAUTHENTICATED', 'E-mail address or password is not correct.', { reason: 'credentials' });
      }
      // A new random session id at every login: an id planted before login is never promoted.
      await endSession(db, req.cookies[SESSION_COOKIE]);
      // A hash made with a lower cost than today's is replaced now that the password is known.
      const rehashed = needsRehash(user.password_hash) ? await hashPassword(req.body.password) : null;
      // Two-factor login (routes/two-factor.ts): a second step first, or a session that may only enrol.
      const twoFactor = await twoFactorAtLogin(db, app.rondo.config, { id: user.id, isAdmin: user.is_admin === 1 });
      const session = await writeTx(db, async (trx) => {
        if (rehashed) await trx.updateTable('user').set({ password_hash: rehashed }).where('id', '=', user.id).execute();
        await clearThrottle(trx, keys);
        if (twoFactor === 'verify') {
          await audit(trx, { actor: `user:${user.id}`, action: 'login.password', at: now });
          return null;
        }
        const s = await createSession(trx, user.id, now, { twoFactorEnrolment: twoFactor === 'enrol' });
        await audit(trx, { actor: `user:${user.id}`, action: 'login', at: now });
        return s;
      });
      const next = safeNext(req.body.next);
      const mustChangePassword = user.must_change_password === 1;
      if (!session) {
        setChallengeCookie(reply, await createChallenge(db, user.id, next, now), secureCookie);
        return { ok: true, csrfToken: '', next, mustChangePassword, twoFactor: 'verify' as const };
      }
      setSessionCookie(reply, session.id, secureCookie);
      return { ok: true, csrfToken: session.csrfToken, next, mustChangePassword, ...(twoFactor ? { twoFactor } : {}) };
    },
  );

  app.post(
    '/api/logout',
    { config: { permission: 'self' }, schema: { response: { 200: LogoutResponse, ...STAFF_ERRORS } } },
    async (req, reply) => {
      // After single sign-on the browser goes on to the provider's logout, when it offers one.
      const { oidc } = app.rondo.config;
      const endSessionUrl =
        req.session!.method === 'oidc' && oidc ? await oidcClient(oidc).endSessionUrl(`${app.rondo.config.baseUrl}/login`) : null;
      await endSession(app.rondo.store.db, req.cookies[SESSION_COOKIE]);
      await writeTx(app.rondo.store.db, (trx) =>
        audit(trx, { actor: `user:${req.session!.user.id}`, action: 'logout', session: req.session!.ref }),
      );
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return endSessionUrl ? { ok: true, endSessionUrl } : { ok: true };
    },
  );

  app.get(
    '/api/session',
    { config: { permission: 'self' }, schema: { response: { 200: SessionResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const s = req.session!;
      const studies = await listMemberStudies(app.rondo.store.db, s.user.id);
      const canCreateStudies = s.user.isAdmin || studies.some((r) => r.role === 'researcher');
      return {
        user: s.user,
        csrfToken: s.csrfToken,
        canCreateStudies,
        studies: await Promise.all(
          studies.map(async (r) => ({
            slug: r.slug,
            title: r.definition.title,
            role: r.role,
            isDemo: r.isDemo,
            ...(r.archivedAt ? { archived: true } : {}),
            ...(r.definition.vocabulary ? { vocabulary: r.definition.vocabulary } : {}),
            measures: await studyMeasures(app.rondo.store.db, r.id),
          })),
        ),
      };
    },
  );
};
export default sessionRoutes;

/** What the study's current questionnaire measures; [] when it has none yet. */
async function studyMeasures(db: Parameters<typeof currentQuestionnaire>[0], studyId: number): Promise<string[]> {
  const q = await currentQuestionnaire(db, studyId).catch(() => null);
  return q ? measuresOf(q.definition) : [];
}
