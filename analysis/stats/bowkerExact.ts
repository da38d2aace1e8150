import { dbinom } from './dbinom.js';
import { isCount } from './input.js';
import { pchisq } from './pchisq.js';
import { DEFAULT_ALPHA } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import type { CountTable } from './tables.js';

export interface BowkerOptions {
  /** Significance level for the minimum-achievable-p rule, default 0.05. */
  alpha?: number;
  /** Above this many distinct values of the statistic the exact distribution is not pursued: χ² p ('approximate-p'). Default 2e5. */
  maxStates?: number;
}

export interface BowkerResult extends StatResult {
  /** Off-diagonal pairs of options with at least one change (the χ² degrees of freedom). */
  df: number;
  /** Respondents whose answer changed (the off-diagonal total). */
  discordant: number;
  /** The exact p-value before the minimum-achievable-p rule. */
  pComputed: number | null;
  minAchievableP: number | null;
  /** Bowker's asymptotic χ² p-value (R `mcnemar.test`), for reference only: not safe at these counts. */
  pAsymptotic: number | null;
}

/** Contributions of one pair of cells that differ by less than this are the same (floating point). */
const TOLERANCE = 1e-9;

/**
 * **Exact Bowker test of symmetry** for a paired nominal item (a single-choice question asked
 * twice of the same respondents): rows are the earlier answer, columns the later one.
 *
 * Under H₀ (no net movement between any two options) each pair of opposite cells n_ij, n_ji
 * splits its m = n_ij + n_ji changes as Bin(m, ½), independently of the other pairs. The
 * statistic is Bowker's X² = Σ_{i<j} (n_ij − n_ji)²/m; the exact conditional p-value is
 * P(X² ≥ observed) over all splits, found by convolving the per-pair distributions (a DP on the
 * sum, cost Σ m × number of distinct sums). With two options it is the exact McNemar test.
 * Symmetry implies equal distributions in both rounds (marginal homogeneity), so a small p
 * says the answers moved between options more in one direction than the other. The chi-square
 * approximation (Bowker 1948, R `mcnemar.test(tab)`) is far off at the n of a team or a
 * training group, so it is only reported as `pAsymptotic`; the rule of METHODS §3.5 applies:
 * when the smallest achievable p exceeds alpha, `p` is withheld ('too-few-observations').
 *
 * Reference: R, enumeration of all splits in fixtures/reference/items.R; `mcnemar.test(tab)` for
 * the statistic. Cost: the number of distinct sums (well under a millisecond for a team); above
 * `maxStates` the χ² p-value is used and marked 'approximate-p'.
 *
 * @param table k × k counts, rows = earlier answer, columns = later answer
 * @example
 * bowkerExact([[3, 4, 0], [0, 2, 1], [1, 0, 4]]).pComputed; // 0.125
 */
export function bowkerExact(table: CountTable, options: BowkerOptions = {}): BowkerResult {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const maxStates = options.maxStates ?? 2e5;
  const method = 'Exact Bowker test of symmetry';
  const k = table.length;
  const invalid: BowkerResult = {
    method,
    n: 0,
    estimate: null,
    ci: null,
    statistic: null,
    p: null,
    notes: ['invalid-input'],
    df: 0,
    discordant: 0,
    pComputed: null,
    minAchievableP: null,
    pAsymptotic: null,
  };
  if (k < 2 || !table.every((row) => row.length === k && row.every(isCount))) return invalid;

  let n = 0;
  for (const row of table) for (const c of row) n += c;
  let observed = 0;
  let df = 0;
  let discordant = 0;
  let minAchievableP = 1;
  // The distribution of the statistic so far, as [value, probability] with values sorted.
  let dist: [number, number][] | null = [[0, 1]];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const m = table[i][j] + table[j][i];
      if (m === 0) continue;
      df++;
      discordant += m;
      observed += (table[i][j] - table[j][i]) ** 2 / m;
      // Both extreme splits give the largest contribution m: the least likely outcome.
      minAchievableP *= Math.min(1, 2 * 0.5 ** m);
      const pair: [number, number][] = [];
      for (let x = 0; 2 * x <= m; x++) {
        const prob = 2 * x === m ? dbinom(x, m, 0.5) : 2 * dbinom(x, m, 0.5);
        pair.push([(m - 2 * x) ** 2 / m, prob]);
      }
      // Large tables (hundreds of pairs over many options): the χ² approximation is accurate there.
      if (dist && dist.length * pair.length <= maxStates) dist = convolve(dist, pair);
      else dist = null;
    }
  }
  const notes: NoteCode[] = [];
  if (n === 0) notes.push('not-estimable');
  if (n - discordant > 0) notes.push('zeros-dropped');
  const pAsymptotic = df === 0 ? null : pchisq(observed, df, false);
  let pComputed = 0;
  if (dist) {
    for (const [value, prob] of dist) if (value >= observed - TOLERANCE * Math.max(1, observed)) pComputed += prob;
  } else notes.push('approximate-p');
  pComputed = discordant === 0 ? 1 : dist ? Math.min(1, pComputed) : (pAsymptotic ?? 1);
  const withheld = minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  return {
    method,
    n,
    estimate: null,
    ci: null,
    statistic: discordant === 0 ? null : observed,
    p: withheld ? null : pComputed,
    notes,
    df,
    discordant,
    pComputed,
    minAchievableP,
    pAsymptotic,
  };
}

/** The distribution of a sum of two independent discrete variables, merging values within the tolerance. */
function convolve(a: [number, number][], b: [number, number][]): [number, number][] {
  const sums: [number, number][] = [];
  for (const [va, pa] of a) for (const [vb, pb] of b) sums.push([va + vb, pa * pb]);
  sums.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [v, p] of sums) {
    const last = out[out.length - 1];
    if (last && v - last[0] <= TOLERANCE * Math.max(1, v)) last[1] += p;
    else out.push([v, p]);
  }
  return out;
}
