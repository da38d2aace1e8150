import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema } from '../i18n.js';
import { VARIABLE_PATTERN } from '../questionnaire-shape.js';
import { IDENTIFYING_KINDS } from '../values.js';
import { IdText, Nullable, literals, slugParams } from './common.js';
import { RoundLabel } from './setup.js';

/**
 * The open answers API (researchers only): open questions, their answers with search, themes
 * (create, rename, merge), coding answers with themes, and quote candidates — excerpts edited
 * for anonymity, with warnings for identifying text.
 */

/** Identifying text found in an answer or an excerpt: a prompt to look, not a guarantee. */
export const IdentifyingHitSchema = Type.Object(
  { kind: literals(IDENTIFYING_KINDS), match: Type.String(), start: Type.Integer(), end: Type.Integer() },
  { additionalProperties: false },
);
export type IdentifyingHitBody = Static<typeof IdentifyingHitSchema>;
const Warnings = Type.Array(IdentifyingHitSchema);
const PerRound = Type.Array(Type.Object({ round: Type.String(), count: Type.Integer() }, { additionalProperties: false }));

const Item = Type.String({ pattern: VARIABLE_PATTERN });
export const OpenItemParams = slugParams({ item: Item });
export const ThemeParams = slugParams({ item: Item, theme: IdText });
export const AnswerParams = slugParams({ item: Item, response: IdText });

export const OpenQuestion = Type.Object(
  { item: Type.String(), text: LocalTextSchema, answered: PerRound },
  { additionalProperties: false },
);
export type OpenQuestion = Static<typeof OpenQuestion>;
export const OpenQuestionsResponse = Type.Object(
  { rounds: Type.Array(RoundLabel), questions: Type.Array(OpenQuestion) },
  { additionalProperties: false },
);
export type OpenQuestionsResponse = Static<typeof OpenQuestionsResponse>;

export const AnswersQuery = Type.Object(
  { round: Type.Optional(Type.String({ maxLength: 20 })), q: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export const ThemeSummary = Type.Object(
  { id: Type.Integer(), name: Type.String(), counts: PerRound, total: Type.Integer() },
  { additionalProperties: false },
);
export type ThemeSummary = Static<typeof ThemeSummary>;
export const OpenExcerpt = Type.Object(
  {
    id: Type.Integer(),
    text: Type.String(),
    roleLabel: Type.String(),
    approved: Type.Boolean(),
    approvedAt: Nullable(Type.String()),
    warnings: Warnings,
  },
  { additionalProperties: false },
);
export const OpenAnswer = Type.Object(
  {
    responseId: Type.Integer(),
    round: Type.String(),
    /** Cohort role of the respondent ('' when anonymous): for attribution by role only. */
    role: Type.String(),
    text: Type.String(),
    themes: Type.Array(Type.Integer()),
    excerpt: Nullable(OpenExcerpt),
    warnings: Warnings,
  },
  { additionalProperties: false },
);
export type OpenAnswer = Static<typeof OpenAnswer>;
export const AnswersResponse = Type.Object(
  { item: Type.String(), themes: Type.Array(ThemeSummary), answers: Type.Array(OpenAnswer) },
  { additionalProperties: false },
);
export type AnswersResponse = Static<typeof AnswersResponse>;

export const CheckTextBody = Type.Object({ text: Type.String({ maxLength: 4000 }) }, { additionalProperties: false });
export const CheckTextResponse = Type.Object({ warnings: Warnings }, { additionalProperties: false });
export type CheckTextResponse = Static<typeof CheckTextResponse>;

export const ThemeBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false });
export const ThemeResponse = Type.Object({ id: Type.Integer(), name: Type.String() }, { additionalProperties: false });
export type ThemeResponse = Static<typeof ThemeResponse>;
export const MergeBody = Type.Object({ into: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const MergeResponse = Type.Object({ id: Type.Integer() }, { additionalProperties: false });
/** The themes of one answer, as a whole set. */
export const CodingBody = Type.Object(
  { themes: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 }) },
  { additionalProperties: false },
);
export const CodingResponse = Type.Object({ themes: Type.Array(Type.Integer()) }, { additionalProperties: false });
export type CodingResponse = Static<typeof CodingResponse>;
export const ExcerptBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    roleLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    approved: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ExcerptBody = Static<typeof ExcerptBody>;
export const ExcerptResponse = Type.Object(
  { id: Type.Integer(), approved: Type.Boolean(), warnings: Warnings },
  { additionalProperties: false },
);
export type ExcerptResponse = Static<typeof ExcerptResponse>;
