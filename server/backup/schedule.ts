import path from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { backupDue, takeDailyBackup } from './daily-backup.js';

/** How often the schedule looks whether a backup is due. */
export const BACKUP_CHECK_EVERY_MS = 60 * 60_000;
/** The first look after the start: late enough that a quick restart loop never backs up. */
export const BACKUP_FIRST_MS = 2 * 60_000;

/**
 * The scheduled daily backup into RONDO_BACKUP_DIR, keeping RONDO_BACKUP_KEEP of them
 * (0: off). It checks every hour whether the newest backup is a day old rather than sleeping
 * 24 hours, so restarts, suspends and clock changes cannot make it skip days.
 */
async function backupSchedule(app: FastifyInstance): Promise<void> {
  const { config } = app.rondo;
  if (config.backupKeep === 0) return;
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  const tick = async () => {
    if (running) return;
    running = true;
    const now = app.rondo.now();
    try {
      if (!backupDue(config.backupDir, now)) return;
      const b = await takeDailyBackup(app.rondo.store, config.backupDir, config.backupKeep, now);
      app.log.info({ backup: b.file, bytes: b.bytes }, 'daily backup written');
      await writeTx(app.rondo.store.db, (trx) =>
        audit(trx, { actor: 'system', action: 'backup.daily', target: path.basename(b.file), details: { bytes: b.bytes }, at: now }),
      );
    } catch (err) {
      app.log.error({ err }, `daily backup into ${config.backupDir} failed; it will be tried again within the hour`);
      await writeTx(app.rondo.store.db, (trx) =>
        audit(trx, {
          actor: 'system',
          action: 'backup.failed',
          details: { reason: String((err as Error).message).slice(0, 200) },
          at: now,
        }),
      ).catch(() => undefined);
    } finally {
      running = false;
    }
  };

  app.addHook('onReady', async () => {
    timer = setTimeout(function again() {
      void tick().finally(() => {
        if (timer) timer = setTimeout(again, BACKUP_CHECK_EVERY_MS).unref();
      });
    }, BACKUP_FIRST_MS).unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearTimeout(timer);
    timer = null;
  });
}

export default fp(backupSchedule, { name: 'rondo-backup-schedule' });
