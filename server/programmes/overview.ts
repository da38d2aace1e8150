import type { HiddenValueReason } from '../../model/hidden-value-reasons.js';
import type { Kysely } from 'kysely';
import type {
  ProgrammeIndicatorRow,
  ProgrammeIndicatorValue,
  ProgrammeNetwork,
  ProgrammeOverview,
  ProgrammePlanSummary,
} from '../../model/api/programme.js';
import type { LocalText } from '../../model/i18n.js';
import { ACTION_STATUSES } from '../../model/improvement.js';
import type { IndicatorSummary } from '../../model/indicators.js';
import type { IndicatorAnalysis } from '../../analysis/study/indicators.js';
import type { RoundSummary, StudyAnalysis } from '../../analysis/study/result.js';
import type { AnalysisService } from '../analysis/service.js';
import type { Database } from '../db/schema.js';
import { readCycle } from '../improvement/store.js';
import { networkDomains } from './domains.js';
import { programmeStudies, type StoredProgramme } from './store.js';

/**
 * The programme's overview (model/api/programme.ts), the one source of the regional screen, the
 * indicator CSV and the regional report. Each network's numbers come from that network's own
 * analysis for the aggregate audience (what a trainer of the network may see), with that
 * network's disclosure settings: a share or mean over fewer answers than its threshold is never
 * shown, and its count ("3 of 4") only when the network has chosen team mode. No participant,
 * answer, open answer, contact or action owner is read into it.
 */
export async function programmeOverview(
  db: Kysely<Database>,
  analysis: AnalysisService,
  programme: StoredProgramme,
  now: Date,
): Promise<ProgrammeOverview> {
  const studies = await programmeStudies(db, programme.id);
  const names = new Map<string, { name: LocalText; summary: IndicatorSummary }>();
  const domainLabels: Record<string, LocalText> = {};
  const networks: ProgrammeNetwork[] = [];
  for (const study of studies) {
    const analysed = await analysis.analyse(study.slug, { matched: false, audience: 'aggregate' });
    if (!analysed) continue;
    const a = analysed.analysis;
    for (const ind of a.indicators) if (programme.indicators.includes(ind.key) && !names.has(ind.key)) names.set(ind.key, ind);
    const { coverage, labels } = networkDomains(a);
    for (const [value, label] of Object.entries(labels)) domainLabels[value] ??= label;
    networks.push({
      slug: study.slug,
      title: study.definition.title,
      rounds: a.rounds.map((r) => ({ key: r.key, label: r.label, invited: r.invited, submitted: r.submitted })),
      indicators: programme.indicators.map((key) =>
        indicatorRow(
          key,
          a,
          a.indicators.find((i) => i.key === key),
        ),
      ),
      domains: coverage,
      plans: await planSummaries(db, study.id),
      disclosure: {
        minDenominatorForPercent: a.settings.minDenominatorForPercent,
        minSubgroup: a.settings.minSubgroup,
        teamMode: a.settings.teamMode === true,
      },
    });
  }
  return {
    programme: {
      slug: programme.slug,
      title: programme.title,
      ...(programme.description.nl || programme.description.en ? { description: programme.description } : {}),
    },
    generatedAt: now.toISOString(),
    indicators: programme.indicators.map((key) => {
      const known = names.get(key);
      return { key, name: known?.name ?? { nl: key, en: key }, summary: known?.summary ?? 'mean-score' };
    }),
    domainLabels,
    networks,
  };
}

const SHARES: readonly IndicatorSummary[] = ['share-agreeing', 'share-yes'];
const NOT_MEASURED: HiddenValueReason = 'not-measured';

function indicatorRow(key: string, a: StudyAnalysis, ind: IndicatorAnalysis | undefined): ProgrammeIndicatorRow {
  if (!ind)
    return {
      key,
      values: a.rounds.map((r) => ({ round: r.key, value: null, count: null, n: 0, low: null, high: null, reason: NOT_MEASURED })),
      change: null,
    };
  const values = ind.result.rounds.map((s) => roundValue(s, ind.summary, a));
  const change = ind.result.changes.find((c) => c.primary) ?? ind.result.changes[ind.result.changes.length - 1];
  return {
    key,
    values,
    change: change
      ? {
          from: change.from,
          to: change.to,
          evidence: change.conclusion.evidence,
          reason: change.conclusion.reason,
          direction: change.conclusion.direction,
          difference:
            (change.conclusion.basis === 'cross-sectional' ? change.crossSectional?.meanDifference : change.paired?.meanDifference) ?? null,
        }
      : null,
  };
}

/**
 * One round's value as the network's disclosure allows it. The aggregate analysis has already
 * removed every share, mean and interval under the threshold (analysis/study/suppression.ts);
 * what is left here is the count, shown under the threshold only in team mode.
 */
function roundValue(s: RoundSummary, summary: IndicatorSummary, a: StudyAnalysis): ProgrammeIndicatorValue {
  // Every reason has words on the regional screen and in the report (model/hidden-value-reasons.ts).
  const none = (reason: HiddenValueReason, count: number | null = null): ProgrammeIndicatorValue => ({
    round: s.round,
    value: null,
    count,
    n: s.n,
    low: null,
    high: null,
    reason,
  });
  if (!s.asked) return none('not-asked');
  if (s.n === 0) return none('no-answers');
  if (summary === 'distribution') return none('distribution');
  const share = SHARES.includes(summary);
  const estimate = share && s.topBox ? s.topBox.estimate : (s.mean?.estimate ?? null);
  const ci = share && s.topBox ? s.topBox.ci : (s.mean?.ci ?? null);
  const count = share && s.topBox ? s.topBox.x : null;
  if (s.n < a.settings.minDenominatorForPercent || estimate === null)
    return none(
      s.n < a.settings.minDenominatorForPercent ? 'too-few-for-percent' : (s.reason ?? 'suppressed'),
      a.settings.teamMode ? count : null,
    );
  return { round: s.round, value: estimate, count, n: s.n, low: ci?.[0] ?? null, high: ci?.[1] ?? null, reason: null };
}

/** The network's plans: goal, indicators and targets, actions per status and evaluated quarters; no owner is named. */
async function planSummaries(db: Kysely<Database>, studyId: number): Promise<ProgrammePlanSummary[]> {
  const cycle = await readCycle(db, studyId, null);
  return cycle.plans.map((p) => ({
    pointTitle: cycle.points.find((x) => x.id === p.point)?.title ?? '',
    year: p.year,
    goal: p.goal,
    indicators: p.indicators.map((i) => ({ key: i.key, target: i.target ?? null })),
    actions: Object.fromEntries(ACTION_STATUSES.map((st) => [st, p.actions.filter((x) => x.status === st).length])),
    quartersEvaluated: [...new Set(p.pdca.map((e) => e.quarter))].sort((x, y) => x - y),
  }));
}
