import { twoSampleT } from './twoSampleT.js';
import type { TTestOptions, TTestResult } from './twoSampleT.js';
import type { MaybeNumber } from './input.js';

/**
 * **Welch's two-sample t-test** (unequal variances; R's default) for the
 * difference in means x̄ − ȳ, with Welch–Satterthwaite df and a CI.
 * Secondary to the rank tests for Likert items (METHODS §3.2).
 *
 * Reference: R `t.test(x, y)`; Welch (1947), Biometrika 34:28.
 * Cost: O(m + n).
 *
 * @param x first sample (e.g. the later round); null/NaN dropped
 * @param y second sample
 * @example
 * welchT(r3, r1).p; // 0.0060371 (R: t.test(r3, r1)$p.value)
 */
export function welchT(x: readonly MaybeNumber[], y: readonly MaybeNumber[], options: TTestOptions = {}): TTestResult {
  return twoSampleT(x, y, false, options);
}
