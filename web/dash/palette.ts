/**
 * The dashboard's colours: the Okabe–Ito palette (distinguishable with the common forms of
 * colour blindness), in an order that starts with rondo's blue. Ordered scales (never …
 * weekly, disagree … agree) use one blue ramp so order reads as lightness, not hue.
 */
export const SERIES = ['#0b5fa5', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'] as const;

/** A sequential ramp of `k` blues from light to dark (k ≤ 7). */
export function ramp(k: number): string[] {
  const all = ['#dbe9f6', '#b3d1ec', '#7fb2dd', '#4a90c9', '#1f6fb2', '#0b4f8a', '#06305a'];
  if (k <= 1) return [all[4]];
  return Array.from({ length: k }, (_, i) => all[Math.round((i * (all.length - 1)) / (k - 1))]);
}

/**
 * Colours for the k options of an ordered scale (disagree … agree, never … weekly): orange for
 * the low end, grey in the middle, blue for the high end — diverging and colour-blind safe,
 * and every segment stands out from white.
 */
export function ordered(k: number): string[] {
  const sets: Record<number, string[]> = {
    1: ['#1f6fb2'],
    2: ['#e08214', '#1f6fb2'],
    3: ['#e08214', '#a9b4c0', '#1f6fb2'],
    4: ['#b35806', '#f1a340', '#6baed6', '#08519c'],
    5: ['#b35806', '#f1a340', '#a9b4c0', '#6baed6', '#08519c'],
    6: ['#b35806', '#e08214', '#fdb863', '#9ecae1', '#4292c6', '#08519c'],
    7: ['#b35806', '#e08214', '#fdb863', '#a9b4c0', '#9ecae1', '#4292c6', '#08519c'],
  };
  return sets[k] ?? ramp(k);
}
