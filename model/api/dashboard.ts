import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema } from '../i18n.js';
import { STAFF_ERRORS, SlugParams } from './common.js';
import { AnalysisFilterQuery, AnalysisResponse } from './analysis.js';

/**
 * GET /api/studies/:slug/dashboard — what a dashboard view needs in one request: the analysis
 * (the same JSON as GET /analysis), the key findings as sentences and the values the filter bar
 * offers. Filters as GET /analysis takes them (repeated `round`, `organisation`, `role`; `matched`).
 */
export const DashboardQuery = AnalysisFilterQuery;
export type DashboardQuery = AnalysisFilterQuery;

/** A key finding as the factsheet writes it, in both languages. */
export const DashboardSentenceSchema = Type.Object(
  { key: Type.String(), section: Type.String(), paragraph: Type.String(), text: LocalTextSchema },
  { additionalProperties: false },
);
export type DashboardSentence = Static<typeof DashboardSentenceSchema>;

/** attrs: a cohort attribute the filter bar offers, with the values participants hold. */
export const DashboardAttributeFilterSchema = Type.Object(
  {
    key: Type.String(),
    label: LocalTextSchema,
    values: Type.Array(Type.Object({ value: Type.String(), label: LocalTextSchema }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type DashboardAttributeFilter = Static<typeof DashboardAttributeFilterSchema>;

export const DashboardFiltersSchema = Type.Object(
  {
    rounds: Type.Array(Type.Object({ key: Type.String(), label: LocalTextSchema }, { additionalProperties: false })),
    /** Empty for callers without the full analysis: they may not filter by subgroup. */
    organisations: Type.Array(Type.String()),
    roles: Type.Array(Type.String()),
    /** The label of each role code (the study's labels or the defaults, model/value-labels.ts). */
    roleLabels: Type.Optional(Type.Record(Type.String(), LocalTextSchema)),
    /** The label of each organisation (the study's labels, else the name as stored). */
    organisationLabels: Type.Optional(Type.Record(Type.String(), LocalTextSchema)),
    /** Respondent groups (model/respondent-groups.ts); empty when the study defines none. */
    groups: Type.Optional(Type.Array(Type.Object({ key: Type.String(), name: LocalTextSchema }, { additionalProperties: false }))),
    /** attrs: cohort attributes to filter and split by (researchers only; absent for others). */
    attributes: Type.Optional(Type.Array(DashboardAttributeFilterSchema)),
  },
  { additionalProperties: false },
);
export type DashboardFilterValues = Static<typeof DashboardFiltersSchema>;

export const DashboardResponse = Type.Object(
  {
    audience: Type.Union([Type.Literal('full'), Type.Literal('aggregate')]),
    /** StudyAnalysis (analysis/study/result.ts): see AnalysisResponse for why only its top is a schema. */
    analysis: AnalysisResponse,
    sentences: Type.Array(DashboardSentenceSchema),
    filters: DashboardFiltersSchema,
    /** attrs: the results per value of a cohort attribute (`?split=key`; analysis/study/split.ts SplitResult). */
    split: Type.Optional(Type.Object({ key: Type.String() }, { additionalProperties: true })),
  },
  { additionalProperties: false },
);
export type DashboardResponse = Static<typeof DashboardResponse>;

export const DashboardRoute = {
  params: SlugParams,
  querystring: DashboardQuery,
  response: { 200: DashboardResponse, ...STAFF_ERRORS },
} as const;
