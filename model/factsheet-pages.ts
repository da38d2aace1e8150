/**
 * The factsheet's page-break rule, one pure function shared by the server's fitting pass
 * (server/factsheet/layout/fit.ts) and the composer's preview (web/app/views/factsheet-pages.ts),
 * so both break pages where Chromium's print of the factsheet CSS does. Keeping a section's
 * heading, lead and chart on one page needs nothing here: the HTML makes them one block
 * (server/factsheet/html/render.ts `.keep`), which this rule keeps whole like any other.
 */

/** A block where it stands in the continuous layout, in CSS px. */
export interface BlockBox {
  top: number;
  bottom: number;
  /** The page may not break just before this block (it follows a heading). */
  keepWithPrevious: boolean;
}

/**
 * The page (0-based) of each block: a block goes to the next page when its bottom would pass
 * the page area; when the break before it is to be avoided, the break moves back to the
 * nearest allowed place on the same page (so a heading goes along with its first block). A
 * block taller than a page keeps a page of its own (print splits it; the preview shows it
 * running over).
 */
export function planPages(blocks: readonly BlockBox[], pageHeight: number): number[] {
  const page: number[] = [];
  let start = 0;
  let current = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (i > start && blocks[i].bottom - blocks[start].top > pageHeight) {
      let at = i;
      while (at > start && blocks[at].keepWithPrevious) at--;
      // No allowed break on this page: break before the block anyway.
      if (at === start) at = i;
      current++;
      start = at;
      for (let k = at; k < i; k++) page[k] = current;
    }
    page[i] = current;
  }
  return page;
}
