/**
 * Runs inside the factsheet page (FactsheetRenderer.measure), as text because the server is
 * compiled without the DOM's types: the blocks of `article.sheet` with their boxes, found as the
 * composer's preview finds them (web/app/views/factsheet-pages.ts blocksOf, avoidsBreakBefore):
 * sections, lists and divs that may break are containers, every other element is one block.
 * A figure also reports its id and the height of its drawing. Returns layout/fit.ts MeasuredBlock[].
 */
export const MEASURE_BLOCKS = `(() => {
  const style = (el) => getComputedStyle(el);
  const isContainer = (el) =>
    ['SECTION', 'ARTICLE', 'UL', 'OL'].includes(el.tagName) || (el.tagName === 'DIV' && style(el).breakInside !== 'avoid');
  const sheet = document.querySelector('article.sheet');
  if (!sheet) return [];
  const els = [];
  const walk = (c) => {
    for (const child of Array.from(c.children)) {
      if (isContainer(child)) walk(child);
      else els.push(child);
    }
  };
  walk(sheet);
  const avoidsBreakBefore = (el) => {
    for (let e = el; e && e !== sheet; e = e.parentElement) {
      if (style(e).breakBefore === 'avoid') return true;
      const prev = e.previousElementSibling;
      if (prev) {
        for (let p = prev; p; p = p.lastElementChild) {
          if (style(p).breakAfter === 'avoid') return true;
          if (!isContainer(p)) break;
        }
        return false;
      }
    }
    return false;
  };
  return els.map((el) => {
    const r = el.getBoundingClientRect();
    const svg = el.tagName === 'FIGURE' ? el.querySelector('svg') : null;
    const box = { top: r.top + scrollY, bottom: r.bottom + scrollY, keepWithPrevious: avoidsBreakBefore(el) };
    if (svg && el.id) Object.assign(box, { chart: el.id, drawing: svg.getBoundingClientRect().height });
    return box;
  });
})()`;
