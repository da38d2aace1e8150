import { Type } from '@sinclair/typebox';
import { MISSING_CODES, VARIABLE_PATTERN, type MissingCode } from './questionnaire.js';

/**
 * One answered cell in long form, as sent by the respondent form and stored in `answer`.
 *
 * `sub` addresses the part of an item that was answered:
 * - `''` for items with one answer;
 * - `p<partnerId>.<facet>` for a partner grid cell (facet `frequency` or `quality`);
 * - `t<toolId>` for a tool grid row;
 * - `o<code>` for one option of a multiple-choice item (code 1 = chosen, 0 = not chosen).
 * Build and read them with answer-sub.ts, never by hand.
 *
 * Exactly one of `code`, `missing` or `text` is present.
 */
export const AnswerCellSchema = Type.Object(
  {
    item: Type.String({ pattern: VARIABLE_PATTERN }),
    sub: Type.String({ maxLength: 40, pattern: '^(|p[0-9]{1,9}\\.(frequency|quality)|t[0-9]{1,9}|o[0-9]{1,4})$' }),
    code: Type.Optional(Type.Number()),
    missing: Type.Optional(Type.Union(MISSING_CODES.map((m) => Type.Literal(m)))),
    text: Type.Optional(Type.String({ maxLength: 10000 })),
  },
  { additionalProperties: false },
);
export interface AnswerCell {
  item: string;
  sub: string;
  code?: number;
  missing?: MissingCode;
  text?: string;
}

export const AnswerCellsSchema = Type.Array(AnswerCellSchema, { maxItems: 2000 });
