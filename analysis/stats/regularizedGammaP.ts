import { incompleteGamma } from './incompleteGamma.js';

/**
 * **Regularised lower incomplete gamma function** P(a, x) = γ(a, x)/Γ(a),
 * the distribution function of a Gamma(a, 1) variable.
 *
 * Reference: R `pgamma(x, a)`; Numerical Recipes §6.2 (series / continued
 * fraction). Accuracy: ≤ ~1e-14 relative to R (regularizedGamma.test.ts).
 * Cost: O(√a) iterations.
 *
 * @param a shape, > 0
 * @param x ≥ 0
 * @example
 * regularizedGammaP(1, 1); // 0.6321205588285577 (R: pgamma(1, 1))
 */
export function regularizedGammaP(a: number, x: number): number {
  return incompleteGamma(a, x).lower;
}
