import type SQLite from 'better-sqlite3';
import type { Store } from '../db/open.js';
import { writeTx } from '../db/tx.js';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the respondent's writes. With synchronous=FULL every commit waits for the
 * disk (an fsync of the WAL), and that wait, not the work, limits how many submissions a
 * second one SQLite file takes. Writes that arrive together therefore share one transaction:
 * each job runs inside it under a savepoint of its own (a job that throws is rolled back alone
 * and fails alone), and every job is answered only after the commit, so an acknowledged
 * submission is on disk exactly as with a transaction of its own.
 *
 * Jobs are synchronous functions of prepared better-sqlite3 statements: nothing else runs on
 * the connection between their first read and the commit. The transaction is writeTx's
 * (BEGIN IMMEDIATE), so writes of other areas simply queue behind it.
 */
export class WriteQueue {
  private jobs: Job[] = [];
  private draining = false;
  /** Transactions committed and jobs in them, for the benchmark's report. */
  readonly stats = { batches: 0, jobs: 0 };
  /**
   * What the jobs of the current shared transaction may remember between them (the packed
   * answer layouts a submission looked up: packedCopy). Valid only while nothing it was read from
   * can change: emptied when a transaction begins, after a job fails (its savepoint rolled back,
   * maybe with a row it had written and remembered) and when the transaction ends, committed or
   * not. While the transaction is open it holds the database's write lock and no other code runs
   * on the connection, so nothing else can change what it holds.
   */
  readonly memo = new Map<string, unknown>();

  constructor(
    private readonly store: Store,
    private readonly maxBatch = 128,
  ) {}

  /** Runs `work` in the next shared transaction; resolves with its result once committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  /**
   * One write transaction (BEGIN IMMEDIATE, as writeTx), waiting while the connection is busy:
   * another request may hold a statement iterator open on it (a streaming export waiting for
   * its reader), and until that closes no write can begin — reads still can. That is waited out
   * for a few seconds rather than failing the respondent's save; after that the batch fails
   * with SQLITE_BUSY, which the API answers with 503 and Retry-After.
   *
   * This is a named hot path: begin, the jobs and commit run as prepared better-sqlite3
   * statements in one synchronous step, without kysely's promises around each. That is safe
   * when no other transaction is open on the connection (kysely's queries also run on it
   * synchronously, and no JavaScript runs between our begin and commit); while one is (another
   * area's writeTx, waiting for something between its statements), the batch goes through
   * writeTx and so waits its turn on kysely's connection.
   */
  private async transaction(body: () => void): Promise<void> {
    const sqlite = this.store.sqlite;
    for (let waited = 0; ; waited += 10) {
      let began = false;
      try {
        if (sqlite.inTransaction) {
          await writeTx(this.store.db, async () => {
            began = true;
            body();
          });
        } else {
          const st = this.statements();
          st.begin.run();
          began = true;
          try {
            body();
            st.commit.run();
          } catch (err) {
            if (sqlite.inTransaction) st.rollback.run();
            throw err;
          }
        }
        return;
      } catch (err) {
        if (began || !(err instanceof TypeError) || !/busy executing a query/.test(err.message)) throw err;
        if (waited >= 3000) throw Object.assign(new Error('the database connection stayed busy'), { code: 'SQLITE_BUSY' });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }

  private prepared: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo', SQLite.Statement> | null = null;
  private statements() {
    if (!this.prepared) {
      const sqlite = this.store.sqlite;
      this.prepared = {
        begin: sqlite.prepare('begin immediate'),
        commit: sqlite.prepare('commit'),
        rollback: sqlite.prepare('rollback'),
        savepoint: sqlite.prepare('savepoint respondent_job'),
        release: sqlite.prepare('release respondent_job'),
        rollbackTo: sqlite.prepare('rollback to respondent_job'),
      };
    }
    return this.prepared;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    const sqlite = this.store.sqlite;
    try {
      while (this.jobs.length) {
        // One turn of the event loop: requests that arrived while the last batch was being
        // committed are parsed and join this batch.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = this.jobs.splice(0, this.maxBatch);
        const results: { ok: boolean; value?: unknown; err?: unknown }[] = [];
        try {
          await this.transaction(() => {
            const st = this.statements();
            this.memo.clear();
            for (const job of batch) {
              st.savepoint.run();
              try {
                results.push({ ok: true, value: job.work() });
                st.release.run();
              } catch (err) {
                this.memo.clear();
                // After some errors (a full disk, an I/O error) SQLite has already rolled back
                // the whole transaction: then the batch fails as one, and nothing of it is kept.
                if (!sqlite.inTransaction) throw err;
                try {
                  st.rollbackTo.run();
                  st.release.run();
                } catch {
                  throw err;
                }
                results.push({ ok: false, err });
              }
            }
          });
        } catch (err) {
          // The commit itself failed (disk full, I/O error): nothing of the batch is stored.
          for (const job of batch) job.reject(err);
          continue;
        } finally {
          this.memo.clear();
        }
        this.stats.batches++;
        this.stats.jobs += batch.length;
        batch.forEach((job, i) => (results[i].ok ? job.resolve(results[i].value) : job.reject(results[i].err)));
      }
    } finally {
      this.draining = false;
    }
  }
}

const queues = new WeakMap<Store, WriteQueue>();

/** The store's one respondent write queue. */
export function writeQueue(store: Store): WriteQueue {
  let q = queues.get(store);
  if (!q) {
    q = new WriteQueue(store);
    queues.set(store, q);
  }
  return q;
}
