import { twoSampleT } from './twoSampleT.js';
import type { TTestOptions, TTestResult } from './twoSampleT.js';
import type { MaybeNumber } from './input.js';

/**
 * **Student's two-sample t-test** with pooled variance, df = m + n − 2.
 * Its statistic equals simple-statistics' `tTestTwoSample`, which gives no
 * df and no p.
 *
 * Reference: R `t.test(x, y, var.equal = TRUE)` (t = −2.545875 for
 * [1, 2, 3, 4] vs [3, 4, 5, 6, 7]). Cost: O(m + n).
 *
 * @example
 * studentT([1, 2, 3, 4], [3, 4, 5, 6, 7]).statistic; // -2.545875
 */
export function studentT(x: readonly MaybeNumber[], y: readonly MaybeNumber[], options: TTestOptions = {}): TTestResult {
  return twoSampleT(x, y, true, options);
}
