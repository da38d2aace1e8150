/**
 * Input guards shared by the functions in this folder (internal: not
 * re-exported from `index.ts`). Statistics never throw on bad data; they
 * use these guards to turn it into `null` plus a note instead.
 */

/** A value that may be missing in survey data. `NaN` and `±Infinity` count as missing too. */
export type MaybeNumber = number | null | undefined;

/** True for a finite number. */
export function isPresent(value: MaybeNumber): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** True for a non-negative integer count (Float64 counts are fine up to 2^53). */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** `value` if it is finite, else `null` (so that no result ever carries `NaN`). */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The finite values of `values`, and how many were dropped as missing. */
export function presentValues(values: readonly MaybeNumber[]): { values: number[]; dropped: number } {
  const kept: number[] = [];
  for (const v of values) if (isPresent(v)) kept.push(v);
  return { values: kept, dropped: values.length - kept.length };
}

/** A confidence level strictly between 0 and 1, else `null`. */
export function validLevel(level: number): number | null {
  return Number.isFinite(level) && level > 0 && level < 1 ? level : null;
}

/**
 * Pairwise differences x[i] − y[i] over the pairs where both values are
 * present (complete cases), or `null` when the lengths differ.
 */
export function pairDifferences(x: readonly MaybeNumber[], y: readonly MaybeNumber[]): { differences: number[]; dropped: number } | null {
  if (x.length !== y.length) return null;
  const differences: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (isPresent(a) && isPresent(b)) differences.push(a - b);
  }
  return { differences, dropped: x.length - differences.length };
}
