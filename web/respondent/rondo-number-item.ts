import { html, nothing, type PropertyValues } from 'lit';
import type { AnswerCell } from '../../model/answer.js';
import type { NumberItem } from '../../model/questionnaire.js';
import { answerEvent } from './answer-event.js';
import { itemId, notes, questionText } from './item-parts.js';
import { LightElement } from '../light-element.js';
import { fill, num, t, type Lang } from './text.js';

const MESSAGES = {
  nl: { range: 'Een {kind} van {min} tot en met {max}.', whole: 'heel getal', any: 'getal' },
  en: { range: 'A {kind} from {min} to {max}.', whole: 'whole number', any: 'number' },
};

/**
 * Reads a number as people type it: "12", "3,5" or "3.5", with spaces around. Null when it is
 * not a number; an empty field is undefined.
 */
export function parseNumber(raw: string): number | null | undefined {
  const s = raw.trim().replace(',', '.');
  if (s === '') return undefined;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  return Number(s);
}

/**
 * <rondo-number-item>: a number in a text field with a numeric keyboard (type=number rounds,
 * scrolls and rejects "3,5" silently); the range is stated under the question and checked by
 * the shared validation.
 *
 * @fires rondo-answer - the respondent typed in the field
 */
export class RondoNumberItem extends LightElement {
  static override properties = {
    item: { attribute: false },
    language: {},
    cells: { attribute: false },
    error: {},
  };

  item!: NumberItem;
  language: Lang = 'nl';
  cells: AnswerCell[] = [];
  error = '';
  /** What is in the field: kept as typed, so "3," is not rewritten while typing. */
  private raw = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('cells') || changed.has('language')) {
      const code = this.cells[0]?.code;
      if (code === undefined) {
        if (parseNumber(this.raw) !== null) this.raw = '';
      } else if (parseNumber(this.raw) !== code) this.raw = this.language === 'nl' ? String(code).replace('.', ',') : String(code);
    }
  }

  private input(e: Event): void {
    this.raw = (e.target as HTMLInputElement).value;
    const n = parseNumber(this.raw);
    const cells = typeof n === 'number' ? [{ item: this.item.id, sub: '', code: n }] : [];
    this.dispatchEvent(answerEvent({ item: this.item.id, cells, invalid: n === null ? 'not-a-number' : undefined }));
  }

  protected override render() {
    const item = this.item;
    const id = itemId(item);
    const m = MESSAGES[this.language];
    const range = fill(m.range, {
      kind: item.integer ? m.whole : m.any,
      min: num(item.min, this.language),
      max: num(item.max, this.language),
    });
    const { ids, parts } = notes(item, this.language, this.error, range);
    return html`<div class="r-q" id=${id}>
      <label class="r-legend" for="${id}-input">${questionText(item, this.language)}</label>
      ${parts}
      <div class="r-number">
        <input id="${id}-input" type="text" inputmode=${item.integer ? 'numeric' : 'decimal'} autocomplete="off" size="8"
          .value=${this.raw} aria-describedby=${ids || nothing} aria-invalid=${this.error ? 'true' : 'false'} @input=${this.input} />
        ${item.unit ? html`<span class="r-unit">${t(item.unit, this.language)}</span>` : nothing}
      </div>
    </div>`;
  }
}

customElements.define('rondo-number-item', RondoNumberItem);
