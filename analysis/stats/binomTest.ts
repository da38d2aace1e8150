import { binomialTwoSidedP } from './binomialTwoSidedP.js';
import { clopperPearson } from './clopperPearson.js';
import { DEFAULT_ALPHA, DEFAULT_CONF_LEVEL } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import { isCount } from './input.js';

export interface BinomTestOptions {
  /** Hypothesised success probability, default 0.5. */
  p0?: number;
  /** Confidence level of the Clopper–Pearson interval, default 0.95. */
  confLevel?: number;
  /** Significance level for the minimum-achievable-p rule, default 0.05. */
  alpha?: number;
}

export interface BinomTestResult extends StatResult {
  p0: number;
  pComputed: number | null;
  minAchievableP: number | null;
}

/**
 * **Exact binomial test** of H₀: π = p0, two-sided, with the Clopper–Pearson
 * interval: the basis of the sign test and the exact McNemar test.
 *
 * The two-sided p-value is R's: the observed tail plus all outcomes on the
 * other side with probability ≤ P(X = x)·(1 + 1e-7) (the tolerance guards
 * against floating-point ties). The minimum achievable p is the p-value of
 * the least likely outcome (x = 0 or x = n); when it exceeds alpha, `p` is
 * withheld ('too-few-observations').
 *
 * Reference: R `binom.test(x, n, p0)`. Cost: O(n).
 *
 * @param x number of successes
 * @param n number of trials
 * @example
 * binomTest(7, 9).pComputed; // 0.1796875 (R: binom.test(7, 9)$p.value)
 */
export function binomTest(x: number, n: number, options: BinomTestOptions = {}): BinomTestResult {
  const { p0 = 0.5, confLevel = DEFAULT_CONF_LEVEL, alpha = DEFAULT_ALPHA } = options;
  const method = 'Exact binomial test';
  const invalid = !isCount(x) || !isCount(n) || x > n || !(p0 >= 0 && p0 <= 1);
  if (invalid || n === 0) {
    const notes: NoteCode[] = invalid ? ['invalid-input'] : ['too-few-observations', 'not-estimable'];
    return {
      method,
      n: isCount(n) ? n : 0,
      estimate: null,
      ci: null,
      statistic: null,
      p: null,
      notes,
      p0,
      pComputed: null,
      minAchievableP: null,
    };
  }
  const pComputed = binomialTwoSidedP(x, n, p0);
  const minAchievableP = Math.min(binomialTwoSidedP(0, n, p0), binomialTwoSidedP(n, n, p0));
  const notes: NoteCode[] = [];
  const withheld = minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  return {
    method,
    n,
    estimate: x / n,
    ci: clopperPearson(x, n, { confLevel }).ci,
    statistic: x,
    p: withheld ? null : pComputed,
    notes,
    p0,
    pComputed,
    minAchievableP,
  };
}
