import { qbeta } from './qbeta.js';
import { DEFAULT_CONF_LEVEL } from './result.js';
import type { StatResult } from './result.js';
import { isCount, validLevel } from './input.js';

export interface ClopperPearsonOptions {
  /** Confidence level, default 0.95. */
  confLevel?: number;
}

export interface ClopperPearsonResult extends StatResult {
  x: number | null;
  confLevel: number;
}

/**
 * **Clopper–Pearson ("exact") interval** for a binomial proportion x/n:
 * the inversion of two one-sided binomial tests, with coverage ≥ the
 * nominal level everywhere (hence conservative, wider than Wilson).
 *
 * lower = B⁻¹(α/2; x, n − x + 1) (0 when x = 0),
 * upper = B⁻¹(1 − α/2; x + 1, n − x) (1 when x = n).
 *
 * Reference: Clopper & Pearson (1934), Biometrika 26:404; R
 * `binom.test(x, n)$conf.int`. Cost: two `qbeta` inversions.
 *
 * @param x number of successes (integer, 0 ≤ x ≤ n)
 * @param n number of trials; n = 0 gives 'not-estimable'
 * @example
 * clopperPearson(9, 11).ci; // [0.4822441, 0.9771688] (R: binom.test(9, 11)$conf.int)
 */
export function clopperPearson(x: number, n: number, options: ClopperPearsonOptions = {}): ClopperPearsonResult {
  const level = validLevel(options.confLevel ?? DEFAULT_CONF_LEVEL);
  const base = { method: 'Clopper–Pearson exact interval', statistic: null, p: null, x: isCount(x) ? x : null };
  if (!isCount(x) || !isCount(n) || x > n || level === null) {
    return { ...base, n: isCount(n) ? n : 0, confLevel: level ?? 0, estimate: null, ci: null, notes: ['invalid-input'] };
  }
  if (n === 0) return { ...base, n, confLevel: level, estimate: null, ci: null, notes: ['not-estimable'] };
  const alpha = 1 - level;
  const lower = x === 0 ? 0 : qbeta(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : qbeta(1 - alpha / 2, x + 1, n - x);
  return { ...base, n, confLevel: level, estimate: x / n, ci: [lower, upper], notes: [] };
}
