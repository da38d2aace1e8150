import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { auditCsv, listAudit } from '../privacy/audit-view.js';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
const PageQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
    action: Type.Optional(Type.String({ pattern: '^[a-z0-9._-]{1,60}$' })),
  },
  { additionalProperties: false },
);

const page = (q: Static<typeof PageQuery>) => ({
  before: q.before ? Number(q.before) : undefined,
  limit: Math.min(Math.max(Number(q.limit ?? 100), 1), 500),
  action: q.action,
});

/**
 * The audit trail as researchers and administrators read it. A study's log for its
 * researchers (view and CSV export); the instance-level entries (logins, accounts) for admins.
 * Verifying the whole hash chain is `rondo audit verify`.
 */
export default async function auditRoutes(app: FastifyInstance): Promise<void> {
  const db = app.rondo.store.db;

  app.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof PageQuery> }>(
    '/api/studies/:slug/audit',
    { schema: { params: SlugParams, querystring: PageQuery }, config: { permission: 'audit:read' } },
    async (req) => listAudit(db, { studyId: req.study!.id, ...page(req.query) }),
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/api/studies/:slug/audit.csv',
    { schema: { params: SlugParams }, config: { permission: 'audit:read' } },
    async (req, reply) => {
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.study!.slug}-audit.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(auditCsv(db, req.study!.id)));
    },
  );

  app.get<{ Querystring: Static<typeof PageQuery> }>(
    '/api/admin/audit',
    { schema: { querystring: PageQuery }, config: { permission: 'admin:users' } },
    async (req) => listAudit(db, { studyId: null, ...page(req.query) }),
  );
}
