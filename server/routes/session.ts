import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../auth/password.js';
import { SESSION_COOKIE, createSession, endSession, setSessionCookie } from '../auth/session.js';
import { clearThrottle, pruneThrottle, recordFailure, throttleKeys, throttleWait } from '../auth/throttle.js';
import { safeNext } from '../auth/safe-next.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { normaliseEmail } from '../users.js';
import { writeTx } from '../db/tx.js';
import { listMemberStudies } from '../studies/repository.js';


const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    /** Where the app should go afterwards; answered back only when it is a safe /app path. */
    next: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const LoginReply = Type.Object({ ok: Type.Boolean(), csrfToken: Type.String(), next: Type.String(), mustChangePassword: Type.Boolean() });

/** Staff login, logout and "who am I". */
export default async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const secureCookie = app.rondo.config.baseUrl.startsWith('https:');
  let logins = 0;

  app.post<{ Body: { email: string; password: string; next?: string } }>(
    '/api/login',
    {
      schema: { body: LoginBody, response: { 200: LoginReply } },
      // A flood guard only (each attempt costs an scrypt hash); guessing is stopped by throttle.ts.
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
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
      const user = await db.selectFrom('user').select(['id', 'password_hash', 'disabled_at', 'must_change_password']).where('email', '=', email).executeTakeFirst();
      const ok = await verifyPassword(req.body.password, user?.password_hash ?? dummyHash() /* wrong addresses cost as much as wrong passwords */).catch(() => false);
      if (!user || !ok || user.disabled_at) {
        await writeTx(db, async (trx) => {
          await recordFailure(trx, keys, now);
          await audit(trx, { actor: user ? `user:${user.id}` : 'anonymous', action: 'login.failed', target: user ? '' : 'unknown account', at: now });
        });
        // One message for unknown accounts, wrong passwords and disabled accounts alike.
        throw new ApiError('UNAUTHENTICATED', 'E-mail address or password is not correct.', { reason: 'credentials' });
      }
      // A new random session id at every login: an id planted before login is never promoted.
      await endSession(db, req.cookies[SESSION_COOKIE]);
      // A hash made with a lower cost than today's is replaced now that the password is known.
      const rehashed = needsRehash(user.password_hash) ? await hashPassword(req.body.password) : null;
      const session = await writeTx(db, async (trx) => {
        if (rehashed) await trx.updateTable('user').set({ password_hash: rehashed }).where('id', '=', user.id).execute();
        await clearThrottle(trx, keys);
        const s = await createSession(trx, user.id, now);
        await audit(trx, { actor: `user:${user.id}`, action: 'login', at: now });
        return s;
      });
      setSessionCookie(reply, session.id, secureCookie);
      return { ok: true, csrfToken: session.csrfToken, next: safeNext(req.body.next), mustChangePassword: user.must_change_password === 1 };
    },
  );

  app.post('/api/logout', { config: { permission: 'self' } }, async (req, reply) => {
    await endSession(app.rondo.store.db, req.cookies[SESSION_COOKIE]);
    await writeTx(app.rondo.store.db, (trx) => audit(trx, { actor: `user:${req.session!.user.id}`, action: 'logout', session: req.session!.ref }));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/session', { config: { permission: 'self' } }, async (req) => {
    const s = req.session!;
    const studies = await listMemberStudies(app.rondo.store.db, s.user.id);
    const canCreateStudies = s.user.isAdmin || studies.some((r) => r.role === 'researcher');
    return {
      user: s.user,
      csrfToken: s.csrfToken,
      canCreateStudies,
      studies: studies.map((r) => ({ slug: r.slug, title: r.definition.title, role: r.role, isDemo: r.isDemo })),
    };
  });
}
