import { OkResponse, STAFF_ERRORS } from '../../model/api/common.js';
import { AccountParams, AccountsResponse, CreateAccountBody, CreatedAccount, ResetPasswordResponse, UpdateAccountBody } from '../../model/api/setup.js';
import { ApiError } from '../errors.js';
import { createAccount, listAccounts, resetPassword, updateAccount } from '../setup/accounts.js';
import { addMember } from '../setup/members.js';
import { actorOf } from '../setup/request-meta.js';
import type { RoutePlugin } from './route-plugin.js';

/** Accounts, for instance administrators. */
const userRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get('/api/admin/users', { schema: { response: { 200: AccountsResponse, ...STAFF_ERRORS } }, config: { permission: 'admin:users' } }, async () => ({
    users: await listAccounts(db),
    studies: (await db.selectFrom('study').select(['slug', 'definition']).orderBy('id').execute()).map((s) => ({ slug: s.slug, title: JSON.parse(s.definition).title })),
  }));

  app.post(
    '/api/admin/users',
    { schema: { body: CreateAccountBody, response: { 201: CreatedAccount, ...STAFF_ERRORS } }, config: { permission: 'admin:users' } },
    async (req, reply) => {
      const meta = actorOf(req);
      if (req.body.study) {
        const exists = await db.selectFrom('study').select('id').where('slug', '=', req.body.study.slug).executeTakeFirst();
        if (!exists) throw new ApiError('VALIDATION', `There is no study "${req.body.study.slug}".`, { field: 'study' });
      }
      const created = await createAccount(db, req.body, meta);
      if (req.body.study) {
        const study = await db.selectFrom('study').select('id').where('slug', '=', req.body.study.slug).executeTakeFirstOrThrow();
        await addMember(db, study.id, req.body.email, req.body.study.role, meta);
      }
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/admin/users/:id',
    { schema: { params: AccountParams, body: UpdateAccountBody, response: { 200: OkResponse, ...STAFF_ERRORS } }, config: { permission: 'admin:users' } },
    async (req) => {
      await updateAccount(db, Number(req.params.id), req.body, actorOf(req));
      return { ok: true };
    },
  );

  app.post(
    '/api/admin/users/:id/reset-password',
    { schema: { params: AccountParams, response: { 200: ResetPasswordResponse, ...STAFF_ERRORS } }, config: { permission: 'admin:users' } },
    async (req) => ({ password: await resetPassword(db, Number(req.params.id), actorOf(req)) }),
  );
};
export default userRoutes;
