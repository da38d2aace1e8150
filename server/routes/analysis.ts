import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { analyzeStudy } from '../../analysis/study/analyze.js';
import { ANALYSIS_FORMAT, type Audience } from '../../analysis/study/result.js';
import { roleAllows } from '../auth/policy.js';
import { ApiError } from '../errors.js';
import { AnalysisInputCache } from '../analysis/input-cache.js';
import { closeAnalysisWorkers } from '../analysis/sql-workers.js';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) }, { additionalProperties: false });

/** A query parameter that may be given once or repeated (`?round=pre&round=post`). */
const OneOrMore = (max: number) =>
  Type.Union([Type.String({ minLength: 1, maxLength: max }), Type.Array(Type.String({ minLength: 1, maxLength: max }), { maxItems: 50 })]);

const AnalysisQuery = Type.Object(
  {
    round: Type.Optional(OneOrMore(20)),
    organisation: Type.Optional(OneOrMore(200)),
    role: Type.Optional(OneOrMore(120)),
    matched: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')])),
    /** Researchers may ask for what trainers see; 'full' needs analysis:full. */
    audience: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('aggregate')])),
  },
  { additionalProperties: false },
);
type AnalysisQuery = Static<typeof AnalysisQuery>;

/** The top of the result; the rest is documented in docs/analysis-json.md. */
const AnalysisResponse = Type.Object(
  {
    format: Type.Literal(ANALYSIS_FORMAT),
    study: Type.Object({ slug: Type.String() }, { additionalProperties: true }),
    audience: Type.String(),
  },
  { additionalProperties: true },
);

const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

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
export default async function analysisRoutes(app: FastifyInstance): Promise<void> {
  const cache = new AnalysisInputCache(app.rondo.store.sqlite);
  app.addHook('onClose', async () => {
    cache.clear();
    await closeAnalysisWorkers();
  });

  app.get<{ Params: Static<typeof SlugParams>; Querystring: AnalysisQuery }>(
    '/api/studies/:slug/analysis',
    {
      schema: { params: SlugParams, querystring: AnalysisQuery, response: { 200: AnalysisResponse } },
      config: { permission: 'analysis:aggregate' },
    },
    async (req, reply) => {
      const full = roleAllows(req.studyRole, 'analysis:full');
      const q = req.query;
      const organisations = list(q.organisation);
      const roles = list(q.role);
      if (!full && (organisations || roles)) throw new ApiError('FORBIDDEN', 'Results per organisation or role are for researchers only.');
      if (!full && q.audience === 'full') throw new ApiError('FORBIDDEN');
      const audience: Audience = full && q.audience !== 'aggregate' ? 'full' : 'aggregate';
      const input = await cache.get(req.study!.slug);
      if (!input) throw new ApiError('NOT_FOUND');
      const rounds = list(q.round);
      const unknown = rounds?.filter((k) => !input.rounds.some((r) => r.key === k)) ?? [];
      if (unknown.length) throw new ApiError('VALIDATION', `Unknown round: ${unknown.join(', ')}.`, { rounds: input.rounds.map((r) => r.key) });
      const result = analyzeStudy(input, {
        rounds,
        organisations,
        roles,
        matched: q.matched === 'true' || q.matched === '1',
        audience,
      });
      reply.header('cache-control', 'no-store');
      return result;
    },
  );
}
