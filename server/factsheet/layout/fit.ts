/**
 * Fitting the factsheet to its pages. The print CSS keeps every block whole, and keeps a
 * section's heading, lead and chart together (html/render.ts wraps them in one `.keep`
 * block), so a chart never starts a page while the text that introduces it ends the page
 * before. Such a group that does not fit under the text before it moves to the next page as a
 * whole and would leave a gap. When the gap is more than a quarter of a page, two remedies:
 *
 * 1. the chart is drawn a little smaller (never below MIN_SCALE, nor so small that its smallest
 *    text prints under 7 pt: `floorScale`),
 *    and when that is not enough also the charts already on the page: the composition's order
 *    stays;
 * 2. when that cannot close the gap, the chart moves up to just after its section's lead
 *    ("early"): the running text that stood between them follows the chart, outside the kept
 *    group, and may go on on the next page, so the shorter group fits the gap (drawn smaller
 *    too when needed).
 *
 * The blocks are measured by Chromium (pdf.ts FactsheetRenderer.measure) in the print layout;
 * this file only decides, one step at a time, and each step is measured again. The fitted
 * HTML is what the PDF prints, the composer previews and a version stores, so all three break
 * their pages in the same places.
 */

import { type BlockBox, planPages } from '../../../model/factsheet-pages.js';
import { MIN_PRINTED_PT } from '../charts/svg.js';

/** A block as measured in the print layout, in CSS px from the top of the first page's area. */
export interface MeasuredBlock extends BlockBox {
  /** A chart's id (of the chart itself or of the one a kept group holds), and the height of its drawing (the part a scale shrinks). */
  chart?: string;
  drawing?: number;
  /** The smallest text of the drawing as laid out (at its current scale), in CSS px; absent: not known. */
  text?: number;
  /**
   * In a kept group whose chart follows running text: the height from the bottom of the lead
   * (or heading) to the top of the chart, which moving the chart up takes out of the group.
   */
  movable?: number;
}

/** How the factsheet is fitted: chart id → scale of its drawing (1 = as drawn), and the charts moved up to follow their lead. */
export interface Fit {
  scale: Record<string, number>;
  early: string[];
}

/** No fitting: every chart as drawn, where the composition puts it. */
export const NO_FIT: Fit = Object.freeze({ scale: Object.freeze({}), early: Object.freeze([]) as unknown as string[] }) as Fit;

/** Charts are not shrunk below this: 12 px labels stay above 7 pt. */
export const MIN_SCALE = 0.78;
/** MIN_PRINTED_PT in CSS px (1 px = 0.75 pt). */
const MIN_TEXT_PX = MIN_PRINTED_PT / 0.75;

/**
 * The smallest scale a chart may get: MIN_SCALE, or more when its smallest text would print
 * under MIN_PRINTED_PT (charts/svg.ts); never more than it has (a chart is not drawn larger).
 */
export function floorScale(block: MeasuredBlock, fit: Fit): number {
  const current = fit.scale[block.chart!] ?? 1;
  if (!block.text) return MIN_SCALE;
  return Math.min(current, Math.max(MIN_SCALE, (current * MIN_TEXT_PX) / block.text));
}
/** The most of a page (but the last) that may stay empty. */
export const MAX_EMPTY = 0.25;
/** Room left for rounding between the measurement and the print. */
const SLACK = 6;

/**
 * One step of fitting: the first page (but the last) that stays more than MAX_EMPTY empty
 * because the chart at the top of the next page (after at most its heading and the text kept
 * with it) did not fit, and the fit that makes it fit: that chart drawn smaller, and when that
 * is not enough, also the charts already on the page (none below MIN_SCALE); when even that
 * cannot close the gap, the chart moved up to follow its lead, and drawn smaller if still needed. Null when no page needs it or it
 * cannot be done within MIN_SCALE. Before all that, a kept group taller than a page gets its
 * chart moved up.
 */
export function nextFit(blocks: readonly MeasuredBlock[], pageHeight: number, fit: Fit): Fit | null {
  // A kept group taller than a page would be split by print after all: its chart moves up first.
  const tall = blocks.find((b) => b.chart && b.movable && b.movable > 0 && b.bottom - b.top > pageHeight && !fit.early.includes(b.chart));
  if (tall) return { scale: { ...fit.scale }, early: [...fit.early, tall.chart!] };
  const plan = planPages(blocks, pageHeight);
  const pages = plan.length ? plan[plan.length - 1] + 1 : 0;
  for (let p = 0; p < pages - 1; p++) {
    const on = blocks.filter((_, i) => plan[i] === p);
    const first = blocks.findIndex((_, i) => plan[i] === p + 1);
    const used = on[on.length - 1].bottom - on[0].top;
    if (pageHeight - used <= MAX_EMPTY * pageHeight) continue;
    // The chart that opened the next page, with the blocks kept with it.
    let c = first;
    while (c < blocks.length && plan[c] === p + 1 && !blocks[c].chart && blocks[c + 1]?.keepWithPrevious) c++;
    const chart = blocks[c];
    if (!chart?.chart || !chart.drawing || plan[c] !== p + 1) continue;
    // Space from the page's last block to the page end; the moved blocks keep their own spacing.
    const room = pageHeight - used - (blocks[first].top - blocks[first - 1].bottom) - SLACK;
    let shrink = chart.bottom - blocks[first].top - room;
    if (shrink <= 0) continue;
    // What each chart can give: its drawing down to MIN_SCALE of its own size. The moved chart
    // gives first, then the charts on the page, last first (nearest the gap).
    const givers = [chart, ...on.filter((b) => b.chart && b.drawing).reverse()];
    const spare = (g: MeasuredBlock) => g.drawing! - (g.drawing! * floorScale(g, fit)) / (fit.scale[g.chart!] ?? 1);
    const canGive = givers.reduce((sum, g) => sum + Math.max(0, spare(g)), 0);
    const next: Fit = { scale: { ...fit.scale }, early: [...fit.early] };
    // Smaller charts keep the composition's order; when they are not enough, the chart moves up
    // to its lead, which shortens the group by the text that stood between them.
    if (canGive < shrink && chart.movable && chart.movable > 0 && !fit.early.includes(chart.chart)) {
      next.early.push(chart.chart);
      shrink -= chart.movable;
      if (shrink <= 0) return next;
    }
    for (const g of givers) {
      const current = fit.scale[g.chart!] ?? 1;
      if (spare(g) <= 0) continue;
      const give = Math.min(spare(g), shrink);
      next.scale[g.chart!] = Math.floor(current * ((g.drawing! - give) / g.drawing!) * 1000) / 1000;
      shrink -= give;
      if (shrink <= 0) break;
    }
    if (shrink > 0) continue;
    return next;
  }
  return null;
}
