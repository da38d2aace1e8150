import { Type, type Static } from '@sinclair/typebox';
import { LangSchema, LocalTextSchema } from './i18n.js';

import { ROUND_KEY_PATTERN, SLUG_PATTERN } from './values.js';
import { ValueLabelsSchema } from './value-labels.js';
import { VocabularySchema } from './vocabulary-schema.js';
import { RespondentGroupsSchema } from './respondent-groups.js';
import { CohortAttributesSchema } from './cohort-attributes.js';
import { DomainCoverageSettingSchema } from './domains.js';

export { SLUG_PATTERN } from './values.js';

/** Disclosure and caveat thresholds (METHODS.md §4.5 and §6); every study can tune them. */
export const StudySettingsSchema = Type.Object(
  {
    /** No percentage when an item's denominator is below this. */
    minDenominatorForPercent: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
    /** Denominators below this get a "small numbers" flag. */
    smallNumbersBelow: Type.Integer({ minimum: 1, maximum: 1000, default: 30 }),
    /** No subgroup (organisation, role) reporting below this many respondents. */
    minSubgroup: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
    /** Quotes only when the group has at least this many respondents. */
    minGroupForQuotes: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
    /** Response below this rate in a compared round gives a "compare with caution" caveat. */
    cautionResponseBelow: Type.Number({ minimum: 0, maximum: 1, default: 0.5 }),
    /** Response below this rate gives the stronger "not generalisable" caveat. */
    strongCautionResponseBelow: Type.Number({ minimum: 0, maximum: 1, default: 0.3 }),
    /** Response rates of compared rounds differing by more than this (fraction) are flagged. */
    responseGapWarning: Type.Number({ minimum: 0, maximum: 1, default: 0.2 }),
    alpha: Type.Number({ exclusiveMinimum: 0, maximum: 0.5, default: 0.05 }),
    /** Minutes after a round closes during which submissions are still accepted. */
    graceMinutes: Type.Integer({ minimum: 0, maximum: 10080, default: 60 }),
    // disclosure (issue 16): the team mode of a self-assessment.
    /**
     * Team mode: below minDenominatorForPercent, charts and sentences show the team its own counts
     * ("3 van 5") instead of an empty chart; never a percentage under the threshold.
     */
    teamMode: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type StudySettings = Static<typeof StudySettingsSchema>;

export { DEFAULT_STUDY_SETTINGS } from './study-defaults.js';

export const ColophonSchema = Type.Object(
  {
    organisation: Type.Optional(Type.String({ maxLength: 200 })),
    team: Type.Optional(Type.String({ maxLength: 200 })),
    contactEmail: Type.Optional(Type.String({ maxLength: 254 })),
    authors: Type.Optional(Type.String({ maxLength: 500 })),
    moreInfoUrl: Type.Optional(Type.String({ maxLength: 500 })),
    partOf: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type Colophon = Static<typeof ColophonSchema>;

export const StudySchema = Type.Object(
  {
    slug: Type.String({ pattern: SLUG_PATTERN }),
    title: LocalTextSchema,
    description: LocalTextSchema,
    /** The evaluation question, used as the factsheet's subtitle. */
    question: Type.Optional(LocalTextSchema),
    organisation: Type.String({ minLength: 1, maxLength: 200 }),
    languages: Type.Array(LangSchema, { minItems: 1, maxItems: 2, uniqueItems: true }),
    defaultLanguage: LangSchema,
    colophon: ColophonSchema,
    privacyStatement: Type.Optional(LocalTextSchema),
    settings: Type.Optional(Type.Partial(StudySettingsSchema)),
    /** Labels of coded values (roles, organisations) for printed output; model/value-labels.ts. */
    valueLabels: Type.Optional(ValueLabelsSchema),
    /** The study's own words for its intervention, tools, partners, rounds (model/vocabulary.ts). */
    vocabulary: Type.Optional(VocabularySchema),
    /** Respondent groups (model/respondent-groups.ts): who answers, with which intro and sections; none: one implicit group. */
    groups: Type.Optional(RespondentGroupsSchema),
    /** attrs: researcher-defined participant fields (domain, region …), model/cohort-attributes.ts. */
    cohortAttributes: Type.Optional(CohortAttributesSchema),
    /** Issue 17: which cohort attribute holds the network's domains, for domain coverage (model/domains.ts). */
    domainCoverage: Type.Optional(DomainCoverageSettingSchema),
  },
  { additionalProperties: false },
);
export type Study = Static<typeof StudySchema>;

export const RoundSchema = Type.Object(
  {
    key: Type.String({ pattern: ROUND_KEY_PATTERN }),
    label: LocalTextSchema,
    opensAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    closesAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type Round = Static<typeof RoundSchema>;

export const PartnerSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    domain: Type.String({ maxLength: 120 }),
  },
  { additionalProperties: false },
);
export type Partner = Static<typeof PartnerSchema>;

export const ToolSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(LocalTextSchema),
  },
  { additionalProperties: false },
);
export type Tool = Static<typeof ToolSchema>;

export const PARTICIPANT_ROLES_HINT = ['gezinscoach', 'voorschoolse intern begeleider', 'jgz-verpleegkundige', 'ggd-arts'] as const;
