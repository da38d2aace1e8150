import { AnalysisRoute } from '../../model/api/analysis.js';
import { ApiError } from '../errors.js';
import {
  AnalysisAccessError,
  UnknownAttributeError,
  UnknownRoundError,
  UnknownGroupError,
  filtersFromQuery,
  requestFor,
  type AnalysisFilters,
  type Analysed,
  type AnalysisService,
} from '../analysis/service.js';
import type { Audience } from '../../analysis/study/result.js';
import type { SplitResult } from '../../analysis/study/split.js';
import type { StudyRole } from '../../model/values.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * The analysis a caller may see, as the routes need it: the policy table decides the audience
 * (server/analysis/service.ts requestFor), the service's cache gives the result; its errors
 * become API errors (403, 404, 400 with the known rounds).
 */
export async function analysedFor(
  service: AnalysisService,
  slug: string,
  role: StudyRole | null,
  filters: AnalysisFilters,
  asked?: Audience,
): Promise<Analysed> {
  try {
    const analysed = await service.analyse(slug, requestFor(role, filters, asked));
    if (!analysed) throw new ApiError('NOT_FOUND');
    return analysed;
  } catch (err) {
    if (err instanceof AnalysisAccessError) throw new ApiError('FORBIDDEN', err.message);
    if (err instanceof UnknownRoundError)
      throw new ApiError('VALIDATION', `Unknown round: ${err.unknown.join(', ')}.`, { rounds: err.known });
    if (err instanceof UnknownGroupError)
      throw new ApiError('VALIDATION', `Unknown respondent group: ${err.unknown.join(', ')}.`, { groups: err.known });
    if (err instanceof UnknownAttributeError)
      throw new ApiError('VALIDATION', `Unknown cohort attribute or no value (use attribute=key:value): ${err.unknown.join(', ')}.`, {
        reason: 'unknown-attribute',
        attributes: err.known,
      });
    throw err;
  }
}

/**
 * attrs: the split a caller asked for (`?split=key`), null when none was; access and errors as
 * analysedFor (call that first: it refuses a split to callers without analysis:full). The
 * attribute's list of values, when it has one, orders the groups.
 */
export async function splitFor(
  service: AnalysisService,
  study: { slug: string; definition: { cohortAttributes?: { key: string; values?: { value: string }[] }[] } },
  role: StudyRole | null,
  filters: AnalysisFilters,
): Promise<SplitResult | null> {
  if (!filters.split) return null;
  const order = study.definition.cohortAttributes?.find((a) => a.key === filters.split)?.values?.map((v) => v.value);
  try {
    return await service.split(study.slug, requestFor(role, filters), filters.split, order);
  } catch (err) {
    if (err instanceof UnknownAttributeError)
      throw new ApiError('VALIDATION', `Unknown cohort attribute: ${err.unknown.join(', ')}.`, {
        reason: 'unknown-attribute',
        attributes: err.known,
      });
    throw err;
  }
}

/**
 * GET /api/studies/:slug/analysis — the study analysis as JSON (format rondo.analysis/1,
 * docs/analysis-json.md), the same numbers as `rondo analyze --json`, the dashboard and the
 * factsheet. Filters: `round` (repeatable), `organisation`, `role` (repeatable), `matched`,
 * `attribute=key:value` (repeatable); `split=key` adds `split`, the results per attribute value.
 *
 * Roles: `analysis:aggregate` (researchers and trainers) may call it; callers with
 * `analysis:full` (researchers) get every number with flags, the others the aggregate view
 * with small-cell suppression and without subgroup or attrition detail — subgroup filters
 * (organisation, role) need `analysis:full` (403 otherwise).
 */
const analysisRoutes: RoutePlugin = async (app) => {
  app.get('/api/studies/:slug/analysis', { schema: AnalysisRoute, config: { permission: 'analysis:aggregate' } }, async (req, reply) => {
    const filters = filtersFromQuery(req.query);
    const { analysis } = await analysedFor(app.analysis, req.study!.slug, req.studyRole, filters, req.query.audience);
    reply.header('cache-control', 'no-store');
    const split = await splitFor(app.analysis, req.study!, req.studyRole, filters);
    return split ? { ...analysis, split } : analysis;
  });
};

export default analysisRoutes;
