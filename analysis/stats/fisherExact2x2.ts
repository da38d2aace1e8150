import { REL_ERR } from './binomialTwoSidedP.js';
import { isCount } from './input.js';
import { lchoose } from './lchoose.js';
import { DEFAULT_ALPHA } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import type { CountTable } from './tables.js';

export interface FisherOptions {
  /** Significance level for the minimum-achievable-p rule, default 0.05. */
  alpha?: number;
}

export interface FisherResult extends StatResult {
  pComputed: number | null;
  minAchievableP: number | null;
}

/**
 * **Fisher's exact test for a 2×2 table** (two groups × yes/no), two-sided,
 * the default cross-sectional test for a binary item (METHODS §3.2).
 *
 * With all margins fixed, the top-left cell is hypergeometric; the p-value
 * sums the probabilities of all tables with P ≤ P_obs·(1 + 1e-7) (R's
 * relErr rule: the tolerance matters for floating-point ties). As in R,
 * the probabilities are normalised over the support. The minimum achievable
 * p is that of the least likely table; above alpha, `p` is withheld.
 *
 * `estimate` is the difference in proportions of the first column between
 * the rows, table[0][0]/row₀ − table[1][0]/row₁ (null if a row is empty);
 * use `newcombeIndependent` for its interval.
 *
 * Reference: R `fisher.test(matrix(c(a, c, b, d), 2))$p.value`; Fisher
 * (1935). Cost: O(min(margins)).
 *
 * @param table [[a, b], [c, d]]: rows are groups, columns (yes, no)
 * @example
 * fisherExact2x2([[9, 2], [10, 11]]).pComputed; // 0.1279 (9 of 11 vs 10 of 21)
 */
export function fisherExact2x2(table: CountTable, options: FisherOptions = {}): FisherResult {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const method = "Fisher's exact test (2×2)";
  const valid = table.length === 2 && table.every((row) => row.length === 2 && row.every(isCount));
  if (!valid) {
    return {
      method,
      n: 0,
      estimate: null,
      ci: null,
      statistic: null,
      p: null,
      notes: ['invalid-input'],
      pComputed: null,
      minAchievableP: null,
    };
  }
  const [[a, b], [c, d]] = table as [[number, number], [number, number]];
  const n = a + b + c + d;
  const m = a + c; // first-column total
  const nn = b + d; // second-column total
  const k = a + b; // first-row total
  const lo = Math.max(0, k - nn);
  const hi = Math.min(k, m);
  const logs: number[] = [];
  for (let x = lo; x <= hi; x++) logs.push(lchoose(m, x) + lchoose(nn, k - x) - lchoose(n, k));
  const top = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((s, w) => s + w, 0);
  const probs = weights.map((w) => w / total);
  const observed = probs[a - lo];
  const smallest = Math.min(...probs);
  let pComputed = 0;
  let minAchievableP = 0;
  for (const p of probs) {
    if (p <= observed * REL_ERR) pComputed += p;
    if (p <= smallest * REL_ERR) minAchievableP += p;
  }
  pComputed = Math.min(1, pComputed);
  minAchievableP = Math.min(1, minAchievableP);
  const notes: NoteCode[] = [];
  const withheld = minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  const estimate = a + b > 0 && c + d > 0 ? a / (a + b) - c / (c + d) : null;
  if (estimate === null) notes.push('not-estimable');
  return { method, n, estimate, ci: null, statistic: null, p: withheld ? null : pComputed, notes, pComputed, minAchievableP };
}
