import { Type, type Static } from '@sinclair/typebox';
import type { Lang } from './i18n.js';

/**
 * The study's own words (issue 16): what this study calls the thing it evaluates, the
 * instruments it counts, the partners it works with and a measurement round. Every screen,
 * chart title, generated sentence and export label asks `term()` instead of writing "training"
 * or "tools"; a study that names nothing gets rondo's neutral words.
 *
 * Each term has a singular and a plural form per language, stored as plain text (no markup,
 * at most VOCABULARY_WORD_MAX characters). Terms are lower case as they appear mid-sentence;
 * `capitalTerm()` gives the form that starts a title.
 */

export const VOCABULARY_TERMS = ['intervention', 'tool', 'partner', 'round', 'participant'] as const;
export type VocabularyTerm = (typeof VOCABULARY_TERMS)[number];

/** The longest word or phrase a study may give for a term. */
export const VOCABULARY_WORD_MAX = 60;

/** No markup, no line breaks, no control characters: a word is printed as plain text everywhere. */
export const VOCABULARY_WORD_PATTERN = '^[^<>{}\\u0000-\\u001f\\u007f]*$';

const Word = Type.String({ minLength: 1, maxLength: VOCABULARY_WORD_MAX, pattern: VOCABULARY_WORD_PATTERN });
const Forms = Type.Object({ one: Word, many: Word }, { additionalProperties: false });
const Entry = Type.Object({ nl: Type.Optional(Forms), en: Type.Optional(Forms) }, { additionalProperties: false });

export const VocabularySchema = Type.Object(
  {
    intervention: Type.Optional(Entry),
    tool: Type.Optional(Entry),
    partner: Type.Optional(Entry),
    round: Type.Optional(Entry),
    participant: Type.Optional(Entry),
  },
  { additionalProperties: false },
);
export type Vocabulary = Static<typeof VocabularySchema>;
export type VocabularyForms = { one: string; many: string };

/** rondo's neutral words, used for every term a study does not name. */
export const DEFAULT_VOCABULARY: Readonly<Record<VocabularyTerm, Record<Lang, VocabularyForms>>> = Object.freeze({
  intervention: { nl: { one: 'aanpak', many: 'aanpakken' }, en: { one: 'programme', many: 'programmes' } },
  tool: { nl: { one: 'instrument', many: 'instrumenten' }, en: { one: 'instrument', many: 'instruments' } },
  partner: { nl: { one: 'partner', many: 'partners' }, en: { one: 'partner', many: 'partners' } },
  round: { nl: { one: 'meting', many: 'metingen' }, en: { one: 'round', many: 'rounds' } },
  participant: { nl: { one: 'deelnemer', many: 'deelnemers' }, en: { one: 'participant', many: 'participants' } },
});

/**
 * The study's word for a term in one language (`many` for the plural): the study's own word in
 * that language, else rondo's neutral default in that language. The other language's study word
 * is never used: a Dutch word in an English sentence reads as a mistake.
 */
export function term(vocabulary: Vocabulary | undefined, which: VocabularyTerm, lang: Lang, form: 'one' | 'many' = 'one'): string {
  const own = vocabulary?.[which]?.[lang]?.[form]?.trim();
  return own || DEFAULT_VOCABULARY[which][lang][form];
}

/** `term()` with its first letter in capitals, for titles and the start of a sentence. */
export function capitalTerm(vocabulary: Vocabulary | undefined, which: VocabularyTerm, lang: Lang, form: 'one' | 'many' = 'one'): string {
  const word = term(vocabulary, which, lang, form);
  return word.charAt(0).toLocaleUpperCase(lang) + word.slice(1);
}
