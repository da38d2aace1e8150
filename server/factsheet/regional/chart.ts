import type { Lang } from '../../../model/index.js';
import { pct } from '../../../analysis/findings/format.js';
import { GRID, INK, MUTED } from '../charts/palette.js';
import { FONT, MIN_TEXT, SMALL, VALUE, r1, svgDocument, text } from '../charts/svg.js';
import { legendRows, textWidth, wrapText } from '../charts/text-width.js';

/** One network's value in one half-year: drawn, or the reason it is not shown. */
export interface NetworkBar {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  /** Why no value is shown, in words ("te weinig antwoorden"); null when drawn or not measured. */
  hidden: string | null;
}

export interface NetworkBarsInput {
  id: string;
  title: string;
  desc: string;
  lang: Lang;
  /** 'share': 0–1 as percentages; 'mean': a score on [0, max]. */
  kind: 'share' | 'mean';
  networks: string[];
  halfYears: { label: string; colour: string }[];
  /** values[network][halfYear]; null: not measured in that half-year. */
  values: (NetworkBar | null)[][];
  width: number;
}

const BAR = 9;
const GAP = 2;
const GROUP_GAP = 9;

/**
 * The networks side by side, one group of bars per network with a bar per half-year, the 95%
 * interval as a whisker and the value with its n at the right. A value a network's disclosure rule
 * hides is written out where its bar would be ("niet getoond: te weinig antwoorden, n = 4"), so an
 * empty place is never silent. Pure: same input, same SVG.
 */
export function networkBars(input: NetworkBarsInput): string {
  const { lang, width } = input;
  const dec = (v: number) => (lang === 'nl' ? v.toFixed(1).replace('.', ',') : v.toFixed(1));
  const show = (v: number) => (input.kind === 'share' ? pct(v) : dec(v));
  const all = input.values.flat().filter((v): v is NetworkBar => !!v && v.value !== null);
  // A score's axis ends at the first of the usual scale ends (5, 7, 10, 100) that holds every value and interval.
  const top0 = Math.max(0, ...all.map((v) => Math.max(v.value!, v.high ?? 0)));
  const max = input.kind === 'share' ? 1 : ([5, 7, 10, 100].find((m) => m >= top0) ?? Math.ceil(top0));
  const labelWidth = Math.min(width * 0.3, Math.max(40, ...input.networks.map((n) => textWidth(n, FONT))) + 4);
  const valueWidth = textWidth('100% ', VALUE, true) + textWidth('n=100', MIN_TEXT) + 14;
  const plotLeft = labelWidth + 10;
  const plotRight = width - valueWidth - 4;
  const xOf = (v: number) => plotLeft + (Math.max(0, Math.min(max, v)) / max) * (plotRight - plotLeft);
  const places = legendRows(
    input.halfYears.map((h) => 17 + textWidth(h.label, SMALL)),
    width - plotLeft,
  );
  const top = 22 + (places.length ? places[places.length - 1].row * 16 : 0) + 12;
  const parts: string[] = [];
  input.halfYears.forEach((h, i) => {
    const x = plotLeft + places[i].x;
    const y = places[i].row * 16;
    parts.push(`<rect x="${r1(x)}" y="${4 + y}" width="12" height="12" fill="${h.colour}"/>`);
    parts.push(text(x + 17, 14 + y, h.label, { size: SMALL }));
  });
  let y = top;
  const groups: string[] = [];
  input.networks.forEach((name, ni) => {
    const bars = input.halfYears.length;
    const barsHeight = bars * BAR + (bars - 1) * GAP;
    const lines = wrapText(name, labelWidth, FONT);
    const height = Math.max(barsHeight, lines.length * 13);
    lines.forEach((line, li) =>
      groups.push(text(labelWidth, y + (height - lines.length * 13) / 2 + 10 + li * 13, line, { anchor: 'end' })),
    );
    const barsTop = y + (height - barsHeight) / 2;
    input.halfYears.forEach((h, hi) => {
      const v = input.values[ni]?.[hi] ?? null;
      const by = barsTop + hi * (BAR + GAP);
      const mid = by + BAR / 2;
      // No bar is never silent: "niet gemeten", or why the value is not shown, on a white ground over the grid.
      const say = (words: string) => {
        const size = MIN_TEXT;
        groups.push(
          `<rect x="${r1(plotLeft + 2)}" y="${r1(by - 0.5)}" width="${r1(textWidth(words, size) + 4)}" height="${BAR + 1}" ` +
            `fill="#ffffff"/>`,
        );
        groups.push(text(plotLeft + 4, mid, words, { size, fill: MUTED, baseline: 'middle' }));
      };
      if (!v) {
        if (input.values.some((row) => row[hi])) say(lang === 'nl' ? 'niet gemeten' : 'not measured');
        return;
      }
      if (v.value === null) {
        say(`${lang === 'nl' ? 'niet getoond' : 'not shown'}${v.hidden ? `: ${v.hidden}` : ''}${v.n > 0 ? ` (n = ${v.n})` : ''}`);
        return;
      }
      groups.push(
        `<rect x="${r1(plotLeft)}" y="${r1(by)}" width="${r1(Math.max(0.8, xOf(v.value) - plotLeft))}" height="${BAR}" ` +
          `fill="${h.colour}"/>`,
      );
      if (v.low !== null && v.high !== null) {
        const [lo, hi2] = [xOf(v.low), xOf(v.high)];
        groups.push(
          `<path d="M${r1(lo)} ${r1(mid)}H${r1(hi2)}M${r1(lo)} ${r1(mid - 2.5)}V${r1(mid + 2.5)}M${r1(hi2)} ` +
            `${r1(mid - 2.5)}V${r1(mid + 2.5)}" stroke="${INK}" stroke-width="1" fill="none"/>`,
        );
      }
      groups.push(text(plotRight + 8, mid, show(v.value), { size: VALUE, baseline: 'middle', weight: 'bold' }));
      groups.push(
        text(plotRight + 8 + textWidth('100% ', VALUE, true), mid, `n=${v.n}`, { size: MIN_TEXT, baseline: 'middle', fill: MUTED }),
      );
    });
    y += height + GROUP_GAP;
  });
  const bottom = y - GROUP_GAP + 6;
  const step = max === 100 ? 20 : max === 10 ? 2 : 1;
  const ticks = input.kind === 'share' ? [0, 0.25, 0.5, 0.75, 1] : Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  for (const tick of ticks) {
    const x = xOf(tick);
    parts.push(
      `<path d="M${r1(x)} ${top - 4}V${r1(bottom)}" stroke="${tick === 0 ? MUTED : GRID}" stroke-width="${tick === 0 ? 1 : 0.8}"/>`,
    );
    parts.push(text(x, bottom + 13, input.kind === 'share' ? pct(tick) : String(tick), { size: MIN_TEXT, anchor: 'middle', fill: MUTED }));
  }
  parts.push(...groups);
  return svgDocument({ id: input.id, width, height: bottom + 20, title: input.title, desc: input.desc, body: parts.join('') });
}
