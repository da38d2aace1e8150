import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * Runs `fn` in a write transaction that starts with BEGIN IMMEDIATE, so it takes the write
 * lock up front: a deferred BEGIN that reads and later writes can fail with SQLITE_BUSY when
 * another connection wrote in between, which no busy timeout can fix. Rolls back on any error,
 * so a failed operation leaves nothing behind.
 */
export async function writeTx<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

export type { Transaction };

/**
 * better-sqlite3's refusal to start a statement while another request holds a statement iterator
 * open on the connection (a streaming read): waited out by the respondent's write queue and the
 * study deletion's erasing steps.
 */
export function connectionBusy(err: unknown): boolean {
  return err instanceof TypeError && /busy executing a query/.test(err.message);
}
