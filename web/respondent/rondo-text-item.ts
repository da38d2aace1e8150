import { html } from 'lit';
import type { AnswerCell } from '../../model/answer.js';
import type { TextItem } from '../../model/questionnaire.js';
import { textLength } from '../../model/validate-answers.js';
import { answerEvent } from './answer-event.js';
import { itemId, notes, questionText } from './item-parts.js';
import { LightElement } from '../light-element.js';
import { fill, num, type Lang } from './text.js';

const MESSAGES = {
  nl: { left: 'Nog {n} van {max} tekens over.', over: '{n} tekens te veel (maximaal {max}).' },
  en: { left: '{n} of {max} characters left.', over: '{n} characters too many (at most {max}).' },
};

/**
 * <rondo-text-item>: an open answer with a character counter. Typing past the limit is
 * allowed and flagged rather than cut off, so pasted text is never silently lost; screen
 * readers hear the counter when it matters — near and over the limit — not at every key.
 *
 * @fires rondo-answer - the respondent typed
 */
export class RondoTextItem extends LightElement {
  static override properties = {
    item: { attribute: false },
    language: {},
    cells: { attribute: false },
    error: {},
  };

  item!: TextItem;
  language: Lang = 'nl';
  cells: AnswerCell[] = [];
  error = '';

  private input(e: Event): void {
    const text = (e.target as HTMLTextAreaElement).value;
    const cells = text.trim() ? [{ item: this.item.id, sub: '', text }] : [];
    this.dispatchEvent(answerEvent({ item: this.item.id, cells }));
  }

  protected override render() {
    const item = this.item;
    const id = itemId(item);
    const text = this.cells[0]?.text ?? '';
    const left = item.maxLength - textLength(text);
    const m = MESSAGES[this.language];
    const counter =
      left >= 0
        ? fill(m.left, { n: num(left, this.language), max: num(item.maxLength, this.language) })
        : fill(m.over, { n: num(-left, this.language), max: num(item.maxLength, this.language) });
    const near = left < Math.max(20, item.maxLength / 10);
    const { ids, parts } = notes(item, this.language, this.error);
    const describedBy = [ids, `${id}-count`].filter(Boolean).join(' ');
    const control = item.multiline
      ? html`<textarea id="${id}-input" rows="5" .value=${text} aria-describedby=${describedBy} aria-invalid=${this.error || left < 0 ? 'true' : 'false'} @input=${this.input}></textarea>`
      : html`<input id="${id}-input" type="text" .value=${text} aria-describedby=${describedBy} aria-invalid=${this.error || left < 0 ? 'true' : 'false'} @input=${this.input} />`;
    return html`<div class="r-q" id=${id}>
      <label class="r-legend" for="${id}-input">${questionText(item, this.language)}</label>
      ${parts} ${control}
      <p class="r-count ${left < 0 ? 'r-over' : ''}" id="${id}-count" aria-live=${near ? 'polite' : 'off'}>${counter}</p>
    </div>`;
  }
}

customElements.define('rondo-text-item', RondoTextItem);
