import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The factsheet's typeface, embedded: Arimo (Apache License 2.0, from @fontsource/arimo), the
 * design Liberation Sans 2 is built from, with the metrics of Arial — the metrics the charts lay
 * out their labels with (charts/text-width.ts). Embedded as data in the CSS, so the PDF, the
 * offline HTML, the chart PNGs and the composer's preview set the same text with the same
 * widths, line breaks and page breaks on every machine, whatever fonts it has installed (a
 * Chromium without fonts-liberation falls back to DejaVu Sans, ~10% wider: clipped chart labels
 * and a page more). Latin subset only (~12 kB per face; U+0000–00FF and the typographic
 * punctuation): other characters fall back to the system's fonts glyph by glyph.
 */
const FACES = [
  [400, 'normal'],
  [700, 'normal'],
  [400, 'italic'],
  [700, 'italic'],
] as const;
const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';

/** The font stack of every factsheet text. */
export const FACTSHEET_FONT = `Arimo, 'Liberation Sans', Arial, Helvetica, sans-serif`;

let css: string | undefined;

/** @font-face rules with the faces as data: URLs (the factsheet's CSP allows `font-src data:`). */
export function fontFaces(): string {
  if (css === undefined) {
    const require = createRequire(import.meta.url);
    css = FACES.map(([weight, style]) => {
      const woff2 = fs.readFileSync(require.resolve(`@fontsource/arimo/files/arimo-latin-${weight}-${style}.woff2`)).toString('base64');
      return `@font-face { font-family: Arimo; font-style: ${style}; font-weight: ${weight}; font-display: block; src: url(data:font/woff2;base64,${woff2}) format('woff2'); unicode-range: ${LATIN}; }`;
    }).join('\n');
  }
  return css;
}
