import { fisherExact2x2 } from './fisherExact2x2.js';
import { lchoose } from './lchoose.js';
import { isCount } from './input.js';
import { lgamma } from './lgamma.js';

/** Designs for which the smallest achievable two-sided p can be planned before the data are in. */
export const MIN_P_TESTS = ['sign', 'mcnemar', 'mcnemar-mid-p', 'signed-rank', 'mann-whitney', 'friedman', 'fisher-2x2'] as const;
export type MinPTest = (typeof MIN_P_TESTS)[number];

export type MinPDesign =
  | { test: 'sign' | 'mcnemar' | 'mcnemar-mid-p'; discordant: number }
  | { test: 'signed-rank'; nonZero: number }
  | { test: 'mann-whitney'; m: number; n: number }
  | { test: 'friedman'; blocks: number; k: number }
  | { test: 'fisher-2x2'; rowTotals: readonly [number, number]; columnTotals: readonly [number, number] };

/**
 * **Minimum achievable two-sided p-value** of an exact test for a planned
 * design without ties (METHODS §3.5): if it exceeds alpha, the test cannot
 * be significant whatever the data, so rondo shows "too few observations
 * for a test" instead. Ties only make it larger. (Each test function also
 * reports the data-based value in its `minAchievableP`.)
 *
 * - sign / McNemar exact with k discordant pairs: 2·0.5ᵏ (k = 6 → 0.031);
 * - McNemar mid-p: 0.5ᵏ;
 * - signed-rank with n non-zero differences: 2/2ⁿ (n ≥ 6 needed);
 * - Mann–Whitney (m, n): 2/C(m + n, m) ((3, 3) → 0.10, (4, 4) → 0.029);
 * - Friedman, b blocks × k rounds: (k!)^(1−b) (all rows ordered alike);
 * - Fisher 2×2 with given margins: the p-value of the least likely table.
 *
 * Reference: R e.g. `2 * 0.5^6`, `2 / choose(8, 4)`. Cost: O(1), Fisher O(n).
 *
 * @returns the probability, capped at 1; null for an invalid design
 * @example
 * minAchievableP({ test: 'mann-whitney', m: 3, n: 4 }); // 0.05714 (R: 2 / choose(7, 3))
 */
export function minAchievableP(design: MinPDesign): number | null {
  switch (design.test) {
    case 'sign':
    case 'mcnemar':
      return isCount(design.discordant) ? Math.min(1, 2 * 0.5 ** design.discordant) : null;
    case 'mcnemar-mid-p':
      return isCount(design.discordant) ? Math.min(1, 0.5 ** design.discordant) : null;
    case 'signed-rank':
      return isCount(design.nonZero) ? Math.min(1, 2 * 0.5 ** design.nonZero) : null;
    case 'mann-whitney': {
      const { m, n } = design;
      if (!isCount(m) || !isCount(n)) return null;
      return Math.min(1, 2 * Math.exp(-lchoose(m + n, m)));
    }
    case 'friedman': {
      const { blocks, k } = design;
      if (!isCount(blocks) || !isCount(k) || k < 2 || blocks < 1) return null;
      return Math.min(1, Math.exp((1 - blocks) * lgamma(k + 1)));
    }
    case 'fisher-2x2': {
      const [r1, r2] = design.rowTotals;
      const [c1, c2] = design.columnTotals;
      if (![r1, r2, c1, c2].every(isCount) || r1 + r2 !== c1 + c2) return null;
      // Any table with these margins has the same support; build one.
      const a = Math.min(r1, c1);
      const table = [
        [a, r1 - a],
        [c1 - a, r2 - (c1 - a)],
      ];
      return fisherExact2x2(table).minAchievableP;
    }
    default:
      return null;
  }
}
