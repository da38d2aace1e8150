import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/open.js';
import { writeTx } from '../db/tx.js';

/**
 * A write transaction for removing personal data so that it is gone from the file, not only
 * from the tables: SQLite leaves deleted rows in free pages and in old WAL frames until they
 * happen to be overwritten. With secure_delete on, SQLite overwrites deleted content with
 * zeros; after the commit a TRUNCATE checkpoint copies the WAL into the database and empties
 * the WAL file. (Backups taken before keep the data until they rotate out; SECURITY.md says so.)
 */
export async function erasingTx<T>(store: Store, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
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
  try {
    // Best effort: a reader in another process can keep part of the WAL alive until it ends;
    // the next checkpoint finishes the cleanup then.
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // The erasure itself is committed.
  }
  return result;
}
