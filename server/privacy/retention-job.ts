import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { finishStudyDeletions } from '../studies/delete-study.js';
import { runRetention } from './retention.js';

/** How often the retention job looks at the studies' dates. */
export const RETENTION_EVERY_MS = 60 * 60_000;
/** The first look, shortly after the start (not at once: start-up stays fast). */
export const RETENTION_FIRST_MS = 30_000;

/**
 * Runs the retention job (warnings and due deletions, server/privacy/retention.ts) every hour
 * while the server runs, after finishing any study deletion a stopped server left halfway
 * (server/studies/delete-study.ts). Each step is idempotent, so restarts and overlapping schedules do no
 * harm; timers never keep the process alive.
 */
async function retentionJob(app: FastifyInstance): Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const finished = await finishStudyDeletions(app.rondo.store);
      if (finished.length) app.log.info({ studies: finished }, 'finished the deletion of studies a stop had interrupted');
      const run = await runRetention(app.rondo.store, app.rondo.now());
      if (run.warned.length || run.deleted.length) app.log.info({ retention: run }, 'retention job');
    } catch (err) {
      app.log.error({ err }, 'retention job failed; it will try again');
    } finally {
      running = false;
    }
  };
  app.addHook('onReady', async () => {
    timer = setTimeout(function again() {
      void tick().finally(() => {
        if (timer) timer = setTimeout(again, RETENTION_EVERY_MS).unref();
      });
    }, RETENTION_FIRST_MS).unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearTimeout(timer);
    timer = null;
  });
}

export default fp(retentionJob, { name: 'rondo-retention-job' });
