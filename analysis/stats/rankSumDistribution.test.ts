import { describe, expect, it } from 'vitest';
import { rankSumDistribution } from './rankSumDistribution.js';

/** The distribution by listing every subset of m of the scores: the definition itself. */
function bruteForce(scores: number[], m: number): number[] {
  const total = scores.reduce((a, b) => a + b, 0);
  const counts = new Array<number>(total + 1).fill(0);
  let subsets = 0;
  const choose = (from: number, left: number, sum: number) => {
    if (left === 0) {
      counts[sum]++;
      subsets++;
      return;
    }
    for (let i = from; i <= scores.length - left; i++) choose(i + 1, left - 1, sum + scores[i]);
  };
  choose(0, m, 0);
  return counts.map((c) => c / subsets);
}

describe('rankSumDistribution', () => {
  // Doubled midranks of small samples with ties (groups met in no particular order), without
  // ties, and with one score for everyone: each sum's probability as listing the subsets gives it.
  const cases: [string, number[], number][] = [
    ['ties, m = 4 of 11', [9, 3, 14, 9, 20, 14, 3, 9, 22, 20, 14], 4],
    ['ties, m = 6 of 12', [7, 7, 7, 16, 16, 2, 24, 16, 7, 2, 21, 16], 6],
    ['no ties, m = 5 of 10', [2, 4, 6, 8, 10, 12, 14, 16, 18, 20], 5],
    ['one value, m = 3 of 7', [8, 8, 8, 8, 8, 8, 8], 3],
    ['m = 1 and m = n − 1', [5, 5, 10, 1], 1],
    ['m = n − 1', [5, 5, 10, 1], 3],
  ];
  it.each(cases)('%s: every sum as the subsets give it', (_label, scores, m) => {
    const got = Array.from(rankSumDistribution(scores, m));
    const want = bruteForce(scores, m);
    expect(got).toHaveLength(want.length);
    got.forEach((p, s) => expect(p, `sum ${s}`).toBeCloseTo(want[s], 14));
  });
});
