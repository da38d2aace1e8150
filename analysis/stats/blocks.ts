import { isPresent } from './input.js';
import type { MaybeNumber } from './input.js';

/**
 * Complete cases of a blocks × k table (internal; Friedman and Cochran).
 * Rows with any missing value are dropped, as R's `friedman.test` does
 * silently; here the count is reported. Returns null when rows differ in
 * length or k < 2.
 */
export function completeBlocks(table: ReadonlyArray<ReadonlyArray<MaybeNumber>>): { rows: number[][]; k: number; dropped: number } | null {
  if (table.length === 0) return { rows: [], k: 0, dropped: 0 };
  const k = table[0].length;
  if (k < 2 || table.some((row) => row.length !== k)) return null;
  const rows = table.filter((row) => row.every(isPresent)) as number[][];
  return { rows: rows.map((r) => [...r]), k, dropped: table.length - rows.length };
}
