import { DEFAULT_ALPHA } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import type { MaybeNumber } from './input.js';
import { blockPermutationP } from './blockPermutationP.js';
import { completeBlocks } from './blocks.js';
import { midranks } from './midranks.js';
import { pchisq } from './pchisq.js';

export interface FriedmanOptions {
  /** Compute the exact conditional p-value (default true). */
  exact?: boolean;
  /** Significance level for the minimum-achievable-p rule (default 0.05). */
  alpha?: number;
}

export interface FriedmanResult extends StatResult {
  /** Number of rounds (columns). */
  k: number;
  /** Rows dropped because a value was missing. */
  nDropped: number;
  /** Column rank sums Rⱼ (midranks within each row). */
  rankSums: number[] | null;
  df: number | null;
  pExact: number | null;
  /** χ²(k − 1) approximation, as R's friedman.test. */
  pApprox: number | null;
  pComputed: number | null;
  minAchievableP: number | null;
  /** Kendall's W = χ²_F / (n(k − 1)); equals `estimate`. */
  kendallW: number | null;
}

/**
 * **Friedman rank test** for k related samples (the same respondents in
 * three or more rounds, METHODS §3.4), on complete cases, with the exact
 * conditional p-value.
 *
 * χ²_F = 12·Σⱼ(Rⱼ − n(k+1)/2)² / (n·k(k+1) − Σ_rows Σ(t³ − t)/(k − 1)),
 * R's tie-corrected statistic, with midranks within each row. The χ²(k−1)
 * approximation is poor at n ≈ 8 (0.0743 vs exact 0.1235 for Cochran's Q in
 * the guide's example), so the exact p is the default: every row's
 * permutations of its doubled midranks are equally likely, and a dynamic
 * programme over the column-sum vectors (see blockPermutationDistribution)
 * gives P(χ² ≥ observed). χ² is monotone in ΣRⱼ² for fixed ties, so the
 * comparison is done exactly on integers.
 *
 * `estimate` is Kendall's W (coefficient of concordance) = χ²_F/(n(k − 1)).
 *
 * Reference: R `friedman.test(y)`; Friedman (1937) JASA 32:675; exact
 * conditional distribution as in van de Wiel (2001), Hollander & Wolfe.
 * Cost: see blockPermutationDistribution; k up to ~5 is practical.
 *
 * @param table rows = blocks (respondents), columns = rounds; rows with a missing value are dropped
 * @example
 * friedman([[2,3,4],[3,3,4],[2,4,4],[3,3,3],[4,4,5],[2,3,3],[3,4,4],[3,2,4]]).statistic; // 9.652174 (R: friedman.test(fm))
 */
export function friedman(table: ReadonlyArray<ReadonlyArray<MaybeNumber>>, options: FriedmanOptions = {}): FriedmanResult {
  const { exact = true, alpha = DEFAULT_ALPHA } = options;
  const method = 'Friedman rank-sum test';
  const blocks = completeBlocks(table);
  const empty = {
    method,
    estimate: null,
    ci: null,
    statistic: null,
    p: null,
    rankSums: null,
    df: null,
    pExact: null,
    pApprox: null,
    pComputed: null,
    minAchievableP: null,
    kendallW: null,
  };
  if (blocks === null) return { ...empty, n: 0, k: 0, nDropped: 0, notes: ['invalid-input'] };
  const { rows, k, dropped } = blocks;
  const notes: NoteCode[] = [];
  if (dropped > 0) notes.push('missing-dropped');
  const n = rows.length;
  if (n === 0) return { ...empty, n, k, nDropped: dropped, notes: [...notes, 'too-few-observations', 'not-estimable'] };

  const ranked = rows.map(midranks);
  const rankSums = new Array<number>(k).fill(0);
  let tieSum = 0;
  for (const r of ranked) {
    r.forEach((v, j) => (rankSums[j] += v));
    const counts = new Map<number, number>();
    for (const v of r) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const t of counts.values()) tieSum += t * t * t - t;
  }
  if (tieSum > 0) notes.push('ties');
  const df = k - 1;
  const denominator = n * k * (k + 1) - tieSum / (k - 1);
  let statistic: number | null = null;
  let pApprox: number | null = null;
  if (denominator > 0) {
    const centre = (n * (k + 1)) / 2;
    statistic = (12 * rankSums.reduce((acc, R) => acc + (R - centre) ** 2, 0)) / denominator;
    pApprox = pchisq(statistic, df, false);
  }

  const doubled = ranked.map((r) => r.map((v) => Math.round(2 * v)));
  const exactP = blockPermutationP(
    doubled,
    rankSums.reduce((acc, R) => acc + Math.round(2 * R) ** 2, 0),
  );
  const pExact = exactP?.p ?? null;
  const minAchievableP = exactP?.minAchievableP ?? null;
  const usedExact = exact && pExact !== null;
  const pComputed = usedExact ? pExact : pApprox;
  if (!usedExact && pComputed !== null) notes.push('approximate-p');
  const withheld = minAchievableP !== null && minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  if (statistic === null) notes.push('not-estimable');
  const kendallW = statistic === null ? null : statistic / (n * (k - 1));
  return {
    ...empty,
    n,
    k,
    nDropped: dropped,
    notes,
    estimate: kendallW,
    statistic,
    p: withheld ? null : pComputed,
    rankSums,
    df,
    pExact,
    pApprox,
    pComputed,
    minAchievableP,
    kendallW,
  };
}
