import { capitalTerm, type DutchDeterminer, dutchDeterminer, term, type Vocabulary, type VocabularyTerm } from '../../model/vocabulary.js';
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

const PLACEHOLDER = /\{(tools?|Tools?|partners?|Partners?|participants?|Participants?|interventions?|Interventions?)\}/g;
/**
 * A Dutch determiner with a singular study word, `{elke partner}`, `{Deze round}`: the determiner
 * is written in its de-word form and agrees with the study's word ("elk instrument", "Dit
 * meetmoment"). `round` is allowed here because with a determiner it cannot be a round's name.
 */
const DETERMINED = /\{(de|De|deze|Deze|die|Die|elke|Elke|welke|Welke) (tool|partner|participant|intervention|round)\}/g;

/** A text with the study's words in its {tools}/{Partner}/{elke partner}-style placeholders. */
export function fillWords(slug: string | undefined, text: string): string {
  return text
    .replace(DETERMINED, (_m, determiner: string, which: VocabularyTerm) => {
      const before = dutchDeterminer(studyVocabulary(slug), which, determiner.toLowerCase() as DutchDeterminer);
      const phrase = `${before} ${studyWord(slug, which, 'one')}`;
      return determiner[0] !== determiner[0].toLowerCase() ? phrase[0].toUpperCase() + phrase.slice(1) : phrase;
    })
    .replace(PLACEHOLDER, (_m, name: string) => {
      const many = name.endsWith('s');
      const which = (many ? name.slice(0, -1) : name).toLowerCase() as VocabularyTerm;
      const capital = name[0] !== name[0].toLowerCase();
      return (capital ? studyTitleWord : studyWord)(slug, which, many ? 'many' : 'one');
    });
}

/**
 * A view's messages in the interface language with the study's words filled in: `{tools}`
 * becomes "instrumenten", `{Tool}` "Instrument", `{partners}` "ketenpartners"; other
 * placeholders (`{n}`) are left for `fill()`. Only string values are filled.
 */
export function withWords<T extends Record<string, unknown>>(slug: string | undefined, messages: T): T {
  return Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, typeof v === 'string' ? fillWords(slug, v) : v])) as T;
}
