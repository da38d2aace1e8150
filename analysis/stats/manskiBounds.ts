import type { StatResult } from './result.js';
import { isCount } from './input.js';

export interface ManskiBoundsResult extends StatResult {
  /** Worst/best case for the population proportion: [x/N, (x + N − r)/N]. Not a confidence interval. */
  bounds: [number, number] | null;
  /** Share of the eligible population that responded, r/N. */
  responseRate: number | null;
}

/**
 * **Worst/best-case (Manski) bounds** for a binary indicator under
 * non-response: with x "yes" among r respondents out of N eligible, the
 * population proportion lies in [x/N, (x + N − r)/N] whatever the
 * non-respondents would have said (METHODS §4.4). The bounds are returned
 * in `bounds`, not in `ci`: they are identification bounds, not sampling
 * uncertainty. `estimate` is the respondents' proportion x/r.
 *
 * Reference: Manski (1989), J Hum Resour 24:343; Manski (2003) Partial
 * Identification. Cost: O(1).
 *
 * @param x "yes" answers
 * @param r respondents to the item
 * @param N eligible population
 * @example
 * manskiBounds(9, 12, 34).bounds; // [0.2647, 0.9118] (26%–91%)
 */
export function manskiBounds(x: number, r: number, N: number): ManskiBoundsResult {
  const base = { method: 'Worst/best-case bounds (Manski)', ci: null, statistic: null, p: null };
  if (![x, r, N].every(isCount) || x > r || r > N) {
    return { ...base, n: isCount(r) ? r : 0, estimate: null, bounds: null, responseRate: null, notes: ['invalid-input'] };
  }
  if (N === 0) return { ...base, n: r, estimate: null, bounds: null, responseRate: null, notes: ['not-estimable'] };
  return {
    ...base,
    n: r,
    estimate: r > 0 ? x / r : null,
    bounds: [x / N, (x + N - r) / N],
    responseRate: r / N,
    notes: r > 0 ? [] : ['not-estimable'],
  };
}
