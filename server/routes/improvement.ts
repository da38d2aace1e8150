import type { FastifyReply, FastifyRequest } from 'fastify';
import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import {
  ActionBody,
  ActionEditBody,
  ActionStatusBody,
  HistoryResponse,
  IdParams,
  ImprovementResponse,
  PdcaBody,
  PlanBody,
  PlanEditBody,
  PointBody,
  QuarterParams,
  SelectBody,
  VoteBody,
  type PlanView,
} from '../../model/api/improvement.js';
import type { IndicatorAnalysis } from '../../analysis/study/index.js';
import { term, withDeterminer } from '../../model/vocabulary.js';
import { roleAllows } from '../auth/policy.js';
import { filtersFromQuery } from '../analysis/service.js';
import { listRounds, roundState } from '../fieldwork/rounds.js';
import {
  addAction,
  createPlan,
  currentIndicators,
  cycleHistory,
  decidePoint,
  editAction,
  editPlan,
  proposePoint,
  readCycle,
  savePdca,
  setActionStatus,
  studyMembers,
  votePoint,
} from '../improvement/store.js';
import { actorOf } from '../setup/request-meta.js';
import { analysedFor } from './analysis.js';
import { studyOf } from './fieldwork-common.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * The improvement cycle (issue 17): the network connector (the study's researcher) proposes and
 * selects improvement points, writes the yearly plan with its actions and records the quarterly
 * PDCA entries; every member sees the plan, votes while a round is open and changes the status of
 * their own actions. Each changing reply carries the new state, so the screen never works from a
 * stale version; a stale one is refused with 409 (server/improvement/store.ts).
 */

/** An indicator's values per round and its changes, in the honest terms a small team allows. */
function indicatorValues(ind: IndicatorAnalysis | undefined): Pick<PlanView['indicators'][number], 'rounds' | 'changes'> {
  if (!ind) return { rounds: [], changes: [] };
  const share = ind.summary === 'share-agreeing' || ind.summary === 'share-yes';
  return {
    rounds: ind.result.rounds.map((r) => ({
      round: r.round,
      n: r.n,
      value: (r.topBox ? r.topBox.estimate : r.mean?.estimate) ?? null,
      kind: share ? ('share' as const) : ('mean' as const),
      reason: r.reason,
    })),
    changes: ind.result.changes.map((c) => ({
      from: c.from,
      to: c.to,
      evidence: c.conclusion.evidence,
      observed: c.conclusion.observed,
      reason: c.conclusion.reason,
    })),
  };
}

const improvementRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;
  const base = '/api/studies/:slug/improvement';

  const view = async (req: FastifyRequest) => {
    const study = studyOf(req);
    const me = req.session!.user.id;
    const stored = await readCycle(db, study.id, me);
    const indicators = await currentIndicators(db, study.id);
    const valuesShown = roleAllows(req.studyRole, 'analysis:aggregate');
    const analysed =
      valuesShown && stored.plans.length
        ? (await analysedFor(app.analysis, study.slug, req.studyRole, filtersFromQuery({}))).analysis.indicators
        : [];
    const now = app.rondo.now();
    return {
      points: stored.points,
      plans: stored.plans.map((p) => ({
        ...p,
        indicators: p.indicators.map((i) => ({
          ...i,
          name: indicators.find((x) => x.key === i.key)?.name ?? null,
          ...indicatorValues(analysed.find((a) => a.key === i.key)),
        })),
      })),
      members: await studyMembers(db, study.id),
      indicators: indicators.map((i) => ({ key: i.key, name: i.name })),
      rounds: (await listRounds(db, study.id)).map((r) => ({
        key: r.key,
        label: { nl: r.label_nl, en: r.label_en || r.label_nl },
        state: roundState(r, now),
      })),
      me,
      canManage: roleAllows(req.studyRole, 'plan:write'),
      valuesShown,
      roundWord: { nl: roundWord(req).nl, en: roundWord(req).en },
    };
  };
  const changed = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    return view(req);
  };
  const by = (req: FastifyRequest) => actorOf(req);
  const roundWord = (req: FastifyRequest) => {
    const vocabulary = studyOf(req).definition.vocabulary;
    return {
      nl: term(vocabulary, 'round', 'nl'),
      en: term(vocabulary, 'round', 'en'),
      nlThe: withDeterminer(vocabulary, 'round', 'nl', 'de'),
    };
  };
  const id = (req: { params: { id: string } }) => Number(req.params.id);
  const response = { 200: ImprovementResponse, ...STAFF_ERRORS };

  app.get(base, { config: { permission: 'plan:read' }, schema: { params: SlugParams, response } }, async (req, reply) =>
    changed(req, reply),
  );

  app.get(
    `${base}/history`,
    { config: { permission: 'plan:read' }, schema: { params: SlugParams, response: { 200: HistoryResponse, ...STAFF_ERRORS } } },
    async (req) => ({ entries: await cycleHistory(db, studyOf(req).id) }),
  );

  app.post(
    `${base}/points`,
    { config: { permission: 'plan:write' }, schema: { params: SlugParams, body: PointBody, response } },
    async (req, reply) => {
      await proposePoint(db, studyOf(req).id, req.body, by(req), roundWord(req));
      return changed(req, reply);
    },
  );

  app.post(
    `${base}/points/:id/vote`,
    { config: { permission: 'plan:contribute' }, schema: { params: IdParams, body: VoteBody, response } },
    async (req, reply) => {
      await votePoint(db, studyOf(req).id, id(req), req.body.round, by(req), roundWord(req));
      return changed(req, reply);
    },
  );

  app.put(
    `${base}/points/:id/decision`,
    { config: { permission: 'plan:write' }, schema: { params: IdParams, body: SelectBody, response } },
    async (req, reply) => {
      await decidePoint(db, studyOf(req).id, id(req), req.body, by(req));
      return changed(req, reply);
    },
  );

  app.post(
    `${base}/plans`,
    { config: { permission: 'plan:write' }, schema: { params: SlugParams, body: PlanBody, response } },
    async (req, reply) => {
      await createPlan(db, studyOf(req).id, req.body, by(req));
      return changed(req, reply);
    },
  );

  app.put(
    `${base}/plans/:id`,
    { config: { permission: 'plan:write' }, schema: { params: IdParams, body: PlanEditBody, response } },
    async (req, reply) => {
      await editPlan(db, studyOf(req).id, id(req), req.body, by(req));
      return changed(req, reply);
    },
  );

  app.post(
    `${base}/plans/:id/actions`,
    { config: { permission: 'plan:write' }, schema: { params: IdParams, body: ActionBody, response } },
    async (req, reply) => {
      await addAction(db, studyOf(req).id, id(req), req.body, by(req));
      return changed(req, reply);
    },
  );

  app.put(
    `${base}/actions/:id`,
    { config: { permission: 'plan:write' }, schema: { params: IdParams, body: ActionEditBody, response } },
    async (req, reply) => {
      await editAction(db, studyOf(req).id, id(req), req.body, by(req));
      return changed(req, reply);
    },
  );

  app.put(
    `${base}/actions/:id/status`,
    { config: { permission: 'plan:contribute' }, schema: { params: IdParams, body: ActionStatusBody, response } },
    async (req, reply) => {
      await setActionStatus(db, studyOf(req).id, id(req), req.body, { ...by(req), role: req.studyRole });
      return changed(req, reply);
    },
  );

  app.put(
    `${base}/plans/:id/pdca/:quarter`,
    { config: { permission: 'plan:write' }, schema: { params: QuarterParams, body: PdcaBody, response } },
    async (req, reply) => {
      await savePdca(db, studyOf(req).id, id(req), Number(req.params.quarter), req.body, by(req));
      return changed(req, reply);
    },
  );
};
export default improvementRoutes;
