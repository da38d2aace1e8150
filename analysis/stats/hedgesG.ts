import { standardisedDifference } from './cohenD.js';
import type { StatResult } from './result.js';
import type { MaybeNumber } from './input.js';

/**
 * **Hedges' g**: Cohen's d times the small-sample correction
 * 1 − 3/(4(m + n) − 9), which removes most of d's upward bias at small n.
 *
 * Reference: Hedges (1981), J Educ Stat 6:107; Hedges & Olkin (1985).
 * Cost: O(m + n).
 *
 * @example
 * hedgesG(r3, r1).estimate; // 1.0303 · (1 − 3/123)
 */
export function hedgesG(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): StatResult {
  return standardisedDifference(x, y, 'Hedges’ g (bias-corrected d)', true);
}
