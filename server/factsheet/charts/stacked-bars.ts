import type { Lang } from '../../../model/index.js';
import { pct } from '../../../analysis/findings/format.js';
import { INK, MUTED, heatFill } from './palette.js';
import { SMALL, r1, svgDocument, text, MIN_TEXT } from './svg.js';
import { legendRows, textWidth, wrapText } from './text-width.js';

export interface StackedBarsInput {
  id: string;
  title: string;
  desc: string;
  lang: Lang;
  width: number;
  /** The answers, in the item's order, each with its colour (drawn left to right). */
  options: { label: string; colour: string }[];
  /** One bar per round: the count per option (as `options`) of the n who answered; null: not asked. */
  rounds: { label: string; counts: number[] | null; n: number }[];
  /** The answers are an ordered scale (scores): drawn light to dark, a scale of short labels as one strip. */
  ordered?: boolean;
  /** Below this n no bar and no percentage: the counts only ("Ja 3 · Nee 2 van 5"). */
  minPercent: number;
}

const BAR = 14;
const ROW_GAP = 5;

/**
 * A distribution per round as 100% stacked bars: one bar per round, one segment per answer in
 * the answer's colour, the percentage written in a segment wide enough to hold it and n at the
 * right; the legend names the answers in their order. A round with fewer answers than
 * `minPercent` gets no bar but its counts in words. Pure: same input, same SVG.
 */
export function stackedBars(input: StackedBarsInput): string {
  const { lang, width } = input;
  const labelWidth = Math.min(width * 0.3, Math.max(...input.rounds.map((r) => textWidth(r.label, SMALL))) + 4);
  const plotLeft = labelWidth + 8;
  const nWidth = textWidth('n=100', MIN_TEXT) + 8;
  const plotRight = width - nWidth;
  const plotWidth = plotRight - plotLeft;
  const parts: string[] = [];

  // An ordered scale of short labels (scores 1–10) reads as one strip of swatches, labelled below.
  const strip = input.ordered && input.options.every((o) => textWidth(o.label, MIN_TEXT) <= 16);
  if (strip) {
    input.options.forEach((o, i) => {
      const x = plotLeft + i * 20;
      parts.push(`<rect x="${r1(x)}" y="2" width="19" height="9" fill="${o.colour}" stroke="${INK}" stroke-width="0.3"/>`);
      parts.push(text(x + 9.5, 21, o.label, { size: MIN_TEXT, anchor: 'middle', fill: MUTED }));
    });
  }
  // Otherwise one swatch per answer, wrapped over as many rows as it needs (labels wrap too).
  const maxEntry = Math.min(plotWidth, width - 4);
  const entries = input.options.map((o) => {
    const lines = wrapText(o.label, Math.min(maxEntry - 17, 220), SMALL - 0.5);
    return { lines, w: 17 + Math.max(...lines.map((l) => textWidth(l, SMALL - 0.5))) };
  });
  const places = legendRows(
    entries.map((e) => e.w),
    width,
    12,
  );
  const rowHeights: number[] = [];
  places.forEach((p, i) => (rowHeights[p.row] = Math.max(rowHeights[p.row] ?? 0, entries[i].lines.length * 12 + 4)));
  const rowTop = (row: number) => rowHeights.slice(0, row).reduce((a, b) => a + b, 0);
  input.options.forEach((o, i) => {
    if (strip) return;
    const lx = places[i].x;
    const ly = rowTop(places[i].row);
    parts.push(`<rect x="${r1(lx)}" y="${r1(ly + 2)}" width="11" height="11" fill="${o.colour}" stroke="${INK}" stroke-width="0.4"/>`);
    entries[i].lines.forEach((line, li) => parts.push(text(lx + 16, ly + 11 + li * 12, line, { size: SMALL - 0.5 })));
  });
  let y = strip ? 30 : rowTop(rowHeights.length) + 6;

  for (const round of input.rounds) {
    const mid = y + BAR / 2;
    parts.push(text(labelWidth, mid, round.label, { size: SMALL, anchor: 'end', baseline: 'middle' }));
    if (!round.counts || round.n === 0) {
      parts.push(
        text(plotLeft + 4, mid, lang === 'nl' ? 'niet gevraagd of geen antwoorden' : 'not asked or no answers', {
          size: MIN_TEXT,
          fill: MUTED,
          baseline: 'middle',
        }),
      );
    } else if (round.n < input.minPercent) {
      // Counts instead of percentages: "Ja 3 · Deels 2 · Nee 1 (n = 6; …)".
      const counts = input.options.flatMap((o, i) => (round.counts![i] > 0 ? [`${o.label}: ${round.counts![i]}`] : []));
      const few = lang === 'nl' ? 'te weinig antwoorden voor een %' : 'too few answers for a %';
      const line = `${counts.join(' · ')} (${few})`;
      const lines = wrapText(line, plotWidth, MIN_TEXT);
      lines.forEach((l, li) =>
        parts.push(text(plotLeft + 2, mid + (li - (lines.length - 1) / 2) * 11, l, { size: MIN_TEXT, baseline: 'middle' })),
      );
      parts.push(text(plotRight + 6, mid, `n=${round.n}`, { size: MIN_TEXT, baseline: 'middle', fill: MUTED }));
      y += Math.max(BAR, lines.length * 11) + ROW_GAP;
      continue;
    } else {
      let x = plotLeft;
      round.counts.forEach((count, i) => {
        if (count <= 0) return;
        const share = count / round.n;
        const w = share * plotWidth;
        const colour = input.options[i].colour;
        parts.push(
          `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${BAR}" fill="${colour}" stroke="#ffffff" stroke-width="0.8"/>`,
        );
        const label = pct(share);
        if (textWidth(label, MIN_TEXT, true) + 4 <= w)
          parts.push(
            text(x + w / 2, mid, label, { size: MIN_TEXT, anchor: 'middle', baseline: 'middle', weight: 'bold', fill: inkOn(colour) }),
          );
        x += w;
      });
      parts.push(text(plotRight + 6, mid, `n=${round.n}`, { size: MIN_TEXT, baseline: 'middle', fill: MUTED }));
    }
    y += BAR + ROW_GAP;
  }
  return svgDocument({ id: input.id, width, height: y + 2, title: input.title, desc: input.desc, body: parts.join('') });
}

/** Colours for `count` answers: unordered answers from the Okabe–Ito set; ordered scales light to dark. */
export function answerColours(count: number, ordered: boolean): string[] {
  if (ordered) return Array.from({ length: count }, (_, i) => heatFill(count === 1 ? 1 : 0.12 + (0.88 * i) / (count - 1)).fill);
  const set = ['#0072b2', '#e69f00', '#56b4e9', '#009e73', '#cc79a7', '#d55e00', '#f0e442', '#999999'];
  return Array.from({ length: count }, (_, i) => set[i % set.length]);
}

/** Text colour readable on a segment's colour (white on the dark ones). */
function inkOn(colour: string): string {
  const dark = ['#0072b2', '#009e73', '#d55e00', '#4292c6', '#2171b5', '#08519c', '#08306b'];
  return dark.includes(colour) ? '#ffffff' : INK;
}
