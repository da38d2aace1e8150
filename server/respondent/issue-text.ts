import type { AnswerIssue } from '../../model/index.js';

/**
 * The API's words for answer issues (model/validate-answers.ts issues carry only codes and
 * numbers; the respondent form has its own Dutch and English). English, like every API message.
 */
export function issueText(issue: AnswerIssue): string {
  const p = issue.params ?? {};
  switch (issue.code) {
    case 'unknown-item':
      return 'There is no such item in this questionnaire.';
    case 'not-in-round':
      return 'This item is not asked in this round.';
    case 'hidden':
      return 'This item is not shown for the answers given, so it cannot be answered.';
    case 'duplicate':
      return 'This cell is answered twice.';
    case 'bad-sub':
      return 'The sub-address does not fit this item (p<partnerId>.<facet>, t<toolId>, o<code>, or empty).';
    case 'wrong-kind':
      return 'Give exactly one of code, missing or text, as the item type asks.';
    case 'not-on-scale':
      return p.min !== undefined ? `Give a whole number from ${p.min} to ${p.max}.` : "The code is not one of this item's answers.";
    case 'not-a-number':
      return 'The code is not a finite number.';
    case 'out-of-range':
      return `Give a number from ${p.min} to ${p.max}.`;
    case 'not-integer':
      return 'Give a whole number.';
    case 'missing-not-offered':
      return 'This item does not offer this "don\'t know" or "not applicable" answer.';
    case 'too-long':
      return `At most ${p.limit} characters (this text has ${p.length}).`;
    case 'control-chars':
      return 'The text contains control characters.';
    case 'too-many':
      return `Choose at most ${p.limit}.`;
    case 'incomplete':
      return p.open ? `${p.open} rows are still unanswered.` : 'Give every option of a multiple-choice item as 0 or 1.';
    case 'required':
      return 'This question is required.';
  }
}

/** Issues as the API returns them: with a message each. */
export function withText(issues: AnswerIssue[]): (AnswerIssue & { message: string })[] {
  return issues.map((i) => ({ ...i, message: issueText(i) }));
}
