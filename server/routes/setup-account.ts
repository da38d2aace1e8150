import { OkResponse, STAFF_ERRORS } from '../../model/api/common.js';
import { PasswordBody, PasswordResponse, SettingsBody } from '../../model/api/setup.js';
import { setSessionCookie } from '../auth/session.js';
import { ApiError } from '../errors.js';
import { changeOwnPassword, updateOwnSettings } from '../setup/accounts.js';
import { actorOf } from '../setup/request-meta.js';
import type { RoutePlugin } from './route-plugin.js';

/** The logged-in user's own account: password and settings. */
const accountRoutes: RoutePlugin = async (app) => {
  const secure = app.rondo.config.baseUrl.startsWith('https:');

  app.put(
    '/api/account/password',
    {
      schema: { body: PasswordBody, response: { 200: PasswordResponse, ...STAFF_ERRORS } },
      config: { permission: 'self', rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      // A local password is of no use when password login is off: refuse to set one.
      if (!app.rondo.config.passwordLogin) {
        throw new ApiError('FORBIDDEN', 'Password login is switched off; your password is managed by single sign-on.', {
          reason: 'password-login-off',
        });
      }
      const meta = actorOf(req);
      const session = await changeOwnPassword(app.rondo.store.db, meta.userId, req.body.current, req.body.password, meta);
      setSessionCookie(reply, session.id, secure);
      return { ok: true, csrfToken: session.csrfToken };
    },
  );

  app.patch(
    '/api/account',
    { schema: { body: SettingsBody, response: { 200: OkResponse, ...STAFF_ERRORS } }, config: { permission: 'self' } },
    async (req) => {
      await updateOwnSettings(app.rondo.store.db, req.session!.user.id, req.body);
      return { ok: true };
    },
  );
};
export default accountRoutes;
