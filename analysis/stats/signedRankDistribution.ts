/**
 * Exact null distribution of the sum of the scores that receive a "+"
 * sign when each sign is + or − with probability ½ independently
 * (internal; the conditional distribution of Wilcoxon's V with ties).
 *
 * Scores must be positive integers (doubled midranks). Each step halves
 * f[s] + f[s − a]; halving is exact in binary floating point, so this is
 * bit-for-bit count/2ⁿ, i.e. exact for n ≤ 52 and never overflowing after
 * that (METHODS §3.3). Without ties it reproduces R's `dsignrank`.
 *
 * Cost: O(n · S) with S = Σ scores ≤ n(n + 1).
 *
 * @returns probability of each score sum 0..S (index = sum)
 */
export function signedRankDistribution(scores: readonly number[]): Float64Array {
  const total = scores.reduce((a, b) => a + b, 0);
  let f = new Float64Array(total + 1);
  f[0] = 1;
  let reach = 0;
  for (const a of scores) {
    const next = new Float64Array(total + 1);
    for (let s = 0; s <= reach; s++) {
      const half = f[s] / 2;
      if (half === 0) continue;
      next[s] += half;
      next[s + a] += half;
    }
    reach += a;
    f = next;
  }
  return f;
}
