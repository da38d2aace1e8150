import { HealthResponse } from '../../model/api/pages.js';
import type { RoutePlugin } from './route-plugin.js';

/** GET /healthz: 200 with database status when the database answers, 503 when it does not. */
const healthRoutes: RoutePlugin = async (app) => {
  app.get(
    '/healthz',
    { config: { rateLimit: false }, schema: { response: { 200: HealthResponse, 503: HealthResponse } } },
    async (_req, reply) => {
      try {
        app.rondo.store.sqlite.prepare('select count(*) from study').get();
        return { status: 'ok', database: 'ok', version: app.rondo.version } as const;
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: 'error', version: app.rondo.version });
      }
    },
  );
};
export default healthRoutes;
