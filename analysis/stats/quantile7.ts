import { presentValues } from './input.js';
import type { MaybeNumber } from './input.js';

/**
 * **Sample quantile, R type 7** (R's default and simple-statistics 7.12.1's
 * `quantile`): linear interpolation between order statistics at position
 * 1 + (n − 1)·p. Missing values (null, NaN) are ignored.
 *
 * Implemented here rather than wrapped because older simple-statistics
 * versions used another rule (METHODS §2.3); this pins the semantics. The
 * interpolation is written as (1 − h)·x₍ₗₒ₎ + h·x₍ₕᵢ₎, exactly as R does.
 *
 * Reference: R `quantile(x, p, type = 7)`; Hyndman & Fan (1996), Am Stat
 * 50:361. Cost: O(n log n).
 *
 * @param values the sample
 * @param p a probability in [0, 1]
 * @returns the quantile, or null for an empty sample or p outside [0, 1]
 * @example
 * quantile7([1, 2, 3, 4], 0.25); // 1.75 (R: quantile(1:4, 0.25))
 */
export function quantile7(values: readonly MaybeNumber[], p: number): number | null {
  const sorted = presentValues(values).values.sort((a, b) => a - b);
  return quantile7Sorted(sorted, p);
}

/** `quantile7` on an already sorted array of finite numbers (internal). */
export function quantile7Sorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return null;
  const index = (n - 1) * p; // 0-based position
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo];
  const h = index - lo;
  if (index > lo && sorted[hi] !== low) return (1 - h) * low + h * sorted[hi];
  return low;
}
