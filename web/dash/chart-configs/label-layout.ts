/**
 * Where a bar chart's category names go and in which size, so that every name is shown whole:
 * never cut short with "…", never a word split in the middle, never one name over another.
 * Pure: the text is measured by the function it is given (the canvas's `measureText` in the
 * browser, an estimate in the tests), so the rule is tested in Node and drawn as tested.
 *
 * - Names wrap between words (`wrapWords`).
 * - A horizontal chart keeps its names in a column left of the bars (at most 40% of the width);
 *   on a phone (under 480 px), or when a word is wider than that column even in small type, each
 *   name goes above its bars across the plot's full width.
 * - A vertical chart keeps its names under the bars, in the bar's slot; when a word is wider than
 *   the slot even in small type, or a name needs more than three lines, the chart turns
 *   horizontal with its names above the bars.
 * - A single word wider than the full width (a long Dutch compound on a phone) gets smaller type
 *   until it fits: shown whole, never split.
 * - Categories that are an ordered sequence (the days of a round) stay under vertical bars; when
 *   they do not fit, every k-th is named, as on a time axis.
 */

/** The charts' font (chart-runtime.ts sets it as chart.js's default). */
export const CHART_FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
/** Type size of category names, and the smallest a name may be set in before it moves above the bars. */
export const LABEL_FONT = 13;
export const LABEL_FONT_SMALL = 10;
/** Under this, a chart is on a phone. */
export const NARROW = 480;

/** Width in px of `text` set in `px` px type. */
export type Measure = (text: string, px: number) => number;

export interface LabelLayout {
  /** 'axis': beside the bars (horizontal) or under them (vertical); 'above': over each group of bars, across the plot. */
  placement: 'axis' | 'above';
  /** The chart's orientation as drawn: a vertical chart whose names do not fit under the bars becomes horizontal. */
  horizontal: boolean;
  fontSize: number;
  lineHeight: number;
  /** Each category's name as lines. */
  lines: string[][];
  /** The widest line in px: the column's width for names beside horizontal bars. */
  width: number;
  /** The tallest name in px (lines × line height). */
  height: number;
}

/**
 * Breaks `text` into lines no wider than `max` px, between words only. A word wider than `max`
 * keeps a line of its own (the caller chose a type size in which it fits; see `fitFont`).
 */
export function wrapWords(text: string, max: number, px: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (!line || measure(joined, px) <= max) line = joined;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** The largest type size from LABEL_FONT down to `floor` in which every word of every name fits `max`; null when none does. */
function fitFont(names: string[], max: number, measure: Measure, floor: number): number | null {
  const words = names.flatMap((n) => n.split(/\s+/).filter(Boolean));
  for (let px = LABEL_FONT; px >= floor; px--) if (words.every((w) => measure(w, px) <= max)) return px;
  return null;
}

const lineHeightOf = (px: number) => Math.round(px * 1.25);

function layout(names: string[], placement: LabelLayout['placement'], horizontal: boolean, px: number, max: number, measure: Measure) {
  const lines = names.map((n) => wrapWords(n, max, px, measure));
  const lineHeight = lineHeightOf(px);
  return {
    placement,
    horizontal,
    fontSize: px,
    lineHeight,
    lines,
    width: Math.ceil(Math.max(0, ...lines.flat().map((l) => measure(l, px)))),
    height: Math.max(1, ...lines.map((l) => l.length)) * lineHeight,
  };
}

/** Names above the bars, across the plot's width: smaller type only when a single word needs it. */
function above(names: string[], plotWidth: number, measure: Measure): LabelLayout {
  let px = fitFont(names, plotWidth, measure, LABEL_FONT_SMALL);
  if (px === null) {
    // A word wider than the whole plot even at the small size: the size at which the widest word fits.
    const widest = Math.max(...names.flatMap((n) => n.split(/\s+/)).map((w) => measure(w, LABEL_FONT)));
    px = Math.max(6, Math.floor((LABEL_FONT * plotWidth) / widest));
    while (px > 6 && names.some((n) => n.split(/\s+/).some((w) => measure(w, px!) > plotWidth))) px--;
  }
  return layout(names, 'above', true, px, plotWidth, measure);
}

/**
 * The layout of a bar chart's category names in a chart `width` px wide.
 *
 * @param names - the category names, in full
 * @param width - the chart's width in CSS px
 * @param horizontal - the spec's orientation
 * @param measure - the width of a text in a type size
 */
export function labelLayout(
  names: string[],
  width: number,
  horizontal: boolean,
  measure: Measure,
  options: { sequence?: boolean } = {},
): LabelLayout {
  // The plot's width: the chart less the value axis's ticks and title (vertical) or the room for the value labels (horizontal).
  const plotWidth = Math.max(80, width - 24);
  if (horizontal) {
    if (width < NARROW) return above(names, plotWidth, measure);
    const column = Math.floor(width * 0.4);
    const px = fitFont(names, column, measure, LABEL_FONT_SMALL);
    return px === null ? above(names, plotWidth, measure) : layout(names, 'axis', true, px, column, measure);
  }
  const slot = Math.floor((width - 72) / Math.max(1, names.length)) - 8;
  const px = fitFont(names, slot, measure, LABEL_FONT_SMALL);
  if (px !== null) {
    const under = layout(names, 'axis', false, px, slot, measure);
    if (under.lines.every((l) => l.length <= 3)) return under;
  }
  // Days in order: every k-th day named, on one line, as a time axis does; the others are read from their neighbours.
  if (options.sequence) return sequenceLayout(names, slot, measure);
  // Too narrow under the bars: the chart is drawn horizontally, as a horizontal spec would be.
  return labelLayout(names, width, true, measure);
}

/** An ordered sequence (days) under vertical bars: each shown name whole on one line, every `step`-th so none touches the next. */
function sequenceLayout(names: string[], slot: number, measure: Measure): LabelLayout {
  const px = LABEL_FONT_SMALL + 1;
  const widest = Math.max(...names.map((n) => measure(n, px)));
  const step = Math.max(1, Math.ceil((widest + 8) / (slot + 8)));
  const lines = names.map((n, i) => (i % step === 0 ? [n] : []));
  const lineHeight = lineHeightOf(px);
  return { placement: 'axis', horizontal: false, fontSize: px, lineHeight, lines, width: Math.ceil(widest), height: lineHeight };
}

/** An estimate of text width for tests and for code without a canvas: 0.6 em per character. */
export const estimateWidth: Measure = (text, px) => text.length * px * 0.6;

/** A text a chart drew, in CSS px from the canvas's top left: what the overlap checks compare. */
export interface LabelBox {
  kind: 'category' | 'value';
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The pairs of boxes that overlap by more than `tolerance` px each way, as readable lines. */
export function overlaps(boxes: LabelBox[], tolerance = 0.5): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > tolerance && dy > tolerance) found.push(`"${a.text}" overlaps "${b.text}"`);
    }
  return found;
}
