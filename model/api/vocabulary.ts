import { Type, type Static } from '@sinclair/typebox';
import { VocabularySchema } from '../vocabulary-schema.js';

/**
 * PUT /api/studies/:slug/vocabulary — the study's own words (model/vocabulary.ts). The body's
 * `vocabulary` is checked by `checkVocabulary`, not by the schema, so that every refused word
 * gets a message in Dutch and English that names the term, the language and the form; the
 * whole set is replaced, and nothing is saved when one word is refused.
 */
export const PutVocabularyBody = Type.Object(
  {
    vocabulary: Type.Unknown({
      description: 'per term (intervention, tool, partner, round, participant), per language (nl, en): { one, many }; plain text',
    }),
  },
  { additionalProperties: false },
);
export type PutVocabularyBody = Static<typeof PutVocabularyBody>;

export const VocabularyResponse = Type.Object({ vocabulary: VocabularySchema }, { additionalProperties: false });
export type VocabularyResponse = Static<typeof VocabularyResponse>;
