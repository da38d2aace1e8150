import { capitalTerm, term, type Vocabulary, type VocabularyTerm } from '../../model/vocabulary.js';
import { fillTerms, fillTermsIn } from '../../model/vocabulary-text.js';
import { lang } from './i18n.js';
import { session } from './session.js';

/**
 * The current study's own words (issue 16) for the staff screens: what the session says the
 * study calls its intervention, instruments, partners, rounds and participants, in the
 * interface language. Screens that name one of these ask here instead of writing "tools".
 */
export function studyVocabulary(slug: string | undefined): Vocabulary | undefined {
  return slug ? session()?.studies.find((s) => s.slug === slug)?.vocabulary : undefined;
}

/** The study's word in the interface language, lower case (mid-sentence). */
export function studyWord(slug: string | undefined, which: VocabularyTerm, form: 'one' | 'many' = 'many'): string {
  return term(studyVocabulary(slug), which, lang(), form);
}

/** The study's word with a capital, for titles. */
export function studyTitleWord(slug: string | undefined, which: VocabularyTerm, form: 'one' | 'many' = 'many'): string {
  return capitalTerm(studyVocabulary(slug), which, lang(), form);
}

/**
 * Whether the study measures any of these (model/questionnaire-measures.ts). A study the
 * session knows nothing about yet is assumed to, so a view is never hidden by a slow load.
 */
export function studyMeasures(slug: string | undefined, measures: readonly string[]): boolean {
  const known = slug ? session()?.studies.find((s) => s.slug === slug)?.measures : undefined;
  return !known || measures.some((m) => known.includes(m));
}

/**
 * A text with the study's words in its `{tools}`/`{Partner}`/`{roundWord}`/`{elke partner}`-style
 * placeholders (model/vocabulary-text.ts says which there are).
 */
export function fillWords(slug: string | undefined, text: string): string {
  return fillTerms(text, studyVocabulary(slug), lang());
}

/**
 * A view's messages in the interface language with the study's words filled in: `{tools}`
 * becomes "instrumenten", `{Tool}` "Instrument", `{partners}` "ketenpartners", `{roundWords}`
 * "metingen"; other placeholders (`{n}`) are left for `fill()`. Strings inside arrays and nested
 * message objects are filled too.
 */
export function withWords<T extends Record<string, unknown>>(slug: string | undefined, messages: T): T {
  return fillTermsIn(messages, studyVocabulary(slug), lang());
}
