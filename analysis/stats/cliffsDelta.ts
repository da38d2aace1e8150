import type { NoteCode, StatResult } from './result.js';
import { presentValues } from './input.js';
import type { MaybeNumber } from './input.js';

export interface CliffsDeltaResult extends StatResult {
  /** Pairs (xᵢ, yⱼ) with xᵢ > yⱼ. */
  greater: number;
  /** Pairs with xᵢ < yⱼ. */
  less: number;
  /** Pairs with xᵢ = yⱼ. */
  ties: number;
}

/**
 * **Cliff's δ** = P(X > Y) − P(X < Y), by counting all m·n pairs: the
 * ordinal effect size for two independent samples (equal to the Glass
 * rank-biserial correlation and to 2U/(mn) − 1). Used for stayers vs
 * leavers at baseline (METHODS §4.2). Rough benchmarks for |δ|: 0.147
 * small, 0.33 medium, 0.474 large (Romano et al. 2006), to be used with care.
 *
 * Reference: Cliff (1993), Psychol Bull 114:494; R (manual):
 * `mean(sign(outer(x, y, "-")))`. Cost: O(m·n).
 *
 * @example
 * cliffsDelta(r3, r1).estimate; // 0.5238
 */
export function cliffsDelta(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): CliffsDeltaResult {
  const xs = presentValues(x);
  const ys = presentValues(y);
  const notes: NoteCode[] = [];
  if (xs.dropped + ys.dropped > 0) notes.push('missing-dropped');
  let greater = 0;
  let less = 0;
  for (const a of xs.values) {
    for (const b of ys.values) {
      if (a > b) greater++;
      else if (a < b) less++;
    }
  }
  const pairs = xs.values.length * ys.values.length;
  const base = {
    method: 'Cliff’s delta',
    n: xs.values.length + ys.values.length,
    ci: null,
    statistic: null,
    p: null,
    greater,
    less,
    ties: pairs - greater - less,
  };
  if (pairs === 0) return { ...base, estimate: null, notes: [...notes, 'too-few-observations', 'not-estimable'] };
  return { ...base, estimate: (greater - less) / pairs, notes };
}
