import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { LangSchema } from '../../model/index.js';
import { STUDY_ROLES } from '../db/schema.js';
import { createAccount, listAccounts, resetPassword, updateAccount } from '../setup/accounts.js';
import { actorOf } from '../setup/request-meta.js';
import { listStudies } from '../studies/repository.js';

const RoleSchema = Type.Union(STUDY_ROLES.map((r) => Type.Literal(r)));
const CreateBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    displayName: Type.String({ maxLength: 120 }),
    isAdmin: Type.Boolean(),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    language: Type.Optional(LangSchema),
    study: Type.Optional(Type.Object({ slug: Type.String({ maxLength: 64 }), role: RoleSchema }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
const UpdateBody = Type.Object(
  { displayName: Type.Optional(Type.String({ maxLength: 120 })), isAdmin: Type.Optional(Type.Boolean()), disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
// Path parameters arrive as text; Ajv does not coerce here, so the id is matched as digits.
const IdParamsText = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) });

/** Accounts, for instance administrators. */
export default async function userRoutes(app: FastifyInstance): Promise<void> {
  const db = app.rondo.store.db;

  app.get('/api/admin/users', { config: { permission: 'admin:users' } }, async () => ({
    users: await listAccounts(db),
    studies: (await listStudies(db)).map((s) => ({ slug: s.slug, title: s.definition.title })),
  }));

  app.post<{ Body: Static<typeof CreateBody> }>('/api/admin/users', { schema: { body: CreateBody }, config: { permission: 'admin:users' } }, async (req, reply) => {
    const created = await createAccount(db, req.body, actorOf(req));
    return reply.code(201).send(created);
  });

  app.patch<{ Params: { id: string }; Body: Static<typeof UpdateBody> }>(
    '/api/admin/users/:id',
    { schema: { params: IdParamsText, body: UpdateBody }, config: { permission: 'admin:users' } },
    async (req) => {
      await updateAccount(db, Number(req.params.id), req.body, actorOf(req));
      return { ok: true };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/admin/users/:id/reset-password',
    { schema: { params: IdParamsText }, config: { permission: 'admin:users' } },
    async (req) => ({ password: await resetPassword(db, Number(req.params.id), actorOf(req)) }),
  );
}
