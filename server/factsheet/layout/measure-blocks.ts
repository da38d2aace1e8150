/**
 * Runs inside the factsheet page (FactsheetRenderer.measure), as text because the server is
 * compiled without the DOM's types: the blocks of `article.sheet` with their boxes, found as the
 * composer's preview finds them (web/app/views/factsheet-pages.ts blocksOf, avoidsBreakBefore):
 * sections, lists and divs that may break are containers, every other element is one block.
 * A figure, or a kept group (html/render.ts `.keep`: heading, lead, text, chart) also reports
 * the chart's id, the height of its drawing and the size its smallest text is laid out at; a kept group also what moving its chart up
 * to the lead would take out of it. Returns layout/fit.ts MeasuredBlock[].
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
  // A kept group (heading, lead, running text, chart): how much shorter it gets when its chart
  // moves up to follow the lead, i.e. the running text between them and its spacing.
  const movable = (group, figure) => {
    const children = Array.from(group.children);
    let anchor = 0;
    while (children[anchor + 1] && children[anchor + 1].matches('p.lead')) anchor++;
    if (children.indexOf(figure) <= anchor + 1) return 0;
    const gap = parseFloat(style(figure).marginTop) || 0;
    return figure.getBoundingClientRect().top - children[anchor].getBoundingClientRect().bottom - gap;
  };
  // The smallest text of a chart as laid out: its font size in the drawing's units times the
  // width the drawing gets over its own width (its viewBox). Nested drawings scale alike.
  const smallestText = (svg) => {
    const box = svg.viewBox && svg.viewBox.baseVal;
    const k = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    let min = Infinity;
    for (const t of Array.from(svg.querySelectorAll('text'))) min = Math.min(min, parseFloat(style(t).fontSize) * k);
    return Number.isFinite(min) ? min : undefined;
  };
  return els.map((el) => {
    const r = el.getBoundingClientRect();
    const kept = el.classList.contains('keep');
    const figure = el.tagName === 'FIGURE' ? el : kept ? el.querySelector(':scope > figure[id]') : null;
    const svg = figure ? figure.querySelector('svg') : null;
    const box = { top: r.top + scrollY, bottom: r.bottom + scrollY, keepWithPrevious: avoidsBreakBefore(el) };
    if (svg && figure.id) Object.assign(box, { chart: figure.id, drawing: svg.getBoundingClientRect().height, text: smallestText(svg) });
    if (svg && figure.id && kept) Object.assign(box, { movable: movable(el, figure) });
    return box;
  });
})()`;
