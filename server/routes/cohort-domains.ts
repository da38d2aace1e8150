import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { DomainsResponse } from '../../model/api/domains.js';
import { domainOptions } from '../../model/domain-coverage-check.js';
import { filtersFromQuery } from '../analysis/service.js';
import { currentQuestionnaire } from '../setup/questionnaire-store.js';
import { analysedFor } from './analysis.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * GET /api/studies/:slug/cohort/domains (issue 17, domainsui): the cohort screen's network profile
 * and the choices of its domain coverage setting. The coverage is the study analysis's own
 * (analysis/study/domains.ts, from the analysis service's cache), so the cohort screen, the
 * dashboard and `rondo analyze` never disagree. The setting itself is saved with PATCH
 * /api/studies/:slug, which checks it (model/domain-coverage-check.ts) and audit-logs it.
 * Researchers only (the network connector): it lists the cohort's make-up.
 */
const cohortDomainRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;
  app.get(
    '/api/studies/:slug/cohort/domains',
    { schema: { params: SlugParams, response: { 200: DomainsResponse, ...STAFF_ERRORS } }, config: { permission: 'participants:read' } },
    async (req, reply) => {
      const study = req.study!;
      const attributes = study.definition.cohortAttributes ?? [];
      const questionnaire = (await currentQuestionnaire(db, study.id)).definition;
      const items = questionnaire.sections
        .flatMap((s) => s.items)
        .flatMap((item) =>
          item.type === 'multi'
            ? [
                {
                  id: item.id,
                  text: item.text,
                  domainsOf: attributes.filter((a) => a.values?.length && domainOptions(item, a)).map((a) => a.key),
                },
              ]
            : [],
        );
      const setting = study.definition.domainCoverage ?? null;
      const coverage = setting
        ? ((await analysedFor(app.analysis, study.slug, req.studyRole, filtersFromQuery({}))).analysis.domains ?? null)
        : null;
      reply.header('cache-control', 'no-store');
      return {
        setting,
        attributes: attributes.map((a) => ({ key: a.key, label: a.label, hasValues: !!a.values?.length })),
        items,
        coverage,
      };
    },
  );
};

export default cohortDomainRoutes;
