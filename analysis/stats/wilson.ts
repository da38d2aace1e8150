import { qnorm } from './qnorm.js';
import { DEFAULT_CONF_LEVEL } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import { isCount, validLevel } from './input.js';

/** Φ⁻¹(0.975), hard-coded (METHODS §2.2): simple-statistics' probit gives 1.95716. */
export const Z_975 = 1.959963984540054;

export interface WilsonOptions {
  /** Confidence level, default 0.95. */
  confLevel?: number;
}

export interface WilsonResult extends StatResult {
  /** Number of successes (null when the input was invalid). */
  x: number | null;
  confLevel: number;
}

/**
 * **Wilson score interval** for a binomial proportion x/n: the default CI
 * for every percentage rondo shows (METHODS §2.2).
 *
 * centre = (x + z²/2)/(n + z²), half-width = z/(n + z²)·√(x(n − x)/n + z²/4).
 * The lower limit is exactly 0 when x = 0 and the upper exactly 1 when
 * x = n. Unlike the Wald interval it does not collapse at 0 or n and has
 * near-nominal coverage at small n.
 *
 * Reference: E. B. Wilson (1927), JASA 22:209; Newcombe (1998), Stat Med
 * 17:857; Brown, Cai & DasGupta (2001), Stat Sci 16:101. Equals R
 * `prop.test(x, n, correct = FALSE)$conf.int`. Cost: O(1).
 *
 * @param x number of successes (integer, 0 ≤ x ≤ n)
 * @param n number of trials; n = 0 gives estimate and CI null ('not-estimable')
 * @example
 * wilson(9, 11).ci; // [0.5230187, 0.9486317] (R: prop.test(9, 11, correct = FALSE)$conf.int)
 */
export function wilson(x: number, n: number, options: WilsonOptions = {}): WilsonResult {
  const level = validLevel(options.confLevel ?? DEFAULT_CONF_LEVEL);
  const notes: NoteCode[] = [];
  const base = { method: 'Wilson score interval', statistic: null, p: null, x: isCount(x) ? x : null };
  if (!isCount(x) || !isCount(n) || x > n || level === null) {
    return { ...base, n: isCount(n) ? n : 0, confLevel: level ?? 0, estimate: null, ci: null, notes: ['invalid-input'] };
  }
  if (n === 0) return { ...base, n, confLevel: level, estimate: null, ci: null, notes: ['not-estimable'] };
  const z = level === 0.95 ? Z_975 : qnorm(1 - (1 - level) / 2);
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((x * (n - x)) / n + z2 / 4);
  const lower = x === 0 ? 0 : Math.max(0, centre - half);
  const upper = x === n ? 1 : Math.min(1, centre + half);
  return { ...base, n, confLevel: level, estimate: x / n, ci: [lower, upper], notes };
}
