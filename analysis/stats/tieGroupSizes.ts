/**
 * Sizes of the groups of equal values (internal): the t in the tie
 * corrections Σ(t³ − t) of the rank tests. Groups of size 1 are included.
 */
export function tieGroupSizes(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.values()];
}
