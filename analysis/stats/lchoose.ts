import { lgamma } from './lgamma.js';

/**
 * **Log binomial coefficient** log C(n, k), computed in log space so that
 * large coefficients (C(60, 30) ≈ 1.2e17 > 2^53) never overflow or lose
 * their exponent.
 *
 * Reference: R `lchoose(n, k)`. Cost: O(1).
 *
 * @param n a non-negative number of items
 * @param k how many are chosen
 * @returns log C(n, k); -Infinity when k < 0 or k > n (C = 0)
 * @example
 * Math.exp(lchoose(34, 17)); // 2333606220 (R: choose(34, 17))
 */
export function lchoose(n: number, k: number): number {
  if (Number.isNaN(n) || Number.isNaN(k)) return Number.NaN;
  if (k < 0 || k > n) return -Infinity;
  if (k === 0 || k === n) return 0;
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}
