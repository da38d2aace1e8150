/**
 * Small-cell suppression for the response monitor's breakdowns (METHODS.md §6): what a
 * trainer sees per organisation or role. Pure, so it can be tested on its own.
 *
 * 1. A group with fewer than `min` members is not shown at all.
 * 2. If that leaves exactly one group hidden, the smallest other group is hidden too: the
 *    totals are shown, so a single hidden group could be recovered by subtraction.
 * 3. In shown groups, a count of 1 to min−1 is hidden ("<5").
 * 4. A column with exactly one hidden cell gets a second one (the smallest other shown cell),
 *    for the same reason as 2.
 *
 * Cost: O(rows × columns) per pass, two passes.
 */
export interface CountRow {
  /** The group's size, the denominator of its cells. */
  n: number;
  cells: number[];
}

export interface SuppressedRow {
  /** The whole group is hidden. */
  hidden: boolean;
  n: number | null;
  /** null where a cell is hidden. */
  cells: (number | null)[];
}

export function suppressSmallCells(rows: CountRow[], min: number): SuppressedRow[] {
  const hiddenRow = rows.map((r) => r.n < min);
  if (rows.length > 1 && hiddenRow.filter(Boolean).length === 1) {
    let pick = -1;
    rows.forEach((r, i) => {
      if (!hiddenRow[i] && (pick < 0 || r.n < rows[pick].n)) pick = i;
    });
    if (pick >= 0) hiddenRow[pick] = true;
  }
  const cells: (number | null)[][] = rows.map((r, i) =>
    hiddenRow[i] ? r.cells.map(() => null) : r.cells.map((v) => (v >= 1 && v < min ? null : v)),
  );
  const columns = rows[0]?.cells.length ?? 0;
  for (let c = 0; c < columns; c++) {
    const hidden = cells.filter((row) => row[c] === null).length;
    if (hidden !== 1 || rows.length < 2) continue;
    let pick = -1;
    cells.forEach((row, i) => {
      const v = row[c];
      if (v !== null && (pick < 0 || v < (cells[pick][c] as number))) pick = i;
    });
    if (pick >= 0) cells[pick][c] = null;
  }
  return rows.map((r, i) => ({ hidden: hiddenRow[i], n: hiddenRow[i] ? null : r.n, cells: cells[i] }));
}
