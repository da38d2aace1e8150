import type { Page } from 'playwright-core';
import { overlaps, type LabelBox } from '../../web/dash/chart-configs/label-layout.js';

/**
 * Waits until a screen of the staff app has settled after a navigation: no request in flight for
 * a moment, a heading in main and no loading message left.
 */
export async function settle(page: Page, pending: () => number): Promise<void> {
  let quiet = 0;
  for (let waited = 0; waited < 10_000 && quiet < 3; waited += 50) {
    await page.waitForTimeout(50);
    const busy =
      pending() > 0 ||
      (await page.evaluate(
        () =>
          !document.querySelector('main h1') ||
          [...document.querySelectorAll('main [role=status]')].some((e) => /Laden|Loading/.test(e.textContent ?? '')),
      ));
    quiet = busy ? 0 : quiet + 1;
  }
}

/**
 * What is wider than its box on the page: the document itself, and each element whose content
 * sticks out sideways (scrollWidth > clientWidth) unless it is meant to scroll (overflow-x auto
 * or scroll, and form fields, whose text scrolls inside them) or is visually hidden (inside a
 * 1 px screen-reader-only box). Returns one line per element, naming it by tag, class and text.
 */
export async function findOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) found.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth} px)`);
    const name = (e: Element) =>
      `<${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? ` class="${e.className}"` : ''}> "${(
        e.textContent ?? ''
      )
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 40)}"`;
    // Inside a box of 1 px or less that hides its overflow (the screen-reader-only pattern) nothing is seen.
    const hidden = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const r = a.getBoundingClientRect();
        if ((r.width <= 1 || r.height <= 1) && getComputedStyle(a).overflow !== 'visible') return true;
      }
      return false;
    };
    for (const e of document.querySelectorAll('body *')) {
      const el = e as HTMLElement;
      // Form fields scroll their own text.
      if (el.clientWidth <= 1 || el.matches('input, textarea, select')) continue;
      if (el.scrollWidth <= el.clientWidth + 1 || hidden(el)) continue;
      const style = getComputedStyle(el);
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      if (el.scrollWidth > el.clientWidth + 1) found.push(`${name(el)} is wider than its box (${el.scrollWidth} > ${el.clientWidth} px)`);
    }
    // A box that sticks out of the window on the right, or starts left of it, is cut off.
    for (const e of document.querySelectorAll('main *')) {
      const r = e.getBoundingClientRect();
      if (r.width <= 1) continue;
      let scroller: Element | null = e.parentElement;
      while (scroller && !['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(scroller).overflowX))
        scroller = scroller.parentElement;
      if (scroller && scroller !== document.body && scroller !== document.documentElement) continue;
      if ((r.right > doc.clientWidth + 1 || r.left < -1) && !hidden(e))
        found.push(`${name(e)} sticks out of the window (${Math.round(r.left)}–${Math.round(r.right)} px)`);
    }
    return found;
  });
}

/**
 * What is wrong with the chart labels on the page (issue 16, deliverable 8): for every bar chart
 * drawn by <rondo-chart>, the text boxes it drew (its `labelBoxes`: category names and value
 * labels) must not overlap one another, must lie inside the canvas, must not end in "…", and the
 * category names must carry every word of every category, whole. Returns one line per problem.
 */
export async function findLabelProblems(page: Page): Promise<string[]> {
  // Charts draw after chart.js has loaded: wait (a little) until every bar chart on the page has drawn its names.
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('rondo-chart')].every((el) => {
          const c = el as HTMLElement & { spec: { kind: string; categories: string[] } | null; labelBoxes: unknown[] };
          return c.spec?.kind !== 'bar' || !c.querySelector('canvas') || !c.spec.categories.length || c.labelBoxes.length > 0;
        }),
      undefined,
      { timeout: 5000 },
    )
    .catch(() => undefined);
  const charts = await page.evaluate(() =>
    [...document.querySelectorAll('rondo-chart')].flatMap((el) => {
      const chart = el as HTMLElement & {
        spec: { title: string; kind: string; categories: string[]; sequence?: boolean } | null;
        labelBoxes: LabelBox[];
      };
      const canvas = chart.querySelector('canvas');
      if (chart.spec?.kind !== 'bar' || !canvas || chart.querySelector<HTMLElement>('.d-canvas')?.hidden) return [];
      const r = canvas.getBoundingClientRect();
      return [
        {
          title: chart.spec!.title,
          sequence: !!chart.spec!.sequence,
          categories: chart.spec!.categories,
          width: r.width,
          height: r.height,
          boxes: chart.labelBoxes,
        },
      ];
    }),
  );
  const found: string[] = [];
  for (const c of charts) {
    const named = `chart "${c.title}"`;
    found.push(...overlaps(c.boxes).map((o) => `${named}: ${o}`));
    for (const b of c.boxes) {
      if (b.text.endsWith('…')) found.push(`${named}: "${b.text}" is cut short`);
      if (b.x < -0.5 || b.y < -0.5 || b.x + b.w > c.width + 0.5 || b.y + b.h > c.height + 0.5)
        found.push(`${named}: "${b.text}" lies outside the canvas (${Math.round(b.x)},${Math.round(b.y)} in ${c.width}×${c.height})`);
    }
    const drawn = c.boxes
      .filter((b) => b.kind === 'category')
      .map((b) => b.text)
      .join(' ');
    const words = c.categories.join(' ').split(/\s+/).filter(Boolean).join(' ');
    // A sequence (days) names every k-th category, as a time axis does.
    if (!c.sequence && drawn.split(/\s+/).filter(Boolean).join(' ') !== words)
      found.push(`${named}: the names drawn "${drawn}" are not "${words}"`);
  }
  return found;
}

/**
 * What is split or cut in the page's tables (issue 16, deliverable 8): every word of every table
 * cell must lie on one line (a cell wraps between words, never inside one), no cell's content may
 * be wider than the cell, no text in a cell may be clipped with an ellipsis, and no cell's text may
 * end in "…" (buttons aside, whose "…" opens a dialog). Words are what lies between spaces, hyphens
 * and slashes; visually hidden text is skipped. Returns one line per problem.
 */
export async function findCutText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const short = (s: string) => s.trim().replace(/\s+/g, ' ').slice(0, 40);
    // Inside a box of 1 px or less that hides its overflow (a stacked table's header row, read by screen readers only).
    const hidden = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const r = a.getBoundingClientRect();
        if ((r.width <= 1 || r.height <= 1) && getComputedStyle(a).overflow !== 'visible') return true;
      }
      return false;
    };
    // Table cells, and a question's heading on the results per question (long statements of compound words).
    for (const cell of document.querySelectorAll<HTMLElement>('main table th, main table td, main .d-qtext')) {
      if (cell.clientWidth <= 1 || cell.closest('.a-sr, [hidden]') || hidden(cell)) continue;
      if (cell.scrollWidth > cell.clientWidth + 1)
        found.push(`cell "${short(cell.textContent ?? '')}" is wider than its box (${cell.scrollWidth} > ${cell.clientWidth} px)`);
      for (const el of [cell, ...cell.querySelectorAll<HTMLElement>('*')]) {
        if (getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
          found.push(`"${short(el.textContent ?? '')}" is cut with "…"`);
      }
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement!;
        if (parent.closest('.a-sr') || parent.getBoundingClientRect().width <= 1) continue;
        const text = node.textContent ?? '';
        if (text.trim().endsWith('…') && !parent.closest('button')) found.push(`"${short(text)}" ends in "…"`);
        for (const word of text.matchAll(/[^\s\-–/]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index!);
          range.setEnd(node, word.index! + word[0].length);
          // Boxes of one line share their top; a word split over lines has boxes a line apart.
          const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
          if (tops.some((top) => Math.abs(top - tops[0]) > 4))
            found.push(`"${word[0]}" is split over lines in cell "${short(cell.textContent ?? '')}"`);
        }
      }
    }
    return found;
  });
}
