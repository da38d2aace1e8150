import { BRAND, HIGHLIGHT } from '../charts/palette.js';
import type { TypefaceId } from '../html/fonts.js';
import { contrastRatio } from './contrast.js';

/** The typefaces embedded in rondo (html/fonts.ts); another needs its files embedded there first. */
export const TYPEFACES = ['arimo', 'source-sans-3', 'source-serif-4'] as const satisfies readonly TypefaceId[];
export type Typeface = (typeof TYPEFACES)[number];

/**
 * How a study's factsheets look: a logo on the cover, a primary colour (cover band, headings,
 * key figures) and an accent colour (caveats), and the typeface. Both colours carry text on or
 * against white, so each must reach WCAG AA contrast with white (4.5:1).
 */
export interface HouseStyle {
  primary: string;
  accent: string;
  typeface: Typeface;
  /** A data: URL of the checked logo, or null. */
  logo: string | null;
}

/** rondo's own look, used when a study has no house style. */
export const NEUTRAL_STYLE: HouseStyle = Object.freeze({ primary: BRAND, accent: HIGHLIGHT, typeface: 'arimo', logo: null });

/** WCAG 2.1 AA for normal text. */
export const MIN_CONTRAST = 4.5;

/** A refused colour: which, why, and (for too little contrast) the ratio it has. */
export interface ColourIssue {
  field: 'primary' | 'accent';
  reason: 'format' | 'contrast';
  ratio?: number;
  message: string;
}

/** Problems with the colours of a house style, as messages for people; [] when both are fine. */
export function colourIssues(colours: { primary: string; accent: string }): ColourIssue[] {
  const issues: ColourIssue[] = [];
  for (const field of ['primary', 'accent'] as const) {
    const value = colours[field];
    if (!/^#[0-9a-f]{6}$/i.test(value)) {
      issues.push({ field, reason: 'format', message: `The ${field} colour must be written as #rrggbb, e.g. #1f4e79.` });
      continue;
    }
    const ratio = contrastRatio(value, '#ffffff');
    if (ratio < MIN_CONTRAST)
      issues.push({
        field,
        reason: 'contrast',
        ratio: Math.floor(ratio * 100) / 100,
        message:
          `The ${field} colour ${value} has a contrast of ${ratio.toFixed(2)}:1 with white; ` +
          `text needs at least ${MIN_CONTRAST}:1 (WCAG AA). Choose a darker colour.`,
      });
  }
  return issues;
}
