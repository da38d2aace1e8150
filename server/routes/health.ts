import type { FastifyInstance } from 'fastify';

const HEALTH = {
  type: 'object',
  properties: { status: { type: 'string' }, database: { type: 'string' }, version: { type: 'string' } },
} as const;

/** GET /healthz: 200 with database status when the database answers, 503 when it does not. */
export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: {
        response: {
          200: HEALTH,
          503: HEALTH,
        },
      },
    },
    async (_req, reply) => {
      try {
        app.rondo.store.sqlite.prepare('select count(*) from study').get();
        return { status: 'ok', database: 'ok', version: app.rondo.version };
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: 'error', version: app.rondo.version });
      }
    },
  );
}
