import { html, nothing } from 'lit';
import type { AnswerCell } from '../../model/answer.js';
import { optionSub } from '../../model/answer-sub.js';
import type { MultiItem } from '../../model/questionnaire.js';
import { answerEvent } from './answer-event.js';
import { itemId, notes, questionText } from './item-parts.js';
import { LightElement } from '../light-element.js';
import { fill, t, type Lang } from './text.js';

const MESSAGES = {
  nl: { any: 'Kies alles wat van toepassing is.', max: 'Kies er maximaal {n}.' },
  en: { any: 'Choose all that apply.', max: 'Choose at most {n}.' },
};

/**
 * <rondo-multi-item>: multiple choice as a fieldset of checkboxes. The answer stores every
 * option as chosen (1) or not (0) once anything is chosen; unchecking everything clears it.
 *
 * @fires rondo-answer - the respondent checked or unchecked an option
 */
export class RondoMultiItem extends LightElement {
  static override properties = {
    item: { attribute: false },
    language: {},
    cells: { attribute: false },
    error: {},
  };

  item!: MultiItem;
  language: Lang = 'nl';
  cells: AnswerCell[] = [];
  error = '';

  private toggle(code: number, on: boolean): void {
    const chosen = new Set(this.cells.filter((c) => c.code === 1).map((c) => c.sub));
    if (on) chosen.add(optionSub(code));
    else chosen.delete(optionSub(code));
    const cells = chosen.size
      ? this.item.options.map((o) => {
          const sub = optionSub(o.code);
          return { item: this.item.id, sub, code: chosen.has(sub) ? 1 : 0 };
        })
      : [];
    this.dispatchEvent(answerEvent({ item: this.item.id, cells }));
  }

  protected override render() {
    const item = this.item;
    const id = itemId(item);
    const m = MESSAGES[this.language];
    const chosen = new Set(this.cells.filter((c) => c.code === 1).map((c) => c.sub));
    const { ids, parts } = notes(item, this.language, this.error, item.maxSelect ? fill(m.max, { n: item.maxSelect }) : m.any);
    return html`<fieldset class="r-q" id=${id} aria-describedby=${ids || nothing}>
      <legend>${questionText(item, this.language)}</legend>
      ${parts}
      <div class="r-options r-list">
        ${item.options.map(
          (o) => html`<label class="r-option r-check"
            ><input type="checkbox" name=${id} value=${o.code} .checked=${chosen.has(optionSub(o.code))} aria-invalid=${this.error ? 'true' : 'false'}
              @change=${(e: Event) => this.toggle(o.code, (e.target as HTMLInputElement).checked)} /><span>${t(o.label, this.language)}</span></label
          >`,
        )}
      </div>
    </fieldset>`;
  }
}

customElements.define('rondo-multi-item', RondoMultiItem);
