import type { Lang } from '../../../model/index.js';
import { pct, xOfN } from '../../../analysis/findings/format.js';
import type { BarValue } from './grouped-bars.js';
import { GRID, MUTED, heatFill } from './palette.js';
import { FONT, SMALL, r1, svgDocument, text, MIN_TEXT } from './svg.js';
import { textWidth, wrapText } from './text-width.js';

export interface PartnerHeatmapInput {
  id: string;
  title: string;
  desc: string;
  lang: Lang;
  rows: { label: string; values: (BarValue | null)[]; emphasis?: boolean }[];
  rounds: string[];
  minPercent: number;
  width: number;
  caption: string;
}

/**
 * A partner × round heatmap: each cell shaded by the share (light to dark blue, the same scale
 * in every factsheet) and labelled with the percentage and n, so the colour is never the only
 * carrier of the value. Cells on fewer than `minPercent` answers show "x van n" unshaded.
 */
export function partnerHeatmap(input: PartnerHeatmapInput): string {
  const { width, lang } = input;
  const labelWidth = Math.min(width * 0.4, Math.max(...input.rows.map((r) => textWidth(r.label, FONT, r.emphasis))) + 4);
  const left = labelWidth + 10;
  const cellWidth = (width - left) / Math.max(1, input.rounds.length);
  // Column heads wrap within their column.
  const heads = input.rounds.map((r) => wrapText(r, cellWidth - 6, SMALL, true));
  const headLines = Math.max(1, ...heads.map((h) => h.length));
  const top = 24 + (headLines - 1) * 13;
  const parts: string[] = [];
  heads.forEach((lines, i) =>
    lines.forEach((l, li) =>
      parts.push(text(left + cellWidth * (i + 0.5), 14 + li * 13, l, { anchor: 'middle', size: SMALL, weight: 'bold' })),
    ),
  );
  let y = top;
  for (const row of input.rows) {
    const lines = wrapText(row.label, labelWidth, FONT, row.emphasis);
    const height = Math.max(24, lines.length * 14 + 6);
    lines.forEach((line, li) =>
      parts.push(
        text(labelWidth, y + (height - lines.length * 14) / 2 + 11 + li * 14, line, {
          anchor: 'end',
          weight: row.emphasis ? 'bold' : 'normal',
        }),
      ),
    );
    row.values.forEach((v, i) => {
      const x = left + i * cellWidth;
      const cx = x + cellWidth / 2;
      if (!v || v.n === 0) {
        parts.push(
          `<rect x="${r1(x + 1)}" y="${r1(y + 1)}" width="${r1(cellWidth - 2)}" height="${r1(height - 2)}" fill="#ffffff" stroke="${GRID}"/>`,
        );
        parts.push(text(cx, y + height / 2, '–', { anchor: 'middle', baseline: 'middle', fill: MUTED }));
        return;
      }
      if (v.n < input.minPercent) {
        parts.push(
          `<rect x="${r1(x + 1)}" y="${r1(y + 1)}" width="${r1(cellWidth - 2)}" height="${r1(height - 2)}" fill="#ffffff" stroke="${GRID}"/>`,
        );
        parts.push(text(cx, y + height / 2, xOfN(v.x, v.n, lang), { anchor: 'middle', baseline: 'middle', size: SMALL, fill: MUTED }));
        return;
      }
      const share = v.x / v.n;
      const { fill, text: ink } = heatFill(share);
      parts.push(`<rect x="${r1(x + 1)}" y="${r1(y + 1)}" width="${r1(cellWidth - 2)}" height="${r1(height - 2)}" fill="${fill}"/>`);
      parts.push(text(cx - 3, y + height / 2, pct(share), { anchor: 'end', baseline: 'middle', size: SMALL, weight: 'bold', fill: ink }));
      parts.push(text(cx + 3, y + height / 2, `n=${v.n}`, { baseline: 'middle', size: MIN_TEXT, fill: ink }));
    });
    y += height;
  }
  parts.push(text(left, y + 14, input.caption, { size: MIN_TEXT, fill: MUTED }));
  return svgDocument({ id: input.id, width, height: y + 20, title: input.title, desc: input.desc, body: parts.join('') });
}
