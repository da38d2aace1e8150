// A worker thread that runs one read-only query of an export on its own SQLite connection and
// streams the rows (raw arrays) back in batches, at most a few batches ahead of the reader, so
// SQLite packs answers on one core while the export formats them on another (packed-rows.ts).
// Plain JavaScript so that it starts without the TypeScript loader.
import { workerData } from 'node:worker_threads';

const { file, sql, params, batch, ahead, port, control } = workerData;
// control[0]: messages posted and not yet taken; control[1]: 1 once the reader gave up.
const state = new Int32Array(control);
let db;
try {
  // Imported here, so that even a module that fails to load reaches the reader as an error.
  const { default: Database } = await import('better-sqlite3');
  db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  let rows = [];
  const send = () => {
    while (Atomics.load(state, 0) >= ahead && Atomics.load(state, 1) === 0) Atomics.wait(state, 0, Atomics.load(state, 0), 1000);
    if (Atomics.load(state, 1) !== 0) return false;
    Atomics.add(state, 0, 1);
    port.postMessage({ rows });
    Atomics.notify(state, 0);
    rows = [];
    return true;
  };
  let open = true;
  for (const row of db.prepare(sql).raw().iterate(...params)) {
    rows.push(row);
    if (rows.length >= batch && !(open = send())) break;
  }
  if (open) {
    if (rows.length) send();
    Atomics.add(state, 0, 1);
    port.postMessage({ done: true });
    Atomics.notify(state, 0);
  }
} catch (err) {
  Atomics.add(state, 0, 1);
  port.postMessage({ error: err instanceof Error ? err.message : String(err) });
  Atomics.notify(state, 0);
} finally {
  db?.close();
  port.close();
}
