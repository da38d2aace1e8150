import type { AnswerCell } from './answer.js';
import type { Item, ShowIf } from './questionnaire.js';

// Type-only imports on purpose: the respondent bundle imports this file, and the runtime
// schemas of questionnaire.ts and answer.ts would pull TypeBox into the browser.

/**
 * Show-if evaluation: whether a conditional item is shown, given the answers so far. The
 * server (validating a submission) and the respondent form (deciding what to show) call the
 * same function, so they never disagree.
 *
 * A condition holds only on a substantive answer: an item that is unanswered, hidden, not
 * asked in this round, or answered "don't know" / "not applicable" makes every value
 * condition false — `notEquals` included, so a follow-up never appears before its question
 * has been answered. `answered` holds for any answer, missing codes included.
 *
 * @example
 * conditionHolds({ item: 'zat_case', op: 'equals', value: 1 }, [{ item: 'zat_case', sub: '', code: 1 }]) // true
 */
export function conditionHolds(cond: ShowIf, cells: readonly AnswerCell[] | undefined): boolean {
  if (!cells || cells.length === 0) return false;
  if (cond.op === 'answered') return cells.some(isAnswered);
  const code = cells.find((c) => c.sub === '')?.code;
  if (code === undefined) return false;
  const v = cond.value;
  switch (cond.op) {
    case 'equals':
      return code === v;
    case 'notEquals':
      return typeof v === 'number' && code !== v;
    case 'anyOf':
      return Array.isArray(v) && v.includes(code);
    case 'atLeast':
      return typeof v === 'number' && code >= v;
    case 'atMost':
      return typeof v === 'number' && code <= v;
    default:
      return false;
  }
}

/** A cell counts as an answer when it carries a code, a missing code, or non-blank text. */
export function isAnswered(cell: AnswerCell): boolean {
  return cell.code !== undefined || cell.missing !== undefined || (cell.text !== undefined && cell.text.trim() !== '');
}

/**
 * The items that are shown, in order. Conditions point backwards (checkQuestionnaire ensures
 * it), so one pass suffices; an item whose condition names a hidden item is hidden as well.
 * `items` are the items of one round: a condition on an item outside it never holds.
 */
export function shownItems<T extends Item>(items: readonly T[], answers: ReadonlyMap<string, readonly AnswerCell[]>): T[] {
  const shown = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const cond = item.showIf;
    if (!cond || (shown.has(cond.item) && conditionHolds(cond, answers.get(cond.item)))) {
      shown.add(item.id);
      out.push(item);
    }
  }
  return out;
}

/** Cells grouped by item id, in the order given. */
export function cellsByItem(cells: readonly AnswerCell[]): Map<string, AnswerCell[]> {
  const map = new Map<string, AnswerCell[]>();
  for (const c of cells) {
    const list = map.get(c.item);
    if (list) list.push(c);
    else map.set(c.item, [c]);
  }
  return map;
}
