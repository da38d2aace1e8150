import { html, nothing, type TemplateResult } from 'lit';
import type { AnswerCell } from '../../model/answer.js';
import { partnerSub, toolSub } from '../../model/answer-sub.js';
import type { LocalText } from '../../model/i18n.js';
import type { GridFacet, MissingCode, PartnerGridItem, Scale, ToolGridItem } from '../../model/questionnaire.js';
import { answerEvent } from './answer-event.js';
import { itemId, notes, questionText } from './item-parts.js';
import { LightElement } from '../light-element.js';
import { t, type Lang } from './text.js';

const MESSAGES = {
  nl: { dont_know: 'Weet ik niet', not_applicable: 'N.v.t.', not_applicable_long: 'Niet van toepassing' },
  en: { dont_know: "Don't know", not_applicable: 'N/a', not_applicable_long: 'Not applicable' },
};

export interface GridRow {
  id: number;
  name: string;
  description?: LocalText;
}

interface Facet {
  /** The partner grid's facet; none for a tool grid. */
  key: GridFacet | null;
  label: string;
  scale: Scale;
}

// Tables from 600 px (37.5em), wide enough for five to seven answer columns; below it (phones)
// each partner becomes a card, as issue 3 asks, so nothing scrolls sideways.
const WIDE = '(min-width: 37.5em)';

/**
 * <rondo-grid-item>: the partner grid (how often and how well, per chain partner) and the
 * tool grid (use per tool). Wide screens get one table per facet, each row a radio group whose
 * buttons are named by row and column; narrow screens get one card per partner or tool with a
 * labelled fieldset per facet. Rows still open are marked when the item has an error.
 *
 * @fires rondo-answer - the respondent answered a row
 */
export class RondoGridItem extends LightElement {
  static override properties = {
    item: { attribute: false },
    language: {},
    cells: { attribute: false },
    rows: { attribute: false },
    error: {},
    wide: { state: true },
  };

  item!: PartnerGridItem | ToolGridItem;
  language: Lang = 'nl';
  cells: AnswerCell[] = [];
  rows: GridRow[] = [];
  error = '';
  private wide = false;
  private media?: MediaQueryList;
  private onMedia = () => {
    this.wide = this.media!.matches;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.media = matchMedia(WIDE);
    this.media.addEventListener('change', this.onMedia);
    this.wide = this.media.matches;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.media?.removeEventListener('change', this.onMedia);
  }

  private facets(): Facet[] {
    const item = this.item;
    return item.type === 'partnerGrid'
      ? item.facets.map((f) => ({ key: f.key, label: t(f.label, this.language), scale: f.scale }))
      : [{ key: null, label: '', scale: item.scale }];
  }

  private sub(row: GridRow, facet: Facet): string {
    return facet.key ? partnerSub(row.id, facet.key) : toolSub(row.id);
  }

  private choose(sub: string, value: string): void {
    const cell: AnswerCell = { item: this.item.id, sub };
    if (value.startsWith('m')) cell.missing = value.slice(1) as MissingCode;
    else cell.code = Number(value.slice(1));
    this.dispatchEvent(answerEvent({ item: this.item.id, cells: [...this.cells.filter((c) => c.sub !== sub), cell] }));
  }

  private columns(facet: Facet, short: boolean): { value: string; label: string }[] {
    const m = MESSAGES[this.language];
    const cols = facet.scale.points.map((p) => ({ value: `c${p.code}`, label: t(p.label, this.language) }));
    if (facet.scale.dontKnow) cols.push({ value: 'mdont_know', label: m.dont_know });
    if (facet.scale.notApplicable) cols.push({ value: 'mnot_applicable', label: short ? m.not_applicable : m.not_applicable_long });
    return cols;
  }

  protected override render() {
    const item = this.item;
    const id = itemId(item);
    const values = new Map(this.cells.map((c) => [c.sub, c.missing ? `m${c.missing}` : `c${c.code}`]));
    const facets = this.facets();
    const open = (row: GridRow) => !!this.error && facets.some((f) => !values.has(this.sub(row, f)));
    const { ids, parts } = notes(item, this.language, this.error);
    const radio = (row: GridRow, facet: Facet, col: { value: string; label: string }, labelledBy?: string): TemplateResult => {
      const sub = this.sub(row, facet);
      return html`<input type="radio" name="${id}-${sub}" value=${col.value} .checked=${values.get(sub) === col.value}
        aria-labelledby=${labelledBy ?? nothing} aria-invalid=${open(row) && !values.has(sub) ? 'true' : 'false'}
        @change=${() => this.choose(sub, col.value)} />`;
    };
    const description = (row: GridRow) =>
      row.description ? html`<span class="r-desc">${t(row.description, this.language)}</span>` : nothing;

    const table = (facet: Facet, fi: number) => {
      const cols = this.columns(facet, true);
      const f = `${id}-f${fi}`;
      return html`<table class="r-matrix">
        <caption class=${facet.label ? '' : 'r-sr'}>${facet.label || questionText(item, this.language)}</caption>
        <thead><tr><td></td>${cols.map((c, ci) => html`<th scope="col" id="${f}-c${ci}">${c.label}</th>`)}</tr></thead>
        <tbody>
          ${this.rows.map(
            (row) => html`<tr class=${open(row) && !values.has(this.sub(row, facet)) ? 'r-open' : ''}>
              <th scope="row"><span id="${f}-r${row.id}">${row.name}</span>${description(row)}</th>
              ${cols.map((c, ci) => html`<td><label class="r-cell">${radio(row, facet, c, `${f}-r${row.id} ${f}-c${ci}`)}</label></td>`)}
            </tr>`,
          )}
        </tbody>
      </table>`;
    };

    const card = (row: GridRow) => {
      const options = (facet: Facet) =>
        html`<div class="r-options ${facets.length > 1 ? 'r-list' : 'r-scale'}">
          ${this.columns(facet, false).map((c) => html`<label class="r-option">${radio(row, facet, c)}<span>${c.label}</span></label>`)}
        </div>`;
      return html`<fieldset class="r-row ${open(row) ? 'r-open' : ''}">
        <legend>${row.name}</legend>${row.description ? html`<p class="r-hint">${t(row.description, this.language)}</p>` : nothing}
        ${
          facets.length > 1
            ? facets.map((f) => html`<fieldset class="r-facet"><legend>${f.label}</legend>${options(f)}</fieldset>`)
            : options(facets[0])
        }
      </fieldset>`;
    };

    return html`<fieldset class="r-q r-grid" id=${id} aria-describedby=${ids || nothing}>
      <legend>${questionText(item, this.language)}</legend>
      ${parts}
      ${this.wide ? facets.map(table) : html`<div class="r-rows">${this.rows.map(card)}</div>`}
    </fieldset>`;
  }
}

customElements.define('rondo-grid-item', RondoGridItem);
