import { DEFAULT_CONF_LEVEL } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import { pairDifferences, validLevel } from './input.js';
import type { MaybeNumber } from './input.js';
import { pt } from './pt.js';
import { qt } from './qt.js';
import { sampleMoments } from './sampleMoments.js';
import type { TTestOptions } from './twoSampleT.js';

export interface PairedTResult extends StatResult {
  df: number | null;
  se: number | null;
}

/**
 * **Paired t-test** on d = x − y over complete pairs: mean difference,
 * t-interval and two-sided p. Secondary to the signed-rank test.
 *
 * Reference: R `t.test(x, y, paired = TRUE)` (guide example p = 0.0238564).
 * Cost: O(n).
 *
 * @param x later-round values
 * @param y earlier-round values, paired by index; incomplete pairs are dropped
 * @example
 * pairedT(post, pre).p; // 0.0238564
 */
export function pairedT(x: readonly MaybeNumber[], y: readonly MaybeNumber[], options: TTestOptions = {}): PairedTResult {
  const method = 'Paired t-test';
  const level = validLevel(options.confLevel ?? DEFAULT_CONF_LEVEL);
  const paired = pairDifferences(x, y);
  const none = { ci: null, statistic: null, p: null, df: null, se: null };
  if (paired === null || level === null) return { method, n: 0, estimate: null, ...none, notes: ['invalid-input'] };
  const notes: NoteCode[] = [];
  if (paired.dropped > 0) notes.push('missing-dropped');
  const { n, mean, variance } = sampleMoments(paired.differences);
  if (mean === null || variance === null) return { method, n, estimate: mean, ...none, notes: [...notes, 'too-few-observations'] };
  const df = n - 1;
  const se = Math.sqrt(variance / n);
  if (!(se > 0)) return { method, n, estimate: mean, ...none, notes: [...notes, 'not-estimable'] };
  const statistic = mean / se;
  const half = qt(1 - (1 - level) / 2, df) * se;
  return {
    method,
    n,
    estimate: mean,
    ci: [mean - half, mean + half],
    statistic,
    p: Math.min(1, 2 * pt(-Math.abs(statistic), df)),
    df,
    se,
    notes,
  };
}
