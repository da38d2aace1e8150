import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { STAFF_ERRORS } from '../../model/api/common.js';
import { AnonymousLinkResponse, RoundParams } from '../../model/api/fieldwork.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { anonymousCounts } from '../fieldwork/anonymous.js';
import { anonymousLink, closeAnonymousLink, renewAnonymousLink } from '../respondent/links.js';
import { actorOf, roundOf, studyOf } from './fieldwork-common.js';
import type { RoutePlugin } from './route-plugin.js';

type Action = 'enable' | 'regenerate' | 'disable';

/**
 * A round's anonymous link (server/respondent/links.ts): one open link for people outside the
 * cohort. Turning it on, showing it again, replacing it (the old one then stops working) and
 * turning it off are for the study's researchers. Each change is in the audit trail with the
 * link's generation, never the link. No participant's data is shown, so nothing goes to the
 * access log.
 */
const fieldworkAnonymousRoutes: RoutePlugin = async (app) => {
  const ctx = app.rondo;
  const db = ctx.store.db;
  const url = '/api/studies/:slug/fieldwork/rounds/:key/anonymous-link';
  const schema = { params: RoundParams, response: { 200: AnonymousLinkResponse, ...STAFF_ERRORS } };

  const answer = async (roundId: number) => {
    const { linkOn, submitted, drafts } = await anonymousCounts(db, roundId);
    return { linkOn, link: linkOn ? await anonymousLink(ctx, db, roundId) : null, submitted, drafts };
  };

  const linkOn = async (trx: Kysely<Database>, roundId: number) =>
    !!(await trx.selectFrom('round').select('anonymous_link_hash').where('id', '=', roundId).executeTakeFirstOrThrow()).anonymous_link_hash;

  /** One change, its precondition and its audit entry in one write transaction. */
  const change = async (req: FastifyRequest, key: string, action: Action) => {
    const study = studyOf(req);
    const round = await roundOf(req, key);
    const { actor, session } = actorOf(req);
    await writeTx(db, async (trx) => {
      const on = await linkOn(trx, round.id);
      if (action === 'enable' && on)
        throw new ApiError('CONFLICT', 'The anonymous link of this round is already on.', { reason: 'ANONYMOUS_ON' });
      if (action === 'regenerate' && !on)
        throw new ApiError('CONFLICT', 'This round has no anonymous link; turn it on first.', { reason: 'ANONYMOUS_OFF' });
      if (action === 'disable' && !on) return;
      const generation = action === 'disable' ? null : await renewAnonymousLink(trx, ctx.secret, round.id);
      if (action === 'disable') await closeAnonymousLink(trx, round.id);
      await audit(trx, {
        actor,
        session,
        studyId: study.id,
        action: `round.anonymous-link.${action}`,
        target: `round:${round.key}`,
        details: generation === null ? {} : { generation },
        at: ctx.now(),
      });
    });
    return round;
  };

  app.get(url, { config: { permission: 'fieldwork:read' }, schema }, async (req, reply) => {
    const round = await roundOf(req, req.params.key);
    const result = await answer(round.id);
    if (result.link) {
      const { actor, session } = actorOf(req);
      await writeTx(db, (trx) =>
        audit(trx, {
          actor,
          session,
          studyId: studyOf(req).id,
          action: 'round.anonymous-link.shown',
          target: `round:${round.key}`,
          at: ctx.now(),
        }),
      );
    }
    reply.header('cache-control', 'no-store');
    return result;
  });

  for (const [method, path, action] of [
    ['POST', url, 'enable'],
    ['POST', `${url}/regenerate`, 'regenerate'],
    ['DELETE', url, 'disable'],
  ] as const) {
    app.route({
      method,
      url: path,
      config: { permission: 'rounds:write' },
      schema,
      handler: async (req, reply) => {
        const round = await change(req, req.params.key, action);
        reply.header('cache-control', 'no-store');
        return answer(round.id);
      },
    });
  }
};
export default fieldworkAnonymousRoutes;
