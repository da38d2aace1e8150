import { DEFAULT_ALPHA } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import { pairDifferences, presentValues } from './input.js';
import type { MaybeNumber } from './input.js';
import { midranks } from './midranks.js';
import { pnorm } from './pnorm.js';
import { quantile7Sorted } from './quantile7.js';
import { signedRankDistribution } from './signedRankDistribution.js';

/** How zero differences are handled. */
export const ZERO_METHODS = ['wilcox', 'pratt'] as const;
export type ZeroMethod = (typeof ZERO_METHODS)[number];

export interface WilcoxonSignedRankOptions {
  /** 'wilcox' (default, R / exactRankTests / scipy): drop zeros before ranking. 'pratt': rank with zeros, then drop their ranks. */
  zeroMethod?: ZeroMethod;
  /** Compute the exact conditional p-value (default true); false uses the normal approximation. */
  exact?: boolean;
  /** Continuity correction in the normal approximation (default true, as R). */
  correct?: boolean;
  /** Significance level for the minimum-achievable-p rule (default 0.05). */
  alpha?: number;
}

export interface WilcoxonSignedRankResult extends StatResult {
  /** R's V: sum of the ranks of the positive differences. */
  V: number | null;
  z: number | null;
  pExact: number | null;
  pApprox: number | null;
  pComputed: number | null;
  minAchievableP: number | null;
  /** Matched-pairs rank-biserial r_c = (R⁺ − R⁻)/(R⁺ + R⁻); equals `estimate`. */
  rankBiserial: number | null;
  /** Hodges–Lehmann pseudo-median: median of the Walsh averages of all differences (zeros included). */
  hodgesLehmann: number | null;
  /** Pairs with a positive difference (x > y: "improved" when higher is better and x is the later round). */
  improved: number;
  /** Pairs with a zero difference. */
  same: number;
  /** Pairs with a negative difference. */
  worse: number;
  nNonZero: number;
  zeroMethod: ZeroMethod;
}

/** Above this DP size (n·S cells) the exact p-value is skipped. */
const MAX_EXACT_WORK = 3e8;

/**
 * **Wilcoxon signed-rank test** for paired data (the same respondents in
 * two rounds, METHODS §3.3), with the exact conditional p-value that stays
 * valid with ties and zeros, and its effect sizes.
 *
 * - d = x − y per complete pair; |d| ranked with midranks; V = Σ ranks of d > 0.
 * - Zeros: 'wilcox' drops them before ranking (R's default); 'pratt' ranks
 *   them and then drops their ranks.
 * - Exact p: the sign-flip distribution by dynamic programming on doubled
 *   midranks; two-sided p = 2·P(T ≤ t) if that is ≤ 1, else 2·P(T ≥ t),
 *   capped at 1 (exactRankTests' rule; the distribution is symmetric).
 * - Approximate p: normal with E = Σr/2, Var = Σr²/4 (the tie-corrected
 *   variance; for 'wilcox' this is R's n(n+1)(2n+1)/24 − Σ(t³ − t)/48) and,
 *   by default, the continuity correction, as R.
 * - `estimate` is the matched-pairs rank-biserial r_c (Kerby 2014); also the
 *   Hodges–Lehmann pseudo-median and counts improved/same/worse.
 * - `p` is withheld ('too-few-observations') when the smallest achievable
 *   exact p (2/2ⁿ for n non-zero differences) exceeds alpha: fewer than 6
 *   non-zero differences can never give p < 0.05.
 *
 * Reference: R `wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE)`;
 * `exactRankTests::wilcox.exact(x, y, paired = TRUE, exact = TRUE)`; Pratt
 * (1959) JASA 54:655; Kerby (2014) Compr Psychol 3; Hodges & Lehmann (1963).
 * Cost: O(n · n²) for the exact p; O(n² log n) for the pseudo-median.
 *
 * @param x later-round values (or the differences themselves when y is omitted)
 * @param y earlier-round values, paired by index with x; incomplete pairs are dropped
 * @example
 * wilcoxonSignedRank([4,4,3,4,4,3,3,5,4,2], [3,3,2,4,3,2,3,4,3,3]).pExact; // 0.0703125 (R: exactRankTests::wilcox.exact(post, pre, paired = TRUE))
 */
export function wilcoxonSignedRank(
  x: readonly MaybeNumber[],
  y?: readonly MaybeNumber[] | null,
  options: WilcoxonSignedRankOptions = {},
): WilcoxonSignedRankResult {
  const { zeroMethod = 'wilcox', exact = true, correct = true, alpha = DEFAULT_ALPHA } = options;
  const method = `Wilcoxon signed-rank test (${zeroMethod === 'pratt' ? 'Pratt' : 'Wilcoxon'} zero method)`;
  const paired = y ? pairDifferences(x, y) : (({ values, dropped }) => ({ differences: values, dropped }))(presentValues(x));
  const notes: NoteCode[] = [];
  const base = {
    method,
    ci: null,
    zeroMethod,
    z: null,
    pExact: null,
    pApprox: null,
    pComputed: null,
    minAchievableP: null,
    rankBiserial: null,
    hodgesLehmann: null,
  };
  if (paired === null) {
    return {
      ...base,
      n: 0,
      estimate: null,
      statistic: null,
      p: null,
      notes: ['invalid-input'],
      V: null,
      improved: 0,
      same: 0,
      worse: 0,
      nNonZero: 0,
    };
  }
  const d = paired.differences;
  if (paired.dropped > 0) notes.push('missing-dropped');
  const improved = d.filter((v) => v > 0).length;
  const worse = d.filter((v) => v < 0).length;
  const same = d.length - improved - worse;
  const counts = { improved, same, worse, nNonZero: improved + worse };
  if (d.length === 0) {
    return {
      ...base,
      ...counts,
      n: 0,
      estimate: null,
      statistic: null,
      p: null,
      notes: [...notes, 'too-few-observations', 'not-estimable'],
      V: null,
    };
  }
  const walsh: number[] = [];
  for (let i = 0; i < d.length; i++) for (let j = i; j < d.length; j++) walsh.push((d[i] + d[j]) / 2);
  walsh.sort((a, b) => a - b);
  const hodgesLehmann = quantile7Sorted(walsh, 0.5);

  // Ranks of |d| used in the statistic, and the signs they carry.
  let ranks: number[];
  let signs: number[];
  if (zeroMethod === 'pratt') {
    const all = midranks(d.map(Math.abs));
    ranks = all.filter((_, i) => d[i] !== 0);
    signs = d.filter((v) => v !== 0).map(Math.sign);
  } else {
    const nonZero = d.filter((v) => v !== 0);
    ranks = midranks(nonZero.map(Math.abs));
    signs = nonZero.map(Math.sign);
  }
  if (same > 0) notes.push('zeros-dropped');
  const rankSum = ranks.reduce((a, b) => a + b, 0);
  let V = 0;
  for (let i = 0; i < ranks.length; i++) if (signs[i] > 0) V += ranks[i];
  const absolute = ranks.length ? d.filter((v) => v !== 0).map(Math.abs) : [];
  if (new Set(absolute).size < absolute.length) notes.push('ties');
  const rankBiserial = rankSum > 0 ? (V - (rankSum - V)) / rankSum : null;

  // Normal approximation.
  const variance = ranks.reduce((acc, r) => acc + r * r, 0) / 4;
  let z: number | null = null;
  let pApprox: number | null = null;
  if (variance > 0) {
    const centred = V - rankSum / 2;
    const correction = correct ? 0.5 * Math.sign(centred) : 0;
    z = (centred - correction) / Math.sqrt(variance);
    pApprox = Math.min(1, 2 * Math.min(pnorm(z), pnorm(z, false)));
  }

  // Exact conditional distribution on doubled midranks.
  const scores = ranks.map((r) => Math.round(2 * r));
  const totalScore = scores.reduce((a, b) => a + b, 0);
  let pExact: number | null = null;
  let minAchievableP: number | null = null;
  if (scores.length * totalScore <= MAX_EXACT_WORK) {
    const dist = signedRankDistribution(scores);
    const observed = Math.round(2 * V);
    let below = 0;
    let above = 0;
    for (let s = 0; s < dist.length; s++) {
      if (s <= observed) below += dist[s];
      if (s >= observed) above += dist[s];
    }
    pExact = Math.min(1, 2 * below <= 1 ? 2 * below : 2 * above);
    minAchievableP = Math.min(1, 2 * dist[0]);
  }
  const usedExact = exact && pExact !== null;
  const pComputed = usedExact ? pExact : pApprox;
  if (!usedExact && pComputed !== null) notes.push('approximate-p');
  const withheld = minAchievableP !== null && minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  if (rankBiserial === null) notes.push('not-estimable');

  return {
    ...base,
    ...counts,
    n: d.length,
    estimate: rankBiserial,
    statistic: V,
    p: withheld ? null : pComputed,
    notes,
    V,
    z,
    pExact,
    pApprox,
    pComputed,
    minAchievableP,
    rankBiserial,
    hodgesLehmann,
  };
}
