import { incompleteGamma } from './incompleteGamma.js';

/**
 * **Chi-squared distribution function** with `df` degrees of freedom,
 * either tail computed directly: P(X² > x) = Q(df/2, x/2).
 *
 * Use the upper tail (`lowerTail = false`) for p-values: it stays accurate
 * down to ~1e-300 (jStat's `1 − cdf` returns 0 at p = 7.7e-26).
 *
 * Reference: R `pchisq(x, df, lower.tail = FALSE)`.
 * Accuracy: ≤ ~1e-14 relative to R (pchisq.test.ts). Cost: O(√df).
 *
 * @param x the statistic, ≥ 0
 * @param df degrees of freedom, > 0
 * @param lowerTail true (default, as in R) for P(X² ≤ x), false for P(X² > x)
 * @example
 * pchisq(9.652173913043478, 2, false); // 0.008017834 (R: friedman.test(fm)$p.value, METHODS §3.4)
 */
export function pchisq(x: number, df: number, lowerTail = true): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  const both = incompleteGamma(df / 2, Math.max(0, x) / 2);
  return lowerTail ? both.lower : both.upper;
}
