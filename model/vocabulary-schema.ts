import { Type } from '@sinclair/typebox';
import { VOCABULARY_WORD_MAX, VOCABULARY_WORD_PATTERN } from './vocabulary.js';

/**
 * The schema of a study's own words (model/vocabulary.ts), apart from the words' helpers so
 * the browser, which uses `term()`, ships no schema library.
 */
const Word = Type.String({ minLength: 1, maxLength: VOCABULARY_WORD_MAX, pattern: VOCABULARY_WORD_PATTERN });
const Forms = Type.Object({ one: Word, many: Word }, { additionalProperties: false });
/** A Dutch word also has its article (de/het), optional so that files written before it stay valid. */
const DutchForms = Type.Object(
  {
    one: Word,
    many: Word,
    article: Type.Optional(Type.Union([Type.Literal('de'), Type.Literal('het')], { description: 'the Dutch article of the singular' })),
  },
  { additionalProperties: false },
);
const Entry = Type.Object({ nl: Type.Optional(DutchForms), en: Type.Optional(Forms) }, { additionalProperties: false });

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
