/**
 * The composer's paged preview: lays the blocks of a factsheet's preview HTML into A4 page
 * boxes with the page breaks Chromium gives the PDF.
 *
 * It can be exact because the factsheet's print CSS (server/factsheet/html/styles.ts) keeps
 * every block whole — paragraph, list item, two-column text, chart, quote, caveat — so a page
 * breaks only between blocks, and never right after a heading (`break-after: avoid`, `h2 + *
 * { break-before: avoid }`). The blocks are measured where they stand in the continuous sheet
 * (the same width as the printed page area), a block that no longer fits starts the next page
 * (together with the heading before it), and the margin before a block that starts a page is
 * dropped, as in print. The test `test/factsheet/preview-pages.test.ts` compares the result
 * with the PDF.
 *
 * No script runs in the preview document: the composer calls paginate() on the iframe's
 * document (same origin, sandboxed without scripts).
 */

import { type BlockBox, planPages } from '../../../model/factsheet-pages.js';

export { type BlockBox, planPages };

export interface PagedResult {
  pages: number;
  /** Pages (1-based) whose content runs over the page area: a block taller than a page. */
  overflowing: number[];
}

const PAGE_LABEL = { nl: 'Pagina {n} van {of}', en: 'Page {n} of {of}' };

/** Containers whose children are blocks of their own; every other element is one block. */
function isContainer(el: Element): boolean {
  if (['SECTION', 'ARTICLE', 'UL', 'OL'].includes(el.tagName)) return true;
  return el.tagName === 'DIV' && getStyle(el).breakInside !== 'avoid';
}

function getStyle(el: Element): CSSStyleDeclaration {
  return el.ownerDocument.defaultView!.getComputedStyle(el);
}

function blocksOf(container: Element, out: Element[] = []): Element[] {
  for (const child of container.children) {
    if (isContainer(child)) blocksOf(child, out);
    else out.push(child);
  }
  return out;
}

/** Whether CSS asks not to break between the block before `el` and `el`, looking up the tree as far as the break point reaches. */
function avoidsBreakBefore(el: Element, root: Element): boolean {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
    if (getStyle(e).breakBefore === 'avoid') return true;
    const prev = e.previousElementSibling;
    if (prev) {
      for (let p: Element | null = prev; p; p = p.lastElementChild) {
        if (getStyle(p).breakAfter === 'avoid') return true;
        if (!isContainer(p)) break;
      }
      return false;
    }
  }
  return false;
}

/**
 * Turns the `.sheet` of a factsheet preview document into a column of A4 `.page` boxes, each
 * with its running footer (title · date, page x / y), and returns the page count. Sections
 * that continue on the next page are shallow copies without the id. Calling it again on the
 * same document does nothing.
 */
export function paginate(doc: Document): PagedResult {
  const sheet = doc.querySelector<HTMLElement>('article.sheet');
  if (!sheet) return { pages: 0, overflowing: [] };
  if (sheet.classList.contains('paged')) return { pages: sheet.querySelectorAll('.page').length, overflowing: [] };
  const view = doc.defaultView!;
  const blocks = blocksOf(sheet);

  // The printed page area, measured from the same CSS the page boxes use.
  const probe = doc.createElement('div');
  probe.className = 'page';
  probe.style.position = 'absolute';
  probe.style.visibility = 'hidden';
  probe.append(doc.createElement('div'));
  probe.firstElementChild!.className = 'page-area';
  doc.body.append(probe);
  const pageHeight = probe.firstElementChild!.getBoundingClientRect().height;
  probe.remove();

  const boxes = blocks.map((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + view.scrollY, bottom: r.bottom + view.scrollY, keepWithPrevious: avoidsBreakBefore(el, sheet) };
  });
  const plan = planPages(boxes, pageHeight);
  const count = blocks.length ? plan[plan.length - 1] + 1 : 0;

  const lang = doc.documentElement.lang === 'en' ? 'en' : 'nl';
  const footer = sheet.dataset.footer ?? '';
  const seen = new Set<Element>();
  const pages: HTMLElement[] = [];
  let area: HTMLElement | null = null;
  let copies = new Map<Element, Element>();
  /** The copy of `el` on the current page, made on first use (with its ancestors). */
  const holder = (el: Element): Element => {
    if (el === sheet) return area!;
    let copy = copies.get(el);
    if (copy) return copy;
    copy = el.cloneNode(false) as Element;
    if (seen.has(el)) {
      copy.removeAttribute('id');
      copy.removeAttribute('aria-labelledby');
    }
    seen.add(el);
    holder(el.parentElement!).append(copy);
    copies.set(el, copy);
    return copy;
  };
  blocks.forEach((el, i) => {
    if (!area || plan[i] !== pages.length - 1) {
      const n = pages.length + 1;
      const page = doc.createElement('div');
      page.className = 'page';
      page.setAttribute('role', 'group');
      page.setAttribute('aria-label', PAGE_LABEL[lang].replace('{n}', String(n)).replace('{of}', String(count)));
      area = doc.createElement('div');
      area.className = 'page-area';
      const foot = doc.createElement('div');
      foot.className = 'page-foot';
      foot.setAttribute('aria-hidden', 'true');
      const left = doc.createElement('span');
      left.textContent = footer;
      const right = doc.createElement('span');
      right.textContent = `${n} / ${count}`;
      foot.append(left, right);
      page.append(area, foot);
      pages.push(page);
      copies = new Map();
      // As in print, the margin before the block that starts a page is dropped.
      if (n > 1) (el as HTMLElement).style.marginTop = '0';
    }
    holder(el.parentElement!).append(el);
  });
  sheet.replaceChildren(...pages);
  sheet.classList.add('paged');

  const overflowing: number[] = [];
  pages.forEach((page, i) => {
    const a = page.querySelector('.page-area')!;
    const end = a.getBoundingClientRect().bottom;
    if ([...a.children].some((c) => c.getBoundingClientRect().bottom > end + 1)) {
      page.classList.add('overflow');
      overflowing.push(i + 1);
    }
  });
  return { pages: count, overflowing };
}
