import { describe, expect, it } from 'vitest';
import { IMH_QUESTIONNAIRE } from '../content/templates/imh-training.js';
import type { AnswerCell } from './answer.js';
import { optionSub, partnerSub, toolSub } from './answer-sub.js';
import type { Questionnaire } from './questionnaire.js';
import { textLength, validateAnswers, type AnswerContext } from './validate-answers.js';

// The IMH template, with partners 101–112 and tools 201–203 as a study would number them.
const q = IMH_QUESTIONNAIRE;
const partnerIds = Array.from({ length: 12 }, (_, i) => 101 + i);
const toolIds = [201, 202, 203];
const post: AnswerContext = { roundKey: 'post', partnerIds, toolIds };
const pre: AnswerContext = { roundKey: 'pre', partnerIds, toolIds };

const codes = (cells: AnswerCell[], ctx = post, mode: 'draft' | 'submit' = 'draft', questionnaire: Questionnaire = q) =>
  validateAnswers(questionnaire, cells, ctx, mode).issues.map((i) => i.code);

const cell = (item: string, value: Partial<AnswerCell>, sub = ''): AnswerCell => ({ item, sub, ...value });

describe('validateAnswers, one cell at a time (drafts)', () => {
  it.each([
    // agreement scale 1–5 with "don't know"
    ['likert at the lower end', cell('comp_signal', { code: 1 }), post, []],
    ['likert at the upper end', cell('comp_signal', { code: 5 }), post, []],
    ['likert below the scale', cell('comp_signal', { code: 0 }), post, ['not-on-scale']],
    ['likert above the scale', cell('comp_signal', { code: 6 }), post, ['not-on-scale']],
    ['likert between two points', cell('comp_signal', { code: 3.5 }), post, ['not-on-scale']],
    ['likert NaN', cell('comp_signal', { code: NaN }), post, ['not-a-number']],
    ['likert infinity (JSON 1e309)', cell('comp_signal', { code: Infinity }), post, ['not-a-number']],
    ["likert don't know, offered", cell('comp_signal', { missing: 'dont_know' }), post, []],
    ['likert not applicable, not offered', cell('comp_signal', { missing: 'not_applicable' }), post, ['missing-not-offered']],
    ['likert with text', cell('comp_signal', { text: '4' }), post, ['wrong-kind']],
    ['likert with code and missing', cell('comp_signal', { code: 4, missing: 'dont_know' }), post, ['wrong-kind']],
    ['likert with nothing', cell('comp_signal', {}), post, ['wrong-kind']],
    ['likert with a sub-address', cell('comp_signal', { code: 4 }, 'o1'), post, ['bad-sub']],
    // frequency 1–5, no "don't know"
    ['frequency in range', cell('case_discussion', { code: 5 }), post, []],
    ["frequency don't know, not offered", cell('case_discussion', { missing: 'dont_know' }), post, ['missing-not-offered']],
    // rating 1–10
    ['rating 1', cell('train_rating', { code: 1 }), post, []],
    ['rating 10', cell('train_rating', { code: 10 }), post, []],
    ['rating 0', cell('train_rating', { code: 0 }), post, ['not-on-scale']],
    ['rating 11', cell('train_rating', { code: 11 }), post, ['not-on-scale']],
    ['rating 7.5', cell('train_rating', { code: 7.5 }), post, ['not-on-scale']],
    // yes/no: 1 and 0
    ['yes', cell('zat_case', { code: 1 }), post, []],
    ['no', cell('zat_case', { code: 0 }), post, []],
    ['yes/no 2', cell('zat_case', { code: 2 }), post, ['not-on-scale']],
    ["yes/no don't know, offered", cell('help_questions', { missing: 'dont_know' }), post, []],
    ["yes/no don't know, not offered", cell('zat_case', { missing: 'dont_know' }), post, ['missing-not-offered']],
    // single choice 1–5 (pre round)
    ['single, an option', cell('bg_role', { code: 5 }), pre, []],
    ['single, no such option', cell('bg_role', { code: 6 }), pre, ['not-on-scale']],
    ['single, missing', cell('bg_role', { missing: 'dont_know' }), pre, ['missing-not-offered']],
    // number 0–50, whole (pre round)
    ['number at the minimum', cell('bg_years', { code: 0 }), pre, []],
    ['number at the maximum', cell('bg_years', { code: 50 }), pre, []],
    ['number below the minimum', cell('bg_years', { code: -1 }), pre, ['out-of-range']],
    ['number above the maximum', cell('bg_years', { code: 51 }), pre, ['out-of-range']],
    ['number not whole', cell('bg_years', { code: 2.5 }), pre, ['not-integer']],
    // open text, at most 1,000 characters
    ['text of 1,000 characters', cell('comp_explain', { text: 'x'.repeat(1000) }), post, []],
    ['text of 1,001 characters', cell('comp_explain', { text: 'x'.repeat(1001) }), post, ['too-long']],
    ['1,000 emoji (2,000 UTF-16 units)', cell('comp_explain', { text: '🙂'.repeat(1000) }), post, []],
    ['text with line breaks and tabs', cell('comp_explain', { text: 'a\nb\r\n\tc' }), post, []],
    ['text with a NUL byte', cell('comp_explain', { text: 'a\u0000b' }), post, ['control-chars']],
    ['text with a lone surrogate', cell('comp_explain', { text: 'a\uD800b' }), post, ['control-chars']],
    ['text given as a code', cell('comp_explain', { code: 1 }), post, ['wrong-kind']],
    // partner grid
    ['partner frequency', cell('collab', { code: 5 }, 'p101.frequency'), post, []],
    ['partner quality not applicable', cell('collab', { missing: 'not_applicable' }, 'p112.quality'), post, []],
    [
      'partner frequency not applicable, not offered',
      cell('collab', { missing: 'not_applicable' }, 'p101.frequency'),
      post,
      ['missing-not-offered'],
    ],
    ['partner of another study', cell('collab', { code: 3 }, 'p999.frequency'), post, ['bad-sub']],
    ['partner grid without a sub-address', cell('collab', { code: 3 }), post, ['bad-sub']],
    ['partner quality 6', cell('collab', { code: 6 }, 'p101.quality'), post, ['not-on-scale']],
    // tool grid (no / yes)
    ['tool used', cell('tools_use', { code: 1 }, 't201'), post, []],
    ['tool 2', cell('tools_use', { code: 2 }, 't201'), post, ['not-on-scale']],
    ['tool of another study', cell('tools_use', { code: 1 }, 't999'), post, ['bad-sub']],
    // items
    ['an unknown item', cell('no_such_item', { code: 1 }), post, ['unknown-item']],
    ['an item of another round', cell('bg_role', { code: 1 }), post, ['not-in-round']],
    ['tool use in the pre round', cell('tools_use', { code: 1 }, 't201'), pre, ['not-in-round']],
  ] as const)('%s', (_name, c, ctx, expected) => {
    expect(codes([c as AnswerCell], ctx)).toEqual(expected);
  });

  it('refuses the same cell twice', () => {
    expect(codes([cell('comp_signal', { code: 4 }), cell('comp_signal', { code: 5 })])).toEqual(['duplicate']);
  });

  it('wants every option of a multiple-choice answer, as 0 or 1', () => {
    const all = [1, 2, 3, 4, 5].map((o) => cell('train_parts', { code: o === 2 ? 1 : 0 }, optionSub(o)));
    expect(codes(all)).toEqual([]);
    expect(codes(all.slice(0, 3))).toEqual(['incomplete']);
    expect(codes([...all.slice(0, 4), cell('train_parts', { code: 2 }, 'o5')])).toEqual(['not-on-scale']);
    expect(codes([...all, cell('train_parts', { code: 0 }, 'o9')])).toEqual(['bad-sub']);
  });

  it('holds a multiple-choice limit in drafts too', () => {
    const limited = structuredClone(q);
    const item = limited.sections.flatMap((s) => s.items).find((i) => i.id === 'train_parts')!;
    (item as { maxSelect?: number }).maxSelect = 2;
    const choose = (n: number) => [1, 2, 3, 4, 5].map((o) => cell('train_parts', { code: o <= n ? 1 : 0 }, optionSub(o)));
    expect(codes(choose(2), post, 'draft', limited)).toEqual([]);
    const issues = validateAnswers(limited, choose(3), post, 'draft').issues;
    expect(issues).toMatchObject([{ item: 'train_parts', code: 'too-many', params: { limit: 2 } }]);
  });

  it('names the item and sub-cell of each issue, with the numbers an interface needs', () => {
    const [issue] = validateAnswers(q, [cell('zat_case_count', { code: 101 })], post, 'draft').issues;
    expect(issue).toMatchObject({ item: 'zat_case_count', code: 'out-of-range', params: { min: 1, max: 100 } });
    const [grid] = validateAnswers(q, [cell('collab', { code: 9 }, 'p101.frequency')], post, 'draft').issues;
    expect(grid).toMatchObject({ item: 'collab', sub: 'p101.frequency', code: 'not-on-scale' });
  });
});

/** A complete post-round response: every required item answered, nothing hidden answered. */
function completePost(): AnswerCell[] {
  return [
    ...['know_problems', 'comp_signal', 'comp_discuss', 'know_where', 'chain_care', 'train_tools'].map((i) => cell(i, { code: 4 })),
    cell('help_questions', { missing: 'dont_know' }),
    ...partnerIds.flatMap((p) => [
      cell('collab', { code: 2 }, partnerSub(p, 'frequency')),
      cell('collab', { missing: 'not_applicable' }, partnerSub(p, 'quality')),
    ]),
    ...toolIds.map((t) => cell('tools_use', { code: 0 }, toolSub(t))),
    cell('zat_case', { code: 0 }),
    cell('train_rating', { code: 7 }),
  ];
}

describe('validateAnswers on a whole submission', () => {
  it('accepts a complete response, "don\'t know" counting as an answer', () => {
    expect(codes(completePost(), post, 'submit')).toEqual([]);
  });

  it('names each required item left open', () => {
    const cells = completePost().filter((c) => c.item !== 'comp_signal' && c.item !== 'train_rating');
    const issues = validateAnswers(q, cells, post, 'submit').issues;
    expect(issues.map((i) => [i.item, i.code])).toEqual([
      ['comp_signal', 'required'],
      ['train_rating', 'required'],
    ]);
  });

  it('counts the rows of a required grid still open', () => {
    const cells = completePost().filter((c) => c.sub !== 'p103.quality' && c.sub !== 'p104.quality');
    expect(validateAnswers(q, cells, post, 'submit').issues).toMatchObject([{ item: 'collab', code: 'incomplete', params: { open: 2 } }]);
    const noTools = completePost().filter((c) => c.item !== 'tools_use');
    expect(validateAnswers(q, noTools, post, 'submit').issues).toMatchObject([{ item: 'tools_use', code: 'required' }]);
  });

  it('refuses answers to items their show-if hides, and accepts them when shown', () => {
    const hidden = [...completePost(), cell('zat_case_count', { code: 3 })];
    expect(validateAnswers(q, hidden, post, 'submit').issues).toMatchObject([{ item: 'zat_case_count', code: 'hidden' }]);
    const shown = hidden.map((c) => (c.item === 'zat_case' ? cell('zat_case', { code: 1 }) : c));
    expect(codes(shown, post, 'submit')).toEqual([]);
  });

  it('does not require what a draft leaves open', () => {
    expect(codes([], post, 'draft')).toEqual([]);
    expect(codes([], post, 'submit')).toContain('required');
  });

  it('stops at 100 issues, whatever a body holds', () => {
    const flood = Array.from({ length: 2000 }, (_, i) => cell(`x${i}`, { code: 1 }));
    expect(validateAnswers(q, flood, post, 'submit').issues).toHaveLength(100);
  });
});

describe('textLength', () => {
  it('counts code points, as a person counts characters', () => {
    expect(textLength('abc')).toBe(3);
    expect(textLength('🙂🙂')).toBe(2);
    expect(textLength('é')).toBe(1);
    expect(textLength('\uD800')).toBe(1);
  });
});
