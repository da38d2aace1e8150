import { Readable } from 'node:stream';
import { AuditPageResponse, AuditQuery } from '../../model/api/audit.js';
import { STAFF_ERRORS, SlugParams, FileBody } from '../../model/api/common.js';
import { auditCsv, listAudit } from '../privacy/audit-view.js';
import type { RoutePlugin } from './route-plugin.js';

const page = (q: AuditQuery) => ({
  before: q.before ? Number(q.before) : undefined,
  limit: Math.min(Math.max(Number(q.limit ?? 100), 1), 500),
  action: q.action,
});

/**
 * The audit trail as researchers and administrators read it. A study's log for its
 * researchers (view and CSV export); the instance-level entries (logins, accounts) for admins.
 * Verifying the whole hash chain is `rondo audit verify`.
 */
const auditRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/studies/:slug/audit',
    {
      schema: { params: SlugParams, querystring: AuditQuery, response: { 200: AuditPageResponse, ...STAFF_ERRORS } },
      config: { permission: 'audit:read' },
    },
    async (req) => listAudit(db, { studyId: req.study!.id, ...page(req.query) }),
  );

  app.get(
    '/api/studies/:slug/audit.csv',
    { schema: { params: SlugParams, response: { 200: FileBody, ...STAFF_ERRORS } }, config: { permission: 'audit:read' } },
    async (req, reply) => {
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.study!.slug}-audit.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(auditCsv(db, req.study!.id)));
    },
  );

  app.get(
    '/api/admin/audit',
    { schema: { querystring: AuditQuery, response: { 200: AuditPageResponse, ...STAFF_ERRORS } }, config: { permission: 'admin:users' } },
    async (req) => listAudit(db, { studyId: null, ...page(req.query) }),
  );
};
export default auditRoutes;
