import { lchoose } from './lchoose.js';

/**
 * **Binomial probability mass function** P(X = x) for X ~ Bin(n, prob),
 * computed in log space (lchoose + x·log p + (n − x)·log(1 − p)), so it
 * neither overflows nor truncates (simple-statistics' `binomialDistribution`
 * drops tail cells below ε = 1e-4).
 *
 * Reference: R `dbinom(x, n, prob)`. Accuracy: ≤ ~1e-13 relative to R for
 * n ≤ 1000 (dbinom.test.ts). Cost: O(1).
 *
 * @param x number of successes (integer)
 * @param n number of trials (integer ≥ 0)
 * @param prob success probability in [0, 1]
 * @example
 * dbinom(1, 7, 0.5); // 0.0546875 (R: dbinom(1, 7, 0.5))
 */
export function dbinom(x: number, n: number, prob: number): number {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n < 0 || !(prob >= 0 && prob <= 1)) return Number.NaN;
  if (x < 0 || x > n) return 0;
  if (prob === 0) return x === 0 ? 1 : 0;
  if (prob === 1) return x === n ? 1 : 0;
  return Math.exp(lchoose(n, x) + x * Math.log(prob) + (n - x) * Math.log1p(-prob));
}
