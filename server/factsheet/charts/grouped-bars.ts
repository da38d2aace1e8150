import type { Lang } from '../../../model/index.js';
import { pct, xOfN } from '../../../analysis/findings/format.js';
import { GRID, INK, MUTED } from './palette.js';
import { FONT, SMALL, r1, svgDocument, text, MIN_TEXT, VALUE } from './svg.js';
import { legendRows, textWidth, wrapText } from './text-width.js';

export interface BarValue {
  x: number;
  n: number;
  ci: [number, number] | null;
}

export interface GroupedBarsInput {
  id: string;
  title: string;
  desc: string;
  lang: Lang;
  /** One group per category (an item, a tool), drawn top to bottom. */
  categories: { label: string; emphasis?: boolean }[];
  /** One bar per series (a round) in each group, with its colour. */
  series: { label: string; colour: string }[];
  /** values[category][series]; null draws nothing (not asked). */
  values: (BarValue | null)[][];
  /** Below this denominator no bar and no percentage: "x van n" only. */
  minPercent: number;
  width: number;
  /** Caption of the value axis, e.g. "% (helemaal) eens". */
  axisLabel: string;
}

const BAR = 8;
/** Bars of a group are BAR + BAR_GAP apart, and so are their value labels (VALUE px digits): they must not touch. */
const BAR_GAP = 2;
const GROUP_GAP = 6;

/**
 * Horizontal grouped bars: per category one bar per round with its share, the Wilson 95%
 * interval as an error bar, and the value with its denominator ("82%  n=11") at the right.
 * A share on fewer than `minPercent` answers gets no bar, only "4 van 8". Pure: same input,
 * same SVG.
 */
export function groupedBars(input: GroupedBarsInput): string {
  const { lang, width } = input;
  const labelWidth = Math.min(width * 0.36, Math.max(...input.categories.map((c) => textWidth(c.label, FONT, c.emphasis))) + 4);
  const valueWidth = textWidth('100% ', VALUE, true) + textWidth('n=100', MIN_TEXT) + 14;
  const plotLeft = labelWidth + 10;
  const plotRight = width - valueWidth - 4;
  const plotWidth = plotRight - plotLeft;
  const places = legendRows(
    input.series.map((x) => 17 + textWidth(x.label, SMALL)),
    width - plotLeft,
  );
  const legendHeight = 22 + (places.length ? places[places.length - 1].row * 16 : 0);
  const top = legendHeight + 16;
  const xOf = (v: number) => plotLeft + Math.max(0, Math.min(1, v)) * plotWidth;
  const parts: string[] = [];

  // Legend: one swatch per series.
  input.series.forEach((s, i) => {
    const lx = plotLeft + places[i].x;
    const ly = places[i].row * 16;
    parts.push(`<rect x="${r1(lx)}" y="${4 + ly}" width="12" height="12" fill="${s.colour}"/>`);
    parts.push(text(lx + 17, 14 + ly, s.label, { size: SMALL }));
  });

  // Groups: the height of each follows from its wrapped label and its number of bars.
  let y = top;
  const groups: string[] = [];
  input.categories.forEach((cat, ci) => {
    const bars = input.series.length;
    const barsHeight = bars * BAR + (bars - 1) * BAR_GAP;
    const lines = wrapText(cat.label, labelWidth, FONT, cat.emphasis);
    const labelHeight = lines.length * 13;
    const height = Math.max(barsHeight, labelHeight);
    const labelTop = y + (height - labelHeight) / 2;
    lines.forEach((line, li) =>
      groups.push(text(labelWidth, labelTop + 10 + li * 13, line, { anchor: 'end', weight: cat.emphasis ? 'bold' : 'normal' })),
    );
    const barsTop = y + (height - barsHeight) / 2;
    input.series.forEach((s, si) => {
      const v = input.values[ci]?.[si] ?? null;
      const by = barsTop + si * (BAR + BAR_GAP);
      const mid = by + BAR / 2;
      if (!v || v.n === 0) return;
      if (v.n < input.minPercent) {
        groups.push(
          text(
            plotLeft + 4,
            mid,
            `${xOfN(v.x, v.n, lang)} (${lang === 'nl' ? 'te weinig antwoorden voor een %' : 'too few answers for a %'})`,
            { size: MIN_TEXT, fill: MUTED, baseline: 'middle' },
          ),
        );
        return;
      }
      const share = v.x / v.n;
      groups.push(
        `<rect x="${r1(plotLeft)}" y="${r1(by)}" width="${r1(Math.max(0.8, xOf(share) - plotLeft))}" height="${BAR}" fill="${s.colour}"/>`,
      );
      if (v.ci) {
        const [lo, hi] = [xOf(v.ci[0]), xOf(v.ci[1])];
        groups.push(
          `<path d="M${r1(lo)} ${r1(mid)}H${r1(hi)}M${r1(lo)} ${r1(mid - 2.5)}V${r1(mid + 2.5)}M${r1(hi)} ${r1(mid - 2.5)}V${r1(mid + 2.5)}" stroke="${INK}" stroke-width="1" fill="none"/>`,
        );
      }
      groups.push(text(plotRight + 8, mid, `${pct(share)}`, { size: VALUE, baseline: 'middle', weight: 'bold' }));
      groups.push(
        text(plotRight + 8 + textWidth('100% ', VALUE, true), mid, `n=${v.n}`, { size: MIN_TEXT, baseline: 'middle', fill: MUTED }),
      );
    });
    y += height + GROUP_GAP;
  });
  const bottom = y - GROUP_GAP + 6;

  // Axis: grid lines at every 25%, labels below, and the axis caption.
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = xOf(tick);
    parts.push(
      `<path d="M${r1(x)} ${top - 4}V${r1(bottom)}" stroke="${tick === 0 ? MUTED : GRID}" stroke-width="${tick === 0 ? 1 : 0.8}"/>`,
    );
    parts.push(text(x, bottom + 13, pct(tick), { size: MIN_TEXT, anchor: 'middle', fill: MUTED }));
  }
  parts.push(text(plotLeft + plotWidth / 2, bottom + 27, input.axisLabel, { size: MIN_TEXT, anchor: 'middle', fill: MUTED }));
  parts.push(text(plotRight + 8, top - 6, lang === 'nl' ? '% en aantal' : '% and count', { size: MIN_TEXT, fill: MUTED }));
  parts.push(...groups);
  return svgDocument({ id: input.id, width, height: bottom + 32, title: input.title, desc: input.desc, body: parts.join('') });
}
