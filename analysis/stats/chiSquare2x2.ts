import { pearson } from './chiSquareRxC.js';
import type { ChiSquareResult } from './chiSquareRxC.js';
import type { CountTable } from './tables.js';

export interface ChiSquare2x2Options {
  /** Yates continuity correction, default false (R's chisq.test default is true; the guide's reference is correct = FALSE). */
  correct?: boolean;
}

/**
 * **Pearson's χ² test for a 2×2 table** (two groups × yes/no), optionally
 * with Yates' continuity correction. Equivalent to
 * `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)`. Default to Fisher's
 * exact test at rondo's counts; this is for comparison with reports that
 * used χ² (METHODS §3.2). `estimate` is the difference in proportions of
 * the first column between the rows.
 *
 * Reference: R `chisq.test(tab, correct = FALSE / TRUE)`. Cost: O(1).
 *
 * @param table [[a, b], [c, d]]: rows are groups, columns (yes, no)
 * @example
 * chiSquare2x2([[9, 2], [10, 11]], { correct: true }).p; // 0.135706
 */
export function chiSquare2x2(table: CountTable, options: ChiSquare2x2Options = {}): ChiSquareResult {
  if (table.length !== 2 || table.some((row) => row.length !== 2)) {
    return {
      method: "Pearson's chi-squared test",
      n: 0,
      estimate: null,
      ci: null,
      statistic: null,
      p: null,
      notes: ['invalid-input'],
      df: null,
      expected: null,
    };
  }
  return pearson(table, options.correct ?? false);
}
