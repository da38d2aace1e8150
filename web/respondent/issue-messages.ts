import type { AnswerIssue } from '../../model/validate-answers.js';
import { fill, type Lang } from './text.js';

/**
 * What the respondent reads for each validation issue code (model/validate-answers.ts). Codes a
 * respondent can cause have their own message; the rest — which only a tampered request
 * produces — share a general one.
 */
const MESSAGES = {
  nl: {
    required: 'Beantwoord deze vraag.',
    incomplete: 'Beantwoord elke rij; er {open, plural} nog open.',
    'out-of-range': 'Vul een getal in van {min} tot en met {max}.',
    'not-on-scale': 'Kies een van de antwoorden.',
    'not-integer': 'Vul een heel getal in, zonder komma.',
    'not-a-number': 'Vul alleen een getal in, bijvoorbeeld 12.',
    'too-long': 'Uw antwoord is te lang: gebruik maximaal {limit} tekens.',
    'too-many': 'Kies er maximaal {limit}.',
    'control-chars': 'De tekst bevat tekens die niet kunnen worden opgeslagen; typ hem opnieuw.',
    other: 'Dit antwoord kan niet worden opgeslagen; kies of typ het opnieuw.',
    one: 'staat er 1',
    many: 'staan er {n}',
  },
  en: {
    required: 'Answer this question.',
    incomplete: 'Answer every row; {open, plural} still open.',
    'out-of-range': 'Enter a number from {min} to {max}.',
    'not-on-scale': 'Choose one of the answers.',
    'not-integer': 'Enter a whole number.',
    'not-a-number': 'Enter a number only, for example 12.',
    'too-long': 'Your answer is too long: use at most {limit} characters.',
    'too-many': 'Choose at most {limit}.',
    'control-chars': 'The text contains characters that cannot be saved; please type it again.',
    other: 'This answer cannot be saved; please choose or type it again.',
    one: '1 is',
    many: '{n} are',
  },
};

type Known = keyof (typeof MESSAGES)['nl'];

export function issueMessage(issue: Pick<AnswerIssue, 'code' | 'params'>, lang: Lang): string {
  const m = MESSAGES[lang];
  const template = (issue.code in m ? m[issue.code as Known] : m.other).replace('{open, plural}', () => {
    const n = issue.params?.open ?? 0;
    return n === 1 ? m.one : fill(m.many, { n });
  });
  return fill(template, issue.params ?? {});
}
