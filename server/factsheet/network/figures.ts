import type { LocalText } from '../../../model/index.js';
import type { DomainCoverage } from '../../../model/domains.js';
import type { ActionStatus } from '../../../model/improvement.js';
import type { StudyAnalysis } from '../../../analysis/study/result.js';
import type { Change, CustomIndicator, FactsheetData, MeanValue } from '../../../analysis/findings/data.js';
import { changeOf, shareOf } from '../../../analysis/findings/source.js';

/**
 * The numbers a network study's factsheet sections print (issue 17, deliverable 5): the study's
 * indicators with the change from the last-but-one to the last round, domain coverage, and the
 * improvement plans as stored. Plain JSON, stored with the factsheet data of a published version
 * (`FactsheetData.network`, declared below), so a published factsheet keeps the plan as it was.
 * Built from the analysis (the same result as the dashboard) and the improvement store; pure.
 */
export interface NetworkFigures {
  format: 'rondo.network-figures/1';
  /**
   * The study's indicators (distributions left out: a sentence needs one value per round), in the
   * shape of the factsheet's own indicators, with `change` the last-but-one → last round pair
   * (not the primary first → last), so the claims checker compares the sentences with these figures.
   */
  indicators: CustomIndicator[];
  /** Domain coverage from the cohort and the answers; null when the study names no domain attribute. */
  domains: DomainCoverage | null;
  /** Labels of the role attribute's values (team, support network), so no code is printed. */
  roleLabels: Record<string, LocalText>;
  plans: NetworkPlan[];
  /** When the plans were read (ISO): "the next quarter without an entry" is counted from here. */
  asOf: string;
}

export interface NetworkPlan {
  id: number;
  /** The selected improvement point. */
  point: { title: string; selectedBy: 'vote' | 'connector' | null; votes: number };
  year: number;
  goal: string;
  indicators: { key: string; target: number }[];
  actions: NetworkAction[];
  pdca: { quarter: number; done: string; measured: string; adjusted: string }[];
}

export interface NetworkAction {
  description: string;
  due: string;
  status: ActionStatus;
  /** The owner's role in the study (researcher: the network connector) and name; the name is printed only when allowed. */
  ownerRole: string | null;
  ownerName: string;
}

declare module '../../../analysis/findings/data.js' {
  interface FactsheetData {
    /** netfs (issue 17): a network study's indicators, domain coverage and plans; absent for other studies. */
    network?: NetworkFigures;
  }
}

/** What the builder needs from the improvement store (server/improvement/store.ts readCycle, studyMembers). */
export interface CycleInput {
  points: { id: number; title: string; status: string; selectedBy: 'vote' | 'connector' | null; votes: number }[];
  plans: {
    id: number;
    point: number;
    year: number;
    goal: string;
    indicators: { key: string; target: number }[];
    actions: { description: string; owner: number; ownerName: string; due: string; status: ActionStatus }[];
    pdca: { quarter: number; done: string; measured: string; adjusted: string }[];
  }[];
  members: { id: number; role: string }[];
}

/** The analysis with its domain coverage (analysis/study/domains.ts; absent in results made before it existed). */
export type AnalysisWithDomains = StudyAnalysis & { domains?: DomainCoverage | null };

export function networkFigures(
  analysis: AnalysisWithDomains,
  cycle: CycleInput,
  asOf: Date,
  roleLabels: Record<string, LocalText> = {},
): NetworkFigures {
  const points = new Map(cycle.points.map((p) => [p.id, p]));
  const roles = new Map(cycle.members.map((m) => [m.id, m.role]));
  return {
    format: 'rondo.network-figures/1',
    indicators: indicatorFigures(analysis),
    domains: analysis.domains ?? null,
    roleLabels,
    plans: cycle.plans.map((p) => {
      const point = points.get(p.point);
      return {
        id: p.id,
        point: { title: point?.title ?? '', selectedBy: point?.selectedBy ?? null, votes: point?.votes ?? 0 },
        year: p.year,
        goal: p.goal,
        indicators: p.indicators.map((i) => ({ key: i.key, target: i.target })),
        actions: p.actions.map((a) => ({
          description: a.description,
          due: a.due,
          status: a.status,
          ownerRole: roles.get(a.owner) ?? null,
          ownerName: a.ownerName,
        })),
        pdca: p.pdca.map((e) => ({ quarter: e.quarter, done: e.done, measured: e.measured, adjusted: e.adjusted })),
      };
    }),
    asOf: asOf.toISOString(),
  };
}

/**
 * Each indicator per round (a share with its Wilson interval, or a mean with its t-interval) and
 * its change between the last two rounds that have a value, with the evidence of that pair's
 * test (adjusted within the indicators' family where the analysis adjusted it).
 */
export function indicatorFigures(a: StudyAnalysis): CustomIndicator[] {
  const roundIndex = new Map(a.rounds.map((r, i) => [r.key, i]));
  const out: CustomIndicator[] = [];
  for (const ind of a.indicators ?? []) {
    if (ind.summary === 'distribution') continue;
    const v = ind.result;
    const at = (key: string) => v.rounds.find((s) => s.round === key) ?? null;
    const share = v.kind === 'binary';
    const perRound = a.rounds.map((r) => (share ? shareOf(at(r.key)) : null));
    const means = a.rounds.map((r): MeanValue | null => {
      const s = at(r.key);
      if (share || !s || !s.asked || s.n === 0 || !s.mean || s.mean.estimate === null) return null;
      return { value: s.mean.estimate, n: s.n, ci: s.mean.ci };
    });
    const has = (i: number) => (share ? (perRound[i]?.n ?? 0) > 0 : means[i] !== null);
    const rounds = a.rounds.map((_, i) => i).filter(has);
    let change: Change | null = null;
    if (rounds.length >= 2) {
      const from = a.rounds[rounds[rounds.length - 2]].key;
      const to = a.rounds[rounds[rounds.length - 1]].key;
      const pair = v.changes.find((c) => c.from === from && c.to === to);
      change = pair ? changeOf({ ...v, changes: [pair] }, roundIndex, a.settings.alpha) : null;
      if (change && !share) {
        const m0 = means[change.from];
        const m1 = means[change.to];
        change = { ...change, difference: m0 && m1 ? m1.value - m0.value : null, ci: null };
      }
    }
    out.push({
      id: ind.key,
      label: ind.name as LocalText,
      value: share ? 'share' : 'mean',
      percent: share || ind.scoring === 'person-share',
      ...(share ? { form: ind.summary === 'share-yes' ? ('yes' as const) : ('label' as const) } : {}),
      perRound,
      means,
      change,
    });
  }
  return out;
}

/** The factsheet data with the network figures in place of the factsheet's own indicators: what the claims are checked on. */
export function claimData(data: FactsheetData): FactsheetData {
  return data.network ? { ...data, custom: data.network.indicators } : data;
}
