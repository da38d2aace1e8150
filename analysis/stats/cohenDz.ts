import type { NoteCode, StatResult } from './result.js';
import { pairDifferences } from './input.js';
import type { MaybeNumber } from './input.js';
import { sampleMoments } from './sampleMoments.js';

/**
 * **Cohen's d_z** for paired data: mean(d)/sd(d) with d = x − y over
 * complete pairs. Secondary and unstable at n ≈ 10 (METHODS §3.3).
 *
 * Reference: Lakens (2013), Front Psychol 4:863; guide example 0.8581.
 * Cost: O(n).
 *
 * @example
 * cohenDz(post, pre).estimate; // 0.8581
 */
export function cohenDz(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): StatResult {
  const method = 'Cohen’s d_z (paired)';
  const paired = pairDifferences(x, y);
  const base = { method, ci: null, statistic: null, p: null };
  if (paired === null) return { ...base, n: 0, estimate: null, notes: ['invalid-input'] };
  const notes: NoteCode[] = [];
  if (paired.dropped > 0) notes.push('missing-dropped');
  const { n, mean, variance } = sampleMoments(paired.differences);
  if (mean === null || variance === null) return { ...base, n, estimate: null, notes: [...notes, 'too-few-observations'] };
  if (!(variance > 0)) return { ...base, n, estimate: null, notes: [...notes, 'not-estimable'] };
  return { ...base, n, estimate: mean / Math.sqrt(variance), notes };
}
