import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import {
  CheckQuestionnaireBody,
  CheckQuestionnaireResponse,
  QuestionnaireExportQuery,
  QuestionnaireFile,
  QuestionnaireHistoryResponse,
  QuestionnaireResponse,
  SaveQuestionnaireBody,
  SaveQuestionnaireResponse,
} from '../../model/api/setup-questionnaire.js';
import { ApiError } from '../errors.js';
import { currentQuestionnaire, questionnaireHistory, saveQuestionnaire } from '../setup/questionnaire-store.js';
import { catalogueRows } from '../setup/catalogues.js';
import { actorOf } from '../setup/request-meta.js';
import { parseQuestionnaireDefinition } from '../studies/repository.js';
import type { RoutePlugin } from './route-plugin.js';

/** The questionnaire builder's API: read, check, save by the versioning rules, history, export. */
const questionnaireRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/studies/:slug/questionnaire',
    {
      schema: { params: SlugParams, response: { 200: QuestionnaireResponse, ...STAFF_ERRORS } },
      config: { permission: 'questionnaire:read' },
    },
    async (req) => {
      const study = req.study!;
      const current = await currentQuestionnaire(db, study.id);
      const rounds = await db
        .selectFrom('round')
        .select(['key', 'label_nl', 'label_en'])
        .where('study_id', '=', study.id)
        .orderBy('position')
        .execute();
      return {
        version: current.version,
        revision: current.revision,
        definition: current.definition,
        answeredRounds: current.answeredRounds,
        responseCount: current.responseCount,
        languages: study.definition.languages,
        rounds: rounds.map((r) => ({ key: r.key, label: { nl: r.label_nl, en: r.label_en } })),
        partners: await catalogueRows(db, study.id, 'partner'),
        tools: await catalogueRows(db, study.id, 'tool'),
      };
    },
  );

  app.post(
    '/api/studies/:slug/questionnaire/check',
    {
      schema: { params: SlugParams, body: CheckQuestionnaireBody, response: { 200: CheckQuestionnaireResponse, ...STAFF_ERRORS } },
      config: { permission: 'questionnaire:read' },
    },
    async (req) => {
      const study = req.study!;
      const current = await currentQuestionnaire(db, study.id);
      const result = await saveQuestionnaire(db, study.id, study.definition, {
        definition: req.body.definition,
        baseVersion: current.version,
        baseRevision: current.revision,
        actor: actorOf(req).actor,
        dryRun: true,
      });
      if (!result.ok && result.reason === 'invalid') return { ok: false, issues: result.issues };
      if (!result.ok) throw new ApiError('CONFLICT');
      return { ok: true, issues: [], outcome: result.outcome, changes: result.changes, version: result.version };
    },
  );

  app.put(
    '/api/studies/:slug/questionnaire',
    {
      schema: { params: SlugParams, body: SaveQuestionnaireBody, response: { 200: SaveQuestionnaireResponse, ...STAFF_ERRORS } },
      config: { permission: 'questionnaire:write' },
    },
    async (req) => {
      const study = req.study!;
      const meta = actorOf(req);
      const result = await saveQuestionnaire(
        db,
        study.id,
        study.definition,
        { ...req.body, actor: meta.actor, session: meta.session },
        meta.now,
      );
      if (!result.ok && result.reason === 'invalid') {
        throw new ApiError('VALIDATION', result.issues[0]?.message ?? 'The questionnaire is not valid.', { issues: result.issues });
      }
      if (!result.ok) {
        throw new ApiError('CONFLICT', 'Someone else saved the questionnaire in the meantime; reload to see their changes.', {
          reason: 'stale',
          version: result.version,
          revision: result.revision,
        });
      }
      return result;
    },
  );

  app.get(
    '/api/studies/:slug/questionnaire/history',
    {
      schema: { params: SlugParams, response: { 200: QuestionnaireHistoryResponse, ...STAFF_ERRORS } },
      config: { permission: 'questionnaire:read' },
    },
    async (req) => questionnaireHistory(db, req.study!.id),
  );

  app.get(
    '/api/studies/:slug/questionnaire/export',
    {
      schema: { params: SlugParams, querystring: QuestionnaireExportQuery, response: { 200: QuestionnaireFile, ...STAFF_ERRORS } },
      config: { permission: 'questionnaire:read' },
    },
    async (req, reply) => {
      const study = req.study!;
      let q = db.selectFrom('questionnaire_version').select(['version', 'definition']).where('study_id', '=', study.id);
      q = req.query.version ? q.where('version', '=', Number(req.query.version)) : q.orderBy('version', 'desc').limit(1);
      const row = await q.executeTakeFirst();
      if (!row) throw new ApiError('NOT_FOUND');
      const definition = parseQuestionnaireDefinition(row.definition, `questionnaire version ${row.version} of study "${study.slug}"`);
      return reply
        .header('content-disposition', `attachment; filename="${study.slug}-questionnaire-v${row.version}.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(definition, null, 2) + '\n');
    },
  );
};
export default questionnaireRoutes;
