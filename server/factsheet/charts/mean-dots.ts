import type { Lang } from '../../../model/index.js';
import { pct } from '../../../analysis/findings/format.js';
import { GRID, INK, MUTED, WASH } from './palette.js';
import { FONT, marker, r1, svgDocument, text, MIN_TEXT, VALUE } from './svg.js';
import { textWidth, wrapText } from './text-width.js';

export interface MeanDot {
  value: number;
  n: number;
  /** The 95% t-interval (clipped to the scale by the analysis); null draws no line. */
  ci: [number, number] | null;
  /** The middle half of the answers and the median, drawn as a pale band with a tick; null draws none. */
  box?: { median: number; q1: number; q3: number } | null;
}

export interface MeanDotsInput {
  id: string;
  title: string;
  desc: string;
  lang: Lang;
  width: number;
  /** One row group per category (an indicator, a rating, a number), each on its own scale. */
  categories: {
    label: string;
    /** The scale drawn: 1–10 for a rating, 0–40 for a number, 0–1 for a share. */
    range: [number, number];
    /** The value reads as a percentage (a mean of per-person shares). */
    percent?: boolean;
    /** The unit, printed after the top of the scale ("40 uur per maand"). */
    unit?: string;
    /** values[round]; null draws nothing (not asked, no answers). */
    values: (MeanDot | null)[];
  }[];
  /** One row per round in each group, with its colour. */
  rounds: { label: string; colour: string }[];
  /** A percentage mean on fewer answers than this shows "n = 6" only, as every share does. */
  minPercent: number;
}

const ROW = 15;
const GROUP_GAP = 9;

const decimal = (v: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
const tick = (v: number, lang: Lang) => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(v);

/**
 * Means per round with their 95% t-intervals, one group of rows per category, each category on
 * its own scale (a rating 1–10 and hours 0–40 in one chart are not drawn on one axis): the round's
 * mean as a dot in the round's colour, the interval as a line, and the value with its n at the
 * right. A category's scale is printed at both ends of its axis. Pure: same input, same SVG.
 */
export function meanDots(input: MeanDotsInput): string {
  const { lang, width } = input;
  const widest = Math.max(...input.categories.map((c) => textWidth(c.label, FONT)));
  const labelWidth = widest > 0 ? Math.min(width * 0.34, widest + 4) : 0;
  const roundWidth = Math.max(...input.rounds.map((r) => textWidth(r.label, MIN_TEXT))) + 6;
  const valueWidth = textWidth('100,0 ', VALUE, true) + textWidth('n=100', MIN_TEXT) + 10;
  const plotLeft = labelWidth + (labelWidth ? 10 : 0) + roundWidth;
  const plotRight = width - valueWidth - 4;
  const plotWidth = plotRight - plotLeft;
  const parts: string[] = [];
  let y = 4;
  for (const cat of input.categories) {
    const [lo, hi] = cat.range;
    const xOf = (v: number) => plotLeft + ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo || 1)) * plotWidth;
    const lines = wrapText(cat.label, labelWidth, FONT);
    const rowsHeight = input.rounds.length * ROW;
    const height = Math.max(rowsHeight, lines.length * 13) + 12;
    const top = y;
    lines.forEach((line, i) => parts.push(text(labelWidth, top + 10 + i * 13, line, { anchor: 'end' })));
    const axisY = top + rowsHeight + 2;
    // The category's own scale: a base line with its two ends (and the middle) labelled.
    parts.push(`<path d="M${r1(plotLeft)} ${r1(axisY)}H${r1(plotRight)}" stroke="${MUTED}" stroke-width="0.8"/>`);
    for (const v of [lo, (lo + hi) / 2, hi]) {
      parts.push(`<path d="M${r1(xOf(v))} ${r1(top)}V${r1(axisY + 2)}" stroke="${GRID}" stroke-width="0.8"/>`);
      const label = cat.percent ? pct(v) : `${tick(v, lang)}${v === hi && cat.unit ? ` ${cat.unit}` : ''}`;
      parts.push(text(xOf(v), axisY + 9, label, { size: MIN_TEXT, anchor: v === hi && cat.unit ? 'end' : 'middle', fill: MUTED }));
    }
    input.rounds.forEach((round, ri) => {
      const mid = top + ri * ROW + ROW / 2;
      parts.push(text(plotLeft - 6, mid, round.label, { size: MIN_TEXT, anchor: 'end', baseline: 'middle', fill: MUTED }));
      const v = cat.values[ri];
      if (!v || v.n === 0) return;
      if (cat.percent && v.n < input.minPercent) {
        const few = lang === 'nl' ? 'te weinig antwoorden voor een %' : 'too few answers for a %';
        parts.push(text(plotLeft + 4, mid, `n = ${v.n} (${few})`, { size: MIN_TEXT, fill: MUTED, baseline: 'middle' }));
        return;
      }
      if (v.box) {
        const [a, b] = [xOf(v.box.q1), xOf(v.box.q3)];
        parts.push(
          `<rect x="${r1(a)}" y="${r1(mid - 5)}" width="${r1(Math.max(1, b - a))}" height="10" ` +
            `fill="${WASH}" stroke="${GRID}" stroke-width="0.8"/>`,
        );
        parts.push(`<path d="M${r1(xOf(v.box.median))} ${r1(mid - 5)}V${r1(mid + 5)}" stroke="${MUTED}" stroke-width="1.6"/>`);
      }
      if (v.ci) {
        const [a, b] = [xOf(v.ci[0]), xOf(v.ci[1])];
        parts.push(
          `<path d="M${r1(a)} ${r1(mid)}H${r1(b)}M${r1(a)} ${r1(mid - 3)}V${r1(mid + 3)}M${r1(b)} ${r1(mid - 3)}V${r1(mid + 3)}" ` +
            `stroke="${INK}" stroke-width="1" fill="none"/>`,
        );
      }
      parts.push(marker('circle', xOf(v.value), mid, 4.2, round.colour, INK));
      const shown = cat.percent ? pct(v.value) : decimal(v.value, lang);
      parts.push(text(plotRight + 8, mid, shown, { size: VALUE, baseline: 'middle', weight: 'bold' }));
      parts.push(
        text(plotRight + 8 + textWidth(`${shown} `, VALUE, true), mid, `n=${v.n}`, { size: MIN_TEXT, baseline: 'middle', fill: MUTED }),
      );
    });
    y += height + GROUP_GAP;
  }
  return svgDocument({ id: input.id, width, height: y - GROUP_GAP + 4, title: input.title, desc: input.desc, body: parts.join('') });
}
