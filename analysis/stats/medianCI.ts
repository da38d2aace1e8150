import { DEFAULT_CONF_LEVEL } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import { presentValues, validLevel } from './input.js';
import type { MaybeNumber } from './input.js';
import { pbinom } from './pbinom.js';
import { quantile7Sorted } from './quantile7.js';

export interface MedianCIResult extends StatResult {
  /** Order-statistic index k: the CI is [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎] (0 when no CI exists). */
  k: number;
  /** Actual coverage 1 − 2·P(Bin(n, ½) ≤ k − 1), ≥ the nominal level. */
  coverage: number | null;
  confLevel: number;
}

/**
 * **Distribution-free confidence interval for the median** by order
 * statistics (METHODS §2.3): k = #{j ∈ 0..n−1 : P(Bin(n, ½) ≤ j) ≤ α/2},
 * CI = [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎], coverage ≥ 1 − α. For k = 0 (n ≤ 5 at 95%) there
 * is no CI ('too-few-observations'). On a 5-point scale it is usually
 * uninformative. `estimate` is the type-7 median.
 *
 * Reference: R `k <- sum(pbinom(0:(n-1), n, .5) <= .025); sort(x)[c(k, n-k+1)]`
 * (n = 12 → k = 3, coverage 96.1%); Conover (1999) §3.2. Cost: O(n log n).
 *
 * @example
 * medianCI([1,2,3,4,5,6,7,8,9,10,11,12]).ci; // [3, 10]
 */
export function medianCI(values: readonly MaybeNumber[], options: { confLevel?: number } = {}): MedianCIResult {
  const level = validLevel(options.confLevel ?? DEFAULT_CONF_LEVEL);
  const { values: xs, dropped } = presentValues(values);
  const sorted = xs.sort((a, b) => a - b);
  const n = sorted.length;
  const notes: NoteCode[] = [];
  if (dropped > 0) notes.push('missing-dropped');
  const base = {
    method: 'Median with order-statistic (binomial) interval',
    n,
    estimate: quantile7Sorted(sorted, 0.5),
    statistic: null,
    p: null,
  };
  if (level === null) return { ...base, estimate: null, ci: null, k: 0, coverage: null, confLevel: 0, notes: ['invalid-input'] };
  const half = (1 - level) / 2;
  let k = 0;
  for (let j = 0; j < n; j++) if (pbinom(j, n, 0.5) <= half) k++;
  if (k === 0) return { ...base, ci: null, k, coverage: null, confLevel: level, notes: [...notes, 'too-few-observations'] };
  return { ...base, ci: [sorted[k - 1], sorted[n - k]], k, coverage: 1 - 2 * pbinom(k - 1, n, 0.5), confLevel: level, notes };
}
