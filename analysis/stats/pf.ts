import { incompleteBeta } from './incompleteBeta.js';

/**
 * **F distribution function** with (df1, df2) degrees of freedom, either
 * tail computed directly: P(F > f) = I_{df2/(df2+df1·f)}(df2/2, df1/2).
 *
 * Needed for the Iman–Davenport variant of Friedman's test and for
 * variance-ratio checks.
 *
 * Reference: R `pf(f, df1, df2, lower.tail = FALSE)`.
 * Accuracy: ≤ ~1e-13 relative to R (pf.test.ts). Cost: O(√max(df1, df2)).
 *
 * @param f the statistic, ≥ 0
 * @param df1 numerator degrees of freedom, > 0
 * @param df2 denominator degrees of freedom, > 0
 * @param lowerTail true (default, as in R) for P(F ≤ f), false for P(F > f)
 * @example
 * pf(3.5, 2, 14, false); // 0.0582 (R: pf(3.5, 2, 14, lower.tail = FALSE))
 */
export function pf(f: number, df1: number, df2: number, lowerTail = true): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return Number.NaN;
  if (f <= 0) return lowerTail ? 0 : 1;
  if (f === Infinity) return lowerTail ? 1 : 0;
  const denominator = df2 + df1 * f;
  const both = incompleteBeta(df2 / denominator, df2 / 2, df1 / 2, (df1 * f) / denominator);
  return lowerTail ? both.upper : both.lower;
}
