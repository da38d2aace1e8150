import { isCount } from './input.js';
import type { PairedBinaryCounts } from './tables.js';

/** True when all four cells are non-negative integer counts (internal). */
export function validPairedCounts(counts: PairedBinaryCounts): boolean {
  return [counts.yesYes, counts.yesNo, counts.noYes, counts.noNo].every(isCount);
}
