import type { ShowIf } from '../../model/index.js';

/**
 * Whether an item with a show-if condition was shown, given the answer to the item the
 * condition names. A condition on a value needs a substantive code: when the earlier item was
 * skipped or answered "don't know" / "not applicable", the respondent did not reach the
 * follow-up, so it counts as not asked (METHODS.md §1: not routed is not non-response).
 */
export function isShown(cond: ShowIf, target: { code: number | null; answered: boolean }): boolean {
  if (cond.op === 'answered') return target.answered;
  const code = target.code;
  if (code === null) return false;
  const value = cond.value;
  switch (cond.op) {
    case 'equals':
      return typeof value === 'number' && code === value;
    case 'notEquals':
      return typeof value === 'number' && code !== value;
    case 'anyOf':
      return Array.isArray(value) && value.includes(code);
    case 'atLeast':
      return typeof value === 'number' && code >= value;
    case 'atMost':
      return typeof value === 'number' && code <= value;
    default:
      return true;
  }
}
