import { Type, type Static } from '@sinclair/typebox';
import { ANALYSIS_FORMAT } from '../values.js';
import { STAFF_ERRORS, SlugParams } from './common.js';

/**
 * GET /api/studies/:slug/analysis — and the filters every way into the analysis shares (the
 * dashboard, `rondo analyze`): repeated parameters, `?round=pre&round=post&organisation=…&role=…
 * &matched=1`. A parameter may be given once (a string) or repeated (an array).
 */
const oneOrMore = (max: number) =>
  Type.Union([Type.String({ minLength: 1, maxLength: max }), Type.Array(Type.String({ minLength: 1, maxLength: max }), { maxItems: 50 })]);

/** The selection of an analysis as a query: rounds, subgroups (researchers only) and the matched panel. */
export const AnalysisFilterProperties = {
  round: Type.Optional(oneOrMore(20)),
  organisation: Type.Optional(oneOrMore(200)),
  role: Type.Optional(oneOrMore(120)),
  matched: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')])),
  /** Respondent groups by key (model/respondent-groups.ts), e.g. `?group=parents`. */
  group: Type.Optional(oneOrMore(30)),
  /** attrs: a cohort attribute's value, `key:value` (`?attribute=domain:jeugd`), repeatable; researchers only. */
  attribute: Type.Optional(oneOrMore(160)),
  /** attrs: results per value of this cohort attribute (`?split=domain`), with subgroup suppression; researchers only. */
  split: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' })),
};
export const AnalysisFilterQuery = Type.Object(AnalysisFilterProperties, { additionalProperties: false });
export type AnalysisFilterQuery = Static<typeof AnalysisFilterQuery>;

export const AnalysisQuery = Type.Object(
  {
    ...AnalysisFilterProperties,
    /** Researchers may ask for what trainers see; 'full' needs analysis:full. */
    audience: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('aggregate')])),
  },
  { additionalProperties: false },
);
export type AnalysisQuery = Static<typeof AnalysisQuery>;

/**
 * The result (format rondo.analysis/1). Only its top is a schema: the rest is typed by
 * `StudyAnalysis` (analysis/study/result.ts; model may not import analysis, so the browser
 * imports that type from there) and documented field by field in
 * docs/analysis-json.md. A full response schema would make fast-json-stringify drop whatever
 * it does not list — a silent loss each time the format grows — and costs serialisation time
 * on a result of several hundred kB; `additionalProperties: true` passes the rest through.
 */
export const AnalysisResponse = Type.Object(
  {
    format: Type.Literal(ANALYSIS_FORMAT),
    study: Type.Object({ slug: Type.String() }, { additionalProperties: true }),
    audience: Type.String(),
  },
  { additionalProperties: true },
);

export const AnalysisRoute = {
  params: SlugParams,
  querystring: AnalysisQuery,
  response: { 200: AnalysisResponse, ...STAFF_ERRORS },
} as const;
