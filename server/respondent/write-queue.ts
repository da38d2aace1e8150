import fs from 'node:fs';
import type SQLite from 'better-sqlite3';
import type { Store } from '../db/open.js';
import { connectionBusy, writeTx } from '../db/tx.js';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** A batch committed with synchronous=NORMAL: its jobs are answered once the WAL has been fsynced. */
interface Committed {
  batch: Job[];
  results: { ok: boolean; value?: unknown; err?: unknown }[];
}

export interface WriteQueueOptions {
  /**
   * Makes the WAL durable (default: fsync of the `-wal` file on libuv's thread pool). Tests only:
   * a sync they hold open or fail.
   */
  sync?: () => Promise<void>;
}

/** The WAL's file descriptor of each queue, closed when the queue is collected. */
const walFiles = new FinalizationRegistry<{ fd: number | null }>((wal) => {
  if (wal.fd !== null) fs.close(wal.fd, () => {});
});

/**
 * Group commit for the respondent's writes. With synchronous=FULL every commit waits for the
 * disk (an fsync of the WAL), and that wait, not the work, limits how many submissions a
 * second one SQLite file takes. Writes that arrive together therefore share one transaction:
 * a job that throws is rolled back alone and fails alone, and every job is answered only after
 * the commit and the fsync that makes it durable (below), so an acknowledged submission is on
 * disk exactly as with a transaction of its own.
 *
 * Savepoints only when a job fails: the jobs first run one after another without them (a
 * savepoint makes SQLite copy every page a job changes to the statement journal first, and jobs
 * rarely fail). When one throws, the whole transaction is rolled back and the batch runs again,
 * each job under a savepoint of its own, as the writeTx path below always does. So a job may run
 * twice: its work must change nothing but the database through this connection (and `memo`).
 *
 * Jobs are synchronous functions of prepared better-sqlite3 statements: nothing else runs on
 * the connection between their first read and the commit. The transaction is writeTx's
 * (BEGIN IMMEDIATE), so writes of other areas simply queue behind it.
 *
 * The commit's fsync off the event loop (group commit as database servers do it): the prepared
 * path commits with `synchronous = NORMAL`, set for that one commit and back to FULL right after
 * it (or the rollback), so every other writer and the writeTx path below keep FULL. The batch is
 * then made durable by an fsync of the `-wal` file on libuv's thread pool, and its jobs are
 * answered only when that fsync has completed; meanwhile the event loop parses and validates the
 * next requests and commits the next batch. At most one fsync is in flight: batches committed while
 * it runs wait for the next one, which starts as soon as it ends and covers them all.
 *
 * Why this is as durable as FULL: in WAL mode FULL and NORMAL differ only in the fsync of the WAL
 * at each commit (SQLite, pragma synchronous). NORMAL still syncs the WAL before every checkpoint,
 * the database after it, and the WAL header when the WAL is reused, so the database is never
 * corrupt whatever happens; and an fsync of any descriptor of a file flushes all of that file's
 * pages, so once ours has returned every frame the batch's commit wrote (with write(2), before the
 * commit returned) is on disk. A killed process loses nothing either way (its writes are in the
 * operating system's cache). The difference from FULL: between the commit and the fsync (about a
 * millisecond) another connection or request can already read the batch, which a power failure in
 * that moment would lose; its own senders are not answered until it is on disk.
 *
 * If an fsync fails, every job waiting for it (or for the next one) is rejected, as a failed commit
 * is, and later batches commit with FULL again (answered at commit): never acknowledge what may not
 * be on disk.
 */
export class WriteQueue {
  private jobs: Job[] = [];
  private draining = false;
  /** Transactions committed, jobs in them and WAL fsyncs, for the benchmark's report. */
  readonly stats = { batches: 0, jobs: 0, syncs: 0, redone: 0 };
  /** Batches committed with NORMAL whose fsync has not started yet. */
  private unsynced: Committed[] = [];
  private syncing = false;
  /** An fsync failed: commit with FULL from now on. */
  private fullOnly = false;
  private readonly sync: () => Promise<void>;
  private readonly wal: { fd: number | null; ino: number } = { fd: null, ino: -1 };
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
    options: WriteQueueOptions = {},
  ) {
    this.sync = options.sync ?? (() => this.fsyncWal());
    walFiles.register(this, this.wal);
  }

  /**
   * Runs `work` in the next shared transaction; resolves with its result once committed and on disk.
   * `work` may run twice (when another job of its batch fails): it must only write through this connection.
   */
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
  private async transaction(body: (own: boolean) => void): Promise<'normal' | 'full'> {
    const sqlite = this.store.sqlite;
    for (let waited = 0; ; waited += 10) {
      let began = false;
      try {
        if (sqlite.inTransaction) {
          await writeTx(this.store.db, async () => {
            began = true;
            body(false);
          });
          return 'full';
        }
        const st = this.statements();
        const normal = !this.fullOnly;
        // exec, not a prepared statement: SQLite applies `pragma synchronous` when the statement is
        // prepared, so running a prepared one again does nothing (a test asserts the level seen).
        if (normal) sqlite.exec('pragma synchronous = NORMAL');
        try {
          st.begin.run();
          began = true;
          try {
            body(true);
            st.commit.run();
          } catch (err) {
            if (sqlite.inTransaction) st.rollback.run();
            throw err;
          }
        } finally {
          if (normal) sqlite.exec('pragma synchronous = FULL');
        }
        return normal ? 'normal' : 'full';
      } catch (err) {
        if (began || !connectionBusy(err)) throw err;
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
        const results: Committed['results'] = [];
        let synchronous: 'normal' | 'full';
        try {
          synchronous = await this.transaction((own) => {
            const st = this.statements();
            this.memo.clear();
            if (own) {
              // The queue's own transaction: the jobs without savepoints first (see the class).
              let failed = false;
              for (const job of batch) {
                try {
                  results.push({ ok: true, value: job.work() });
                } catch (err) {
                  // After some errors (a full disk, an I/O error) SQLite has already rolled back
                  // the whole transaction: then the batch fails as one, and nothing of it is kept.
                  if (!sqlite.inTransaction) throw err;
                  failed = true;
                  break;
                }
              }
              if (!failed) return;
              // Undo the whole batch and run it again, each job under a savepoint of its own.
              this.memo.clear();
              results.length = 0;
              this.stats.redone++;
              st.rollback.run();
              st.begin.run();
            }
            for (const job of batch) {
              st.savepoint.run();
              try {
                results.push({ ok: true, value: job.work() });
                st.release.run();
              } catch (err) {
                this.memo.clear();
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
        if (synchronous === 'full') answer({ batch, results });
        else {
          this.unsynced.push({ batch, results });
          if (!this.syncing) void this.syncLoop();
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Fsyncs the WAL for the batches committed since the last fsync began, one fsync at a time. */
  private async syncLoop(): Promise<void> {
    this.syncing = true;
    try {
      while (this.unsynced.length) {
        const covered = this.unsynced;
        this.unsynced = [];
        try {
          await this.sync();
        } catch (err) {
          // Not known to be on disk: fail them, and what was committed meanwhile (its pages may
          // have been in the failed fsync), and commit with FULL from now on.
          this.fullOnly = true;
          this.closeWal();
          const failed = Object.assign(new Error('the write-ahead log could not be synced to disk'), {
            code: (err as { code?: string }).code ?? 'EIO',
            cause: err,
          });
          for (const c of [...covered, ...this.unsynced.splice(0)]) for (const job of c.batch) job.reject(failed);
          continue;
        }
        this.stats.syncs++;
        for (const c of covered) answer(c);
      }
    } finally {
      this.syncing = false;
    }
  }

  /** fsync of the `-wal` file, opened once and opened again if the file was replaced (another inode). */
  private async fsyncWal(): Promise<void> {
    const file = `${this.store.file}-wal`;
    // A stat of the path on the event loop (a few µs, no disk access: the inode is cached) rather
    // than one more round trip through the thread pool before every fsync.
    if (this.wal.fd === null || fs.statSync(file).ino !== this.wal.ino) {
      this.closeWal();
      const fd = fs.openSync(file, 'r+');
      this.wal.fd = fd;
      this.wal.ino = fs.fstatSync(fd).ino; // the file opened, even if the path changed again since
    }
    const fd = this.wal.fd;
    await new Promise<void>((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve())));
  }

  private closeWal(): void {
    if (this.wal.fd !== null) fs.close(this.wal.fd, () => {});
    this.wal.fd = null;
    this.wal.ino = -1;
  }
}

function answer({ batch, results }: Committed): void {
  batch.forEach((job, i) => (results[i].ok ? job.resolve(results[i].value) : job.reject(results[i].err)));
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
