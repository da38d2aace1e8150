import { DEFAULT_ALPHA } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import type { MaybeNumber } from './input.js';
import { blockPermutationP } from './blockPermutationP.js';
import { completeBlocks } from './blocks.js';
import { pchisq } from './pchisq.js';

export interface CochranQOptions {
  /** Compute the exact conditional p-value (default true). */
  exact?: boolean;
  /** Significance level for the minimum-achievable-p rule (default 0.05). */
  alpha?: number;
}

export interface CochranQResult extends StatResult {
  k: number;
  nDropped: number;
  /** Number of 1s per round (column totals Cⱼ). */
  columnTotals: number[] | null;
  /** Proportion of 1s per round. */
  proportions: number[] | null;
  df: number | null;
  pExact: number | null;
  pApprox: number | null;
  pComputed: number | null;
  minAchievableP: number | null;
}

/**
 * **Cochran's Q test** for k related binary samples (a yes/no item in three
 * or more rounds, METHODS §3.4), on complete cases, with the exact
 * conditional p-value.
 *
 * Q = (k − 1)(k·ΣCⱼ² − T²)/(k·T − ΣRᵢ²) with column totals Cⱼ, row totals
 * Rᵢ and T = ΣRᵢ; on 0/1 data this equals R's `friedman.test` statistic.
 * Exact p: each row with rᵢ ones is equally likely to have them in any of
 * its C(k, rᵢ) positions; the column-total distribution comes from the same
 * dynamic programme as Friedman's, and Q is monotone in ΣCⱼ². The χ²(k − 1)
 * approximation is anti-conservative here (0.0743 vs exact 0.1235 in the
 * guide's example). Rows of all 0s or all 1s carry no information but are
 * harmless. `estimate` is null; per-round proportions are in `proportions`.
 *
 * Reference: Cochran (1950) Biometrika 37:256; R
 * `friedman.test(binary)$statistic`, `pchisq(Q, k − 1, lower.tail = FALSE)`.
 * Cost: as Friedman, but rows have at most C(k, ⌊k/2⌋) patterns.
 *
 * @param table rows = respondents, columns = rounds, values 0/1; rows with a missing value are dropped
 * @example
 * cochranQ([[0,1,1],[0,0,1],[1,1,1],[0,1,1],[0,0,0],[0,1,0],[1,1,1],[0,0,1]]).statistic; // 5.2
 */
export function cochranQ(table: ReadonlyArray<ReadonlyArray<MaybeNumber>>, options: CochranQOptions = {}): CochranQResult {
  const { exact = true, alpha = DEFAULT_ALPHA } = options;
  const method = "Cochran's Q test";
  const blocks = completeBlocks(table);
  const empty = {
    method,
    estimate: null,
    ci: null,
    statistic: null,
    p: null,
    columnTotals: null,
    proportions: null,
    df: null,
    pExact: null,
    pApprox: null,
    pComputed: null,
    minAchievableP: null,
  };
  if (blocks === null || blocks.rows.some((row) => row.some((v) => v !== 0 && v !== 1))) {
    return { ...empty, n: 0, k: blocks?.k ?? 0, nDropped: 0, notes: ['invalid-input'] };
  }
  const { rows, k, dropped } = blocks;
  const notes: NoteCode[] = [];
  if (dropped > 0) notes.push('missing-dropped');
  const n = rows.length;
  if (n === 0) return { ...empty, n, k, nDropped: dropped, notes: [...notes, 'too-few-observations', 'not-estimable'] };

  const columnTotals = new Array<number>(k).fill(0);
  let T = 0;
  let rowSquares = 0;
  for (const row of rows) {
    const r = row.reduce((a, b) => a + b, 0);
    row.forEach((v, j) => (columnTotals[j] += v));
    T += r;
    rowSquares += r * r;
  }
  const df = k - 1;
  const denominator = k * T - rowSquares;
  let statistic: number | null = null;
  let pApprox: number | null = null;
  if (denominator > 0) {
    statistic = ((k - 1) * (k * columnTotals.reduce((acc, c) => acc + c * c, 0) - T * T)) / denominator;
    pApprox = pchisq(statistic, df, false);
  }

  const exactP = blockPermutationP(
    rows,
    columnTotals.reduce((acc, c) => acc + c * c, 0),
  );
  const pExact = exactP?.p ?? null;
  const minAchievableP = exactP?.minAchievableP ?? null;
  const usedExact = exact && pExact !== null;
  const pComputed = usedExact ? pExact : pApprox;
  if (!usedExact && pComputed !== null) notes.push('approximate-p');
  const withheld = minAchievableP !== null && minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  if (statistic === null) notes.push('not-estimable');
  return {
    ...empty,
    n,
    k,
    nDropped: dropped,
    notes,
    statistic,
    p: withheld ? null : pComputed,
    columnTotals,
    proportions: columnTotals.map((c) => c / n),
    df,
    pExact,
    pApprox,
    pComputed,
    minAchievableP,
  };
}
