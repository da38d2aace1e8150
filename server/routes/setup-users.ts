import { OkResponse, STAFF_ERRORS } from '../../model/api/common.js';
import {
  AccountParams,
  AccountsResponse,
  AddMembershipBody,
  CreateAccountBody,
  CreatedAccount,
  ResetPasswordResponse,
  StudyMember,
  UpdateAccountBody,
} from '../../model/api/setup.js';
import { ApiError } from '../errors.js';
import { addMember } from '../setup/members.js';
import { createAccount, listAccounts, resetPassword, updateAccount } from '../setup/accounts.js';
import { actorOf } from '../setup/request-meta.js';
import { findStudyId, listStudies } from '../studies/repository.js';
import type { RoutePlugin } from './route-plugin.js';

/** Accounts, for instance administrators. */
const userRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/admin/users',
    { schema: { response: { 200: AccountsResponse, ...STAFF_ERRORS } }, config: { permission: 'admin:users' } },
    async () => ({
      users: await listAccounts(db),
      studies: (await listStudies(db)).map((s) => ({ slug: s.slug, title: s.definition.title })),
    }),
  );

  app.post(
    '/api/admin/users',
    { schema: { body: CreateAccountBody, response: { 201: CreatedAccount, ...STAFF_ERRORS } }, config: { permission: 'admin:users' } },
    async (req, reply) => {
      const created = await createAccount(db, req.body, actorOf(req));
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: { params: AccountParams, body: UpdateAccountBody, response: { 200: OkResponse, ...STAFF_ERRORS } },
      config: { permission: 'admin:users' },
    },
    async (req) => {
      await updateAccount(db, Number(req.params.id), req.body, actorOf(req));
      return { ok: true };
    },
  );

  app.post(
    '/api/admin/users/:id/studies',
    {
      schema: { params: AccountParams, body: AddMembershipBody, response: { 201: StudyMember, ...STAFF_ERRORS } },
      config: { permission: 'admin:users' },
    },
    async (req, reply) => {
      const studyId = await findStudyId(db, req.body.slug);
      if (studyId === null) throw new ApiError('VALIDATION', `There is no study "${req.body.slug}".`, { field: 'slug' });
      return reply.code(201).send(await addMember(db, studyId, { userId: Number(req.params.id) }, req.body.role, actorOf(req)));
    },
  );

  app.post(
    '/api/admin/users/:id/reset-password',
    { schema: { params: AccountParams, response: { 200: ResetPasswordResponse, ...STAFF_ERRORS } }, config: { permission: 'admin:users' } },
    async (req) => ({ password: await resetPassword(db, Number(req.params.id), actorOf(req)) }),
  );
};
export default userRoutes;
