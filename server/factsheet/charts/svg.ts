import { escapeHtml } from '../../html.js';
import { INK } from './palette.js';
import { FACTSHEET_FONT } from '../html/fonts.js';

/** Small helpers for writing SVG as strings; every text goes through `esc`. */
export const esc = escapeHtml;

/** Rounds to 0.1 px: shorter markup, no visible difference in print. */
export const r1 = (v: number) => Math.round(v * 10) / 10;

export const FONT = 12;
export const SMALL = 10.5;

/**
 * The smallest type a chart uses, in px. A chart drawn 672 px wide is printed across the A4
 * content width (178 mm), so 1 px is 0.75 pt there and 10 px is 7.5 pt; a half-width panel
 * (330 px in 87 mm) prints it the same. Smaller type (7.8 px was 5.9 pt) is too small to read
 * on paper. The fit (layout/fit.ts) draws a chart smaller only as far as this text stays at
 * MIN_PRINTED_PT.
 */
export const MIN_TEXT = 10;

/** The smallest type a printed chart may have after fitting, in pt. */
export const MIN_PRINTED_PT = 7;

/** Values beside a bar or dot ("82%", bold); their n beside them is MIN_TEXT. */
export const VALUE = 10;

export interface TextOptions {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  fill?: string;
  baseline?: 'middle' | 'auto';
  className?: string;
}

export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const attrs = [
    `x="${r1(x)}"`,
    `y="${r1(y)}"`,
    o.size && o.size !== FONT ? `font-size="${o.size}"` : '',
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
    o.weight === 'bold' ? 'font-weight="bold"' : '',
    o.fill && o.fill !== INK ? `fill="${o.fill}"` : '',
    o.baseline === 'middle' ? 'dominant-baseline="central"' : '',
    o.className ? `class="${o.className}"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${esc(content)}</text>`;
}

/**
 * The outer <svg>: a title and description for screen readers, the size in CSS pixels
 * (1/96 in) with a matching viewBox so it scales sharply, and text that inherits the page's
 * font (so it is real, selectable text in the PDF).
 */
export function svgDocument(o: { width: number; height: number; title: string; desc: string; body: string; id: string }): string {
  const w = Math.ceil(o.width);
  const h = Math.ceil(o.height);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="${o.id}-t ${o.id}-d" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${FACTSHEET_FONT}" font-size="${FONT}" fill="${INK}"><title id="${o.id}-t">${esc(o.title)}</title><desc id="${o.id}-d">${esc(o.desc)}</desc>${o.body}</svg>`;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'cross';

export function marker(shape: MarkerShape, x: number, y: number, size: number, fill: string, stroke = '#ffffff'): string {
  const s = size;
  const common = `fill="${fill}" stroke="${stroke}" stroke-width="1"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(s)}" ${common}/>`;
    case 'square':
      return `<rect x="${r1(x - s * 0.9)}" y="${r1(y - s * 0.9)}" width="${r1(s * 1.8)}" height="${r1(s * 1.8)}" ${common}/>`;
    case 'triangle':
      return `<path d="M${r1(x)} ${r1(y - s * 1.15)}L${r1(x + s * 1.1)} ${r1(y + s * 0.8)}L${r1(x - s * 1.1)} ${r1(y + s * 0.8)}Z" ${common}/>`;
    case 'triangle-down':
      return `<path d="M${r1(x)} ${r1(y + s * 1.15)}L${r1(x + s * 1.1)} ${r1(y - s * 0.8)}L${r1(x - s * 1.1)} ${r1(y - s * 0.8)}Z" ${common}/>`;
    case 'diamond':
      return `<path d="M${r1(x)} ${r1(y - s * 1.2)}L${r1(x + s * 1.2)} ${r1(y)}L${r1(x)} ${r1(y + s * 1.2)}L${r1(x - s * 1.2)} ${r1(y)}Z" ${common}/>`;
    case 'cross':
      return `<path d="M${r1(x - s)} ${r1(y - s)}L${r1(x + s)} ${r1(y + s)}M${r1(x + s)} ${r1(y - s)}L${r1(x - s)} ${r1(y + s)}" stroke="${fill}" stroke-width="2.2" fill="none"/>`;
  }
}
