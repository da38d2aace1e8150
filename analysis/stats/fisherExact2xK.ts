import { REL_ERR } from './binomialTwoSidedP.js';
import { isCount } from './input.js';
import { lchoose } from './lchoose.js';
import { DEFAULT_ALPHA } from './result.js';
import type { NoteCode } from './result.js';
import type { FisherOptions, FisherResult } from './fisherExact2x2.js';
import type { CountTable } from './tables.js';

export interface FisherExact2xKOptions extends FisherOptions {
  /** Give up (p null, 'not-estimable') after enumerating this many tables; default 5e6. */
  maxTables?: number;
}

export interface FisherExact2xKResult extends FisherResult {
  /** Number of tables with the observed margins that were enumerated. */
  tables: number;
}

/**
 * **Fisher's exact test for a 2×K table** (two groups × K nominal
 * categories, or K groups × yes/no), two-sided, by complete enumeration of
 * the tables with the observed margins (METHODS §3.2).
 *
 * P(table) = Πⱼ C(cⱼ, xⱼ)/C(N, r₁) for first-row cells xⱼ; the p-value sums
 * all tables with P ≤ P_obs·(1 + 1e-7). R's network algorithm uses a
 * similar tolerance, so values agree to ~1e-12. The minimum achievable p is
 * that of the least likely table; above alpha, `p` is withheld. `estimate`
 * is null (no single effect for K > 2).
 *
 * Reference: R `fisher.test(tab)$p.value` (2×5 example: 0.570254);
 * Mehta & Patel (1983). Cost: the number of tables, ≤ Π(cⱼ + 1).
 *
 * @param table 2 rows × K columns (a K × 2 table is transposed)
 * @example
 * fisherExact2xK([[2, 5, 6, 5, 3], [0, 1, 3, 5, 3]]).pComputed; // 0.570254
 */
export function fisherExact2xK(table: CountTable, options: FisherExact2xKOptions = {}): FisherExact2xKResult {
  const { alpha = DEFAULT_ALPHA, maxTables = 5e6 } = options;
  const method = "Fisher's exact test (2×K, full enumeration)";
  const rows =
    table.length === 2
      ? table
      : table.length > 2 && table.every((r) => r.length === 2)
        ? [table.map((r) => r[0]), table.map((r) => r[1])]
        : null;
  const K = rows?.[0]?.length ?? 0;
  const invalid = {
    method,
    n: 0,
    estimate: null,
    ci: null,
    statistic: null,
    p: null,
    notes: ['invalid-input'] as NoteCode[],
    pComputed: null,
    minAchievableP: null,
    tables: 0,
  };
  if (rows === null || K < 2 || rows[1].length !== K || !rows.every((r) => r.every(isCount))) return invalid;

  const first = rows[0];
  const columns = first.map((v, j) => v + rows[1][j]);
  const r1 = first.reduce((s, v) => s + v, 0);
  const N = columns.reduce((s, v) => s + v, 0);
  const logTotal = lchoose(N, r1);
  const logColumn = columns.map((c) => Array.from({ length: c + 1 }, (_, x) => lchoose(c, x)));
  const observedLog = first.reduce((s, x, j) => s + logColumn[j][x], 0) - logTotal;
  const observedCut = observedLog + Math.log(REL_ERR);
  // Suffix capacities: the most the remaining columns can take.
  const capacity = new Array<number>(K + 1).fill(0);
  for (let j = K - 1; j >= 0; j--) capacity[j] = capacity[j + 1] + columns[j];

  let tables = 0;
  let tail = 0;
  let total = 0;
  let minLog = Infinity;
  let nearMin: number[] = []; // log-probabilities within relErr of the current minimum
  let aborted = false;
  const visit = (j: number, remaining: number, logSum: number): void => {
    if (aborted) return;
    if (j === K - 1) {
      const logP = logSum + logColumn[j][remaining] - logTotal;
      const prob = Math.exp(logP);
      total += prob;
      if (logP <= observedCut) tail += prob;
      if (logP < minLog) {
        minLog = logP;
        nearMin = nearMin.filter((l) => l <= minLog + Math.log(REL_ERR));
      }
      if (logP <= minLog + Math.log(REL_ERR)) nearMin.push(logP);
      if (++tables > maxTables) aborted = true;
      return;
    }
    const lo = Math.max(0, remaining - capacity[j + 1]);
    const hi = Math.min(columns[j], remaining);
    for (let x = lo; x <= hi; x++) visit(j + 1, remaining - x, logSum + logColumn[j][x]);
  };
  visit(0, r1, 0);
  if (aborted) {
    return { ...invalid, n: N, notes: ['not-estimable'], tables };
  }
  const pComputed = Math.min(1, tail / total);
  const minAchievableP = Math.min(1, nearMin.reduce((s, l) => s + Math.exp(l), 0) / total);
  const notes: NoteCode[] = [];
  const withheld = minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  return {
    method,
    n: N,
    estimate: null,
    ci: null,
    statistic: null,
    p: withheld ? null : pComputed,
    notes,
    pComputed,
    minAchievableP,
    tables,
  };
}
