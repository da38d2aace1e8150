import { OkResponse, STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { AddMemberBody, MemberParams, MemberRoleBody, MembersResponse, StudyMember } from '../../model/api/setup.js';
import { addMember, changeRole, listMembers, removeMember } from '../setup/members.js';
import { ApiError } from '../errors.js';
import { actorOf } from '../setup/request-meta.js';
import type { RoutePlugin } from './route-plugin.js';

/** The people of a study and their roles: researchers change roles and remove people; administrators add them by e-mail. */
const memberRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/studies/:slug/members',
    { schema: { params: SlugParams, response: { 200: MembersResponse, ...STAFF_ERRORS } }, config: { permission: 'members:read' } },
    async (req) => ({ members: await listMembers(db, req.study!.id) }),
  );

  app.post(
    '/api/studies/:slug/members',
    {
      schema: { params: SlugParams, body: AddMemberBody, response: { 201: StudyMember, ...STAFF_ERRORS } },
      config: { permission: 'members:write' },
    },
    async (req, reply) => {
      // Adding a person means looking up an account by address: only administrators, who manage
      // accounts, may. Anyone else learns nothing of the address — refused before the lookup —
      // and cannot put another account in the study to end its sessions by removing it again.
      if (!req.session!.user.isAdmin) {
        throw new ApiError('FORBIDDEN', 'Only an administrator can add people to a study; ask them to add this person.', {
          reason: 'ask-admin',
        });
      }
      return reply.code(201).send(await addMember(db, req.study!.id, { email: req.body.email }, req.body.role, actorOf(req)));
    },
  );

  app.patch(
    '/api/studies/:slug/members/:userId',
    {
      schema: { params: MemberParams, body: MemberRoleBody, response: { 200: OkResponse, ...STAFF_ERRORS } },
      config: { permission: 'members:write' },
    },
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
