import type { Lang } from '../../../model/index.js';
import { pct } from '../../../analysis/findings/format.js';
import type { BarValue } from './grouped-bars.js';
import { CATEGORY, GRID, MUTED } from './palette.js';
import { SMALL, marker, r1, svgDocument, text, type MarkerShape, MIN_TEXT } from './svg.js';
import { textWidth, wrapText } from './text-width.js';

export interface TrendLinesInput {
  id: string;
  title: string;
  desc: string;
  lang: Lang;
  rounds: string[];
  lines: { label: string; values: (BarValue | null)[] }[];
  minPercent: number;
  width: number;
  height: number;
  axisLabel: string;
}

const SHAPES: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'triangle-down', 'cross'];

/**
 * A trend chart: one line per item across the rounds (share on the y axis), colour and marker
 * shape per item, the item's name at the end of its line (pushed apart so names never overlap)
 * and n per round under the round's name. Points on fewer than `minPercent` answers are left
 * out and break the line.
 */
export function trendLines(input: TrendLinesInput): string {
  const { width, height } = input;
  const endLabelWidth = Math.min(width * 0.34, Math.max(...input.lines.map((l) => textWidth(l.label, SMALL))) + 18);
  const left = 54;
  const right = width - endLabelWidth - 8;
  const top = 10;
  const bottom = height - 40;
  const xOf = (i: number) => left + 20 + (input.rounds.length <= 1 ? 0 : (i * (right - left - 40)) / (input.rounds.length - 1));
  const yOf = (v: number) => bottom - v * (bottom - top);
  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<path d="M${left} ${r1(yOf(tick))}H${r1(right)}" stroke="${GRID}" stroke-width="0.8"/>`);
    parts.push(text(left - 6, yOf(tick), pct(tick), { anchor: 'end', baseline: 'middle', size: MIN_TEXT, fill: MUTED }));
  }
  input.rounds.forEach((r, i) => {
    const ns = input.lines.map((l) => l.values[i]?.n ?? 0).filter((n) => n > 0);
    const nText = ns.length ? (Math.min(...ns) === Math.max(...ns) ? `n=${ns[0]}` : `n=${Math.min(...ns)}–${Math.max(...ns)}`) : '';
    parts.push(text(xOf(i), bottom + 15, r, { anchor: 'middle', size: SMALL }));
    parts.push(text(xOf(i), bottom + 28, nText, { anchor: 'middle', size: MIN_TEXT, fill: MUTED }));
  });
  parts.push(
    text(10, top + (bottom - top) / 2, input.axisLabel, { size: MIN_TEXT, fill: MUTED, anchor: 'middle' }).replace(
      '<text ',
      `<text transform="rotate(-90 10 ${r1(top + (bottom - top) / 2)})" `,
    ),
  );

  // End labels: at the last drawn point, then pushed apart top to bottom.
  const ends: { y: number; line: number; lines: string[] }[] = [];
  input.lines.forEach((line, li) => {
    const colour = CATEGORY[li % CATEGORY.length];
    const shape = SHAPES[li % SHAPES.length];
    const pts = line.values.map((v, i) => (v && v.n >= input.minPercent && v.n > 0 ? { x: xOf(i), y: yOf(v.x / v.n) } : null));
    let d = '';
    let pen = false;
    for (const p of pts) {
      if (!p) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${r1(p.x)} ${r1(p.y)}`;
      pen = true;
    }
    if (d) parts.push(`<path d="${d}" stroke="${colour}" stroke-width="2" fill="none"/>`);
    for (const p of pts) if (p) parts.push(marker(shape, p.x, p.y, 3.8, colour, '#ffffff'));
    const last = [...pts].reverse().find((p) => p);
    if (last) ends.push({ y: last.y, line: li, lines: wrapText(line.label, endLabelWidth - 16, SMALL) });
  });
  // Each label block is `lines × LINE` tall around its line's end; blocks are pushed down so
  // that none overlaps the one above it.
  ends.sort((a, b) => a.y - b.y);
  const LINE = 12.5;
  let prev = -Infinity;
  for (const e of ends) {
    const top = Math.max(e.y - LINE / 2, prev + 2);
    const y = top + LINE / 2;
    prev = top + e.lines.length * LINE;
    const colour = CATEGORY[e.line % CATEGORY.length];
    parts.push(marker(SHAPES[e.line % SHAPES.length], right + 10, y, 3.4, colour, '#ffffff'));
    e.lines.forEach((l, i) => parts.push(text(right + 18, y + i * LINE, l, { size: SMALL, baseline: 'middle' })));
  }
  const total = Math.max(height, prev + 16);
  return svgDocument({ id: input.id, width, height: total, title: input.title, desc: input.desc, body: parts.join('') });
}
