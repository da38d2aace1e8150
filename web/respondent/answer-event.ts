import type { AnswerCell } from '../../model/answer.js';

/**
 * Fired by an item element when the respondent changes its answer (never on a property
 * change): the item's complete set of cells — none when the answer was cleared — and, for a
 * value the element cannot turn into a cell (letters in a number field), `invalid`.
 */
export interface AnswerDetail {
  item: string;
  cells: AnswerCell[];
  invalid?: 'not-a-number';
}

export type AnswerEvent = CustomEvent<AnswerDetail>;

export function answerEvent(detail: AnswerDetail): AnswerEvent {
  return new CustomEvent('rondo-answer', { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'rondo-answer': AnswerEvent;
  }
}
