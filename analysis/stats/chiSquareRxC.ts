import { isCount } from './input.js';
import { pchisq } from './pchisq.js';
import type { NoteCode, StatResult } from './result.js';
import type { CountTable } from './tables.js';

export interface ChiSquareResult extends StatResult {
  df: number | null;
  /** Expected counts under independence (row total × column total / N). */
  expected: number[][] | null;
}

/**
 * **Pearson's χ² test of independence for an r×c table**, without
 * continuity correction. Only trustworthy when every expected count is ≥ 5
 * (Cochran's rule; otherwise the note 'low-expected-counts' is added and
 * Fisher's test should be used). For ordinal outcomes use Mann–Whitney.
 *
 * X² = Σ (O − E)²/E, df = (r − 1)(c − 1), p = P(χ²_df > X²). A table with an
 * empty row or column is 'not-estimable' (R returns NaN).
 *
 * Reference: R `chisq.test(tab, correct = FALSE)`. Cost: O(rc).
 *
 * @param table counts, rows × columns
 * @example
 * chiSquareRxC([[9, 2], [10, 11]]).p; // 0.061361
 */
export function chiSquareRxC(table: CountTable): ChiSquareResult {
  return pearson(table, false);
}

/**
 * Pearson's X² with R's Yates rule (internal; `chiSquare2x2` and
 * `chiSquareRxC`). R subtracts min(0.5, |O − E|) from every |O − E|, and only
 * for 2×2 tables.
 */
export function pearson(table: CountTable, correct: boolean): ChiSquareResult {
  const method = `Pearson's chi-squared test${correct ? ' with Yates continuity correction' : ''}`;
  const r = table.length;
  const c = table[0]?.length ?? 0;
  const empty = { method, estimate: null, ci: null, statistic: null, p: null, df: null, expected: null };
  if (r < 2 || c < 2 || table.some((row) => row.length !== c || !row.every(isCount))) {
    return { ...empty, n: 0, notes: ['invalid-input'] };
  }
  const rowTotals = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = Array.from({ length: c }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const N = rowTotals.reduce((s, v) => s + v, 0);
  const notes: NoteCode[] = ['approximate-p'];
  if (N === 0 || rowTotals.some((v) => v === 0) || colTotals.some((v) => v === 0)) {
    return { ...empty, n: N, notes: [...notes, 'not-estimable'] };
  }
  const expected = rowTotals.map((rt) => colTotals.map((ct) => (rt * ct) / N));
  const yates =
    correct && r === 2 && c === 2 ? Math.min(0.5, ...table.flatMap((row, i) => row.map((o, j) => Math.abs(o - expected[i][j])))) : 0;
  let statistic = 0;
  table.forEach((row, i) =>
    row.forEach((o, j) => {
      const dev = Math.abs(o - expected[i][j]) - yates;
      statistic += (dev * dev) / expected[i][j];
    }),
  );
  if (expected.some((row) => row.some((e) => e < 5))) notes.push('low-expected-counts');
  const df = (r - 1) * (c - 1);
  const p = pchisq(statistic, df, false);
  const estimate = r === 2 && c === 2 ? table[0][0] / rowTotals[0] - table[1][0] / rowTotals[1] : null;
  return { ...empty, n: N, notes, estimate, statistic, p, df, expected };
}
