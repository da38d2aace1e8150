/**
 * Fitting the factsheet to its pages: the print CSS keeps every block whole, so a chart that
 * does not fit under the text before it moves to the next page and leaves a gap. When such a
 * gap would leave more than a quarter of a page empty, the chart is drawn a little smaller
 * (never below MIN_SCALE, so its text stays readable) so that it fits. The blocks are measured
 * by Chromium (pdf.ts FactsheetRenderer.measure) in the print layout; this file only decides.
 * The fitted HTML is what the PDF prints, the composer previews and a version stores, so all
 * three break their pages in the same places.
 */

import { type BlockBox, planPages } from '../../../model/factsheet-pages.js';

/** A block as measured in the print layout, in CSS px from the top of the first page's area. */
export interface MeasuredBlock extends BlockBox {
  /** A chart's id, and the height of its drawing (the part a scale shrinks). */
  chart?: string;
  drawing?: number;
}

/** Chart id → scale of its drawing (1 = as drawn). */
export type Fit = Record<string, number>;

/** Charts are not shrunk below this: 12 px labels stay above 7 pt. */
export const MIN_SCALE = 0.78;
/** The most of a page (but the last) that may stay empty. */
export const MAX_EMPTY = 0.25;
/** Room left for rounding between the measurement and the print. */
const SLACK = 6;

/**
 * One step of fitting: the first page (but the last) that stays more than MAX_EMPTY empty
 * because the chart at the top of the next page (after at most its heading and the text kept
 * with it) did not fit, and the scales that make it fit: that chart drawn smaller, and when
 * that is not enough, also the charts already on the page (none below MIN_SCALE). Null when no
 * page needs it or it cannot be done within MIN_SCALE.
 */
export function nextFit(blocks: readonly MeasuredBlock[], pageHeight: number, fit: Fit): Fit | null {
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
    const next: Fit = { ...fit };
    for (const g of givers) {
      const current = fit[g.chart!] ?? 1;
      const spare = g.drawing! - (g.drawing! * MIN_SCALE) / current;
      if (spare <= 0) continue;
      const give = Math.min(spare, shrink);
      next[g.chart!] = Math.floor(current * ((g.drawing! - give) / g.drawing!) * 1000) / 1000;
      shrink -= give;
      if (shrink <= 0) break;
    }
    if (shrink > 0) continue;
    return next;
  }
  return null;
}
