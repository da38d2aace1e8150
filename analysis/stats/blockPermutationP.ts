import { blockPermutationDistribution } from './blockPermutationDistribution.js';

/**
 * Exact conditional p-value of a block design from the permutation distribution of Σⱼ Sⱼ²
 * (internal; Friedman's χ² on doubled midranks and Cochran's Q on 0/1 rows, METHODS §3.4):
 * P(Σ Sⱼ² ≥ observed) and the minimum achievable p, the probability of the largest value.
 * Both tests are monotone in Σ Sⱼ² for the given rows, so the comparison is exact on integers.
 *
 * @param rows the blocks as non-negative integers (doubled midranks, or 0/1)
 * @param observed Σⱼ Sⱼ² of the observed column sums
 * @returns null when the distribution is too large to compute (blockPermutationDistribution)
 */
export function blockPermutationP(rows: readonly (readonly number[])[], observed: number): { p: number; minAchievableP: number } | null {
  const dist = blockPermutationDistribution(rows);
  if (dist === null) return null;
  const maxStat = Math.max(...dist.keys());
  let tail = 0;
  let extreme = 0;
  for (const [stat, p] of dist) {
    if (stat >= observed) tail += p;
    if (stat >= maxStat) extreme += p;
  }
  return { p: Math.min(1, tail), minAchievableP: Math.min(1, extreme) };
}
