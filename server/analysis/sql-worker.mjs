// A worker thread that runs one read-only SQL job on its own SQLite connection and returns
// the rows (raw arrays). Plain JavaScript so that it starts without the TypeScript loader;
// the SQL comes from load-input.ts. Used to build the answer strings of a big study's responses
// without a packed copy from their rows on several cores at once (see sql-workers.ts), and to
// check a backup off the server's thread (server/backup/checked-copy.ts).
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';

parentPort.on('message', (job) => {
  let db;
  try {
    db = new Database(job.file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    for (const statement of job.setup) db.exec(statement);
    const insert = job.insert ? db.prepare(job.insert) : null;
    for (const row of job.rows) insert.run(...row);
    const rows = db
      .prepare(job.sql)
      .raw()
      .all(...job.params);
    parentPort.postMessage({ id: job.id, rows });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  } finally {
    db?.close();
  }
});
