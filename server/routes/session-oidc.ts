import crypto from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { LoginOptionsResponse, SsoStartQuery, type SsoRefusal } from '../../model/api/sso.js';
import { ErrorBodySchema } from '../../model/api/common.js';
import { SSO_COOKIE, SSO_PATH, FLOW_TTL_MS, SsoRefused, claimedEmail, identityFrom, oidcClient, type SsoIdentity } from '../auth/oidc.js';
import { SESSION_COOKIE, createSession, endSession, setSessionCookie } from '../auth/session.js';
import { clearThrottle, recordFailure, throttleKeys, throttleWait } from '../auth/throttle.js';
import { safeNext } from '../auth/safe-next.js';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { createUser } from '../users.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * Single sign-on with OpenID Connect (server/auth/oidc.ts): the login screen's options, the
 * start of a login at the provider and the provider's callback. A login ends like a password
 * login: a new session, the `login` entry in the audit log (with `method: 'oidc'`), the
 * throttle cleared. A refusal changes nothing but the throttle and the audit log, and sends
 * the browser to the login screen with a reason it can say (`/login?sso=<reason>`).
 */
const ssoRoutes: RoutePlugin = async (app) => {
  const { config } = app.rondo;
  const oidc = config.oidc ? oidcClient(config.oidc) : null;
  const secureCookie = config.baseUrl.startsWith('https:');
  // A flood guard per address; refused logins are throttled below like password logins.
  const rateLimit = { max: 60, timeWindow: '1 minute' };

  app.get('/api/login/options', { schema: { response: { 200: LoginOptionsResponse } } }, async () => ({
    password: config.passwordLogin,
    sso: config.oidc ? { name: config.oidc.buttonName } : null,
  }));

  /** Back to the login screen, which says the reason (and how long to wait when throttled). */
  const refuse = (reply: FastifyReply, reason: SsoRefusal, waitSeconds = 0) =>
    reply.redirect(`/login?sso=${reason}${waitSeconds > 0 ? `&wait=${waitSeconds}` : ''}`, 303);
  const seconds = (ms: number) => Math.ceil(ms / 1000);
  /** Until the provider has named someone, a refusal counts against the address (and a per-address stand-in account). */
  const keysFor = (email: string | null, ip: string) => throttleKeys(email ?? `sso@${ip}`, ip);

  app.get(
    SSO_PATH,
    { schema: { querystring: SsoStartQuery, response: { 404: ErrorBodySchema } }, config: { rateLimit } },
    async (req, reply) => {
      if (!oidc) throw new ApiError('NOT_FOUND');
      const db = app.rondo.store.db;
      const now = app.rondo.now();
      const wait = await throttleWait(db, keysFor(null, req.ip), now);
      if (wait > 0) return refuse(reply, 'throttled', seconds(wait));
      try {
        const { flowId, url } = await oidc.start(db, safeNext(req.query.next), now);
        reply.setCookie(SSO_COOKIE, flowId, {
          path: SSO_PATH,
          httpOnly: true,
          // Lax: the provider sends the browser back with a top-level GET from its own site.
          sameSite: 'lax',
          secure: secureCookie,
          maxAge: FLOW_TTL_MS / 1000,
        });
        return reply.redirect(url, 303);
      } catch (err) {
        if (!(err instanceof SsoRefused)) throw err;
        req.log.warn({ detail: err.detail }, 'single sign-on could not start');
        return refuse(reply, err.reason);
      }
    },
  );

  app.get(`${SSO_PATH}/callback`, { schema: { response: { 404: ErrorBodySchema } }, config: { rateLimit } }, async (req, reply) => {
    if (!oidc) throw new ApiError('NOT_FOUND');
    const db = app.rondo.store.db;
    const now = app.rondo.now();
    const flowId = req.cookies[SSO_COOKIE];
    reply.clearCookie(SSO_COOKIE, { path: SSO_PATH });
    let identity: SsoIdentity | null = null;
    try {
      const addressWait = await throttleWait(db, keysFor(null, req.ip), now);
      if (addressWait > 0) throw new SsoRefused('throttled', 'address throttled', null, seconds(addressWait));
      const flow = await oidc.takeFlow(db, flowId, now);
      const claims = await oidc.finish(flow, new URL(req.url, 'http://rondo.invalid').search);
      // Throttled before any other check of the account, as the password login is.
      const email = claimedEmail(claims, oidc.settings.accountClaim);
      const keys = keysFor(email, req.ip);
      const accountWait = await throttleWait(db, keys, now);
      if (accountWait > 0) throw new SsoRefused('throttled', 'account throttled', email, seconds(accountWait));
      identity = identityFrom(claims, oidc.settings);
      const user = await accountFor(identity);
      // A new random session id at every login, as for a password login.
      await endSession(db, req.cookies[SESSION_COOKIE]);
      const session = await writeTx(db, async (trx) => {
        await clearThrottle(trx, keys);
        const s = await createSession(trx, user.id, now, { method: 'oidc' });
        await audit(trx, { actor: `user:${user.id}`, action: 'login', details: { method: 'oidc' }, at: now });
        return s;
      });
      setSessionCookie(reply, session.id, secureCookie);
      return reply.redirect(flow.next, 303);
    } catch (err) {
      const refusal = err instanceof SsoRefused ? err : null;
      if (!refusal) req.log.error({ err }, 'single sign-on failed');
      // A throttled attempt is neither counted again nor logged, as with the password login.
      if (refusal?.reason === 'throttled') return refuse(reply, 'throttled', refusal.waitSeconds);
      const email = refusal?.email ?? identity?.email ?? null;
      const user = email ? await db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst() : undefined;
      await writeTx(db, async (trx) => {
        await recordFailure(trx, keysFor(email, req.ip), now);
        await audit(trx, {
          actor: user ? `user:${user.id}` : 'anonymous',
          action: 'login.failed',
          target: user ? '' : 'unknown account',
          details: { method: 'oidc', reason: refusal?.reason ?? 'failed', detail: refusal?.detail ?? 'internal' },
          at: now,
        });
      });
      return refuse(reply, refusal?.reason ?? 'failed');
    }
  });

  /** The account of a verified identity: matched by e-mail address, or created when configured. */
  async function accountFor(identity: SsoIdentity): Promise<{ id: number }> {
    const db = app.rondo.store.db;
    const user = await db.selectFrom('user').select(['id', 'disabled_at']).where('email', '=', identity.email).executeTakeFirst();
    if (user?.disabled_at) throw new SsoRefused('disabled', 'account disabled', identity.email);
    if (user) return user;
    if (!config.oidc?.createAccounts) throw new SsoRefused('unknown-account', 'no account', identity.email);
    // No study roles: an administrator or a study's researcher grants them in rondo. The local
    // password is random and shown to nobody, so the account logs in by single sign-on only.
    return createUser(
      db,
      { email: identity.email, displayName: identity.name, password: crypto.randomBytes(32).toString('base64url') },
      { actor: 'system' },
    );
  }
};
export default ssoRoutes;
