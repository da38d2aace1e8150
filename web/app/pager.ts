import { html, nothing, type TemplateResult } from 'lit';
import { fill, m, num } from './i18n.js';

/**
 * Long lists on the staff screens (a round's or a study's participants, thousands of them) are
 * drawn a page at a time: a table of 10,000 rows is some 400,000 elements, which froze a phone
 * for seconds. `PAGE` rows per page; `pager` is the Previous/Next pair under the table, nothing
 * when everything fits on one page; `range` the "1–100 van 250" of the rows on screen.
 */
export const PAGE = 100;

const MESSAGES = {
  nl: { pages: 'Bladeren door de lijst', previous: 'Vorige {n}', next: 'Volgende {n}' },
  en: { pages: 'Browse the list', previous: 'Previous {n}', next: 'Next {n}' },
};

export function pager(offset: number, matching: number, turnTo: (offset: number) => void): TemplateResult | typeof nothing {
  if (matching <= PAGE) return nothing;
  const t = m(MESSAGES);
  const n = num(PAGE);
  return html`<nav class="a-pager" aria-label=${t.pages}>
    <button type="button" class="a-secondary" ?disabled=${offset === 0} @click=${() => turnTo(Math.max(0, offset - PAGE))}>
      ${fill(t.previous, { n })}</button>
    <button type="button" class="a-secondary" ?disabled=${offset + PAGE >= matching} @click=${() => turnTo(offset + PAGE)}>
      ${fill(t.next, { n })}</button>
  </nav>`;
}

/** Where the last page of `rows` rows starts (0 for none): where a list goes back to when it shrank below its page. */
export function lastPage(rows: number): number {
  return Math.max(0, Math.floor((rows - 1) / PAGE) * PAGE);
}

/** The numbers of the rows on screen, for a "{from}–{to} van {n}" text. */
export function range(offset: number, rows: number, matching: number): { from: string; to: string; n: string } {
  return { from: num(rows ? offset + 1 : 0), to: num(offset + rows), n: num(matching) };
}
