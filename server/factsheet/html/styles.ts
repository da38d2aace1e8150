import { BRAND, HIGHLIGHT, INK, MUTED, WASH } from '../charts/palette.js';
import { NEUTRAL_STYLE, type HouseStyle } from '../house-style/house-style.js';
import { fontFaces, fontStack } from './fonts.js';

/**
 * A CSS string literal. Besides quotes, backslashes and line breaks, "<" and ">" are written as
 * CSS escapes: the string sits inside <style>, and a title containing "</style>" must not be able
 * to end it.
 */
export function cssString(value: string): string {
  const body = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/</g, '\\3c ')
    .replace(/>/g, '\\3e ')
    .replace(/[\r\n\f]+/g, ' ');
  return `"${body}"`;
}

/** A4 and its page margins in mm: the print layout (@page) and the composer's paged preview share them. */
export const PAGE = { width: 210, height: 297, top: 15, right: 16, bottom: 17, left: 16 } as const;

/**
 * Chromium lays out a printed page in an area a little larger than the CSS page area (A4
 * minus the margins: 672.76 × 1001.57 px) and scales it onto the sheet: 673.03 × 1002.02 px
 * with Chromium 156, measured by printing blocks just under and just over that size
 * (test/factsheet/preview-pages.test.ts checks it). The composer's preview uses the same area,
 * so its lines wrap and its pages break where the PDF's do — also when a block misses by a
 * fraction of a pixel.
 */
export const PRINT_LAYOUT_SCALE = 1.000436;

/** The page area the composer's preview lays out in, in mm (see PRINT_LAYOUT_SCALE). */
export const PREVIEW_AREA = {
  width: (PAGE.width - PAGE.left - PAGE.right) * PRINT_LAYOUT_SCALE,
  height: (PAGE.height - PAGE.top - PAGE.bottom) * PRINT_LAYOUT_SCALE,
} as const;

/**
 * The factsheet's CSS, inlined in every output. Print: A4 pages with a running footer (title,
 * date, page x / y) in the page margin; headings stay with what follows; every block —
 * paragraph, list item, two-column text, chart, quote, caveat — is kept whole on one page, so
 * a page can only break between blocks; a section's heading, lead and first chart (with the
 * text between them) are one such block (`.keep`, layout/fit.ts). That simple rule is what
 * lets the composer's preview (web/app/views/factsheet-pages.ts) lay the same blocks into A4
 * page boxes with the same breaks as Chromium's PDF. Screen (the offline file): the same content on a sheet of A4
 * width; in the composer the sheet becomes `.paged`, a column of `.page` boxes.
 * Fonts: the house style's typeface for the text (Arimo without one) and Arimo for the charts,
 * embedded in the CSS (fonts.ts), so every machine sets the same text; Chromium embeds them in the PDF.
 */
const mm = (v: number) => `${v.toFixed(4)}mm`;

export function factsheetCss(footerLeft: string, style: HouseStyle = NEUTRAL_STYLE): string {
  // The colours were checked when stored (house-style.ts); checked again here because this is CSS.
  const colour = (v: string, fallback: string) => (/^#[0-9a-f]{6}$/i.test(v) ? v : fallback);
  const font = fontStack(style.typeface);
  return `${fontFaces(style.typeface)}
@page {
  size: A4;
  margin: ${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm;
  @bottom-left { content: ${cssString(footerLeft)}; font: 7.5pt ${font}; color: ${MUTED}; vertical-align: top; padding-top: 4mm; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 7.5pt ${font}; color: ${MUTED}; vertical-align: top; padding-top: 4mm; }
}
:root {
  --brand: ${colour(style.primary, BRAND)}; --highlight: ${colour(style.accent, HIGHLIGHT)};
  --ink: ${INK}; --muted: ${MUTED}; --wash: ${WASH};
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: var(--ink); background: #e9ecef;
  font-family: ${font}; font-size: 9.2pt; line-height: 1.4;
  font-kerning: normal; hyphens: manual; overflow-wrap: break-word;
}
.sheet { width: ${PAGE.width}mm; margin: 8mm auto; padding: ${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.18); }
@media print {
  body { background: #fff; }
  .sheet { width: auto; margin: 0; padding: 0; box-shadow: none; }
}
@media screen {
  .preview .sheet { width: ${mm(PAGE.left + PAGE.right + PREVIEW_AREA.width)}; }
  .sheet.paged { width: auto; margin: 0; padding: 6mm 0 0; background: none; box-shadow: none; }
  .page { position: relative; width: ${PAGE.width}mm; height: ${PAGE.height}mm; margin: 0 auto 6mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.18); overflow: hidden; }
  .page-area { position: absolute; top: ${PAGE.top}mm; left: ${PAGE.left}mm; width: ${mm(PREVIEW_AREA.width)}; height: ${mm(PREVIEW_AREA.height)}; }
  .page-foot { position: absolute; top: ${PAGE.height - PAGE.bottom + 4}mm; left: ${PAGE.left}mm; width: ${PAGE.width - PAGE.left - PAGE.right}mm; display: flex; justify-content: space-between; font: 7.5pt ${font}; color: var(--muted); }
  .page.overflow .page-area { outline: 1.5pt dashed #b00020; outline-offset: 1mm; }
}
a { color: var(--brand); text-decoration: none; }
.masthead { position: relative; background: var(--brand); color: #fff; padding: 6mm 8mm 5mm; margin: 0 0 4mm; break-inside: avoid; }
.masthead .logo {
  float: right; max-width: 38mm; max-height: 16mm; margin: -1mm -2mm 2mm 5mm; padding: 1.5mm 2mm; background: #fff; border-radius: 1mm;
}
.masthead .kicker { margin: 0 0 2mm; font-size: 8.5pt; letter-spacing: .08em; text-transform: uppercase; opacity: .9; }
.masthead h1 { margin: 0; font-size: 24pt; line-height: 1.1; letter-spacing: .01em; text-transform: uppercase; }
.masthead .subtitle { margin: 2.5mm 0 0; font-size: 12.5pt; font-style: italic; line-height: 1.3; }
.masthead .meta { margin: 4mm 0 0; font-size: 9pt; }
.masthead .scope {
  display: inline-block; margin: 3mm 0 0; padding: .6mm 2mm; border: .3mm solid #fff; border-radius: 1mm; font-size: 9pt; font-weight: bold;
}
.masthead .meta strong { font-weight: bold; }
.key-figures { margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }
/* Up to five tiles in a row; a study with many rounds gets a second row of tiles as wide as the first. */
.key-figures ul {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(30mm, 1fr)); gap: 2.5mm; margin: 0; padding: 0; list-style: none;
}
.key-figures li {
  min-width: 0; margin: 0; padding: 2.5mm 3mm; background: var(--wash); border-top: 1.2mm solid var(--brand);
  display: flex; flex-direction: column; break-inside: avoid;
}
.kf-value { font-size: 17pt; font-weight: bold; line-height: 1.1; color: var(--brand); }
.kf-label { margin-top: 1mm; font-size: 8.2pt; line-height: 1.25; }
.kf-note { margin-top: .6mm; font-size: 7.4pt; color: var(--muted); }
.kf-caveat { font-size: 6.8pt; line-height: 1.1; font-weight: bold; color: var(--highlight); }
.masthead .synthetic { display: inline-block; margin-top: 3mm; padding: .6mm 2mm; background: #fff; color: var(--brand); font-size: 8pt; font-weight: bold; border-radius: 1mm; }
section { margin: 0 0 4mm; }
h2 {
  margin: 0 0 2.2mm; padding-bottom: 1mm; border-bottom: 1.4pt solid var(--brand);
  color: var(--brand); font-size: 12pt; text-transform: uppercase; letter-spacing: .05em;
  break-after: avoid; page-break-after: avoid;
}
h2 + * { break-before: avoid; }
p { margin: 0 0 2mm; }
/* Blocks are never split across pages (see above); a block taller than a page is split anyway. */
p, li, dl, figure, blockquote, .caveat, .cols, .quotes, .masthead { break-inside: avoid; page-break-inside: avoid; }
/* A section's heading, lead and chart (with the text between them) stay on one page: layout/fit.ts. */
.keep { break-inside: avoid; page-break-inside: avoid; }
.lead { font-weight: bold; }
.cols { column-count: 2; column-gap: 7mm; }
.cols > :first-child { margin-top: 0; }
/* Inside the two columns (kept on one page as a whole) a paragraph may go on in the next column. */
.cols p { break-inside: auto; page-break-inside: auto; orphans: 2; widows: 2; }
.cols li { break-inside: avoid-column; page-break-inside: auto; }
ul { margin: 0 0 2mm; padding-left: 4.5mm; }
li { margin: 0 0 1.2mm; }
.caveat {
  margin: 1mm 0 2.5mm; padding: 2mm 3mm; border-left: 1.2mm solid var(--highlight); background: #fdf1e4;
  break-inside: avoid;
}
.caveat strong { color: var(--highlight); }
.note { color: var(--muted); font-size: 8pt; line-height: 1.35; }
figure { margin: 2.5mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
figure .chart-title { margin: 0 0 1.5mm; font-weight: bold; font-size: 9.4pt; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { margin-top: 1mm; color: var(--muted); font-size: 7.8pt; }
figure.small { width: 66%; }
/* The questions' panels: two half-width figures side by side, each pair kept on one page. */
.pair { display: flex; gap: 4mm; align-items: flex-start; break-inside: avoid; page-break-inside: avoid; }
.pair figure.half { flex: 0 0 calc(50% - 2mm); margin: 1.5mm 0 2mm; }
figure.half .chart-title { font-size: 8.6pt; }
figure.half figcaption { font-size: 7pt; }
/* A section's figures per subgroup (a split): a compact table, kept on one page. */
.split { margin: 2mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
.split table { border-collapse: collapse; width: 100%; font-size: 8.4pt; table-layout: fixed; }
.split col.who { width: 34%; }
.split + .split { margin-top: -1mm; }
/* The column heads are repeated in every table of a split for screen readers, shown once. */
.split thead.repeat { visibility: collapse; }
.split thead.repeat th { padding: 0; border: 0; font-size: 0; line-height: 0; }
.split caption { text-align: left; font-weight: bold; font-size: 9.2pt; margin-bottom: 1.2mm; }
.split th, .split td {
  padding: .8mm 1.6mm; border-bottom: .2mm solid #d9dee4; text-align: left; vertical-align: top; font-weight: normal;
}
.split thead th { color: var(--muted); font-size: 7.8pt; border-bottom: .3mm solid var(--muted); }
.split .num { text-align: right; }
.split tr.sub th { font-weight: bold; padding-top: 1.6mm; }
.split td.hidden { color: var(--muted); }
blockquote {
  margin: 2mm 0 3mm; padding: 3mm 5mm 3mm 11mm; background: var(--wash); border-radius: 1.5mm; position: relative;
  break-inside: avoid; page-break-inside: avoid;
}
blockquote::before { content: "\\201C"; position: absolute; left: 3mm; top: 0; font-size: 28pt; line-height: 1.2; color: var(--brand); font-family: 'Liberation Serif', Georgia, serif; }
blockquote p { margin: 0; font-style: italic; font-size: 10pt; color: var(--ink); }
blockquote footer { margin-top: 1.2mm; font-size: 8.4pt; color: var(--muted); }
.with-pull { display: grid; grid-template-columns: minmax(0, 1fr) 36%; column-gap: 6mm; break-inside: avoid; page-break-inside: avoid; }
.with-pull .pull-text > :last-child { margin-bottom: 0; }
.pull blockquote { margin: 0 0 2mm; padding: 1mm 0 1mm 4mm; background: none; border-left: 1.2mm solid var(--brand); border-radius: 0; }
.pull blockquote::before { content: none; }
.pull blockquote p { font-size: 10.5pt; line-height: 1.35; color: var(--brand); }
.quotes { display: grid; grid-template-columns: 1fr 1fr; column-gap: 5mm; }
.quotes blockquote { margin: 0 0 3mm; }
.colophon dl { display: grid; grid-template-columns: max-content 1fr; gap: .8mm 4mm; margin: 0 0 2mm; }
.colophon dt { color: var(--muted); }
.colophon dd { margin: 0; }
/* netfs (issue 17): the network sections' tables and lists (document.ts Block 'figures' and 'list'). */
figure.table table { width: 100%; border-collapse: collapse; font-size: 8.6pt; line-height: 1.3; }
figure.table caption { caption-side: top; text-align: left; margin: 0 0 1.2mm; font-weight: bold; font-size: 9.4pt; }
figure.table th, figure.table td { padding: .9mm 1.6mm; border-bottom: .5pt solid #d9dee4; text-align: left; vertical-align: top; }
figure.table thead th { border-bottom: 1pt solid var(--brand); color: var(--brand); font-weight: bold; }
figure.table tbody th { font-weight: normal; }
figure.table .num { text-align: right; white-space: nowrap; }
.items { break-inside: avoid; page-break-inside: avoid; }
/* A plan's lead (the point and its goal) stays with the table that follows it. */
.s-network-plan p.lead { break-after: avoid; page-break-after: avoid; }
.items .list-title { margin: 0 0 1mm; font-weight: bold; }
.s.edited { }
.preview .s.edited { background: #fff6cc; }
.preview .s.stale { background: #ffd9d2; outline: 1px dashed #b00020; }
`;
}
