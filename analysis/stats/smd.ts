import type { NoteCode, StatResult } from './result.js';
import { presentValues } from './input.js';
import type { MaybeNumber } from './input.js';
import { sampleMoments } from './sampleMoments.js';

/**
 * **Standardised mean difference** (x̄ − ȳ)/√((s²ₓ + s²ᵧ)/2): the balance
 * measure for stayers vs leavers at baseline (METHODS §4.2). The
 * denominator averages the two variances without weighting by group size
 * (Austin 2009), the same convention as `smdProportions`, so a small
 * leaver group does not dominate; `cohenD` weights by df instead. A
 * heuristic flag is |SMD| ≥ 0.3.
 *
 * Reference: Austin (2009), Commun Stat Simul Comput 38:1228; Flury &
 * Riedwyl (1986). Cost: O(m + n).
 *
 * @example
 * smd([3, 4, 4, 5], [2, 3, 3, 4]).estimate; // 1.2247
 */
export function smd(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): StatResult {
  const xs = presentValues(x);
  const ys = presentValues(y);
  const notes: NoteCode[] = [];
  if (xs.dropped + ys.dropped > 0) notes.push('missing-dropped');
  const mx = sampleMoments(xs.values);
  const my = sampleMoments(ys.values);
  const base = { method: 'Standardised mean difference', n: mx.n + my.n, ci: null, statistic: null, p: null };
  if (mx.mean === null || my.mean === null || mx.variance === null || my.variance === null) {
    return { ...base, estimate: null, notes: [...notes, 'too-few-observations'] };
  }
  const scale = Math.sqrt((mx.variance + my.variance) / 2);
  if (!(scale > 0)) return { ...base, estimate: null, notes: [...notes, 'not-estimable'] };
  return { ...base, estimate: (mx.mean - my.mean) / scale, notes };
}
