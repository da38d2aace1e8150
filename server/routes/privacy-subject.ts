import { STAFF_ERRORS, FileBody } from '../../model/api/common.js';
import { ParticipantParams, SubjectAccessQuery } from '../../model/api/privacy.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { accessActor } from '../privacy/access-log.js';
import { recordSubjectAccess, subjectAccess } from '../privacy/subject-access.js';
import { subjectAccessFile } from '../privacy/subject-access-html.js';
import type { FactsheetRenderer } from '../factsheet/pdf.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * GET /api/studies/:slug/privacy/participants/:key/subject-access?format=json|html|pdf:
 * everything rondo holds about one participant, for their subject-access request, as JSON
 * (machine-readable, art. 20) or a readable HTML or PDF document. Researchers only; written
 * to the access log and the audit log before it is sent.
 */
const subjectAccessRoutes: RoutePlugin = async (app) => {
  const { store } = app.rondo;
  // Chromium starts on the first PDF only, and is closed with the app.
  let renderer: FactsheetRenderer | null = null;
  app.addHook('onClose', async () => renderer?.close());

  app.get(
    '/api/studies/:slug/privacy/participants/:key/subject-access',
    // The reply is a file (JSON text, HTML or PDF) sent as it is, never serialized by a schema.
    {
      schema: { params: ParticipantParams, querystring: SubjectAccessQuery, response: { 200: FileBody, ...STAFF_ERRORS } },
      config: { permission: 'privacy:erase' },
    },
    async (req, reply) => {
      const format = req.query.format ?? 'json';
      const study = req.study!;
      const lang = req.query.lang ?? (study.definition.defaultLanguage === 'en' ? 'en' : 'nl');
      const now = app.rondo.now();
      const who = accessActor(req);
      const data = await subjectAccess(store, { studyId: study.id, key: req.params.key, now });
      await writeTx(store.db, (trx) => recordSubjectAccess(trx, who, { studyId: study.id, key: data.participant.key, format, at: now }));
      // Chromium starts at the first PDF only.
      const toPdf = async (html: string) => {
        const { ChromiumMissingError, FactsheetRenderer } = await import('../factsheet/pdf.js');
        return (renderer ??= new FactsheetRenderer()).pdf(html).catch((err) => {
          if (!(err instanceof ChromiumMissingError)) throw err;
          throw new ApiError('UNAVAILABLE', 'PDF output needs Chromium on the server; download the HTML version and print it instead.');
        });
      };
      const file = await subjectAccessFile(data, format, lang, toPdf, study.definition.vocabulary);
      return reply
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${study.slug}-${data.participant.key}-inzage.${format}"`)
        .type(file.type)
        .send(file.bytes);
    },
  );
};
export default subjectAccessRoutes;
