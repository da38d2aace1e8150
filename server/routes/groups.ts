import type { FastifyRequest } from 'fastify';
import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import {
  GroupCountsResponse,
  GroupLinkResponse,
  GroupMembersBody,
  GroupMembersResponse,
  GroupParams,
  GroupsBody,
  GroupsResponse,
  RoundGroupParams,
} from '../../model/api/groups.js';
import { AnalysisFilterQuery } from '../../model/api/analysis.js';
import { audit } from '../audit.js';
import { filtersFromQuery } from '../analysis/service.js';
import { writeTx } from '../db/tx.js';
import { ApiError, refusal } from '../errors.js';
import { closeGroupLink, groupLink, groupLinkCounts, renewGroupLink } from '../groups/links.js';
import { groupsView, moveParticipants, saveGroups } from '../groups/service.js';
import { actorOf as setupActor } from '../setup/request-meta.js';
import { analysedFor } from './analysis.js';
import { actorOf, roundOf, studyOf } from './fieldwork-common.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * Respondent groups (model/respondent-groups.ts): the editor's list and saving it, the group of
 * participants, each group's anonymous link per round, and the counts per group that every
 * screen shows (analysis/study/group-responses.ts, through the analysis service's cache).
 */
const groupRoutes: RoutePlugin = async (app) => {
  const ctx = app.rondo;
  const db = ctx.store.db;

  app.get(
    '/api/studies/:slug/groups',
    { config: { permission: 'participants:read' }, schema: { params: SlugParams, response: { 200: GroupsResponse, ...STAFF_ERRORS } } },
    async (req) => groupsView(db, studyOf(req).id),
  );

  app.put(
    '/api/studies/:slug/groups',
    {
      config: { permission: 'study:write' },
      schema: { params: SlugParams, body: GroupsBody, response: { 200: GroupsResponse, ...STAFF_ERRORS } },
    },
    async (req) => {
      await saveGroups(db, studyOf(req).id, req.body.groups, setupActor(req));
      return groupsView(db, studyOf(req).id);
    },
  );

  app.put(
    '/api/studies/:slug/groups/:group/participants',
    {
      config: { permission: 'participants:write' },
      schema: { params: GroupParams, body: GroupMembersBody, response: { 200: GroupMembersResponse, ...STAFF_ERRORS } },
    },
    async (req) => ({
      ok: true as const,
      moved: await moveParticipants(db, studyOf(req).id, req.params.group, req.body.participants, setupActor(req)),
    }),
  );

  // The one count per group (invited, started, submitted), for the monitor; the dashboard and the
  // factsheet read the same numbers from the analysis they already have (response.byGroup).
  app.get(
    '/api/studies/:slug/groups/counts',
    {
      config: { permission: 'monitor:aggregate' },
      schema: { params: SlugParams, querystring: AnalysisFilterQuery, response: { 200: GroupCountsResponse, ...STAFF_ERRORS } },
    },
    async (req, reply) => {
      const { analysis } = await analysedFor(app.analysis, studyOf(req).slug, req.studyRole, filtersFromQuery(req.query));
      reply.header('cache-control', 'no-store');
      return { audience: analysis.audience, groups: analysis.response.byGroup };
    },
  );

  /** The group of the route, reached by anonymous link, or a clear refusal. */
  const anonymousGroup = (req: FastifyRequest, key: string) => {
    const group = studyOf(req).definition.groups?.find((g) => g.key === key);
    if (!group) throw new ApiError('NOT_FOUND', `There is no respondent group "${key}" in this study.`);
    if (!group.reach.includes('anonymous'))
      throw refusal(
        'VALIDATION',
        {
          nl: `Groep ‘${group.key}’ bereikt u alleen met persoonlijke links; ze heeft geen anonieme link.`,
          en: `Group "${group.key}" is reached by personal links only; it has no anonymous link.`,
        },
        { reason: 'GROUP_NOT_ANONYMOUS' },
      );
    return group;
  };

  const url = '/api/studies/:slug/fieldwork/rounds/:key/groups/:group/anonymous-link';
  const schema = { params: RoundGroupParams, response: { 200: GroupLinkResponse, ...STAFF_ERRORS } };
  const answer = async (roundId: number, groupKey: string) => {
    const link = await groupLink(ctx, db, roundId, groupKey);
    return { group: groupKey, linkOn: link !== null, link, ...(await groupLinkCounts(db, roundId, groupKey)) };
  };

  app.get(url, { config: { permission: 'fieldwork:read' }, schema }, async (req, reply) => {
    const group = anonymousGroup(req, req.params.group);
    const round = await roundOf(req, req.params.key);
    const result = await answer(round.id, group.key);
    if (result.link) {
      const { actor, session } = actorOf(req);
      await writeTx(db, (trx) =>
        audit(trx, {
          actor,
          session,
          studyId: studyOf(req).id,
          action: 'round.group-link.shown',
          target: `round:${round.key}/group:${group.key}`,
          at: ctx.now(),
        }),
      );
    }
    reply.header('cache-control', 'no-store');
    return result;
  });

  for (const [method, action] of [
    ['POST', 'enable'],
    ['DELETE', 'disable'],
  ] as const) {
    app.route({
      method,
      url,
      config: { permission: 'rounds:write' },
      schema,
      handler: async (req, reply) => {
        const group = anonymousGroup(req, req.params.group);
        const round = await roundOf(req, req.params.key);
        const { actor, session } = actorOf(req);
        await writeTx(db, async (trx) => {
          const generation = action === 'enable' ? await renewGroupLink(trx, ctx.secret, round.id, group.key) : null;
          if (action === 'disable') await closeGroupLink(trx, round.id, group.key);
          await audit(trx, {
            actor,
            session,
            studyId: studyOf(req).id,
            action: `round.group-link.${action}`,
            target: `round:${round.key}/group:${group.key}`,
            details: generation === null ? {} : { generation },
            at: ctx.now(),
          });
        });
        reply.header('cache-control', 'no-store');
        return answer(round.id, group.key);
      },
    });
  }
};
export default groupRoutes;
