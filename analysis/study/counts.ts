import { pchisq, pnorm, qt } from '../stats/index.js';
import { rankSumResult, type AsymptoticResult } from './asymptotic.js';

/**
 * Statistics computed from counts per answer code instead of one value per respondent.
 *
 * Items on a scale have a handful of codes, so a round of 10,000 answers is a histogram of
 * five counts and a pair of rounds a 5 × 5 table. These functions give the same numbers as
 * their array counterparts (tInterval, quantile7, the large-sample rank tests in
 * asymptotic.ts, cliffsDelta) in O(codes) or O(codes²) time; counts.test.ts checks each one
 * against the array version on random data. `values` are the code values in ascending order
 * and `counts[k]` the number of answers with `values[k]`.
 */

export function total(counts: ArrayLike<number>): number {
  let n = 0;
  for (let k = 0; k < counts.length; k++) n += counts[k];
  return n;
}

/** n, mean and sample variance (n − 1) from counts. */
export function momentsFromCounts(
  counts: ArrayLike<number>,
  values: ArrayLike<number>,
): { n: number; mean: number | null; variance: number | null } {
  const n = total(counts);
  if (n === 0) return { n, mean: null, variance: null };
  let sum = 0;
  for (let k = 0; k < counts.length; k++) sum += counts[k] * values[k];
  const mean = sum / n;
  if (n < 2) return { n, mean, variance: null };
  let ss = 0;
  for (let k = 0; k < counts.length; k++) ss += counts[k] * (values[k] - mean) ** 2;
  return { n, mean, variance: ss / (n - 1) };
}

/**
 * The one-sample t-interval x̄ ± t(0.975, n − 1)·s/√n from counts, clipped to `range`
 * (METHODS §2.3); as analysis/stats tInterval.
 */
export function tIntervalFromCounts(
  counts: ArrayLike<number>,
  values: ArrayLike<number>,
  range: readonly [number, number] | null,
): { estimate: number | null; sd: number | null; ci: [number, number] | null; clipped: boolean } {
  const { n, mean, variance } = momentsFromCounts(counts, values);
  if (mean === null || variance === null) return { estimate: mean, sd: null, ci: null, clipped: false };
  const sd = Math.sqrt(variance);
  const se = sd / Math.sqrt(n);
  if (se === 0) return { estimate: mean, sd, ci: null, clipped: false };
  const half = qt(0.975, n - 1) * se;
  let ci: [number, number] = [mean - half, mean + half];
  let clipped = false;
  if (range) {
    const [lo, hi] = range;
    const c: [number, number] = [Math.min(Math.max(ci[0], lo), hi), Math.max(Math.min(ci[1], hi), lo)];
    clipped = c[0] !== ci[0] || c[1] !== ci[1];
    ci = c;
  }
  return { estimate: mean, sd, ci, clipped };
}

/** The value at 0-based position `index` of the sorted sample. */
function at(counts: ArrayLike<number>, values: ArrayLike<number>, index: number): number {
  let seen = 0;
  for (let k = 0; k < counts.length; k++) {
    seen += counts[k];
    if (index < seen) return values[k];
  }
  return values[values.length - 1];
}

/** Sample quantile, R type 7, from counts (same arithmetic as analysis/stats quantile7). */
export function quantileFromCounts(counts: ArrayLike<number>, values: ArrayLike<number>, p: number): number | null {
  const n = total(counts);
  if (n === 0 || !(p >= 0 && p <= 1)) return null;
  const index = (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = at(counts, values, lo);
  const h = index - lo;
  const high = at(counts, values, hi);
  if (index > lo && high !== low) return (1 - h) * low + h * high;
  return low;
}

const twoSided = (z: number) => Math.min(1, 2 * Math.min(pnorm(z), pnorm(z, false)));

/**
 * Wilcoxon signed-rank test (normal approximation, tie and continuity corrected, zeros
 * dropped) from a K × K table of pairs: `joint[e * K + l]` counts pairs with the earlier
 * answer `values[e]` and the later one `values[l]`.
 */
export function signedRankFromJoint(
  joint: ArrayLike<number>,
  values: ArrayLike<number>,
): AsymptoticResult & { rankBiserial: number | null; improved: number; same: number; worse: number } {
  const K = values.length;
  // Counts of positive and negative differences per distinct |d|.
  const pos = new Map<number, number>();
  const neg = new Map<number, number>();
  let improved = 0;
  let worse = 0;
  let same = 0;
  for (let e = 0; e < K; e++) {
    for (let l = 0; l < K; l++) {
      const c = joint[e * K + l];
      if (!c) continue;
      const d = values[l] - values[e];
      if (d > 0) (improved += c), pos.set(d, (pos.get(d) ?? 0) + c);
      else if (d < 0) (worse += c), neg.set(-d, (neg.get(-d) ?? 0) + c);
      else same += c;
    }
  }
  const magnitudes = [...new Set([...pos.keys(), ...neg.keys()])].sort((a, b) => a - b);
  let position = 0;
  let V = 0;
  let sumR = 0;
  let sumR2 = 0;
  let ties = false;
  for (const m of magnitudes) {
    const p = pos.get(m) ?? 0;
    const t = p + (neg.get(m) ?? 0);
    if (t > 1) ties = true;
    const rank = position + (t + 1) / 2;
    V += p * rank;
    sumR += t * rank;
    sumR2 += t * rank * rank;
    position += t;
  }
  const n = improved + worse + same;
  const notes: AsymptoticResult['notes'] = ['approximate-p'];
  if (same > 0) notes.push('zeros-dropped');
  if (ties) notes.push('ties');
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
    n,
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
 * Wilcoxon rank-sum / Mann–Whitney U test of the later round (`x` counts) against the earlier
 * one (`y` counts), normal approximation with tie and continuity correction, and Cliff's δ.
 */
export function rankSumFromCounts(x: ArrayLike<number>, y: ArrayLike<number>): AsymptoticResult & { cliffsDelta: number | null } {
  const m = total(x);
  const n = total(y);
  let position = 0;
  let rankSumX = 0;
  let tieSum = 0;
  for (let k = 0; k < x.length; k++) {
    const t = x[k] + y[k];
    if (t === 0) continue;
    rankSumX += x[k] * (position + (t + 1) / 2);
    tieSum += t * t * t - t;
    position += t;
  }
  return rankSumResult(rankSumX, tieSum, m, n);
}

/** Cliff's δ = P(X > Y) − P(X < Y) from counts on the same ascending codes. */
export function cliffsDeltaFromCounts(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const m = total(x);
  const n = total(y);
  if (m === 0 || n === 0) return null;
  let below = 0; // y answers with a lower code than the current one
  let greater = 0;
  let less = 0;
  for (let k = 0; k < x.length; k++) {
    greater += x[k] * below;
    below += y[k];
  }
  let above = n;
  for (let k = 0; k < x.length; k++) {
    above -= y[k];
    less += x[k] * above;
  }
  return (greater - less) / (m * n);
}

/**
 * Friedman test (χ² approximation) on complete blocks given as distinct rows with a count
 * each (`rows[i]` occurs `weights[i]` times); the same numbers as friedmanFlat on the
 * expanded rows. With scale items most rows repeat: 5 codes × 3 rounds give at most 125.
 */
export function friedmanWeighted(
  rows: readonly (readonly number[])[],
  weights: readonly number[],
  k: number,
): AsymptoticResult & { kendallW: number | null; df: number } {
  const rankSums = new Float64Array(k);
  let tieSum = 0;
  let n = 0;
  rows.forEach((row, i) => {
    const w = weights[i];
    n += w;
    for (let j = 0; j < k; j++) {
      const v = row[j];
      let less = 0;
      let equal = 0;
      for (let q = 0; q < k; q++) {
        if (row[q] < v) less++;
        else if (row[q] === v) equal++;
      }
      rankSums[j] += w * (less + (equal + 1) / 2);
      tieSum += w * (equal * equal - 1);
    }
  });
  const notes: AsymptoticResult['notes'] = ['approximate-p'];
  if (tieSum > 0) notes.push('ties');
  const df = k - 1;
  const denominator = n * k * (k + 1) - tieSum / (k - 1);
  if (!(denominator > 0) || df < 1) {
    return {
      method: 'Friedman rank-sum test (χ² approximation)',
      n,
      statistic: 0,
      z: null,
      p: null,
      notes: [...notes, 'not-estimable'],
      kendallW: null,
      df,
    };
  }
  const centre = (n * (k + 1)) / 2;
  let ss = 0;
  for (let j = 0; j < k; j++) ss += (rankSums[j] - centre) ** 2;
  const statistic = (12 * ss) / denominator;
  return {
    method: 'Friedman rank-sum test (χ² approximation)',
    n,
    statistic,
    z: null,
    p: pchisq(statistic, df, false),
    notes,
    kendallW: statistic / (n * (k - 1)),
    df,
  };
}

/** Cochran's Q (χ² approximation) on distinct binary rows with counts. */
export function cochranWeighted(
  rows: readonly (readonly number[])[],
  weights: readonly number[],
  k: number,
): AsymptoticResult & { df: number } {
  const columns = new Float64Array(k);
  let T = 0;
  let rowSquares = 0;
  let n = 0;
  rows.forEach((row, i) => {
    const w = weights[i];
    n += w;
    let r = 0;
    for (let j = 0; j < k; j++) {
      columns[j] += w * row[j];
      r += row[j];
    }
    T += w * r;
    rowSquares += w * r * r;
  });
  const df = k - 1;
  const denominator = k * T - rowSquares;
  if (!(denominator > 0) || df < 1) {
    return {
      method: "Cochran's Q test (χ² approximation)",
      n,
      statistic: 0,
      z: null,
      p: null,
      notes: ['approximate-p', 'not-estimable'],
      df,
    };
  }
  let sumC2 = 0;
  for (let j = 0; j < k; j++) sumC2 += columns[j] * columns[j];
  const statistic = ((k - 1) * (k * sumC2 - T * T)) / denominator;
  return {
    method: "Cochran's Q test (χ² approximation)",
    n,
    statistic,
    z: null,
    p: pchisq(statistic, df, false),
    notes: ['approximate-p'],
    df,
  };
}

/**
 * Welch two-sample t (difference of means x − y with its interval) and the standardised mean
 * difference (x̄ − ȳ)/√((s²ₓ + s²ᵧ)/2), from counts; as analysis/stats welchT and smd.
 */
export function welchFromCounts(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  values: ArrayLike<number>,
): { meanX: number | null; meanY: number | null; estimate: number | null; ci: [number, number] | null; smd: number | null } {
  const a = momentsFromCounts(x, values);
  const b = momentsFromCounts(y, values);
  const estimate = a.mean !== null && b.mean !== null ? a.mean - b.mean : null;
  let ci: [number, number] | null = null;
  let smd: number | null = null;
  if (estimate !== null && a.variance !== null && b.variance !== null) {
    const sx = a.variance / a.n;
    const sy = b.variance / b.n;
    const se = Math.sqrt(sx + sy);
    if (se > 0) {
      const df = (sx + sy) ** 2 / (sx ** 2 / (a.n - 1) + sy ** 2 / (b.n - 1));
      const half = qt(0.975, df) * se;
      ci = [estimate - half, estimate + half];
    }
    const scale = Math.sqrt((a.variance + b.variance) / 2);
    if (scale > 0) smd = estimate / scale;
  }
  return { meanX: a.mean, meanY: b.mean, estimate, ci, smd };
}
