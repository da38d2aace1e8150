import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { verifyPassword } from '../auth/password.js';
import { SESSION_COOKIE, ABSOLUTE_TIMEOUT_MS, createSession, endSession } from '../auth/session.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { normaliseEmail } from '../users.js';
import { writeTx } from '../db/tx.js';

// A hash of a random password: wrong e-mail addresses cost the same time as wrong passwords.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

/** Staff login, logout and "who am I". */
export default async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const secureCookie = app.rondo.config.baseUrl.startsWith('https:');

  app.post<{ Body: { email: string; password: string } }>(
    '/api/login',
    { schema: { body: LoginBody }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const db = app.rondo.store.db;
      const email = normaliseEmail(req.body.email);
      const user = await db.selectFrom('user').select(['id', 'password_hash', 'disabled_at']).where('email', '=', email).executeTakeFirst();
      const ok = await verifyPassword(req.body.password, user?.password_hash ?? DUMMY_HASH).catch(() => false);
      if (!user || !ok || user.disabled_at) {
        await writeTx(db, (trx) => audit(trx, { actor: user ? `user:${user.id}` : 'anonymous', action: 'login.failed', target: user ? '' : 'unknown account' }));
        throw new ApiError('UNAUTHENTICATED', 'E-mail address or password is not correct.');
      }
      const now = app.rondo.now();
      const session = await writeTx(db, async (trx) => {
        const s = await createSession(trx, user.id, now);
        await audit(trx, { actor: `user:${user.id}`, action: 'login', session: '' });
        return s;
      });
      reply.setCookie(SESSION_COOKIE, session.id, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie,
        maxAge: Math.floor(ABSOLUTE_TIMEOUT_MS / 1000),
      });
      return { ok: true, csrfToken: session.csrfToken };
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
    const studies = await app.rondo.store.db
      .selectFrom('study_member')
      .innerJoin('study', 'study.id', 'study_member.study_id')
      .select(['study.slug', 'study.definition', 'study_member.role'])
      .where('study_member.user_id', '=', s.user.id)
      .orderBy('study.id')
      .execute();
    return {
      user: s.user,
      csrfToken: s.csrfToken,
      studies: studies.map((r) => ({ slug: r.slug, title: (JSON.parse(r.definition) as { title: unknown }).title, role: r.role })),
    };
  });
}
