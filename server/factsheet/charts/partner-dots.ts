import type { Lang } from '../../../model/index.js';
import { pct, signedPoints } from '../../../analysis/findings/format.js';
import type { BarValue } from './grouped-bars.js';
import { GRID, HIGHLIGHT, INK, MUTED, WASH } from './palette.js';
import { SMALL, marker, r1, svgDocument, text, type MarkerShape } from './svg.js';
import { textWidth, wrapText } from './text-width.js';

export interface PartnerDotsInput {
  id: string;
  title: string;
  desc: string;
  lang: Lang;
  rows: {
    label: string;
    /** One value per round; null when not asked or suppressed. */
    values: (BarValue | null)[];
    /** Change first → last round, as a fraction, and whether it is a demonstrable increase. */
    change: { difference: number | null; evidence: 'increase' | 'decrease' | 'no-change' | 'not-tested' } | null;
    emphasis?: boolean;
  }[];
  rounds: { label: string; colour: string }[];
  minPercent: number;
  width: number;
  axisLabel: string;
}

const LABEL = 11;
const SHAPES: MarkerShape[] = ['circle', 'square', 'diamond', 'triangle', 'triangle-down', 'cross'];
const STEP = 5;

function nRange(values: (BarValue | null)[]): string {
  const ns = values.filter((v): v is BarValue => !!v && v.n > 0).map((v) => v.n);
  if (!ns.length) return '';
  const [lo, hi] = [Math.min(...ns), Math.max(...ns)];
  return lo === hi ? `n=${lo}` : `n=${lo}–${hi}`;
}

/**
 * A dot plot of chain partners × rounds: per partner one line per round with the share (marker,
 * shape and colour per round) and its Wilson 95% interval, and at the right the change from the
 * first to the last round in percentage points, emphasised only when it is a demonstrable
 * increase or decrease. Shares on fewer than `minPercent` answers are left out.
 */
export function partnerDots(input: PartnerDotsInput): string {
  const { width, lang } = input;
  const labelWidth = Math.min(width * 0.34, Math.max(...input.rows.map((r) => textWidth(r.label, LABEL, r.emphasis))) + 4);
  const changeWidth = textWidth('verschil', SMALL) + 22;
  const plotLeft = labelWidth + 12;
  const plotRight = width - changeWidth - 8;
  const plotWidth = plotRight - plotLeft;
  const xOf = (v: number) => plotLeft + Math.max(0, Math.min(1, v)) * plotWidth;
  const parts: string[] = [];

  // Legend: marker and round label with its n.
  let lx = plotLeft;
  input.rounds.forEach((r, ri) => {
    const label = `${r.label} (${nRange(input.rows.map((row) => row.values[ri]))})`;
    parts.push(marker(SHAPES[ri % SHAPES.length], lx + 5, 10, 4.2, r.colour, INK));
    parts.push(text(lx + 14, 14, label, { size: SMALL }));
    lx += 14 + textWidth(label, SMALL) + 16;
  });
  const top = 36;
  parts.push(text(width - 2, top - 8, lang === 'nl' ? 'verschil' : 'change', { size: SMALL - 1, anchor: 'end', fill: MUTED }));

  const rows: string[] = [];
  let y = top;
  input.rows.forEach((row, i) => {
    const lines = wrapText(row.label, labelWidth, LABEL, 2, row.emphasis);
    const dotsHeight = (input.rounds.length - 1) * STEP + 8;
    const height = Math.max(dotsHeight, lines.length * 12.5) + 4;
    if (i % 2 === 0) rows.push(`<rect x="0" y="${r1(y)}" width="${width}" height="${r1(height)}" fill="${WASH}"/>`);
    const labelTop = y + (height - lines.length * 12.5) / 2;
    lines.forEach((line, li) =>
      rows.push(
        text(labelWidth, labelTop + 9.5 + li * 12.5, line, { size: LABEL, anchor: 'end', weight: row.emphasis ? 'bold' : 'normal' }),
      ),
    );
    const dotsTop = y + (height - (input.rounds.length - 1) * STEP) / 2;
    input.rounds.forEach((r, ri) => {
      const v = row.values[ri];
      if (!v || v.n < input.minPercent || v.n === 0) return;
      const cy = dotsTop + ri * STEP;
      if (v.ci)
        rows.push(`<path d="M${r1(xOf(v.ci[0]))} ${r1(cy)}H${r1(xOf(v.ci[1]))}" stroke="${r.colour}" stroke-width="1.6" opacity="0.85"/>`);
      rows.push(marker(SHAPES[ri % SHAPES.length], xOf(v.x / v.n), cy, 3.1, r.colour, INK));
    });
    const c = row.change;
    if (c && c.difference !== null) {
      const shown = c.evidence === 'increase' || c.evidence === 'decrease';
      const label = `${signedPoints(c.difference)}${shown ? (c.evidence === 'increase' ? ' ▲' : ' ▼') : ''}`;
      rows.push(
        text(width - 2, y + height / 2, label, {
          anchor: 'end',
          baseline: 'middle',
          size: SMALL,
          weight: shown ? 'bold' : 'normal',
          fill: shown ? HIGHLIGHT : MUTED,
        }),
      );
    }
    y += height;
  });
  const bottom = y;
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = xOf(tick);
    parts.push(`<path d="M${r1(x)} ${top - 2}V${r1(bottom)}" stroke="${GRID}" stroke-width="0.8"/>`);
    parts.push(text(x, bottom + 13, pct(tick), { size: SMALL - 1, anchor: 'middle', fill: MUTED }));
  }
  // Rows go over the grid's background stripes but under nothing else: stripes first.
  const stripes = rows.filter((r) => r.startsWith('<rect'));
  const rest = rows.filter((r) => !r.startsWith('<rect'));
  const note =
    lang === 'nl'
      ? '▲ ▼ aantoonbare verandering (de toets na correctie voor meerdere toetsen beslist); verschil in procentpunten'
      : '▲ ▼ demonstrable change (the test after correction for multiple tests decides); change in percentage points';
  const body = [
    ...stripes,
    ...parts,
    ...rest,
    text(plotLeft + plotWidth / 2, bottom + 27, input.axisLabel, { size: SMALL - 1, anchor: 'middle', fill: MUTED }),
    text(0, bottom + 42, note, { size: SMALL - 1.5, fill: MUTED }),
  ];
  return svgDocument({ id: input.id, width, height: bottom + 48, title: input.title, desc: input.desc, body: body.join('') });
}
