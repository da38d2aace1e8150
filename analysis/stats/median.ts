import { quantile7 } from './quantile7.js';
import type { MaybeNumber } from './input.js';

/**
 * **Median** of a sample (R type 7 at p = ½, i.e. the mean of the two
 * middle values for even n). Missing values are ignored. Descriptive only
 * on a 5-point scale (METHODS §2.3); use `medianCI` for an interval.
 *
 * Reference: R `median(x)`. Cost: O(n log n).
 *
 * @returns the median, or null for an empty sample
 * @example
 * median([2, 3, 3, 4]); // 3 (R: median(c(2, 3, 3, 4)))
 */
export function median(values: readonly MaybeNumber[]): number | null {
  return quantile7(values, 0.5);
}
