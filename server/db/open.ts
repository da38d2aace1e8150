import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

export const DB_FILE = 'rondo.sqlite';

export class StoreError extends Error {
  constructor(
    readonly code: 'DATA_DIR' | 'NOT_SQLITE' | 'NEWER_SCHEMA' | 'MIGRATION',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface Store {
  db: Kysely<Database>;
  /** The raw connection, for pragmas, online backup and bulk reads that kysely would make slow. */
  sqlite: SQLite.Database;
  file: string;
  close(): Promise<void>;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Makes sure the data directory exists and can be written, or says why not. */
export function prepareDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Names, e-mail addresses and answers live here: only rondo's own user may read the
    // directory. Repaired at every start, for directories made by hand or by older versions.
    fs.chmodSync(dataDir, 0o700);
  } catch (err) {
    throw new StoreError(
      'DATA_DIR',
      `data directory ${dataDir} cannot be created: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const probe = path.join(dataDir, `.write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (err) {
    throw new StoreError(
      'DATA_DIR',
      `data directory ${dataDir} is not writable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** Refuses a file that exists but is not an SQLite database, before anything writes to it. */
export function assertSqliteFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new StoreError('NOT_SQLITE', `${file} cannot be read: ${(err as NodeJS.ErrnoException).code}`);
  }
  try {
    const header = Buffer.alloc(16);
    const read = fs.readSync(fd, header, 0, 16, 0);
    if (read === 0) return; // an empty file is an empty database
    if (read < 16 || !header.equals(SQLITE_HEADER)) {
      throw new StoreError('NOT_SQLITE', `${file} is not an SQLite database; rondo left it unchanged`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Makes a database file readable and writable by its owner only (0600), creating it empty
 * when `create` and it does not exist yet. SQLite gives the -wal and -shm files it creates the
 * permissions of the database file, so a database created 0600 keeps its sidecars 0600 too.
 */
function ownerOnly(file: string, create = true): void {
  try {
    if (create) fs.closeSync(fs.openSync(file, 'a', 0o600));
    fs.chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Opens the database with the settings rondo relies on: WAL with synchronous=FULL (the
 * better-sqlite3 build defaults WAL to NORMAL, which can lose acknowledged writes on power
 * loss), foreign keys on, and a busy timeout so a writer waits for another instead of failing.
 */
export function openStore(file: string, options: { readonly?: boolean } = {}): Store {
  assertSqliteFile(file);
  if (!options.readonly) ownerOnly(file);
  const sqlite = new SQLite(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
    }
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (err) {
    sqlite.close();
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StoreError('NOT_SQLITE', `${file} is not an SQLite database; rondo left it unchanged`);
    }
    throw err;
  }
  if (!options.readonly) for (const sidecar of ['-wal', '-shm']) ownerOnly(file + sidecar, false);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    sqlite,
    file,
    async close() {
      await db.destroy(); // closes the better-sqlite3 connection too
    },
  };
}
