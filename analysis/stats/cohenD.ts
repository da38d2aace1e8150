import type { NoteCode, StatResult } from './result.js';
import { presentValues } from './input.js';
import type { MaybeNumber } from './input.js';
import { sampleMoments } from './sampleMoments.js';

/**
 * **Cohen's d** for two independent samples: (x̄ − ȳ)/s_pooled with
 * s_pooled² = ((m − 1)s²ₓ + (n − 1)s²ᵧ)/(m + n − 2). Secondary effect size
 * for score items (METHODS §3.2); unstable at small n. No CI.
 *
 * Reference: Cohen (1988); guide example r3 vs r1: d = 1.0303 (manual R
 * formula). Cost: O(m + n).
 *
 * @example
 * cohenD(r3, r1).estimate; // 1.0303
 */
export function cohenD(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): StatResult {
  return standardisedDifference(x, y, 'Cohen’s d (pooled SD)', false);
}

/**
 * Cohen's d, optionally with Hedges' small-sample correction (internal).
 */
export function standardisedDifference(x: readonly MaybeNumber[], y: readonly MaybeNumber[], method: string, hedges: boolean): StatResult {
  const xs = presentValues(x);
  const ys = presentValues(y);
  const notes: NoteCode[] = [];
  if (xs.dropped + ys.dropped > 0) notes.push('missing-dropped');
  const mx = sampleMoments(xs.values);
  const my = sampleMoments(ys.values);
  const n = mx.n + my.n;
  const base = { method, n, ci: null, statistic: null, p: null };
  if (mx.mean === null || my.mean === null || n < 3) return { ...base, estimate: null, notes: [...notes, 'too-few-observations'] };
  const pooled = ((mx.n - 1) * (mx.variance ?? 0) + (my.n - 1) * (my.variance ?? 0)) / (n - 2);
  if (!(pooled > 0)) return { ...base, estimate: null, notes: [...notes, 'not-estimable'] };
  const d = (mx.mean - my.mean) / Math.sqrt(pooled);
  const correction = hedges ? 1 - 3 / (4 * n - 9) : 1;
  return { ...base, estimate: d * correction, notes };
}
