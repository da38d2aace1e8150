import { FileBody } from '../../model/api/common.js';
import { openApiDocument } from '../openapi/document.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * GET /api/openapi.json — the OpenAPI 3.1 document of every route (server/openapi/document.ts),
 * built at the first request, when every route is registered. Public: it describes the
 * interface, which is open source anyway, and holds no data; every route it lists keeps its
 * own guard. An integrator can read it before they have an account.
 */
const openApiRoutes: RoutePlugin = async (app) => {
  let text: string | null = null;
  app.get('/api/openapi.json', { schema: { response: { 200: FileBody } } }, async (_req, reply) => {
    text ??= JSON.stringify(openApiDocument(app.routeTable, { version: app.rondo.version, baseUrl: app.rondo.config.baseUrl }));
    reply.header('cache-control', 'no-cache');
    return reply.type('application/json; charset=utf-8').send(text);
  });
};

export default openApiRoutes;
