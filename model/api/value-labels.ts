import { Type, type Static } from '@sinclair/typebox';

/** The cohort screen's label table: each coded value of the cohort with its label (routes in server/routes/value-labels.ts). */

export const ValueLabelRowSchema = Type.Object(
  {
    code: Type.String(),
    nl: Type.String(),
    en: Type.String(),
    /** The label shown when the study sets none. */
    defaults: Type.Object({ nl: Type.String(), en: Type.String() }, { additionalProperties: false }),
    /** The study sets its own label for this code. */
    custom: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ValueLabelRow = Static<typeof ValueLabelRowSchema>;

export const ValueLabelsResponse = Type.Object(
  { roles: Type.Array(ValueLabelRowSchema), organisations: Type.Array(ValueLabelRowSchema) },
  { additionalProperties: false },
);
export type ValueLabelsReply = Static<typeof ValueLabelsResponse>;

/**
 * One label; both texts empty puts the default back. The texts are bounded loosely here so
 * that a too long or marked-up label gets the clear message of checkValueLabel (model/value-labels.ts).
 */
export const PutValueLabelBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('roles'), Type.Literal('organisations')]),
    code: Type.String({ minLength: 1, maxLength: 120 }),
    nl: Type.String({ maxLength: 100_000 }),
    en: Type.String({ maxLength: 100_000 }),
  },
  { additionalProperties: false },
);
