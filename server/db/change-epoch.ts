import type SQLite from 'better-sqlite3';

/**
 * A number that changes whenever the study's setup may have changed: its definition, rounds,
 * partners, tools, questionnaire versions or respondent-group links. The respondent's hot path
 * keeps what it derives from them (the round and study of a link, the prepared form) for as
 * long as the epoch stays the same, instead of reading them again on every request.
 *
 * Two sources raise it: temporary triggers on this connection (every insert, update or delete
 * of those tables through it, by kysely or raw statements alike, calls back into JavaScript),
 * and `pragma data_version`, which changes when another connection — another process, such as
 * the CLI — commits anything. A write that is later rolled back raises it too, which only
 * costs a reread.
 *
 * Null while a transaction is open on the connection: then the connection sees writes that
 * may yet be rolled back, and nothing read in that state may be kept. Callers then read as
 * they would without this cache.
 *
 * Cost: one `pragma data_version` per synchronous stretch, against the several statements it saves.
 * In WAL mode every statement outside a transaction is a read transaction of its own, and each
 * takes and drops a lock on the -shm file (two fcntl calls, ~2 µs). A hot statement can spare
 * that second one by reading `(select data_version from pragma_data_version)` as one of its columns —
 * the same value in its own read transaction — and passing it here as `dataVersion`.
 */
export function changeEpoch(sqlite: SQLite.Database, dataVersion?: number): number | null {
  if (sqlite.inTransaction) return null;
  let w = watches.get(sqlite);
  if (!w) {
    w = install(sqlite);
    watches.set(sqlite, w);
  }
  // One look at data_version per synchronous stretch of work (a request's link lookup and its
  // form ask in turn): each look starts a read transaction. Writes of this connection in the
  // meantime still count, through the triggers.
  if (!w.checked) {
    w.checked = true;
    queueMicrotask(() => {
      w.checked = false;
    });
    const version = dataVersion ?? (w.dataVersion.get() as number);
    if (version !== w.lastDataVersion) {
      w.lastDataVersion = version;
      w.epoch++;
    }
  }
  return w.epoch;
}

/** The tables whose rows the respondent's cached link and form data come from. */
export const WATCHED_TABLES = ['study', 'round', 'partner', 'tool', 'questionnaire_version', 'group_link'] as const;

interface Watch {
  epoch: number;
  /** data_version was read in the current synchronous stretch (cleared in a microtask). */
  checked: boolean;
  lastDataVersion: number;
  dataVersion: SQLite.Statement;
}
const watches = new WeakMap<SQLite.Database, Watch>();

function install(sqlite: SQLite.Database): Watch {
  const watch: Watch = { epoch: 0, checked: false, lastDataVersion: -1, dataVersion: sqlite.prepare('pragma data_version').pluck() };
  sqlite.function('rondo_setup_changed', { deterministic: false, varargs: false }, () => {
    watch.epoch++;
    return null;
  });
  const tables = new Set(sqlite.prepare(`select name from sqlite_schema where type = 'table'`).pluck().all() as string[]);
  for (const table of WATCHED_TABLES) {
    if (!tables.has(table)) continue;
    for (const event of ['insert', 'update', 'delete']) {
      // Temporary: they live on this connection only and are never part of the database file.
      sqlite.exec(
        `create temp trigger if not exists rondo_epoch_${table}_${event} after ${event} on main.${table}
         begin select rondo_setup_changed(); end`,
      );
    }
  }
  return watch;
}
