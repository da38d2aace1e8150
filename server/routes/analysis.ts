import { AnalysisRoute } from '../../model/api/analysis.js';
import { ApiError } from '../errors.js';
import {
  AnalysisAccessError,
  UnknownRoundError,
  UnknownGroupError,
  filtersFromQuery,
  requestFor,
  type AnalysisFilters,
  type Analysed,
  type AnalysisService,
} from '../analysis/service.js';
import type { Audience } from '../../analysis/study/result.js';
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
    throw err;
  }
}

/**
 * GET /api/studies/:slug/analysis — the study analysis as JSON (format rondo.analysis/1,
 * docs/analysis-json.md), the same numbers as `rondo analyze --json`, the dashboard and the
 * factsheet. Filters: `round` (repeatable), `organisation`, `role` (repeatable), `matched`.
 *
 * Roles: `analysis:aggregate` (researchers and trainers) may call it; callers with
 * `analysis:full` (researchers) get every number with flags, the others the aggregate view
 * with small-cell suppression and without subgroup or attrition detail — subgroup filters
 * (organisation, role) need `analysis:full` (403 otherwise).
 */
const analysisRoutes: RoutePlugin = async (app) => {
  app.get('/api/studies/:slug/analysis', { schema: AnalysisRoute, config: { permission: 'analysis:aggregate' } }, async (req, reply) => {
    const { analysis } = await analysedFor(app.analysis, req.study!.slug, req.studyRole, filtersFromQuery(req.query), req.query.audience);
    reply.header('cache-control', 'no-store');
    return analysis;
  });
};

export default analysisRoutes;
