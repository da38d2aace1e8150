import { Type, type Static } from '@sinclair/typebox';
import { AnswerCellsSchema } from '../answer.js';
import { LangSchema } from '../i18n.js';
import { VARIABLE_PATTERN } from '../questionnaire.js';
import { ErrorBodySchema } from './common.js';

/**
 * The respondent's API (server/routes/respondent.ts), public and reached only through a link
 * token: the pages under /r, the draft saves and the one submission. Each schema and its
 * derived type share one name; the respondent's page imports the types only (its JavaScript
 * budget has no room for a schema library).
 */

/** GET /r/<token>: the link's token is the rest of the path. */
export const LinkParams = Type.Object({ '*': Type.String() }, { additionalProperties: false });
export type LinkParams = Static<typeof LinkParams>;

// Page links may carry anything a mail program adds (utm_source…); only lang is read.
export const PageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) });
export type PageQuery = Static<typeof PageQuery>;

export const DraftBody = Type.Object(
  {
    language: LangSchema,
    /** The items whose answers are replaced: their cells in `answers`, or none to clear them. */
    items: Type.Array(Type.String({ pattern: VARIABLE_PATTERN }), { maxItems: 200, uniqueItems: true }),
    answers: AnswerCellsSchema,
  },
  { additionalProperties: false },
);
export type DraftBody = Static<typeof DraftBody>;

export const DraftResponse = Type.Object({ savedAt: Type.String() }, { additionalProperties: false });
export type DraftResponse = Static<typeof DraftResponse>;

export const SubmitBody = Type.Object(
  {
    /** Made by the browser once per submission attempt; a retry sends the same one. */
    submissionId: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }),
    language: LangSchema,
    answers: AnswerCellsSchema,
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBody>;

export const SubmitResponse = Type.Object(
  {
    submittedAt: Type.String(),
    /** True when this submission id had already been stored: a retry or a double click. */
    repeated: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SubmitResponse = Static<typeof SubmitResponse>;

/**
 * The errors a draft save or submission can answer with: a refused answer (400, with the
 * issues in `details`), a link that no longer works (403), a closed round or an earlier
 * submission (409), a body too large or not JSON (413, 415), too many requests (429), a full
 * or busy database (503).
 */
export const RESPONDENT_ERRORS = {
  400: ErrorBodySchema,
  403: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  415: ErrorBodySchema,
  429: ErrorBodySchema,
  503: ErrorBodySchema,
} as const;
