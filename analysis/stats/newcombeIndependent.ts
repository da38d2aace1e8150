import { DEFAULT_CONF_LEVEL } from './result.js';
import type { StatResult } from './result.js';
import { isCount } from './input.js';
import { wilson } from './wilson.js';

export interface NewcombeOptions {
  /** Confidence level, default 0.95. */
  confLevel?: number;
}

export interface NewcombeIndependentResult extends StatResult {
  p1: number | null;
  p2: number | null;
  confLevel: number;
}

/**
 * **Newcombe hybrid-score interval** for the difference of two independent
 * proportions p₁ − p₂ (Newcombe 1998, method 10): the default CI for a
 * cross-sectional change in a percentage (METHODS §3.2).
 *
 * With Wilson limits (l₁, u₁), (l₂, u₂) and d = p₁ − p₂:
 * L = d − √((p₁ − l₁)² + (u₂ − p₂)²), U = d + √((u₁ − p₁)² + (p₂ − l₂)²).
 * Do not compare with `prop.test`'s two-sample interval: that is Wald.
 *
 * Reference: R. G. Newcombe (1998), Stat Med 17:873–890, method 10
 * (published example 56/70 − 48/80: 0.0524 to 0.3339); CRAN
 * `DescTools::BinomDiffCI(method = "score")`. Cost: O(1).
 *
 * @example
 * newcombeIndependent(9, 11, 10, 21).ci; // [-0.0149, 0.5749] (9 of 11 vs 10 of 21)
 */
export function newcombeIndependent(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: NewcombeOptions = {},
): NewcombeIndependentResult {
  const confLevel = options.confLevel ?? DEFAULT_CONF_LEVEL;
  const method = 'Newcombe hybrid score interval (independent proportions)';
  const w1 = wilson(x1, n1, { confLevel });
  const w2 = wilson(x2, n2, { confLevel });
  const n = (isCount(n1) ? n1 : 0) + (isCount(n2) ? n2 : 0);
  const base = { method, n, statistic: null, p: null, confLevel };
  if (w1.notes.includes('invalid-input') || w2.notes.includes('invalid-input')) {
    return { ...base, estimate: null, ci: null, notes: ['invalid-input'], p1: null, p2: null };
  }
  if (w1.ci === null || w2.ci === null || w1.estimate === null || w2.estimate === null) {
    return { ...base, estimate: null, ci: null, notes: ['not-estimable'], p1: w1.estimate, p2: w2.estimate };
  }
  const [l1, u1] = w1.ci;
  const [l2, u2] = w2.ci;
  const p1 = w1.estimate;
  const p2 = w2.estimate;
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const upper = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return { ...base, estimate: d, ci: [lower, upper], notes: [], p1, p2 };
}
