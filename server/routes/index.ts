import type { FastifyPluginAsync } from 'fastify';
import homeRoutes from './home.js';
import sessionRoutes from './session.js';

/**
 * Route plugins in registration order. Each area of rondo (respondent, accounts, setup,
 * fieldwork, analysis, dashboard, factsheets, exchange) adds its plugin here.
 */
export const routePlugins: FastifyPluginAsync[] = [
  homeRoutes,
  sessionRoutes,
];
