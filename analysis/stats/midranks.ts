/**
 * **Midranks** (average ranks for ties) of a list of numbers, in input
 * order: the ranking every rank test here uses.
 *
 * Ties are exact equality, as in R's `rank(x)` (ties.method = "average").
 * Doubling a midrank always gives an integer, which is what the exact
 * permutation distributions use as scores.
 *
 * Reference: R `rank(x)`. Cost: O(n log n).
 *
 * @param values finite numbers
 * @returns ranks 1..n, tied values sharing the mean of their positions
 * @example
 * midranks([3, 1, 3, 2]); // [3.5, 1, 3.5, 2] (R: rank(c(3, 1, 3, 2)))
 */
export function midranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    const rank = (start + end + 2) / 2;
    for (let i = start; i <= end; i++) ranks[order[i]] = rank;
    start = end + 1;
  }
  return ranks;
}
