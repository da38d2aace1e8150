import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The factsheet's typefaces, embedded. The default: Arimo (Apache License 2.0, from @fontsource/arimo), the
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

/**
 * The typefaces a house style can choose for the factsheet's text (house-style.ts offers these
 * ids): Arimo, and Source Sans 3 and Source Serif 4 (SIL Open Font License, from
 * @fontsource/source-sans-3 and source-serif-4), embedded the same way. The charts keep Arimo
 * whatever the choice: their labels are laid out with Arimo's widths (charts/text-width.ts).
 * `docx` is the font name the Word file asks for (Word does not embed it: a machine without the
 * font substitutes its own); for Arimo that is Arial, whose metrics it has.
 */
export const TYPEFACE_FONTS = {
  arimo: {
    family: 'Arimo',
    label: 'Arimo',
    files: 'arimo/files/arimo',
    stack: `'Liberation Sans', Arial, Helvetica, sans-serif`,
    docx: 'Arial',
  },
  'source-sans-3': {
    family: 'Source Sans 3',
    label: 'Source Sans 3',
    files: 'source-sans-3/files/source-sans-3',
    stack: 'Arial, Helvetica, sans-serif',
    docx: 'Source Sans 3',
  },
  'source-serif-4': {
    family: 'Source Serif 4',
    label: 'Source Serif 4',
    files: 'source-serif-4/files/source-serif-4',
    stack: 'Georgia, "Times New Roman", serif',
    docx: 'Source Serif 4',
  },
} as const;
export type TypefaceId = keyof typeof TYPEFACE_FONTS;

/** The font stack of the charts (always Arimo) and of text without a house style. */
export const FACTSHEET_FONT = `Arimo, 'Liberation Sans', Arial, Helvetica, sans-serif`;

/** The font stack of the factsheet's text in the given typeface. */
export function fontStack(typeface: TypefaceId = 'arimo'): string {
  const font = TYPEFACE_FONTS[typeface] ?? TYPEFACE_FONTS.arimo;
  return `${familyName(font.family)}, ${font.stack}`;
}

/** A family name in CSS: quoted when it has a space ("Source Sans 3"), bare otherwise (Arimo). */
const familyName = (family: string) => (family.includes(' ') ? `'${family}'` : family);

const cache = new Map<TypefaceId, string>();

function faces(typeface: TypefaceId): string {
  let css = cache.get(typeface);
  if (css === undefined) {
    const require = createRequire(import.meta.url);
    const font = TYPEFACE_FONTS[typeface];
    css = FACES.map(([weight, style]) => {
      const woff2 = fs.readFileSync(require.resolve(`@fontsource/${font.files}-latin-${weight}-${style}.woff2`)).toString('base64');
      return `@font-face { font-family: ${familyName(font.family)}; font-style: ${style}; font-weight: ${weight}; font-display: block; src: url(data:font/woff2;base64,${woff2}) format('woff2'); unicode-range: ${LATIN}; }`;
    }).join('\n');
    cache.set(typeface, css);
  }
  return css;
}

/**
 * @font-face rules with the faces as data: URLs (the factsheet's CSP allows `font-src data:`):
 * Arimo (the charts) and, when another is chosen, the text's typeface.
 */
export function fontFaces(typeface: TypefaceId = 'arimo'): string {
  const known = typeface in TYPEFACE_FONTS ? typeface : 'arimo';
  return known === 'arimo' ? faces('arimo') : `${faces('arimo')}\n${faces(known)}`;
}
