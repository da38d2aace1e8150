import { DEFAULT_CONF_LEVEL } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import { presentValues, validLevel } from './input.js';
import type { MaybeNumber } from './input.js';
import { pt } from './pt.js';
import { qt } from './qt.js';
import { sampleMoments } from './sampleMoments.js';

export interface TTestOptions {
  /** Confidence level of the interval for the mean difference, default 0.95. */
  confLevel?: number;
}

export interface TTestResult extends StatResult {
  df: number | null;
  meanX: number | null;
  meanY: number | null;
  /** Standard error of the mean difference. */
  se: number | null;
}

/**
 * Two independent samples t-test, Welch or pooled (internal; use
 * `welchT` / `studentT`). Mirrors R's `t.test(x, y, var.equal = …)`.
 */
export function twoSampleT(x: readonly MaybeNumber[], y: readonly MaybeNumber[], pooled: boolean, options: TTestOptions): TTestResult {
  const method = pooled ? 'Two-sample t-test (pooled variance, Student)' : 'Welch two-sample t-test';
  const level = validLevel(options.confLevel ?? DEFAULT_CONF_LEVEL);
  const xs = presentValues(x);
  const ys = presentValues(y);
  const notes: NoteCode[] = [];
  if (xs.dropped + ys.dropped > 0) notes.push('missing-dropped');
  const mx = sampleMoments(xs.values);
  const my = sampleMoments(ys.values);
  const base = { method, n: mx.n + my.n, meanX: mx.mean, meanY: my.mean, ci: null, statistic: null, p: null, df: null, se: null };
  const estimate = mx.mean !== null && my.mean !== null ? mx.mean - my.mean : null;
  if (level === null) return { ...base, estimate: null, notes: ['invalid-input'] };
  const tooFew = pooled ? mx.n + my.n < 3 || mx.n < 1 || my.n < 1 : mx.variance === null || my.variance === null;
  if (tooFew || mx.mean === null || my.mean === null || estimate === null) {
    return { ...base, estimate, notes: [...notes, 'too-few-observations'] };
  }
  const vx = mx.variance ?? 0;
  const vy = my.variance ?? 0;
  let se: number;
  let df: number;
  if (pooled) {
    df = mx.n + my.n - 2;
    const v = ((mx.n - 1) * vx + (my.n - 1) * vy) / df;
    se = Math.sqrt(v * (1 / mx.n + 1 / my.n));
  } else {
    const sx = vx / mx.n;
    const sy = vy / my.n;
    se = Math.sqrt(sx + sy);
    df = (sx + sy) ** 2 / (sx ** 2 / (mx.n - 1) + sy ** 2 / (my.n - 1));
  }
  if (!(se > 0)) return { ...base, estimate, notes: [...notes, 'not-estimable'] };
  const statistic = estimate / se;
  const p = Math.min(1, 2 * pt(-Math.abs(statistic), df));
  const half = qt(1 - (1 - level) / 2, df) * se;
  return { ...base, estimate, ci: [estimate - half, estimate + half], statistic, p, df, se, notes };
}
