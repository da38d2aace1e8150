import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import fieldworkAnonymousRoutes from './fieldwork-anonymous.js';
import fieldworkLinkRoutes from './fieldwork-links.js';
import fieldworkMailRoutes from './fieldwork-mail.js';
import fieldworkMonitorRoutes from './fieldwork-monitor.js';
import fieldworkRoundRoutes from './fieldwork-rounds.js';

/**
 * Fieldwork: rounds on schedule, invitations and reminders by e-mail, mail-merge export, the
 * live monitor. `app.fieldwork` (sender and scheduler) is registered on the app's root
 * (server/app.ts), where server/start.ts starts the scheduler.
 */
async function fieldwork(app: FastifyInstance): Promise<void> {
  await app.register(fieldworkRoundRoutes);
  await app.register(fieldworkMailRoutes);
  await app.register(fieldworkLinkRoutes);
  await app.register(fieldworkAnonymousRoutes);
  await app.register(fieldworkMonitorRoutes);
}

export default fp(fieldwork, { name: 'rondo-fieldwork-routes', dependencies: ['rondo-guard', 'rondo-fieldwork'] });
