import { Type, type Static } from '@sinclair/typebox';

/**
 * GET and PUT /api/studies/:slug/disclosure — a study's disclosure settings (model/disclosure.ts).
 * Types are checked here; ranges and the rules between the fields by disclosureProblems, which
 * answers in Dutch and English (details.problems).
 */
export const DisclosureSettingsSchema = Type.Object(
  {
    minDenominatorForPercent: Type.Integer(),
    minSubgroup: Type.Integer(),
    minGroupForQuotes: Type.Integer(),
    teamMode: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DisclosureSettingsBody = Static<typeof DisclosureSettingsSchema>;

const Limit = Type.Object({ min: Type.Integer(), max: Type.Integer() }, { additionalProperties: false });

export const DisclosureResponse = Type.Object(
  {
    settings: DisclosureSettingsSchema,
    defaults: DisclosureSettingsSchema,
    limits: Type.Object({ minDenominatorForPercent: Limit, minSubgroup: Limit, minGroupForQuotes: Limit }, { additionalProperties: false }),
    /** The fields this request changed (PUT), in order; empty when nothing changed. */
    changed: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type DisclosureResponse = Static<typeof DisclosureResponse>;
