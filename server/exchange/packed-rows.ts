import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Database as SQLiteDatabase } from 'better-sqlite3';

/**
 * Rows of one read-only export query, as a plain synchronous iterator. Small studies read on
 * the calling thread. From `WORKER_FROM` responses on, a worker thread (packed-worker.mjs) runs
 * the query on its own connection and streams batches back: SQLite packs the answers on one core
 * while this thread formats CSV on another, about halving the time of a big export. The reader
 * blocks (Atomics.wait) only while the worker has no batch ready, and the worker stays at most
 * `AHEAD` batches ahead, so memory stays bounded.
 */
export const WORKER_FROM = 2000;
const BATCH = 256;
const AHEAD = 8;

export interface RowSource {
  sqlite: SQLiteDatabase;
  /** Rows the query will roughly return: decides between this thread and a worker. */
  expected: number;
  /** Force one way (tests). */
  worker?: boolean;
}

export function* queryRows<T extends unknown[]>(source: RowSource, sql: string, params: unknown[]): Generator<T> {
  const file = source.sqlite.name;
  const useWorker = source.worker ?? (source.expected >= WORKER_FROM && !source.sqlite.memory && file !== '');
  if (!useWorker) {
    yield* source.sqlite.prepare(sql).raw().iterate(...params) as IterableIterator<T>;
    return;
  }
  const control = new SharedArrayBuffer(8);
  const state = new Int32Array(control);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./packed-worker.mjs', import.meta.url), {
    workerData: { file, sql, params, batch: BATCH, ahead: AHEAD, port: port2, control },
    transferList: [port2],
  });
  worker.unref();
  let finished = false;
  try {
    while (true) {
      const message = take(port1, state);
      if ('error' in message) throw new Error(`export query failed: ${message.error}`);
      if ('done' in message) {
        finished = true;
        return;
      }
      yield* message.rows as T[];
    }
  } finally {
    if (!finished) {
      // The reader stopped early (an error, or a client that went away): let the worker end.
      Atomics.store(state, 1, 1);
      Atomics.notify(state, 0);
      void worker.terminate();
    }
    port1.close();
  }
}

type Message = { rows: unknown[][] } | { done: true } | { error: string };

function take(port: MessagePort, state: Int32Array): Message {
  const started = Date.now();
  while (true) {
    const got = receiveMessageOnPort(port);
    if (got) {
      Atomics.sub(state, 0, 1);
      Atomics.notify(state, 0);
      return got.message as Message;
    }
    // Nothing ready yet: sleep until the worker posts (a message on its way: look again soon).
    const posted = Atomics.load(state, 0);
    Atomics.wait(state, 0, posted, posted > 0 ? 1 : 250);
    // This thread is blocked, so a worker's exit event cannot arrive; the worker reports its own
    // failures as messages, and a worker that vanished without one is given up after 30 s.
    if (Date.now() - started > 30_000) return { error: 'the export worker sent nothing for 30 seconds' };
  }
}
