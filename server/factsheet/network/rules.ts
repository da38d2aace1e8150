import type { CustomIndicator, DisclosureSettings } from '../../../analysis/findings/data.js';
import type { NetworkPlan } from './figures.js';

/**
 * The disclosure rule of the network sections, in one place (the sentences, the tables and the
 * claims checker all ask it): a value on at least `minDenominatorForPercent` answers is shown
 * with its interval; below that, team mode shows the team its own counts ("3 van 5") or a mean
 * score with its n, never a percentage; without team mode nothing but the n, as the dashboard's
 * charts do (web/dash/chart-configs/disclosure.ts).
 */
export type Visibility = 'value' | 'counts' | 'withheld';

export function visibility(n: number, ind: Pick<CustomIndicator, 'value' | 'percent'>, settings: DisclosureSettings): Visibility {
  if (n <= 0) return 'withheld';
  if (n >= settings.minDenominatorForPercent) return 'value';
  if (!settings.teamMode) return 'withheld';
  // A mean of per-person shares is a percentage: under the threshold it is never shown.
  if (ind.value === 'mean' && ind.percent) return 'withheld';
  return 'counts';
}

/** The n of an indicator in a round (0 when it has no answers there). */
export function nOf(ind: CustomIndicator, round: number): number {
  return (ind.value === 'share' ? ind.perRound[round]?.n : ind.means[round]?.n) ?? 0;
}

/** The last round in which the indicator has answers, or null. */
export function latestIndex(ind: CustomIndicator): number | null {
  for (let i = Math.max(ind.perRound.length, ind.means.length) - 1; i >= 0; i--) if (nOf(ind, i) > 0) return i;
  return null;
}

/**
 * A plan's target on the indicator's own scale: a share's target may be typed as a fraction
 * (0.8) or a percentage (80); anything above 1 is read as a percentage.
 */
export function shownTarget(ind: Pick<CustomIndicator, 'percent'>, target: number): number {
  return ind.percent && target > 1 ? target / 100 : target;
}

/**
 * Whether the latest value reached the target, compared as printed (whole percentages, one
 * decimal, or x/n for counts); 'unknown' when the value is not shown.
 */
export function targetState(
  ind: CustomIndicator,
  round: number,
  target: number,
  settings: DisclosureSettings,
): 'reached' | 'not-yet' | 'unknown' {
  const shown = visibility(nOf(ind, round), ind, settings);
  if (shown === 'withheld') return 'unknown';
  let value: number;
  if (ind.value === 'share') {
    const s = ind.perRound[round]!;
    value = shown === 'value' ? Math.round((s.x / s.n) * 100) / 100 : s.x / s.n;
  } else {
    const m = ind.means[round]!;
    value = ind.percent ? Math.round(m.value * 100) / 100 : Math.round(m.value * 10) / 10;
  }
  return value >= target ? 'reached' : 'not-yet';
}

/** The quarter (1–4) of an ISO date. */
export const quarterOf = (iso: string) => Math.floor(new Date(iso).getUTCMonth() / 3) + 1;

/**
 * The next quarter of the plan's year whose evaluation is still to be written: the first quarter
 * from now on (the whole year when the plan's year is ahead) without a PDCA entry; null when the
 * year is over or every remaining quarter has one.
 */
export function nextQuarter(plan: Pick<NetworkPlan, 'year' | 'pdca'>, asOf: string): number | null {
  const year = new Date(asOf).getUTCFullYear();
  if (year > plan.year) return null;
  const from = year < plan.year ? 1 : quarterOf(asOf);
  const done = new Set(plan.pdca.map((e) => e.quarter));
  for (let q = from; q <= 4; q++) if (!done.has(q)) return q;
  return null;
}
