import { DEFAULT_CONF_LEVEL } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import { presentValues, validLevel } from './input.js';
import type { MaybeNumber } from './input.js';
import { pt } from './pt.js';
import { qt } from './qt.js';
import { sampleMoments } from './sampleMoments.js';

export interface TIntervalOptions {
  /** Confidence level, default 0.95. */
  confLevel?: number;
  /** Clip the interval to this scale range (e.g. [1, 5]) and add the note 'clipped' when it happens. */
  range?: readonly [number, number];
  /** Also test H₀: mean = mu (statistic and p are null when omitted). */
  mu?: number;
}

export interface TIntervalResult extends StatResult {
  /** Sample standard deviation (n − 1). */
  sd: number | null;
  /** Standard error s/√n. */
  se: number | null;
  df: number | null;
  /** The interval before clipping. */
  ciUnclipped: [number, number] | null;
  confLevel: number;
}

/**
 * **Mean with a t-interval**, x̄ ± t_{1−α/2, n−1}·s/√n with the *sample* SD
 * (METHODS §2.3; simple-statistics' `standardDeviation` is the population
 * SD). With `range` the displayed interval is clipped to the scale and
 * flagged 'clipped'. A secondary summary for Likert items.
 *
 * n < 2 gives 'too-few-observations' (no interval); zero variance gives
 * 'not-estimable' (R: "data are essentially constant").
 *
 * Reference: R `t.test(x)$conf.int` (r1 example: 2.781968 to 3.503747);
 * `t.test(x, mu = mu)` for statistic and p. Cost: O(n).
 *
 * @param values the sample; null/NaN are dropped
 * @example
 * tInterval([2,3,3,3,4,2,3,4,3,2,3,3,4,4,2,3,3,5,3,4,3]).ci; // [2.781968, 3.503747]
 */
export function tInterval(values: readonly MaybeNumber[], options: TIntervalOptions = {}): TIntervalResult {
  const level = validLevel(options.confLevel ?? DEFAULT_CONF_LEVEL);
  const { values: xs, dropped } = presentValues(values);
  const notes: NoteCode[] = [];
  if (dropped > 0) notes.push('missing-dropped');
  const { n, mean, variance } = sampleMoments(xs);
  const base = { method: 'One-sample t-interval', n, estimate: mean, confLevel: level ?? 0 };
  const none = { ci: null, ciUnclipped: null, statistic: null, p: null };
  if (level === null) return { ...base, ...none, estimate: null, sd: null, se: null, df: null, notes: ['invalid-input'] };
  if (variance === null || mean === null) {
    return { ...base, ...none, sd: null, se: null, df: null, notes: [...notes, 'too-few-observations'] };
  }
  const df = n - 1;
  const sd = Math.sqrt(variance);
  const se = sd / Math.sqrt(n);
  if (se === 0) return { ...base, ...none, sd, se, df, notes: [...notes, 'not-estimable'] };
  const half = qt(1 - (1 - level) / 2, df) * se;
  const ciUnclipped: [number, number] = [mean - half, mean + half];
  let ci: [number, number] = [...ciUnclipped];
  if (options.range) {
    const [lo, hi] = options.range;
    ci = [Math.min(Math.max(ci[0], lo), hi), Math.max(Math.min(ci[1], hi), lo)];
    if (ci[0] !== ciUnclipped[0] || ci[1] !== ciUnclipped[1]) notes.push('clipped');
  }
  let statistic: number | null = null;
  let p: number | null = null;
  if (options.mu !== undefined && Number.isFinite(options.mu)) {
    statistic = (mean - options.mu) / se;
    p = Math.min(1, 2 * pt(-Math.abs(statistic), df));
  }
  return { ...base, ci, ciUnclipped, statistic, p, sd, se, df, notes };
}
