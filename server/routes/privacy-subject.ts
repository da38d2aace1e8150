import { STAFF_ERRORS, FileBody } from '../../model/api/common.js';
import { ParticipantParams, SubjectAccessQuery } from '../../model/api/privacy.js';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { accessActor, logAccess } from '../privacy/access-log.js';
import { subjectAccess } from '../privacy/subject-access.js';
import { subjectAccessHtml } from '../privacy/subject-access-html.js';
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
      await writeTx(store.db, async (trx) => {
        await logAccess(trx, {
          ...who,
          studyId: study.id,
          kind: 'export',
          data: 'subject-access',
          participants: [data.participant.key],
          purpose: `subject access ${format}`,
          at: now,
        });
        await audit(trx, {
          ...who,
          studyId: study.id,
          action: 'privacy.subject-access',
          target: `participant:${data.participant.key}`,
          details: { format },
          at: now,
        });
      });
      const name = `${study.slug}-${data.participant.key}-inzage`;
      reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
      if (format === 'json') {
        return reply
          .header('content-disposition', `attachment; filename="${name}.json"`)
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(data, null, 2));
      }
      const html = subjectAccessHtml(data, lang);
      if (format === 'html')
        return reply.header('content-disposition', `attachment; filename="${name}.html"`).type('text/html; charset=utf-8').send(html);
      const { ChromiumMissingError, FactsheetRenderer } = await import('../factsheet/pdf.js');
      renderer ??= new FactsheetRenderer();
      try {
        const pdf = await renderer.pdf(html);
        return reply.header('content-disposition', `attachment; filename="${name}.pdf"`).type('application/pdf').send(pdf);
      } catch (err) {
        if (err instanceof ChromiumMissingError)
          throw new ApiError('UNAVAILABLE', 'PDF output needs Chromium on the server; download the HTML version and print it instead.');
        throw err;
      }
    },
  );
};
export default subjectAccessRoutes;
