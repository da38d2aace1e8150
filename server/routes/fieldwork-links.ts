import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { STAFF_ERRORS, TextFile } from '../../model/api/common.js';
import { IdParams, LinkResponse, MailMergeQuery, RoundParams } from '../../model/api/fieldwork.js';
import { audit } from '../audit.js';
import { logAccess } from '../privacy/access-log.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { BOM } from '../csv-cell.js';
import { invitationLink, regenerateInvitationLink } from '../fieldwork/invitations.js';
import { exportMailMerge } from '../fieldwork/mail-merge.js';
import { actorOf, roundOf, studyOf } from './fieldwork-common.js';
import type { RoutePlugin } from './route-plugin.js';

/** Personal links without SMTP: the mail-merge file, one link at a time, and a new link on purpose. */
const fieldworkLinkRoutes: RoutePlugin = async (app) => {
  const ctx = app.rondo;
  const db = ctx.store.db;

  app.get(
    '/api/studies/:slug/fieldwork/rounds/:key/mail-merge.csv',
    {
      config: { permission: 'export:contacts' },
      schema: { params: RoundParams, querystring: MailMergeQuery, response: { 200: TextFile, ...STAFF_ERRORS } },
    },
    async (req, reply) => {
      const study = studyOf(req);
      const round = await roundOf(req, req.params.key);
      const { actor, session } = actorOf(req);
      const onlyNonresponders = req.query.only === 'nonresponders';
      const result = await exportMailMerge(db, {
        secret: ctx.secret,
        baseUrl: ctx.config.baseUrl,
        studyId: study.id,
        round,
        onlyNonresponders,
        actor,
        session,
        now: ctx.now(),
      });
      const name = `uitnodigingen-${study.slug}-${round.key}${onlyNonresponders ? '-nonrespons' : ''}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .header('x-rondo-rows', String(result.rows))
        .header('x-rondo-skipped', String(result.skipped.length))
        .send(BOM + result.csv);
    },
  );

  async function invitationOf(req: FastifyRequest, id: string) {
    const row = await db
      .selectFrom('invitation as i')
      .innerJoin('round as r', 'r.id', 'i.round_id')
      .innerJoin('participant as p', 'p.id', 'i.participant_id')
      .select([
        'i.id',
        'i.participant_id',
        'i.round_id',
        'i.token_generation',
        'i.revoked_at',
        'r.key as round_key',
        'p.key as participant_key',
      ])
      .where('i.id', '=', Number(id))
      .where('r.study_id', '=', studyOf(req).id)
      .executeTakeFirst();
    if (!row) throw new ApiError('NOT_FOUND', 'There is no such invitation in this study.');
    if (row.revoked_at) throw new ApiError('CONFLICT', 'This invitation was withdrawn.', { reason: 'REVOKED' });
    return row;
  }

  /** Records that staff were shown an invitation's personal link: in the audit trail and in the access log for personal data. */
  async function linkSeen(
    trx: Kysely<Database>,
    req: FastifyRequest,
    inv: { participant_key: string },
    seen: { action: string; details: Record<string, unknown>; at: Date; purpose: string },
  ): Promise<void> {
    const study = studyOf(req);
    const { actor, session } = actorOf(req);
    const { action, details, at, purpose } = seen;
    await audit(trx, { actor, session, studyId: study.id, action, target: `participant:${inv.participant_key}`, details, at });
    await logAccess(trx, { actor, session, studyId: study.id, kind: 'view', data: 'links', participants: [inv.participant_key], purpose });
  }

  app.get(
    '/api/studies/:slug/fieldwork/invitations/:id/link',
    { config: { permission: 'fieldwork:read' }, schema: { params: IdParams, response: { 200: LinkResponse, ...STAFF_ERRORS } } },
    async (req, reply) => {
      const inv = await invitationOf(req, req.params.id);
      await writeTx(db, (trx) =>
        linkSeen(trx, req, inv, {
          action: 'invitation.link-shown',
          details: { round: inv.round_key },
          at: ctx.now(),
          purpose: `personal link ${inv.round_key}`,
        }),
      );
      reply.header('cache-control', 'no-store');
      return { link: invitationLink(ctx.config.baseUrl, ctx.secret, inv), generation: inv.token_generation };
    },
  );

  app.post(
    '/api/studies/:slug/fieldwork/invitations/:id/regenerate',
    { config: { permission: 'fieldwork:send' }, schema: { params: IdParams, response: { 200: LinkResponse, ...STAFF_ERRORS } } },
    async (req, reply) => {
      const inv = await invitationOf(req, req.params.id);
      const now = ctx.now();
      const { generation } = await writeTx(db, async (trx) => {
        const result = await regenerateInvitationLink(trx, ctx.secret, inv.id);
        await linkSeen(trx, req, inv, {
          action: 'invitation.regenerate',
          details: { round: inv.round_key, generation: result.generation },
          at: now,
          purpose: `new personal link ${inv.round_key}`,
        });
        return result;
      });
      reply.header('cache-control', 'no-store');
      return { link: invitationLink(ctx.config.baseUrl, ctx.secret, { ...inv, token_generation: generation }), generation };
    },
  );
};
export default fieldworkLinkRoutes;
