import type { Kysely } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { OverviewResponse, RoundActionResponse, RoundParams, ScheduleBody, type RoundSummary } from '../../model/api/fieldwork.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { admitLateParticipants, fireClose, fireOpen } from '../fieldwork/events.js';
import { activeParticipantsQuery } from '../fieldwork/invitations.js';
import { anonymousCounts } from '../fieldwork/anonymous.js';
import { groupLinkStates } from '../groups/links.js';
import { funnel } from '../fieldwork/monitor.js';
import { loadRosterStatus } from '../fieldwork/roster.js';
import { checkSchedule, findRound, getSchedule, listRounds, roundState, saveSchedule, type RoundRow } from '../fieldwork/rounds.js';
import { actorOf, roundOf, studyOf } from './fieldwork-common.js';
import type { RoutePlugin } from './route-plugin.js';

export async function roundSummary(db: Kysely<Database>, round: RoundRow, now: Date): Promise<RoundSummary> {
  const f = funnel(await loadRosterStatus(db, round));
  const active = await activeParticipantsQuery(db, round)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const invitedAll = await db
    .selectFrom('invitation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', round.id)
    .executeTakeFirstOrThrow();
  return {
    key: round.key,
    label: { nl: round.label_nl, en: round.label_en },
    position: round.position,
    opensAt: round.opens_at,
    closesAt: round.closes_at,
    state: roundState(round, now),
    schedule: await getSchedule(db, round.id),
    invited: f.invited,
    sent: f.sent,
    submitted: f.submitted,
    participantsWithoutInvitation: Math.max(0, Number(active.n) - Math.min(Number(invitedAll.n), f.invited)),
    anonymous: await anonymousCounts(db, round.id),
    groupLinks: await groupLinkStates(db, round.id),
  };
}

/** Rounds on screen: their schedule, and opening or closing them now. */
const fieldworkRoundRoutes: RoutePlugin = async (app) => {
  const ctx = app.rondo;
  const db = ctx.store.db;

  /**
   * A change to the round `key` of the request's study, in one write transaction: NOT_FOUND when
   * the study has no such round, else `change` with the round, the acting user and `audited`,
   * which records an action on that round at `now`.
   */
  async function changeRound(
    req: FastifyRequest,
    key: string,
    now: Date,
    change: (c: {
      trx: Kysely<Database>;
      round: RoundRow;
      actor: string;
      audited: (action: string, details: Record<string, unknown>) => Promise<void>;
    }) => Promise<void>,
  ): Promise<void> {
    const study = studyOf(req);
    const { actor, session } = actorOf(req);
    await writeTx(db, async (trx) => {
      const round = await findRound(trx, study.id, key);
      if (!round) throw new ApiError('NOT_FOUND', `There is no round "${key}" in this study.`);
      const audited = (action: string, details: Record<string, unknown>) =>
        audit(trx, { actor, session, studyId: study.id, action, target: `round:${round.key}`, details, at: now });
      await change({ trx, round, actor, audited });
    });
  }

  app.get(
    '/api/studies/:slug/fieldwork',
    { config: { permission: 'fieldwork:read' }, schema: { params: SlugParams, response: { 200: OverviewResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const study = studyOf(req);
      const now = ctx.now();
      const rounds = await listRounds(db, study.id);
      const smtp = ctx.config.smtp;
      return {
        smtp: {
          configured: smtp !== null,
          host: smtp?.host ?? null,
          port: smtp?.port ?? null,
          secure: smtp?.secure ?? false,
          from: smtp?.from ?? null,
        },
        languages: study.definition.languages,
        defaultLanguage: study.definition.defaultLanguage,
        baseUrl: ctx.config.baseUrl,
        rounds: await Promise.all(rounds.map((r) => roundSummary(db, r, now))),
      };
    },
  );

  app.put(
    '/api/studies/:slug/fieldwork/rounds/:key/schedule',
    {
      config: { permission: 'rounds:write' },
      schema: { params: RoundParams, body: ScheduleBody, response: { 200: RoundActionResponse, ...STAFF_ERRORS } },
    },
    async (req) => {
      const study = studyOf(req);
      const now = ctx.now();
      const body = { ...req.body, opensAt: normalise(req.body.opensAt), closesAt: normalise(req.body.closesAt) };
      if (body.language && !study.definition.languages.includes(body.language)) {
        throw new ApiError('VALIDATION', `This study has no ${body.language} texts.`, { reason: 'LANGUAGE', field: 'language' });
      }
      await changeRound(req, req.params.key, now, async ({ trx, round, actor, audited }) => {
        const issues = checkSchedule(round, body, now);
        if (issues.length) throw new ApiError('VALIDATION', issues.map((i) => i.message).join('; '), { reason: issues[0].reason, issues });
        const before = { opensAt: round.opens_at, closesAt: round.closes_at, ...(await getSchedule(trx, round.id)) };
        await saveSchedule(trx, round, body, actor, now);
        const reopened =
          roundState(round, now) === 'closed' && roundState({ opens_at: body.opensAt, closes_at: body.closesAt }, now) === 'open';
        await audited(reopened ? 'round.extend' : 'round.schedule', { before, after: body });
      });
      return { round: await roundSummary(db, await roundOf(req, req.params.key), ctx.now()) };
    },
  );

  app.post(
    '/api/studies/:slug/fieldwork/rounds/:key/open',
    { config: { permission: 'rounds:write' }, schema: { params: RoundParams, response: { 200: RoundActionResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const now = ctx.now();
      await changeRound(req, req.params.key, now, async ({ trx, round, actor, audited }) => {
        const state = roundState(round, now);
        if (state === 'open') throw new ApiError('CONFLICT', 'The round is already open.', { reason: 'ALREADY_OPEN' });
        if (state === 'closed')
          throw new ApiError('CONFLICT', 'The round has closed; set a later closing time to extend it.', { reason: 'CLOSED' });
        const opened: RoundRow = { ...round, opens_at: now.toISOString() };
        await trx.updateTable('round').set({ opens_at: opened.opens_at }).where('id', '=', round.id).execute();
        await audited('round.open-now', { scheduledFor: round.opens_at });
        (await fireOpen(trx, ctx.secret, opened, actor, now)) ?? (await admitLateParticipants(trx, ctx.secret, opened, now));
      });
      void app.fieldwork.sender.kick().catch((err) => req.log.error({ err }, 'sending failed'));
      return { round: await roundSummary(db, await roundOf(req, req.params.key), now) };
    },
  );

  app.post(
    '/api/studies/:slug/fieldwork/rounds/:key/close',
    { config: { permission: 'rounds:write' }, schema: { params: RoundParams, response: { 200: RoundActionResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const now = ctx.now();
      await changeRound(req, req.params.key, now, async ({ trx, round, actor, audited }) => {
        if (roundState(round, now) !== 'open') throw new ApiError('CONFLICT', 'Only an open round can be closed.', { reason: 'NOT_OPEN' });
        const closed: RoundRow = { ...round, closes_at: now.toISOString() };
        await trx.updateTable('round').set({ closes_at: closed.closes_at }).where('id', '=', round.id).execute();
        await audited('round.close-now', { scheduledFor: round.closes_at });
        await fireClose(trx, closed, actor, now);
      });
      return { round: await roundSummary(db, await roundOf(req, req.params.key), now) };
    },
  );
};
export default fieldworkRoundRoutes;

/** ISO-8601 UTC, as everything is stored. */
function normalise(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
