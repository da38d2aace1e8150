import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { assertSqliteFile, DB_FILE, openStore } from '../db/open.js';
import { MIGRATIONS_DIR, migrationFiles } from '../db/migrate.js';
import { verifyAuditChain, type ChainCheck } from '../audit.js';
import { BackupError } from './daily-backup.js';

export interface RestoreResult {
  dataDir: string;
  studies: number;
  responses: number;
  audit: ChainCheck;
  /** Migrations this rondo has and the backup does not: applied on the next start. */
  pending: string[];
  secretRestored: boolean;
}

/**
 * Restores a backup into an empty data directory, checking before anything is final:
 * - the target holds nothing (a restore never overwrites a database);
 * - the file is SQLite and passes `PRAGMA integrity_check` and `foreign_key_check`;
 * - it was written by this rondo or an older one (no unknown migrations);
 * - the audit chain verifies (unless `ignoreAudit`: a broken chain is shown, not hidden).
 * The checks run on the copy in the target directory, so the backup file itself is only read,
 * and the copy gets its final name only after passing them.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  options: { secretFile?: string; ignoreAudit?: boolean } = {},
): Promise<RestoreResult> {
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new BackupError(`${source} does not exist or is not a file`);
  assertSqliteFile(source);
  if (fs.statSync(source).size === 0) throw new BackupError(`${source} is empty`);
  let secret: string | null = null;
  if (options.secretFile) {
    secret = fs.readFileSync(options.secretFile, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(secret)) throw new BackupError(`${options.secretFile} does not hold a 64-digit hex secret`);
  }

  const target = path.resolve(dataDir);
  const created = !fs.existsSync(target);
  if (!created) {
    if (!fs.statSync(target).isDirectory()) throw new BackupError(`${target} is not a directory`);
    const entries = fs.readdirSync(target);
    if (entries.length)
      throw new BackupError(
        `${target} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); restore into an empty or new directory`,
      );
  }
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  const temp = path.join(target, `.restore-${process.pid}.sqlite`);
  const cleanUp = () => {
    for (const f of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) fs.rmSync(f, { force: true });
    if (created) fs.rmSync(target, { recursive: true, force: true });
  };
  try {
    fs.copyFileSync(source, temp);
    const check = checkCopy(temp);
    const store = openStore(temp, { readonly: true });
    let audit: ChainCheck;
    try {
      audit = await verifyAuditChain(store.db);
    } finally {
      await store.close();
    }
    if (!audit.ok && !options.ignoreAudit)
      throw new BackupError(`the audit chain in the backup is broken: ${audit.reason}; restore with --ignore-audit to restore it anyway`);
    fs.renameSync(temp, path.join(target, DB_FILE));
    if (secret) fs.writeFileSync(path.join(target, 'secret.key'), secret + '\n', { mode: 0o600, flag: 'wx' });
    return { dataDir: target, ...check, audit, secretRestored: !!secret };
  } catch (err) {
    cleanUp();
    if ((err as { code?: string }).code === 'SQLITE_CORRUPT' || (err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new BackupError(`${source} is damaged: ${(err as Error).message}`);
    }
    throw err;
  }
}

function checkCopy(file: string): { studies: number; responses: number; pending: string[] } {
  // Opened read-write so a WAL-mode copy can be read without its (absent) -wal file; nothing
  // is written. The journal mode goes to DELETE so no -wal or -shm file is left behind.
  const db = new SQLite(file, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`the backup fails its integrity check: ${String(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) throw new BackupError(`the backup has ${fk.length} broken references (foreign_key_check)`);
    const hasMigrations = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!hasMigrations) throw new BackupError('the file is an SQLite database but not a rondo database');
    const applied = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
    const known = migrationFiles(MIGRATIONS_DIR).map((m) => m.name);
    const unknown = applied.filter((n) => !known.includes(n));
    if (unknown.length)
      throw new BackupError(`the backup was written by a newer rondo (migration ${unknown[unknown.length - 1]}); upgrade rondo first`);
    const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const result = { studies: count('study'), responses: count('response'), pending: known.filter((n) => !applied.includes(n)) };
    db.pragma('journal_mode = DELETE');
    return result;
  } finally {
    db.close();
  }
}
