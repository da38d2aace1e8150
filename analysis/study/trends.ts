import type { ItemAnalysis, TrendResult, TrendShape } from './result.js';

/** Values closer than this are equal (means of small integer codes). */
const EPS = 1e-9;

/**
 * Trends of knowledge and competence items (measure 'competence') across the selected rounds
 * in which they were asked: the mean score (ordinal) or the share yes (binary) per round, the
 * round(s) where it peaks and the shape. Descriptive; the `overall` test (Friedman/Cochran)
 * says whether the rounds differ beyond chance.
 */
export function competenceTrends(items: readonly ItemAnalysis[]): TrendResult[] {
  const out: TrendResult[] = [];
  for (const item of items) {
    if (item.measure !== 'competence' || (item.kind !== 'ordinal' && item.kind !== 'binary')) continue;
    const basis = item.kind === 'binary' ? 'share' : 'mean';
    const points = item.rounds
      .filter((r) => r.asked)
      .map((r) => ({ round: r.round, n: r.n, value: basis === 'share' ? (r.topBox?.estimate ?? null) : (r.mean?.estimate ?? null) }));
    const known = points.filter((p) => p.value !== null) as { round: string; n: number; value: number }[];
    const max = known.length ? Math.max(...known.map((p) => p.value)) : null;
    out.push({
      variable: item.id,
      item: item.item,
      kind: item.kind,
      basis,
      points,
      peak: max === null ? [] : known.filter((p) => max - p.value < EPS).map((p) => p.round),
      shape: shapeOf(known.map((p) => p.value)),
      overall: item.overall,
    });
  }
  return out;
}

/** The shape of a sequence: rising, falling, a peak or a dip in between, flat or mixed. */
export function shapeOf(values: readonly number[]): TrendShape {
  if (values.length < 2) return 'insufficient';
  const steps = values.slice(1).map((v, i) => (v - values[i] > EPS ? 1 : values[i] - v > EPS ? -1 : 0));
  if (steps.every((s) => s === 0)) return 'flat';
  if (steps.every((s) => s >= 0)) return 'rising';
  if (steps.every((s) => s <= 0)) return 'falling';
  const max = Math.max(...values);
  const min = Math.min(...values);
  const top = values.findIndex((v) => max - v < EPS);
  const bottom = values.findIndex((v) => v - min < EPS);
  const interior = (i: number) => i > 0 && i < values.length - 1;
  const upThenDown = (i: number) => steps.slice(0, i).every((s) => s >= 0) && steps.slice(i).every((s) => s <= 0);
  const downThenUp = (i: number) => steps.slice(0, i).every((s) => s <= 0) && steps.slice(i).every((s) => s >= 0);
  if (interior(top) && upThenDown(top)) return 'peak';
  if (interior(bottom) && downThenUp(bottom)) return 'dip';
  return 'mixed';
}
