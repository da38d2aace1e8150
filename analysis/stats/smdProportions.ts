import type { StatResult } from './result.js';
import { isCount } from './input.js';

/**
 * **Standardised difference of two proportions**
 * (p₁ − p₂)/√((p₁q₁ + p₂q₂)/2), the binary counterpart of `smd` for
 * stayers vs leavers at baseline (METHODS §4.2). 'not-estimable' when both
 * proportions are 0 or 1 (zero denominator) or a group is empty.
 *
 * Reference: Austin (2009), Commun Stat Simul Comput 38:1228. Cost: O(1).
 *
 * @example
 * smdProportions(9, 12, 4, 9).estimate; // (0.75 − 0.444)/√((0.1875 + 0.2469)/2)
 */
export function smdProportions(x1: number, n1: number, x2: number, n2: number): StatResult {
  const base = {
    method: 'Standardised difference of proportions',
    n: (isCount(n1) ? n1 : 0) + (isCount(n2) ? n2 : 0),
    ci: null,
    statistic: null,
    p: null,
  };
  if (![x1, n1, x2, n2].every(isCount) || x1 > n1 || x2 > n2) return { ...base, estimate: null, notes: ['invalid-input'] };
  if (n1 === 0 || n2 === 0) return { ...base, estimate: null, notes: ['too-few-observations', 'not-estimable'] };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const scale = Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / 2);
  if (!(scale > 0)) return { ...base, estimate: null, notes: ['not-estimable'] };
  return { ...base, estimate: (p1 - p2) / scale, notes: [] };
}
