import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { SLUG_PATTERN } from '../../model/index.js';
import { STUDY_ROLES, type StudyRole } from '../db/schema.js';
import { addMember, changeRole, listMembers, removeMember } from '../setup/members.js';
import { actorOf } from '../setup/request-meta.js';

const RoleSchema = Type.Union(STUDY_ROLES.map((r) => Type.Literal(r)));
const Slug = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }) });
const SlugUser = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }), userId: Type.String({ pattern: '^[0-9]{1,9}$' }) });
const AddBody = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }), role: RoleSchema }, { additionalProperties: false });
const RoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });

/** The people of a study and their roles; researchers add trainers and managers by e-mail. */
export default async function memberRoutes(app: FastifyInstance): Promise<void> {
  const db = app.rondo.store.db;

  app.get<{ Params: { slug: string } }>('/api/studies/:slug/members', { schema: { params: Slug }, config: { permission: 'members:read' } }, async (req) => ({
    members: await listMembers(db, req.study!.id),
  }));

  app.post<{ Params: { slug: string }; Body: Static<typeof AddBody> }>(
    '/api/studies/:slug/members',
    { schema: { params: Slug, body: AddBody }, config: { permission: 'members:write' } },
    async (req, reply) => reply.code(201).send(await addMember(db, req.study!.id, req.body.email, req.body.role as StudyRole, actorOf(req))),
  );

  app.patch<{ Params: { slug: string; userId: string }; Body: Static<typeof RoleBody> }>(
    '/api/studies/:slug/members/:userId',
    { schema: { params: SlugUser, body: RoleBody }, config: { permission: 'members:write' } },
    async (req) => {
      await changeRole(db, req.study!.id, Number(req.params.userId), req.body.role as StudyRole, actorOf(req));
      return { ok: true };
    },
  );

  app.delete<{ Params: { slug: string; userId: string } }>(
    '/api/studies/:slug/members/:userId',
    { schema: { params: SlugUser }, config: { permission: 'members:write' } },
    async (req) => {
      await removeMember(db, req.study!.id, Number(req.params.userId), actorOf(req));
      return { ok: true };
    },
  );
}
