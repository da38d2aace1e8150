/**
 * Input shapes for count data, shared by the tests and intervals here.
 */

/**
 * A paired yes/no item measured twice on the same respondents (e.g. tool
 * use in round 2 and round 3). Named cells remove any doubt about the
 * orientation: `yesNo` = "yes" at the earlier round and "no" at the later.
 *
 * In R's layout `matrix(c(yesYes, noYes, yesNo, noNo), 2)` (rows = earlier
 * round yes/no, columns = later round yes/no), `mcnemar.test` and
 * `binom.test(yesNo, yesNo + noYes)` see the same data.
 */
export interface PairedBinaryCounts {
  yesYes: number;
  yesNo: number;
  noYes: number;
  noNo: number;
}

/**
 * A contingency table as rows of counts: `table[i][j]` is the count in row
 * i, column j. For two independent groups and a yes/no item the rows are
 * the groups and the columns are (yes, no), so `[[9, 2], [10, 11]]` means
 * 9 of 11 vs 10 of 21. R: `matrix(c(9, 10, 2, 11), 2)` (column-major).
 */
export type CountTable = ReadonlyArray<ReadonlyArray<number>>;
