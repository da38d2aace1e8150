import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../paths.js';

/** One read-only query for a worker: set-up statements, rows for one insert, then the query. */
export interface SqlJob {
  file: string;
  setup: string[];
  insert: string | null;
  rows: unknown[][];
  sql: string;
  params: unknown[];
}

interface Pending {
  worker: Worker;
  resolve: (rows: unknown[][]) => void;
  reject: (err: Error) => void;
}

/**
 * A small pool of worker threads (sql-worker.mjs), each with its own SQLite connection per
 * job, so a big read can use every core. Workers start on first use, are unref'd (they never
 * keep the process alive) and stay until `close()`.
 */
export class SqlWorkers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private turn = 0;

  /** By default one worker per core but one: the calling thread works too. */
  constructor(readonly size = Math.max(1, Math.min(3, (os.availableParallelism?.() ?? os.cpus().length) - 1))) {}

  run(job: SqlJob): Promise<unknown[][]> {
    const worker = this.worker();
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, ...job });
    });
  }

  private worker(): Worker {
    if (this.workers.length < this.size) {
      const worker = new Worker(path.join(ROOT, 'server/analysis/sql-worker.mjs'));
      worker.unref();
      worker.on('message', (m: { id: number; rows?: unknown[][]; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.rows!);
      });
      // A worker that fails or is stopped fails its jobs (the loader then reads on one thread).
      const fail = (err: Error) => {
        for (const [id, p] of this.pending) {
          if (p.worker !== worker) continue;
          this.pending.delete(id);
          p.reject(err);
        }
        const at = this.workers.indexOf(worker);
        if (at >= 0) this.workers.splice(at, 1);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`analysis worker stopped (exit code ${code})`)));
      this.workers.push(worker);
      return worker;
    }
    return this.workers[this.turn++ % this.workers.length];
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

let shared: SqlWorkers | null = null;

/** The process-wide pool used by the analysis loader. */
export function analysisWorkers(): SqlWorkers {
  shared ??= new SqlWorkers();
  return shared;
}

/** Stops the process-wide pool (app shutdown, end of a CLI command). */
export async function closeAnalysisWorkers(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
