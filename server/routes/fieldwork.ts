import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import fieldworkService, { type FieldworkOptions } from '../fieldwork/service.js';
import fieldworkAnonymousRoutes from './fieldwork-anonymous.js';
import fieldworkLinkRoutes from './fieldwork-links.js';
import fieldworkMailRoutes from './fieldwork-mail.js';
import fieldworkMonitorRoutes from './fieldwork-monitor.js';
import fieldworkRoundRoutes from './fieldwork-rounds.js';

/**
 * Fieldwork: rounds on schedule, invitations and reminders by e-mail, mail-merge export, the
 * live monitor. Wrapped with fastify-plugin so `app.fieldwork` (sender and scheduler) is
 * visible to server/start.ts, which starts the scheduler.
 */
async function fieldwork(app: FastifyInstance, options: FieldworkOptions): Promise<void> {
  await app.register(fieldworkService, options);
  await app.register(fieldworkRoundRoutes);
  await app.register(fieldworkMailRoutes);
  await app.register(fieldworkLinkRoutes);
  await app.register(fieldworkAnonymousRoutes);
  await app.register(fieldworkMonitorRoutes);
}

export default fp(fieldwork, { name: 'rondo-fieldwork-routes', dependencies: ['rondo-guard'] });
