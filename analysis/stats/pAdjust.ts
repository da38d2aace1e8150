/** The multiplicity corrections offered (METHODS §5). */
export const P_ADJUST_METHODS = ['holm', 'BH', 'bonferroni'] as const;
export type PAdjustMethod = (typeof P_ADJUST_METHODS)[number];

/**
 * **Adjusted p-values** for a family of tests, with exactly R's `p.adjust`
 * semantics (METHODS §5):
 *
 * - 'holm' (confirmatory family, strong FWER control): sort ascending;
 *   adj(i) = min(1, max_{j ≤ i} (m − j + 1)·p(j)); back to input order.
 * - 'BH' (exploratory screens, FDR): sort descending;
 *   adj(i) = min(1, min_{j ≥ i} (m/j)·p(j)).
 * - 'bonferroni': min(1, m·p).
 *
 * Missing p-values (null, NaN) stay null and do not count in m, as in R.
 * Withheld p-values (tests that could not reach alpha) should be left out
 * of the family before the data are seen (Tarone's idea), not passed as
 * null after the fact. Report raw and adjusted values side by side.
 *
 * Reference: R `p.adjust(p, method)`; Holm (1979) Scand J Stat 6:65;
 * Benjamini & Hochberg (1995) JRSS B 57:289. Cost: O(m log m).
 *
 * @param p raw p-values
 * @param method 'holm' | 'BH' | 'bonferroni'
 * @param n family size m, default the number of non-missing p-values (must not be smaller)
 * @returns adjusted p-values in input order (null where the input was missing)
 * @example
 * pAdjust([0.01, 0.04, 0.03, 0.005, 0.2, 0.049, 0.5], 'holm'); // [0.06, 0.16, 0.15, 0.035, 0.4, 0.16, 0.5]
 */
export function pAdjust(p: ReadonlyArray<number | null | undefined>, method: PAdjustMethod, n?: number): (number | null)[] {
  const present: { value: number; index: number }[] = [];
  p.forEach((value, index) => {
    if (typeof value === 'number' && !Number.isNaN(value)) present.push({ value, index });
  });
  const out: (number | null)[] = p.map(() => null);
  const m = Math.max(n ?? present.length, present.length);
  if (m <= 1) {
    for (const { value, index } of present) out[index] = value;
    return out;
  }
  if (method === 'bonferroni') {
    for (const { value, index } of present) out[index] = Math.min(1, m * value);
    return out;
  }
  const lp = present.length;
  if (method === 'holm') {
    const sorted = [...present].sort((a, b) => a.value - b.value);
    let running = -Infinity;
    sorted.forEach(({ value, index }, i) => {
      running = Math.max(running, (m - i) * value);
      out[index] = Math.min(1, running);
    });
    return out;
  }
  // BH
  const sorted = [...present].sort((a, b) => b.value - a.value);
  let running = Infinity;
  sorted.forEach(({ value, index }, i) => {
    running = Math.min(running, (m / (lp - i)) * value);
    out[index] = Math.min(1, running);
  });
  return out;
}
