import { iqr, median, quantile7, tInterval, wilson } from '../stats/index.js';
import { quantileFromCounts, tIntervalFromCounts } from './counts.js';
import { CELL, type AnalysisInput } from './input.js';
import type { PreparedVariable } from './prepare.js';
import type { DistributionCell, Flag, MeanSummary, Proportion, Reason, RoundSummary } from './result.js';

const T_INTERVAL = 'One-sample t-interval';

/** A Wilson proportion in the result shape. */
export function proportion(x: number, n: number): Proportion {
  const w = wilson(x, n);
  return { x, n, estimate: w.estimate, ci: w.ci, method: w.method };
}

/**
 * Per-item summary of one variable in one selected round (METHODS §2): the denominator n
 * counts substantive answers only; skipped, don't know, not applicable and not asked are
 * counted apart. Then, by kind: the full distribution, the top-box share with a Wilson
 * interval, the mean with a t-interval clipped to the scale, median and IQR (R type 7).
 */
export function summarizeRound(input: AnalysisInput, prep: PreparedVariable, k: number): RoundSummary {
  const settings = input.study.settings;
  const v = prep.v;
  const round = prep.rounds[k];
  const counts = round.stateCounts;
  const n = counts[CELL.ANSWERED];
  const respondents = round.respondents;
  const asked = respondents > 0 ? n + counts[CELL.SKIPPED] + counts[CELL.DONT_KNOW] + counts[CELL.NOT_APPLICABLE] > 0 : v.inRound[round.r];

  const flags: Flag[] = [];
  if (v.definitionChanged) flags.push('definition-changed');
  if (n > 0 && n < settings.minDenominatorForPercent) flags.push('no-percentage');
  else if (n > 0 && n < settings.smallNumbersBelow) flags.push('small-numbers');

  let distribution: DistributionCell[] | null = null;
  let topBox: Proportion | null = null;
  let mean: MeanSummary | null = null;
  let med: number | null = null;
  let q1: number | null = null;
  let q3: number | null = null;
  let spread: number | null = null;

  if (prep.categorical) {
    const hist = round.hist!;
    const values = prep.values!;
    const countOf = (code: number) => {
      const at = values.indexOf(code);
      return at < 0 ? 0 : hist[at];
    };
    distribution = v.codes!.map((c) => {
      const count = countOf(c.code);
      const cell: DistributionCell = { code: c.code, label: c.label, count, share: n > 0 ? count / n : null };
      // A single-choice item is reported option by option: each share with its own interval.
      if (v.kind === 'nominal') cell.ci = n > 0 ? wilson(count, n).ci : null;
      return cell;
    });
    if (v.topBox) {
      let x = 0;
      for (const code of new Set(v.topBox)) x += countOf(code);
      topBox = proportion(x, n);
    }
    if (v.kind === 'ordinal') {
      const t = tIntervalFromCounts(hist, values, v.range);
      if (t.clipped) flags.push('clipped');
      mean = { estimate: t.estimate, sd: t.sd, ci: t.ci, method: T_INTERVAL };
      if (n > 0) {
        med = quantileFromCounts(hist, values, 0.5);
        q1 = quantileFromCounts(hist, values, 0.25);
        q3 = quantileFromCounts(hist, values, 0.75);
        spread = q1 === null || q3 === null ? null : q3 - q1;
      }
    }
  } else if (v.kind === 'numeric') {
    const sorted = Array.from(round.answers!.slice().sort());
    const t = tInterval(sorted, v.range ? { range: v.range } : {});
    if (t.notes.includes('clipped')) flags.push('clipped');
    mean = { estimate: t.estimate, sd: t.sd, ci: t.ci, method: t.method };
    if (n > 0) {
      med = median(sorted);
      q1 = quantile7(sorted, 0.25);
      q3 = quantile7(sorted, 0.75);
      spread = iqr(sorted);
    }
  }

  const reason: Reason | null = !asked ? 'not-asked' : respondents === 0 ? 'no-respondents' : n === 0 ? 'no-answers' : null;
  return {
    round: input.rounds[round.r].key,
    asked,
    respondents,
    n,
    skipped: counts[CELL.SKIPPED],
    dontKnow: counts[CELL.DONT_KNOW],
    notApplicable: counts[CELL.NOT_APPLICABLE],
    notAsked: counts[CELL.NOT_ASKED],
    distribution,
    topBox,
    mean,
    median: med,
    q1,
    q3,
    iqr: spread,
    flags,
    reason,
  };
}
