import { Type, type Static } from '@sinclair/typebox';
import { LangSchema } from '../i18n.js';

/**
 * Issue 16 (rounds): a study's languages changed after creation, a repeating schedule of rounds and
 * archiving. Refusals carry `details.text` `{ nl, en }`, which the screens show in the user's language.
 */

export const LanguagesBody = Type.Object(
  {
    languages: Type.Array(LangSchema, { minItems: 1, maxItems: 2, uniqueItems: true }),
    defaultLanguage: Type.Optional(LangSchema),
  },
  { additionalProperties: false },
);
export type LanguagesBody = Static<typeof LanguagesBody>;

export const LanguagesChanged = Type.Object(
  {
    languages: Type.Array(LangSchema),
    defaultLanguage: LangSchema,
    /** Texts still to translate into a language just added. */
    untranslated: Type.Integer(),
  },
  { additionalProperties: false },
);
export type LanguagesChanged = Static<typeof LanguagesChanged>;

/** "Every N months, K rounds, starting on …" (model/round-schedule.ts). */
export const RepeatingScheduleBody = Type.Object(
  {
    everyMonths: Type.Integer({ minimum: 1, maximum: 24 }),
    count: Type.Integer({ minimum: 1, maximum: 20 }),
    start: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    openDays: Type.Integer({ minimum: 1, maximum: 180 }),
    /** Only show the rounds it would make; add nothing. */
    preview: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RepeatingScheduleBody = Static<typeof RepeatingScheduleBody>;

export const PlannedRoundSchema = Type.Object(
  {
    key: Type.String(),
    label: Type.Object({ nl: Type.String(), en: Type.String() }, { additionalProperties: false }),
    opensAt: Type.String(),
    closesAt: Type.String(),
  },
  { additionalProperties: false },
);

export const PlannedRounds = Type.Object(
  {
    rounds: Type.Array(PlannedRoundSchema),
    saved: Type.Boolean(),
    /** Questions now also asked in the new rounds (those asked in every earlier round); absent for a preview. */
    itemsAsked: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type PlannedRounds = Static<typeof PlannedRounds>;

export const ArchiveState = Type.Object(
  { archived: Type.Boolean(), archivedAt: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
export type ArchiveState = Static<typeof ArchiveState>;
