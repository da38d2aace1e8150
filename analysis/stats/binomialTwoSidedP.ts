import { dbinom } from './dbinom.js';
import { pbinom } from './pbinom.js';

/** R's relative tolerance for "as or less likely than observed" (binom.test, fisher.test). */
export const REL_ERR = 1 + 1e-7;

/**
 * Two-sided exact binomial p-value with R's rule (internal): the
 * observed tail plus every outcome on the other side whose probability is
 * ≤ P(X = x)·(1 + 1e-7). Returns 1 when x equals the expected count.
 */
export function binomialTwoSidedP(x: number, n: number, p0: number): number {
  const d = dbinom(x, n, p0);
  const m = n * p0;
  if (x === m) return 1;
  if (x < m) {
    let y = 0;
    for (let i = Math.ceil(m); i <= n; i++) if (dbinom(i, n, p0) <= d * REL_ERR) y++;
    return Math.min(1, pbinom(x, n, p0) + pbinom(n - y, n, p0, false));
  }
  let y = 0;
  for (let i = 0; i <= Math.floor(m); i++) if (dbinom(i, n, p0) <= d * REL_ERR) y++;
  return Math.min(1, pbinom(y - 1, n, p0) + pbinom(x - 1, n, p0, false));
}
