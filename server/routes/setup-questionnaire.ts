import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { SLUG_PATTERN, type Questionnaire } from '../../model/index.js';
import { ApiError } from '../errors.js';
import { currentQuestionnaire, questionnaireHistory, saveQuestionnaire } from '../setup/questionnaire-store.js';
import { listCatalogue } from '../setup/catalogues.js';
import { actorOf } from '../setup/request-meta.js';
import { parseQuestionnaireDefinition } from '../studies/repository.js';

const Slug = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }) });
// The definition is checked by model/check-questionnaire.ts, which names the item of every
// problem; the route schema only bounds its size.
const Definition = Type.Unknown();
const CheckBody = Type.Object({ definition: Definition }, { additionalProperties: false });
const SaveBody = Type.Object(
  {
    definition: Definition,
    baseVersion: Type.Integer({ minimum: 1 }),
    baseRevision: Type.Integer({ minimum: 1 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    source: Type.Optional(Type.Union([Type.Literal('edit'), Type.Literal('import')])),
  },
  { additionalProperties: false },
);
const ExportQuery = Type.Object({ version: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })) }, { additionalProperties: false });

/** The questionnaire builder's API: read, check, save by the versioning rules, history, export. */
export default async function questionnaireRoutes(app: FastifyInstance): Promise<void> {
  const db = app.rondo.store.db;

  app.get<{ Params: { slug: string } }>(
    '/api/studies/:slug/questionnaire',
    { schema: { params: Slug }, config: { permission: 'questionnaire:read' } },
    async (req) => {
      const study = req.study!;
      const current = await currentQuestionnaire(db, study.id);
      const rounds = await db.selectFrom('round').select(['key', 'label_nl', 'label_en']).where('study_id', '=', study.id).orderBy('position').execute();
      return {
        version: current.version,
        revision: current.revision,
        definition: current.definition,
        answeredRounds: current.answeredRounds,
        responseCount: current.responseCount,
        languages: study.definition.languages,
        rounds: rounds.map((r) => ({ key: r.key, label: { nl: r.label_nl, en: r.label_en } })),
        partners: await listCatalogue(db, study.id, 'partner'),
        tools: await listCatalogue(db, study.id, 'tool'),
      };
    },
  );

  app.post<{ Params: { slug: string }; Body: Static<typeof CheckBody> }>(
    '/api/studies/:slug/questionnaire/check',
    { schema: { params: Slug, body: CheckBody }, config: { permission: 'questionnaire:read' } },
    async (req) => {
      const study = req.study!;
      const current = await currentQuestionnaire(db, study.id);
      const result = await saveQuestionnaire(
        db, study.id, study.definition,
        { definition: req.body.definition, baseVersion: current.version, baseRevision: current.revision, actor: actorOf(req).actor, dryRun: true },
      );
      if (!result.ok && result.reason === 'invalid') return { ok: false, issues: result.issues };
      if (!result.ok) throw new ApiError('CONFLICT');
      return { ok: true, issues: [], outcome: result.outcome, changes: result.changes, version: result.version };
    },
  );

  app.put<{ Params: { slug: string }; Body: Static<typeof SaveBody> }>(
    '/api/studies/:slug/questionnaire',
    { schema: { params: Slug, body: SaveBody }, config: { permission: 'questionnaire:write' } },
    async (req) => {
      const study = req.study!;
      const meta = actorOf(req);
      const result = await saveQuestionnaire(db, study.id, study.definition, { ...req.body, actor: meta.actor, session: meta.session }, meta.now);
      if (!result.ok && result.reason === 'invalid') {
        throw new ApiError('VALIDATION', result.issues[0]?.message ?? 'The questionnaire is not valid.', { issues: result.issues });
      }
      if (!result.ok) {
        throw new ApiError('CONFLICT', 'Someone else saved the questionnaire in the meantime; reload to see their changes.', {
          reason: 'stale', version: result.version, revision: result.revision,
        });
      }
      return result;
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/api/studies/:slug/questionnaire/history',
    { schema: { params: Slug }, config: { permission: 'questionnaire:read' } },
    async (req) => questionnaireHistory(db, req.study!.id),
  );

  app.get<{ Params: { slug: string }; Querystring: Static<typeof ExportQuery> }>(
    '/api/studies/:slug/questionnaire/export',
    { schema: { params: Slug, querystring: ExportQuery }, config: { permission: 'questionnaire:read' } },
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
}
