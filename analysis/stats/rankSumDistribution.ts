import { lchoose } from './lchoose.js';

/** Above this many subsets the counts are no longer exact integers in a double. */
const LOG_2_POW_53 = 53 * Math.LN2;

/**
 * Exact null distribution of the sum of `m` scores drawn without
 * replacement from `scores` (internal; the permutation distribution of the
 * Wilcoxon–Mann–Whitney statistic, conditional on ties).
 *
 * Scores must be non-negative integers (doubled midranks). Equal scores
 * are processed as one group: choosing c of a group of t contributes
 * c·score in C(t, c) ways. While C(N, m) ≤ 2^53 the table holds exact
 * subset counts; above that each row j is kept as a probability
 * distribution (weights C(t, c)·C(P, j − c)/C(P + t, j) after P items),
 * so nothing overflows and no count is rounded (METHODS §3.2, §7.3).
 *
 * Cost: O(groups · m · S · t) with S = Σ scores ≤ N(N + 1), the sums each row can reach (about
 * half of S for most rows) rather than all of them.
 *
 * @returns probability of each sum 0..S (index = sum)
 */
export function rankSumDistribution(scores: readonly number[], m: number): Float64Array {
  const total = scores.reduce((a, b) => a + b, 0);
  const groups = new Map<number, number>();
  for (const s of scores) groups.set(s, (groups.get(s) ?? 0) + 1);
  const normalised = lchoose(scores.length, m) > LOG_2_POW_53;
  // f[j * width + s]: ways (or probability) that j chosen items sum to s.
  const width = total + 1;
  let f = new Float64Array((m + 1) * width);
  f[0] = 1;
  // The sums row j can hold lie in lo[j]..hi[j] (j items chosen from those processed so far):
  // the loops skip the zeros outside, which adds nothing (the table is the same, bit for bit).
  let lo = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
  let hi = new Float64Array(m + 1).fill(-1);
  lo[0] = hi[0] = 0;
  let processed = 0;
  for (const [score, size] of groups) {
    const next = new Float64Array((m + 1) * width);
    const nextLo = new Float64Array(m + 1).fill(Number.POSITIVE_INFINITY);
    const nextHi = new Float64Array(m + 1).fill(-1);
    for (let j = 0; j <= Math.min(m, processed); j++) {
      if (hi[j] < 0) continue;
      for (let c = 0; c <= size && j + c <= m; c++) {
        const jj = j + c;
        const weight = normalised
          ? Math.exp(lchoose(size, c) + lchoose(processed, j) - lchoose(processed + size, jj))
          : Math.round(Math.exp(lchoose(size, c)));
        const from = j * width;
        const to = jj * width + c * score;
        for (let s = lo[j], end = hi[j]; s <= end; s++) next[to + s] += f[from + s] * weight;
        nextLo[jj] = Math.min(nextLo[jj], lo[j] + c * score);
        nextHi[jj] = Math.max(nextHi[jj], hi[j] + c * score);
      }
    }
    f = next;
    lo = nextLo;
    hi = nextHi;
    processed += size;
  }
  const row = f.subarray(m * width, (m + 1) * width);
  let sum = 0;
  for (const v of row) sum += v;
  const out = new Float64Array(width);
  for (let s = 0; s < width; s++) out[s] = row[s] / sum;
  return out;
}
