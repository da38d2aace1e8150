import { binomTest } from './binomTest.js';
import { DEFAULT_ALPHA, DEFAULT_CONF_LEVEL } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import { pairDifferences, presentValues } from './input.js';
import type { MaybeNumber } from './input.js';

export interface SignTestOptions {
  confLevel?: number;
  alpha?: number;
}

export interface SignTestResult extends StatResult {
  improved: number;
  same: number;
  worse: number;
  pComputed: number | null;
  minAchievableP: number | null;
}

/**
 * **Sign test** for paired data: counts of positive and negative
 * differences compared with an exact binomial test (zeros dropped). An
 * option for very coarse items (METHODS §3.3).
 *
 * `estimate` is the share of non-zero changes that are positive, with its
 * Clopper–Pearson interval; `statistic` the number of positive differences.
 * With k non-zero differences the smallest achievable p is 2·0.5ᵏ (k ≥ 6
 * needed for p < 0.05); below that `p` is withheld.
 *
 * Reference: R `binom.test(sum(d > 0), sum(d != 0))`. Cost: O(n).
 *
 * @param x later-round values (or the differences themselves when y is omitted)
 * @param y earlier-round values, paired by index; incomplete pairs are dropped
 * @example
 * signTest([1,1,1,1,1,1,1,-1,-1]).pComputed; // 0.1796875 (R: binom.test(7, 9)$p.value)
 */
export function signTest(x: readonly MaybeNumber[], y?: readonly MaybeNumber[] | null, options: SignTestOptions = {}): SignTestResult {
  const { confLevel = DEFAULT_CONF_LEVEL, alpha = DEFAULT_ALPHA } = options;
  const method = 'Sign test (exact binomial)';
  const paired = y ? pairDifferences(x, y) : (({ values, dropped }) => ({ differences: values, dropped }))(presentValues(x));
  if (paired === null) {
    return {
      method,
      n: 0,
      estimate: null,
      ci: null,
      statistic: null,
      p: null,
      notes: ['invalid-input'],
      improved: 0,
      same: 0,
      worse: 0,
      pComputed: null,
      minAchievableP: null,
    };
  }
  const d = paired.differences;
  const improved = d.filter((v) => v > 0).length;
  const worse = d.filter((v) => v < 0).length;
  const same = d.length - improved - worse;
  const notes: NoteCode[] = [];
  if (paired.dropped > 0) notes.push('missing-dropped');
  if (same > 0) notes.push('zeros-dropped');
  const test = binomTest(improved, improved + worse, { confLevel, alpha });
  return {
    method,
    n: d.length,
    estimate: test.estimate,
    ci: test.ci,
    statistic: improved,
    p: test.p,
    notes: [...notes, ...test.notes],
    improved,
    same,
    worse,
    pComputed: test.pComputed,
    minAchievableP: test.minAchievableP,
  };
}
