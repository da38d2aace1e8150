import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { StudyFileDownload, StudyFromFileBody, StudyFromFileReport } from '../../model/api/study-file.js';
import { actorOf } from '../setup/request-meta.js';
import { checkStudyFile, createStudyFromFile, exportStudyFile, type StudyFilePlan } from '../studies/study-file.js';
import type { RoutePlugin } from './route-plugin.js';

/** A study file of 200 items with long texts in two languages stays well below this. */
const bodyLimit = 4 * 1024 * 1024;

const report = (plan: StudyFilePlan, created: boolean) => ({
  ok: true,
  created,
  slug: plan.slug,
  title: plan.input.study.title,
  counts: plan.counts,
  issues: [],
});

/** The study file on the set-up screens: download a study's, and create a study from one (docs/study-format.md). */
const studyFileRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/studies/:slug/study-file',
    { schema: { params: SlugParams, response: { 200: StudyFileDownload, ...STAFF_ERRORS } }, config: { permission: 'study:write' } },
    async (req, reply) => {
      const study = req.study!;
      const file = await exportStudyFile(db, study.id);
      return reply
        .header('content-disposition', `attachment; filename="${study.slug}.rondo-study.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(file, null, 2) + '\n');
    },
  );

  app.post(
    '/api/studies/from-file',
    {
      bodyLimit,
      schema: { body: StudyFromFileBody, response: { 200: StudyFromFileReport, 201: StudyFromFileReport, ...STAFF_ERRORS } },
      config: { permission: 'studies:create' },
    },
    async (req, reply) => {
      const { file, slug, dryRun, fileName } = req.body;
      // Problems in the file are the report, not an error: the screen lists them under the upload.
      const failed = (issues: StudyFromFileReport['issues']) => ({
        ok: false,
        created: false,
        slug: null,
        title: null,
        counts: null,
        issues,
      });
      if (dryRun) {
        const checked = await checkStudyFile(db, file, { slug });
        return checked.ok ? report(checked.plan, false) : failed(checked.issues);
      }
      const meta = actorOf(req);
      const created = await createStudyFromFile(db, file, {
        slug,
        actor: meta.actor,
        creator: { userId: meta.userId, session: meta.session },
        fileName: fileName?.replace(/[^\w.-]+/g, '_') || undefined,
      });
      if (!created.ok) return failed(created.issues);
      return reply.code(201).send(report(created.plan, true));
    },
  );
};
export default studyFileRoutes;
