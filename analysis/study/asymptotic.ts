import { pnorm } from '../stats/index.js';

/**
 * Large-sample versions of the rank tests, for samples where the exact conditional
 * distribution is neither needed nor affordable.
 *
 * Why they exist: the verified functions in analysis/stats compute, on every call, the exact
 * distribution and the Hodges–Lehmann estimators (all n² Walsh averages or all m·n
 * differences). That is right at the sample sizes of an evaluation (n ≈ 10–60) but would
 * take seconds and gigabytes at 10,000 participants. Above the thresholds in change.ts the
 * analysis uses these O(n log n) versions instead: the same statistics, the same tie-corrected
 * normal (or χ²) approximations with R's continuity correction, and the same effect sizes;
 * counts.test.ts checks them against the verified functions to 1e-12.
 * Distribution functions (pnorm, pchisq) come from analysis/stats.
 */

export interface AsymptoticResult {
  method: string;
  n: number;
  statistic: number;
  z: number | null;
  /** Two-sided approximate p-value; null when the variance is 0. */
  p: number | null;
  notes: ('ties' | 'zeros-dropped' | 'approximate-p' | 'not-estimable')[];
}

const twoSided = (z: number) => Math.min(1, 2 * Math.min(pnorm(z), pnorm(z, false)));

/**
 * Wilcoxon signed-rank test, normal approximation with tie correction and continuity
 * correction (R `wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE)`), zeros
 * dropped. Also the matched-pairs rank-biserial r_c and the counts of signs.
 */
export function signedRankAsymptotic(
  d: ArrayLike<number>,
): AsymptoticResult & { rankBiserial: number | null; improved: number; same: number; worse: number } {
  const nonZero: number[] = [];
  let improved = 0;
  let worse = 0;
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (x > 0) improved++;
    else if (x < 0) worse++;
    if (x !== 0) nonZero.push(x);
  }
  const same = d.length - improved - worse;
  const notes: AsymptoticResult['notes'] = ['approximate-p'];
  if (same > 0) notes.push('zeros-dropped');
  const abs = Float64Array.from(nonZero, Math.abs).sort();
  // Midranks by runs of equal |d|; V adds the rank of each positive difference.
  const rankOfAbs = new Map<number, number>();
  let sumR = 0;
  let sumR2 = 0;
  let ties = false;
  for (let start = 0; start < abs.length; ) {
    let end = start;
    while (end + 1 < abs.length && abs[end + 1] === abs[start]) end++;
    const t = end - start + 1;
    if (t > 1) ties = true;
    const rank = (start + end + 2) / 2;
    rankOfAbs.set(abs[start], rank);
    sumR += t * rank;
    sumR2 += t * rank * rank;
    start = end + 1;
  }
  if (ties) notes.push('ties');
  let V = 0;
  for (const x of nonZero) if (x > 0) V += rankOfAbs.get(x)!;
  const variance = sumR2 / 4;
  let z: number | null = null;
  let p: number | null = null;
  if (variance > 0) {
    const centred = V - sumR / 2;
    z = (centred - 0.5 * Math.sign(centred)) / Math.sqrt(variance);
    p = twoSided(z);
  } else notes.push('not-estimable');
  return {
    method: 'Wilcoxon signed-rank test (normal approximation, tie and continuity corrected)',
    n: d.length,
    statistic: V,
    z,
    p,
    notes,
    rankBiserial: sumR > 0 ? (2 * V - sumR) / sumR : null,
    improved,
    same,
    worse,
  };
}

/**
 * Wilcoxon rank-sum / Mann–Whitney U test of x (later) against y (earlier), normal
 * approximation with tie and continuity correction (R `wilcox.test(x, y, exact = FALSE,
 * correct = TRUE)`), with Cliff's δ = 2U/(mn) − 1.
 */
export function rankSumAsymptotic(x: ArrayLike<number>, y: ArrayLike<number>): AsymptoticResult & { cliffsDelta: number | null } {
  const xs = Float64Array.from(x).sort();
  const ys = Float64Array.from(y).sort();
  const m = xs.length;
  const n = ys.length;
  let i = 0;
  let j = 0;
  let position = 0;
  let rankSumX = 0;
  let tieSum = 0;
  while (i < m || j < n) {
    const value = i < m && (j >= n || xs[i] <= ys[j]) ? xs[i] : ys[j];
    let cx = 0;
    let cy = 0;
    while (i < m && xs[i] === value) i++, cx++;
    while (j < n && ys[j] === value) j++, cy++;
    const t = cx + cy;
    rankSumX += cx * (position + (t + 1) / 2);
    tieSum += t * t * t - t;
    position += t;
  }
  return rankSumResult(rankSumX, tieSum, m, n);
}

/**
 * The normal approximation of the rank-sum test from the x sample's midrank sum and the tie
 * term Σ(t³ − t); shared by the per-value and the count-based versions.
 */
export function rankSumResult(rankSumX: number, tieSum: number, m: number, n: number): AsymptoticResult & { cliffsDelta: number | null } {
  const N = m + n;
  const notes: AsymptoticResult['notes'] = ['approximate-p'];
  if (tieSum > 0) notes.push('ties');
  const U = rankSumX - (m * (m + 1)) / 2;
  const sigma = N > 1 ? Math.sqrt(((m * n) / 12) * (N + 1 - tieSum / (N * (N - 1)))) : 0;
  let z: number | null = null;
  let p: number | null = null;
  if (sigma > 0) {
    const centred = U - (m * n) / 2;
    z = (centred - 0.5 * Math.sign(centred)) / sigma;
    p = twoSided(z);
  } else notes.push('not-estimable');
  return {
    method: 'Wilcoxon rank-sum (Mann–Whitney U) test (normal approximation, tie and continuity corrected)',
    n: N,
    statistic: U,
    z,
    p,
    notes,
    cliffsDelta: m > 0 && n > 0 ? (2 * U) / (m * n) - 1 : null,
  };
}
