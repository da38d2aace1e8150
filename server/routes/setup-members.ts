import { OkResponse, STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { AddMemberBody, MemberParams, MemberRoleBody, MembersResponse, StudyMember } from '../../model/api/setup.js';
import { addMember, changeRole, listMembers, removeMember } from '../setup/members.js';
import { actorOf } from '../setup/request-meta.js';
import type { RoutePlugin } from './route-plugin.js';

/** The people of a study and their roles; researchers add trainers and managers by e-mail. */
const memberRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/studies/:slug/members',
    { schema: { params: SlugParams, response: { 200: MembersResponse, ...STAFF_ERRORS } }, config: { permission: 'members:read' } },
    async (req) => ({ members: await listMembers(db, req.study!.id) }),
  );

  app.post(
    '/api/studies/:slug/members',
    { schema: { params: SlugParams, body: AddMemberBody, response: { 201: StudyMember, ...STAFF_ERRORS } }, config: { permission: 'members:write' } },
    async (req, reply) => reply.code(201).send(await addMember(db, req.study!.id, req.body.email, req.body.role, actorOf(req))),
  );

  app.patch(
    '/api/studies/:slug/members/:userId',
    { schema: { params: MemberParams, body: MemberRoleBody, response: { 200: OkResponse, ...STAFF_ERRORS } }, config: { permission: 'members:write' } },
    async (req) => {
      await changeRole(db, req.study!.id, Number(req.params.userId), req.body.role, actorOf(req));
      return { ok: true };
    },
  );

  app.delete(
    '/api/studies/:slug/members/:userId',
    { schema: { params: MemberParams, response: { 200: OkResponse, ...STAFF_ERRORS } }, config: { permission: 'members:write' } },
    async (req) => {
      await removeMember(db, req.study!.id, Number(req.params.userId), actorOf(req));
      return { ok: true };
    },
  );
};
export default memberRoutes;
