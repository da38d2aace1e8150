import { html, nothing } from 'lit';
import type { AnswerCell } from '../../model/answer.js';
import type { Item, MissingCode } from '../../model/questionnaire.js';
import { answerEvent } from './answer-event.js';
import { itemId, notes, questionText } from './item-parts.js';
import { LightElement } from '../light-element.js';
import { fill, num, t, type Lang } from './text.js';

type ChoiceItem = Extract<Item, { type: 'likert' | 'frequency' | 'rating' | 'yesno' | 'single' }>;

const MESSAGES = {
  nl: { yes: 'Ja', no: 'Nee', dont_know: 'Weet ik niet', not_applicable: 'Niet van toepassing', clear: 'Antwoord wissen' },
  en: { yes: 'Yes', no: 'No', dont_know: "Don't know", not_applicable: 'Not applicable', clear: 'Clear answer' },
};

interface Option {
  value: string;
  label: string;
}

/**
 * <rondo-choice-item>: a question with one answer from a list — agreement and frequency
 * scales, ratings, yes/no and single choice — as a fieldset of native radio buttons, so
 * arrow keys, screen readers and zoom behave as everywhere. "Don't know" and "not
 * applicable", when the item offers them, are in the same group, set apart.
 *
 * @fires rondo-answer - the respondent chose or cleared an answer
 */
export class RondoChoiceItem extends LightElement {
  static override properties = {
    item: { attribute: false },
    language: {},
    cells: { attribute: false },
    error: {},
  };

  item!: ChoiceItem;
  language: Lang = 'nl';
  cells: AnswerCell[] = [];
  error = '';

  private options(): { scale: Option[]; missing: Option[] } {
    const m = MESSAGES[this.language];
    const item = this.item;
    const code = (c: number, label: string): Option => ({ value: `c${c}`, label });
    let scale: Option[];
    let offers: { dontKnow?: boolean; notApplicable?: boolean } = {};
    switch (item.type) {
      case 'likert':
      case 'frequency':
        scale = item.scale.points.map((p) => code(p.code, t(p.label, this.language)));
        offers = item.scale;
        break;
      case 'rating':
        scale = [];
        for (let c = item.min; c <= item.max; c++) scale.push(code(c, num(c, this.language)));
        offers = item;
        break;
      case 'yesno':
        scale = [code(1, m.yes), code(0, m.no)];
        offers = item;
        break;
      default:
        scale = item.options.map((o) => code(o.code, t(o.label, this.language)));
    }
    const missing = (['dont_know', 'not_applicable'] as const)
      .filter((k) => (k === 'dont_know' ? offers.dontKnow : offers.notApplicable))
      .map((k) => ({ value: `m${k}`, label: m[k] }));
    return { scale, missing };
  }

  private choose(value: string): void {
    const cell: AnswerCell = { item: this.item.id, sub: '' };
    if (value.startsWith('m')) cell.missing = value.slice(1) as MissingCode;
    else cell.code = Number(value.slice(1));
    this.dispatchEvent(answerEvent({ item: this.item.id, cells: [cell] }));
  }

  private clear(): void {
    this.dispatchEvent(answerEvent({ item: this.item.id, cells: [] }));
  }

  protected override render() {
    const item = this.item;
    const id = itemId(item);
    const cell = this.cells[0];
    const current = cell ? (cell.missing ? `m${cell.missing}` : `c${cell.code}`) : '';
    const { scale, missing } = this.options();
    const hint =
      item.type === 'rating' && item.minLabel && item.maxLabel
        ? fill('{min} = {minLabel}, {max} = {maxLabel}.', {
            min: item.min,
            max: item.max,
            minLabel: t(item.minLabel, this.language),
            maxLabel: t(item.maxLabel, this.language),
          })
        : undefined;
    const { ids, parts } = notes(item, this.language, this.error, hint);
    const layout = item.type === 'single' ? 'r-list' : item.type === 'rating' ? 'r-rating' : 'r-scale';
    const radio = (o: Option) => html`<label class="r-option"
      ><input type="radio" name=${id} value=${o.value} .checked=${current === o.value} aria-invalid=${this.error ? 'true' : 'false'}
        @change=${() => this.choose(o.value)} /><span>${o.label}</span></label
    >`;
    return html`<fieldset class="r-q" id=${id} aria-describedby=${ids || nothing}>
      <legend>${questionText(item, this.language)}</legend>
      ${parts}
      <div class="r-options ${layout}">${scale.map(radio)}</div>
      ${missing.length ? html`<div class="r-options r-missing">${missing.map(radio)}</div>` : nothing}
      ${!item.required && cell ? html`<button type="button" class="r-link" @click=${this.clear}>${MESSAGES[this.language].clear}</button>` : nothing}
    </fieldset>`;
  }
}

customElements.define('rondo-choice-item', RondoChoiceItem);
