import { presentValues } from './input.js';
import type { MaybeNumber } from './input.js';
import { quantile7Sorted } from './quantile7.js';

/**
 * **Interquartile range** Q3 − Q1 with R type-7 quartiles. Missing values
 * are ignored. Descriptive only.
 *
 * Reference: R `IQR(x)`. Cost: O(n log n).
 *
 * @returns the IQR, or null for an empty sample
 * @example
 * iqr([1, 2, 3, 4, 5, 6, 7, 8]); // 3.5 (R: IQR(1:8))
 */
export function iqr(values: readonly MaybeNumber[]): number | null {
  const sorted = presentValues(values).values.sort((a, b) => a - b);
  const q1 = quantile7Sorted(sorted, 0.25);
  const q3 = quantile7Sorted(sorted, 0.75);
  return q1 === null || q3 === null ? null : q3 - q1;
}
