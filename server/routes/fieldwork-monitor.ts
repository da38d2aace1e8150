import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import {
  MonitorResponse,
  MonitorRoundsResponse,
  ParticipantsQuery,
  ParticipantsResponse,
  PatternsQuery,
  PatternsResponse,
  RoundParams,
} from '../../model/api/fieldwork.js';
import { DEFAULT_STUDY_SETTINGS } from '../../model/index.js';
import { roleAllows } from '../auth/policy.js';
import { logViewed } from '../privacy/access-log.js';
import { anonymousCounts } from '../fieldwork/anonymous.js';
import { breakdown, funnel, patternTable, timeline } from '../fieldwork/monitor.js';
import { loadRoster, loadRosterStatus, type RosterStatus } from '../fieldwork/roster.js';
import { listRounds, roundState } from '../fieldwork/rounds.js';
import { roundOf, studyOf } from './fieldwork-common.js';
import type { RoutePlugin } from './route-plugin.js';
import { refusal } from '../errors.js';
import { folded } from '../../model/fold.js';

/**
 * The live monitor. Aggregates for researchers and trainers — trainers with small-cell
 * suppression and never the participant list — and for researchers, who has answered.
 */
const fieldworkMonitorRoutes: RoutePlugin = async (app) => {
  const ctx = app.rondo;
  const db = ctx.store.db;

  app.get(
    '/api/studies/:slug/fieldwork/monitor',
    {
      config: { permission: 'monitor:aggregate' },
      schema: { params: SlugParams, response: { 200: MonitorRoundsResponse, ...STAFF_ERRORS } },
    },
    async (req) => {
      const now = ctx.now();
      const rounds = await listRounds(db, studyOf(req).id);
      return {
        rounds: rounds.map((r) => ({
          key: r.key,
          label: { nl: r.label_nl, en: r.label_en },
          opensAt: r.opens_at,
          closesAt: r.closes_at,
          state: roundState(r, now),
        })),
        detail: roleAllows(req.studyRole, 'fieldwork:read'),
      };
    },
  );

  app.get(
    '/api/studies/:slug/fieldwork/monitor/:key',
    { config: { permission: 'monitor:aggregate' }, schema: { params: RoundParams, response: { 200: MonitorResponse, ...STAFF_ERRORS } } },
    async (req, reply) => {
      const study = studyOf(req);
      const round = await roundOf(req, req.params.key);
      const now = ctx.now();
      const settings = { ...DEFAULT_STUDY_SETTINGS, ...study.definition.settings };
      const suppress = !roleAllows(req.studyRole, 'fieldwork:read');
      const roster = await loadRoster(db, round);
      const mails = await db
        .selectFrom('outbox as o')
        .innerJoin('mail_batch as b', 'b.id', 'o.batch_id')
        .select(['b.kind', 'o.sent_at'])
        .where('b.round_id', '=', round.id)
        .where('o.status', '=', 'sent')
        .execute();
      const f = funnel(roster);
      const rules = { suppress, minSubgroup: settings.minSubgroup, minDenominatorForPercent: settings.minDenominatorForPercent };
      const until = round.closes_at && round.closes_at < now.toISOString() ? round.closes_at : now.toISOString();
      reply.header('cache-control', 'no-store');
      return {
        round: {
          key: round.key,
          label: { nl: round.label_nl, en: round.label_en },
          opensAt: round.opens_at,
          closesAt: round.closes_at,
          state: roundState(round, now),
        },
        totals: { ...f, rate: f.invited ? f.submitted / f.invited : null },
        anonymous: await anonymousCounts(db, round.id),
        suppressed: suppress,
        minSubgroup: settings.minSubgroup,
        byOrganisation: breakdown(roster, 'organisation', rules),
        byRole: breakdown(roster, 'role', rules),
        timeline: timeline(
          roster,
          mails.map((m) => ({ kind: m.kind, sentAt: m.sent_at! })),
          { from: round.opens_at, to: until },
        ),
        at: now.toISOString(),
      };
    },
  );

  app.get(
    '/api/studies/:slug/fieldwork/monitor/:key/participants',
    {
      config: { permission: 'fieldwork:read' },
      schema: { params: RoundParams, querystring: ParticipantsQuery, response: { 200: ParticipantsResponse, ...STAFF_ERRORS } },
    },
    async (req, reply) => {
      const round = await roundOf(req, req.params.key);
      const roster = await loadRoster(db, round);
      const { offset, limit, status, q } = req.query;
      const from = Number(offset ?? 0);
      const size = limit === undefined ? null : Number(limit);
      if (size !== null && (size < 1 || size > 500)) {
        throw refusal(
          'VALIDATION',
          { nl: 'Vraag 1 tot 500 rijen tegelijk op (limit).', en: 'Ask for 1 to 500 rows at a time (limit).' },
          { reason: 'LIMIT', field: 'limit' },
        );
      }
      const words = folded(q ?? '').trim();
      const matching = roster.filter(
        (e) =>
          (status !== 'open' || e.status !== 'submitted') &&
          (!words || [e.participantKey, e.name, e.organisation, e.email ?? ''].some((text) => folded(text).includes(words))),
      );
      const page = size === null ? matching.slice(from) : matching.slice(from, from + size);
      // Logged as seen: the rows sent, not the whole round (logViewed writes nothing for none).
      await logViewed(
        db,
        req,
        'contacts',
        page.map((e) => e.participantKey),
        `fieldwork monitor ${round.key}`,
      );
      reply.header('cache-control', 'no-store');
      return {
        participants: page.map((e) => ({
          invitationId: e.invitationId,
          participantKey: e.participantKey,
          name: e.name,
          email: e.email,
          organisation: e.organisation,
          role: e.role,
          status: e.status,
          sentAt: e.sentAt,
          openedAt: e.openedAt,
          submittedAt: e.submittedAt,
          remindedAt: e.remindedAt,
          reminderCount: e.reminderCount,
          lastMail: e.lastMail,
          pending: e.pending,
        })),
        matching: matching.length,
        total: roster.length,
        offset: from,
      };
    },
  );

  app.get(
    '/api/studies/:slug/fieldwork/patterns',
    {
      config: { permission: 'monitor:aggregate' },
      schema: { params: SlugParams, querystring: PatternsQuery, response: { 200: PatternsResponse, ...STAFF_ERRORS } },
    },
    async (req, reply) => {
      const study = studyOf(req);
      const now = ctx.now();
      const settings = { ...DEFAULT_STUDY_SETTINGS, ...study.definition.settings };
      const researcher = roleAllows(req.studyRole, 'fieldwork:read');
      // The monitor polls the counts only: no participant's pattern is sent, so none is logged as seen.
      const detail = researcher && req.query.detail !== 'counts';
      // Rounds that have begun: a future round says nothing about attrition yet.
      const rounds = (await listRounds(db, study.id)).filter((r) => ['open', 'closed'].includes(roundState(r, now)));
      // The counts need only where everyone stands (loadRosterStatus, half the roster's cost); each
      // participant's row needs the names too.
      const full = detail ? await Promise.all(rounds.map((r) => loadRoster(db, r))) : null;
      const rosters: RosterStatus[][] = full ?? (await Promise.all(rounds.map((r) => loadRosterStatus(db, r))));
      const byRound = rosters.map((roster) => new Map(roster.map((e) => [e.participantId, e.status === 'submitted'])));
      const patternOf = (id: number) => byRound.map((m) => (m.has(id) ? (m.get(id) ? '1' : '0') : '-')).join('');
      const ids = new Set(rosters.flatMap((roster) => roster.map((e) => e.participantId)));
      const people = new Map<number, { participantKey: string; name: string; organisation: string; role: string }>();
      for (const roster of full ?? [])
        for (const e of roster)
          people.set(e.participantId, { participantKey: e.participantKey, name: e.name, organisation: e.organisation, role: e.role });
      const rows = [...people].map(([id, p]) => ({ ...p, pattern: patternOf(id) }));
      rows.sort((a, b) => a.participantKey.localeCompare(b.participantKey));
      if (detail) {
        await logViewed(
          db,
          req,
          'participants',
          rows.map((r) => r.participantKey),
          'fieldwork response patterns',
        );
      }
      reply.header('cache-control', 'no-store');
      return {
        rounds: rounds.map((r) => ({ key: r.key, label: { nl: r.label_nl, en: r.label_en } })),
        suppressed: !researcher,
        total: ids.size,
        patterns: patternTable([...ids].map(patternOf), { suppress: !researcher, minSubgroup: settings.minSubgroup }),
        ...(detail ? { participants: rows } : {}),
      };
    },
  );
};
export default fieldworkMonitorRoutes;
