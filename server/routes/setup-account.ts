import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { LangSchema } from '../../model/index.js';
import { setSessionCookie } from '../auth/session.js';
import { changeOwnPassword, updateOwnSettings } from '../setup/accounts.js';
import { actorOf } from '../setup/request-meta.js';

const PasswordBody = Type.Object(
  { current: Type.String({ minLength: 1, maxLength: 1024 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
const SettingsBody = Type.Object(
  { displayName: Type.Optional(Type.String({ maxLength: 120 })), language: Type.Optional(LangSchema) },
  { additionalProperties: false },
);

/** The logged-in user's own account: password and settings. */
export default async function accountRoutes(app: FastifyInstance): Promise<void> {
  const secure = app.rondo.config.baseUrl.startsWith('https:');

  app.put<{ Body: Static<typeof PasswordBody> }>(
    '/api/account/password',
    { schema: { body: PasswordBody }, config: { permission: 'self', rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const meta = actorOf(req);
      const session = await changeOwnPassword(app.rondo.store.db, meta.userId, req.body.current, req.body.password, meta);
      setSessionCookie(reply, session.id, secure);
      return { ok: true, csrfToken: session.csrfToken };
    },
  );

  app.patch<{ Body: Static<typeof SettingsBody> }>('/api/account', { schema: { body: SettingsBody }, config: { permission: 'self' } }, async (req) => {
    await updateOwnSettings(app.rondo.store.db, req.session!.user.id, req.body);
    return { ok: true };
  });
}
