import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Scheduler } from './scheduler.js';
import { Sender } from './sender.js';
import { createSmtpTransport, type MailTransport } from './smtp.js';
import type { SmtpConfig } from '../config.js';

export interface FieldworkService {
  sender: Sender;
  scheduler: Scheduler;
  /** A transport for one-off use (the test mail), the same kind the sender uses. */
  transport: (smtp: SmtpConfig) => MailTransport;
}

declare module 'fastify' {
  interface FastifyInstance {
    fieldwork: FieldworkService;
  }
}

export interface FieldworkOptions {
  /** Replaces the SMTP transport (tests of failure modes that a real server cannot produce). */
  transport?: (smtp: SmtpConfig) => MailTransport;
}

/**
 * The fieldwork services on the app: the outbox sender and the scheduler. The scheduler is not
 * started here — server/start.ts starts it for a serving process (startFieldwork), tests call
 * `tick()` themselves — and both stop when the app closes, before the store does.
 */
async function fieldworkService(app: FastifyInstance, options: FieldworkOptions): Promise<void> {
  const ctx = app.rondo;
  const sender = new Sender({
    db: ctx.store.db,
    secret: ctx.secret,
    baseUrl: ctx.config.baseUrl,
    smtp: ctx.config.smtp,
    now: ctx.now,
    transport: options.transport,
    log: app.log,
  });
  const scheduler = new Scheduler({ db: ctx.store.db, secret: ctx.secret, now: ctx.now, sender, log: app.log });
  app.decorate('fieldwork', { sender, scheduler, transport: options.transport ?? ((smtp) => createSmtpTransport(smtp)) });
  app.addHook('onClose', async () => scheduler.stop());
}

export default fp(fieldworkService, { name: 'rondo-fieldwork' });

/**
 * Starts the fieldwork clock of a serving app; server/start.ts calls it once, after adding its
 * own hook that closes the store. onClose hooks run last-added-first, so the hook added here
 * stops the scheduler and the sender before the database closes.
 */
export function startFieldwork(app: FastifyInstance): void {
  if (!app.hasDecorator('fieldwork')) return;
  app.addHook('onClose', async () => app.fieldwork.scheduler.stop());
  app.fieldwork.scheduler.start();
}
