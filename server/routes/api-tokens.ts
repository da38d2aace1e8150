import { ApiTokenList, ApiTokenParams, CreateApiTokenBody, CreatedApiToken } from '../../model/api/api-tokens.js';
import { OkResponse, STAFF_ERRORS } from '../../model/api/common.js';
import { ApiError } from '../errors.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../api-tokens/tokens.js';
import { actorOf } from '../setup/request-meta.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * The logged-in user's own API tokens: list, create (the token is in this answer only) and
 * revoke. These routes are in no token scope (server/api-tokens/scopes.ts), so only a
 * session with its CSRF token reaches them: a token cannot make or revoke tokens.
 */
const apiTokenRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/account/tokens',
    { schema: { response: { 200: ApiTokenList, ...STAFF_ERRORS } }, config: { permission: 'self' } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return { tokens: await listApiTokens(db, req.session!.user.id, app.rondo.now()) };
    },
  );

  app.post(
    '/api/account/tokens',
    {
      schema: { body: CreateApiTokenBody, response: { 201: CreatedApiToken, ...STAFF_ERRORS } },
      config: { permission: 'self', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      // A session that may only choose a password or set up two-factor login (the guard lets
      // such sessions reach `self` routes) must not make a key that skips those steps.
      const user = req.session!.user;
      if (user.mustChangePassword || user.mustEnrolTwoFactor) {
        throw new ApiError('FORBIDDEN', 'Finish setting up your account before making API tokens.', { reason: 'account-setup' });
      }
      const created = await createApiToken(db, req.body, actorOf(req));
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/account/tokens/:id',
    { schema: { params: ApiTokenParams, response: { 200: OkResponse, ...STAFF_ERRORS } }, config: { permission: 'self' } },
    async (req) => {
      await revokeApiToken(db, Number(req.params.id), actorOf(req));
      return { ok: true };
    },
  );
};

export default apiTokenRoutes;
