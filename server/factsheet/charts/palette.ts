/**
 * Colours of every factsheet chart. Rounds are shades of one blue, light to dark, so their
 * order reads in colour, in greyscale print and for every kind of colour blindness (ColorBrewer
 * "Blues"); categories (the competence items in the trend chart) use the Okabe–Ito palette
 * together with distinct marker shapes, so colour is never the only cue.
 */
export const INK = '#1b2430';
export const MUTED = '#5b6675';
export const GRID = '#d9dee4';
export const BRAND = '#0b4f8a';
export const HIGHLIGHT = '#b35806';
export const WASH = '#eef4f9';

const BLUES: Record<number, string[]> = {
  1: ['#2171b5'],
  2: ['#9ecae1', '#08519c'],
  3: ['#9ecae1', '#4292c6', '#08519c'],
  4: ['#c6dbef', '#6baed6', '#2171b5', '#08306b'],
  5: ['#c6dbef', '#9ecae1', '#4292c6', '#2171b5', '#08306b'],
  6: ['#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08306b'],
};

/** One colour per round, light (first) to dark (last). */
export function roundColours(count: number): string[] {
  if (count <= 0) return [];
  if (count <= 6) return BLUES[count];
  return Array.from({ length: count }, (_, i) => BLUES[6][Math.round((i * 5) / (count - 1))]);
}

/** Okabe & Ito (2008), "Color Universal Design"; black left out (it is the text colour). */
export const CATEGORY = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9'];

/** Heatmap fill for a share 0…1 (light to dark blue) and the text colour readable on it. */
export function heatFill(share: number): { fill: string; text: string } {
  const stops = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];
  const i = Math.max(0, Math.min(stops.length - 1, Math.round(share * (stops.length - 1))));
  return { fill: stops[i], text: i >= 5 ? '#ffffff' : INK };
}
