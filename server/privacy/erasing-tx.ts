import { setImmediate as turn } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/open.js';
import { connectionBusy, writeTx } from '../db/tx.js';

/**
 * A write transaction for removing personal data so that it is gone from the file, not only
 * from the tables: SQLite leaves deleted rows in free pages and in old WAL frames until they
 * happen to be overwritten. With secure_delete on, SQLite overwrites deleted content with
 * zeros; after the commit a TRUNCATE checkpoint copies the WAL into the database and empties
 * the WAL file (`checkpoint: false` leaves that to the caller, who erases in several steps).
 * (Backups taken before keep the data until they rotate out; SECURITY.md says so.)
 */
export async function erasingTx<T>(
  store: Store,
  fn: (trx: Kysely<Database>) => Promise<T>,
  options: { checkpoint?: boolean } = {},
): Promise<T> {
  const before = store.sqlite.pragma('secure_delete', { simple: true }) as number;
  let result: T;
  try {
    result = await writeTx(store.db, async (trx) => {
      await sql`pragma secure_delete = on`.execute(trx);
      return fn(trx);
    });
  } finally {
    await sql
      .raw(`pragma secure_delete = ${before === 1 ? 'on' : before === 2 ? 'fast' : 'off'}`)
      .execute(store.db)
      .catch(() => undefined);
  }
  if (options.checkpoint !== false) truncateWal(store);
  return result;
}

/** Copies the WAL into the database and empties it, so erased rows are not left in old frames. */
export function truncateWal(store: Store): void {
  try {
    // Best effort: a reader in another process can keep part of the WAL alive until it ends;
    // the next checkpoint finishes the cleanup then.
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // The erasure itself is committed.
  }
}

/** How long one erasing step may hold the server's thread and the write lock, roughly. */
export const ERASE_STEP_MS = 10;

/**
 * Erases a study's responses (each with its answers), then its participants (each with contact
 * details, invitations, attributes and mails), in erasing transactions of about ERASE_STEP_MS
 * each, letting the event loop turn between them: at 10,000 participants that is ~1.8 million
 * answer rows, which one transaction held the server for ~2.3 s to delete. The number of rows
 * per step follows the time the last step took, so a long questionnaire gets smaller steps.
 *
 * Each step is committed on its own: the caller makes sure nobody sees the study half erased
 * (deleteStudy hides it first) or accepts it (the retention job, whose deletion is due anyway
 * and which runs again after an interruption). The WAL is not truncated here: the caller's
 * last erasing transaction does that.
 */
export async function eraseStudyRowsInSteps(store: Store, studyId: number): Promise<{ responses: number; participants: number }> {
  return {
    responses: await eraseInSteps(store, 'response', studyId, 32),
    participants: await eraseInSteps(store, 'participant', studyId, 128),
  };
}

async function eraseInSteps(store: Store, table: 'response' | 'participant', studyId: number, first: number): Promise<number> {
  let after = 0;
  let per = first;
  let erased = 0;
  for (;;) {
    await turn();
    const started = performance.now();
    const n = await whenIdle(() =>
      erasingTx(
        store,
        async (trx) => {
          const rows = await trx
            .selectFrom(table as 'response')
            .select('id')
            .where('study_id', '=', studyId)
            .where('id', '>', after)
            .orderBy('id')
            .limit(per)
            .execute();
          if (!rows.length) return 0;
          after = rows[rows.length - 1].id;
          const ids = rows.map((r) => r.id);
          await trx
            .deleteFrom(table as 'response')
            .where('id', 'in', ids)
            .execute();
          return rows.length;
        },
        { checkpoint: false },
      ),
    );
    if (!n) return erased;
    erased += n;
    const took = performance.now() - started;
    // Towards ERASE_STEP_MS a step, at most doubling (a first step is slow while SQLite's cache is cold).
    per = Math.max(16, Math.min(8192, per * 2, Math.round((per * ERASE_STEP_MS) / Math.max(1, took))));
  }
}

/** How long an erasing step waits for a connection another request keeps busy before it fails. */
const BUSY_WAIT_MS = 30_000;

/**
 * Runs `step`, waiting while the connection is busy: another request may hold a statement
 * iterator open on it (a streaming read), and until that closes no transaction can begin. A step
 * of a deletion can wait (the researcher is told it takes a while); failing would leave the rest
 * to the retention job.
 */
async function whenIdle<T>(step: () => Promise<T>): Promise<T> {
  for (let waited = 0; ; waited += 10) {
    try {
      return await step();
    } catch (err) {
      if (waited >= BUSY_WAIT_MS || !connectionBusy(err)) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
