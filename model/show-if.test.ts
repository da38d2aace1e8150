import { describe, expect, it } from 'vitest';
import type { AnswerCell } from './answer.js';
import type { Item } from './questionnaire.js';
import { cellsByItem, conditionHolds, shownItems } from './show-if.js';

const yes: AnswerCell[] = [{ item: 'q', sub: '', code: 1 }];
const three: AnswerCell[] = [{ item: 'q', sub: '', code: 3 }];
const dontKnow: AnswerCell[] = [{ item: 'q', sub: '', missing: 'dont_know' }];

describe('conditionHolds', () => {
  it.each([
    ['equals', 1, yes, true],
    ['equals', 0, yes, false],
    ['notEquals', 0, yes, true],
    ['notEquals', 1, yes, false],
    ['anyOf', [2, 3], three, true],
    ['anyOf', [1, 2], three, false],
    ['atLeast', 3, three, true],
    ['atLeast', 4, three, false],
    ['atMost', 3, three, true],
    ['atMost', 2, three, false],
  ] as const)('%s %j on %j is %s', (op, value, cells, expected) => {
    expect(conditionHolds({ item: 'q', op, value: value as number | number[] }, cells)).toBe(expected);
  });

  it('holds for no value condition on an unanswered item, not even notEquals', () => {
    for (const op of ['equals', 'notEquals', 'anyOf', 'atLeast', 'atMost'] as const) {
      expect(conditionHolds({ item: 'q', op, value: op === 'anyOf' ? [1] : 1 }, undefined)).toBe(false);
      expect(conditionHolds({ item: 'q', op, value: op === 'anyOf' ? [1] : 1 }, [])).toBe(false);
    }
  });

  it('treats "don\'t know" as no value, but as an answer', () => {
    expect(conditionHolds({ item: 'q', op: 'notEquals', value: 1 }, dontKnow)).toBe(false);
    expect(conditionHolds({ item: 'q', op: 'answered' }, dontKnow)).toBe(true);
  });

  it('does not count blank text as answered', () => {
    expect(conditionHolds({ item: 'q', op: 'answered' }, [{ item: 'q', sub: '', text: '   ' }])).toBe(false);
    expect(conditionHolds({ item: 'q', op: 'answered' }, [{ item: 'q', sub: '', text: 'x' }])).toBe(true);
  });
});

describe('shownItems', () => {
  const item = (id: string, showIf?: Item['showIf']): Item =>
    ({ id, type: 'yesno', text: { nl: id }, required: true, rounds: ['post'], measure: 'background', showIf }) as Item;
  const items = [
    item('a'),
    item('b', { item: 'a', op: 'equals', value: 1 }),
    item('c', { item: 'b', op: 'equals', value: 1 }),
    item('d', { item: 'x', op: 'answered' }),
  ];

  it('shows a follow-up only when its condition holds', () => {
    const ids = (cells: AnswerCell[]) => shownItems(items, cellsByItem(cells)).map((i) => i.id);
    expect(ids([])).toEqual(['a']);
    expect(ids([{ item: 'a', sub: '', code: 1 }])).toEqual(['a', 'b']);
    expect(
      ids([
        { item: 'a', sub: '', code: 1 },
        { item: 'b', sub: '', code: 1 },
      ]),
    ).toEqual(['a', 'b', 'c']);
  });

  it('hides an item whose condition names a hidden item, even with an answer to that item', () => {
    const ids = shownItems(
      items,
      cellsByItem([
        { item: 'a', sub: '', code: 0 },
        { item: 'b', sub: '', code: 1 },
      ]),
    ).map((i) => i.id);
    expect(ids).toEqual(['a']);
  });

  it('hides an item whose condition names an item outside the round', () => {
    expect(shownItems(items, cellsByItem([{ item: 'x', sub: '', code: 1 }])).map((i) => i.id)).not.toContain('d');
  });
});
