import type { StudySettings } from '../../model/index.js';
import { suppressResponseTables } from './response-suppression.js';
import type { ChangeResult, DistributionCell, Effect, RoundSummary, StudyAnalysis, VariableAnalysis } from './result.js';

/** Cells with this many (1 to 4 by default: below minSubgroup) are hidden in subgroup tables. */
const isSmallCell = (count: number | null, minSubgroup: number) => count !== null && count > 0 && count < minSubgroup;

/**
 * Small-cell suppression for the 'aggregate' audience (trainers), with the study's thresholds
 * (METHODS §6). Researchers ('full') see every number, with flags instead.
 *
 * - Subgroup and attrition detail is not part of aggregated results: `response.byOrganisation`,
 *   `response.byRole` and `attrition` become null.
 * - A response rate over fewer than `minDenominatorForPercent` invited is not shown.
 * - An item summary with fewer than `minDenominatorForPercent` answers keeps its counts
 *   ("x of n") but loses every share, interval, mean and quantile.
 * - In a subgroup selection (filters or matched panel), distribution cells of 1 to
 *   minSubgroup − 1 are hidden, and when only one cell of a distribution is hidden the
 *   smallest other non-empty cell is hidden too (secondary suppression), so no hidden count
 *   can be recovered from n; a top-box count that is small on either side is hidden as well.
 * - Response patterns, pairs, complete cases and flow cells of 1 to minSubgroup − 1 are hidden
 *   together, with secondary suppression over all three tables and the per-round totals
 *   (response-suppression.ts).
 * - A trend point over fewer than `minDenominatorForPercent` answers loses its value (a mean or a
 *   share), as the round's summary does.
 * - A change between rounds compared on fewer than `minDenominatorForPercent` (pairs, or the
 *   smaller round) loses its difference in proportions or means and their intervals: a
 *   "+100 percentage points" is a percentage under the threshold. Tests and counts stay.
 * Rounds in which a subgroup has fewer than `minSubgroup` respondents are removed before the
 * analysis runs (analyze.ts), so no number about them is ever computed for this audience.
 * Mutates and returns `a`.
 */
export function suppressForAggregate(a: StudyAnalysis, settings: StudySettings): StudyAnalysis {
  a.attrition = null;
  a.response.byOrganisation = null;
  a.response.byRole = null;
  suppressResponseTables(a.response, a.rounds, settings.minSubgroup);
  for (const r of a.rounds) {
    if (r.invited > 0 && r.invited < settings.minDenominatorForPercent) {
      r.responseRate = null;
      r.responseRateCi = null;
      if (!r.flags.includes('suppressed')) r.flags.push('suppressed');
    }
  }
  const variables: VariableAnalysis[] = [
    ...a.items,
    ...a.tools.map((t) => t.use),
    ...(a.partners.flatMap((p) => [p.frequency, p.quality]).filter(Boolean) as VariableAnalysis[]),
  ];
  for (const v of variables) for (const s of v.rounds) suppressSummary(s, settings, a.selection.subgroup);
  for (const ind of a.indicators) for (const s of ind.result.rounds) suppressSummary(s, settings, a.selection.subgroup);
  for (const v of variables) for (const c of v.changes) suppressChange(c, settings.minDenominatorForPercent);
  // A trend point is the round's mean or share: hidden with it under the threshold.
  for (const tr of a.trends) for (const p of tr.points) if (p.n < settings.minDenominatorForPercent) p.value = null;
  for (const ind of a.indicators) for (const c of ind.result.changes) suppressChange(c, settings.minDenominatorForPercent);
  a.findings = a.findings.filter((f) => f.kind !== 'attrition');
  return a;
}

/** Effects that are a percentage or a mean: hidden with the shares and means they are made of. */
const SCALE_EFFECTS = new Set(['difference-in-proportions', 'mean-difference']);

function suppressChange(c: ChangeResult, minPercent: number): void {
  const hide = (e: Effect | null) => {
    if (e && SCALE_EFFECTS.has(e.measure)) (e.estimate = null), (e.ci = null);
  };
  if (c.paired && c.paired.n < minPercent) (c.paired.meanDifference = null), hide(c.paired.effect);
  const x = c.crossSectional;
  if (x && Math.min(x.nFrom, x.nTo) < minPercent) (x.meanDifference = null), hide(x.effect);
}

export function suppressSummary(s: RoundSummary, settings: StudySettings, subgroup: boolean): void {
  let hidden = false;
  if (s.n > 0 && s.n < settings.minDenominatorForPercent) {
    hidden = true;
    s.reason = 'no-percentage-below-threshold';
    if (s.distribution) for (const c of s.distribution) (c.share = null), c.ci !== undefined && (c.ci = null);
    if (s.topBox) {
      s.topBox.estimate = null;
      s.topBox.ci = null;
    }
    s.mean = s.mean ? { ...s.mean, estimate: null, sd: null, ci: null } : null;
    s.median = s.q1 = s.q3 = s.iqr = null;
  }
  if (subgroup && s.distribution) {
    const small = s.distribution.filter((c) => isSmallCell(c.count, settings.minSubgroup));
    const hide = (c: DistributionCell) => ((c.count = null), (c.share = null), c.ci !== undefined && (c.ci = null));
    for (const c of small) hide(c);
    if (small.length === 1) {
      // Secondary suppression: with n known, one hidden cell would follow from the others.
      const next = s.distribution.filter((c) => c.count !== null && c.count > 0).sort((x, y) => x.count! - y.count!)[0];
      if (next) hide(next);
    }
    if (small.length) {
      hidden = true;
      s.reason = s.reason ?? 'suppressed-small-cell';
    }
  }
  if (
    subgroup &&
    s.topBox &&
    (isSmallCell(s.topBox.x, settings.minSubgroup) || isSmallCell(s.topBox.x === null ? null : s.n - s.topBox.x, settings.minSubgroup))
  ) {
    hidden = true;
    s.topBox.x = null;
    s.topBox.estimate = null;
    s.topBox.ci = null;
  }
  if (hidden && !s.flags.includes('suppressed')) s.flags.push('suppressed');
}
