import { incompleteGamma } from './incompleteGamma.js';

/**
 * **Regularised upper incomplete gamma function** Q(a, x) = Γ(a, x)/Γ(a)
 * = 1 − P(a, x), computed directly (not as 1 − P) so tiny upper tails keep
 * their relative accuracy (χ² p = Q(df/2, x/2) down to ~1e-300).
 *
 * Reference: R `pgamma(x, a, lower.tail = FALSE)`. Cost: O(√a) iterations.
 *
 * @param a shape, > 0
 * @param x ≥ 0
 * @example
 * regularizedGammaQ(1, 60); // 8.75651076269652e-27 (R: pgamma(60, 1, lower.tail = FALSE))
 */
export function regularizedGammaQ(a: number, x: number): number {
  return incompleteGamma(a, x).upper;
}
