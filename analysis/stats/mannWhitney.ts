import { DEFAULT_ALPHA } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import { finiteOrNull, presentValues } from './input.js';
import type { MaybeNumber } from './input.js';
import { midranks } from './midranks.js';
import { pnorm } from './pnorm.js';
import { rankSumDistribution } from './rankSumDistribution.js';
import { tieGroupSizes } from './tieGroupSizes.js';
import { quantile7Sorted } from './quantile7.js';

export interface MannWhitneyOptions {
  /** Compute the exact conditional p-value (default true); false uses the normal approximation. */
  exact?: boolean;
  /** Continuity correction in the normal approximation (default true, as R). */
  correct?: boolean;
  /** Significance level for the minimum-achievable-p rule (default 0.05). */
  alpha?: number;
}

export interface MannWhitneyResult extends StatResult {
  /** R's W: rank sum of x minus m(m + 1)/2 (ties count ½). */
  U: number | null;
  nX: number;
  nY: number;
  /** Standardised statistic of the normal approximation (null when its variance is 0). */
  z: number | null;
  pExact: number | null;
  pApprox: number | null;
  /** The p-value before the minimum-achievable-p rule (exact unless exact = false or too large). */
  pComputed: number | null;
  minAchievableP: number | null;
  /** P(X > Y) − P(X < Y); equals `estimate`. */
  cliffsDelta: number | null;
  /** Vargha–Delaney A = P(X > Y) + ½·P(X = Y). */
  varghaDelaneyA: number | null;
  /** Hodges–Lehmann shift: exact median of all x − y differences. */
  hodgesLehmann: number | null;
}

/** Above this DP size (N·m·S cells) the exact p-value is skipped (≈ 1 s). */
const MAX_EXACT_WORK = 3e8;

/**
 * **Wilcoxon rank-sum / Mann–Whitney U test** for two independent samples
 * (e.g. round 3 vs round 1 respondents, METHODS §3.2), with the exact
 * conditional p-value that stays valid with ties, and its effect sizes.
 *
 * - U = Rₓ − m(m + 1)/2 with pooled midranks (= R's W for `wilcox.test(x, y)`).
 * - Exact p: the permutation distribution of the x score sum, by dynamic
 *   programming on doubled midranks; two-sided p = P(|T − E| ≥ |t − E|),
 *   the exactRankTests rule (equals R's doubled one-sided p without ties).
 * - Approximate p: normal with tie-corrected variance and, by default, the
 *   continuity correction, exactly as R.
 * - `estimate` is Cliff's δ = 2U/(mn) − 1 (the Glass rank-biserial
 *   correlation); also Vargha–Delaney A and the exact Hodges–Lehmann shift
 *   (R's `wilcox.test(conf.int = TRUE)` only approximates it with ties).
 * - `p` is withheld ('too-few-observations') when the smallest achievable
 *   exact p exceeds alpha; the computed value stays in `pComputed`.
 *
 * x should be the later round, so a positive δ means "higher later".
 *
 * Reference: R `wilcox.test(x, y, exact = FALSE, correct = TRUE)`;
 * `exactRankTests::wilcox.exact(x, y, exact = TRUE)` (Hothorn & Hornik);
 * Streitberg & Röhmel (1986); Cliff (1993); Vargha & Delaney (2000);
 * Hodges & Lehmann (1963).
 * Cost: O(N·m·N²) for the exact p (≈ 1 M operations at N = 34), O(mn log mn)
 * for the HL shift.
 *
 * @param x first sample (size m); null/NaN are dropped ('missing-dropped')
 * @param y second sample (size n)
 * @example
 * mannWhitney([4, 4, 3, 5], [2, 3, 3, 2, 4]).pExact; // exact conditional p (R: exactRankTests::wilcox.exact)
 */
export function mannWhitney(x: readonly MaybeNumber[], y: readonly MaybeNumber[], options: MannWhitneyOptions = {}): MannWhitneyResult {
  const { exact = true, correct = true, alpha = DEFAULT_ALPHA } = options;
  const xs = presentValues(x);
  const ys = presentValues(y);
  const m = xs.values.length;
  const n = ys.values.length;
  const notes: NoteCode[] = [];
  if (xs.dropped + ys.dropped > 0) notes.push('missing-dropped');
  const method = 'Wilcoxon rank-sum (Mann–Whitney U) test';
  const empty: MannWhitneyResult = {
    method,
    n: m + n,
    nX: m,
    nY: n,
    estimate: null,
    ci: null,
    statistic: null,
    p: null,
    notes: [...notes, 'too-few-observations', 'not-estimable'],
    U: null,
    z: null,
    pExact: null,
    pApprox: null,
    pComputed: null,
    minAchievableP: null,
    cliffsDelta: null,
    varghaDelaneyA: null,
    hodgesLehmann: null,
  };
  if (m === 0 || n === 0) return empty;

  const pooled = [...xs.values, ...ys.values];
  const N = m + n;
  const ranks = midranks(pooled);
  let rankSumX = 0;
  for (let i = 0; i < m; i++) rankSumX += ranks[i];
  const U = rankSumX - (m * (m + 1)) / 2;
  const ties = tieGroupSizes(pooled);
  if (ties.some((t) => t > 1)) notes.push('ties');

  // Normal approximation (R's wilcox.test, exact = FALSE).
  const tieSum = ties.reduce((acc, t) => acc + t * t * t - t, 0);
  const sigma = Math.sqrt(((m * n) / 12) * (N + 1 - tieSum / (N * (N - 1))));
  let z: number | null = null;
  let pApprox: number | null = null;
  if (sigma > 0) {
    const centred = U - (m * n) / 2;
    const correction = correct ? 0.5 * Math.sign(centred) : 0;
    z = (centred - correction) / sigma;
    pApprox = Math.min(1, 2 * Math.min(pnorm(z), pnorm(z, false)));
  }

  // Exact conditional distribution on doubled midranks (integers).
  const scores = ranks.map((r) => Math.round(2 * r));
  const totalScore = scores.reduce((a, b) => a + b, 0);
  let pExact: number | null = null;
  let minAchievableP: number | null = null;
  if (N * m * totalScore <= MAX_EXACT_WORK) {
    const dist = rankSumDistribution(scores, m);
    const observed = Math.round(2 * rankSumX);
    // |T − E| compared as integers: N·T − m·S (no floating tolerance needed).
    const distance = (s: number) => Math.abs(N * s - m * totalScore);
    const observedDistance = distance(observed);
    let maxDistance = 0;
    for (let s = 0; s < dist.length; s++) if (dist[s] > 0) maxDistance = Math.max(maxDistance, distance(s));
    let tail = 0;
    let extreme = 0;
    for (let s = 0; s < dist.length; s++) {
      if (dist[s] === 0) continue;
      const d = distance(s);
      if (d >= observedDistance) tail += dist[s];
      if (d >= maxDistance) extreme += dist[s];
    }
    pExact = observedDistance === 0 ? 1 : Math.min(1, tail);
    minAchievableP = maxDistance === 0 ? 1 : Math.min(1, extreme);
  }
  const usedExact = exact && pExact !== null;
  const pComputed = usedExact ? pExact : pApprox;
  if (!usedExact && pComputed !== null) notes.push('approximate-p');
  const withheld = minAchievableP !== null && minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  if (pComputed === null) notes.push('not-estimable');

  const cliffsDelta = (2 * U) / (m * n) - 1;
  const differences: number[] = [];
  for (const a of xs.values) for (const b of ys.values) differences.push(a - b);
  differences.sort((a, b) => a - b);

  return {
    method,
    n: N,
    nX: m,
    nY: n,
    estimate: cliffsDelta,
    ci: null,
    statistic: U,
    p: withheld ? null : pComputed,
    notes,
    U,
    z: z === null ? null : finiteOrNull(z),
    pExact,
    pApprox,
    pComputed,
    minAchievableP,
    cliffsDelta,
    varghaDelaneyA: U / (m * n),
    hodgesLehmann: quantile7Sorted(differences, 0.5),
  };
}
