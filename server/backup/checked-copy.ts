import fs from 'node:fs';
import SQLite from 'better-sqlite3';

/** The files SQLite may keep beside a database while it is open. */
const SIDECARS = ['-wal', '-shm', '-journal'];

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Removes a database file and any -wal, -shm or -journal file beside it. */
export function removeWithSidecars(file: string): void {
  for (const f of [file, ...SIDECARS.map((s) => file + s)]) fs.rmSync(f, { force: true });
}

/**
 * Copies an open database into `target` with SQLite's online backup API (consistent while the
 * server writes) and checks the copy. The copy is a WAL database like its source, and opening
 * it would leave -wal and -shm files beside it: it is switched to DELETE mode first, so a
 * backup is one self-contained file, readable by its owner only (0600). On failure nothing is
 * left at `target`.
 */
export async function writeCheckedCopy(source: SQLite.Database, target: string, check: 'quick_check' | 'integrity_check'): Promise<void> {
  try {
    await source.backup(target);
    fs.chmodSync(target, 0o600);
    const copy = new SQLite(target, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const result = copy.pragma(check, { simple: true });
      if (result !== 'ok') throw new BackupError(`the backup failed its ${check}: ${String(result)}`);
    } finally {
      copy.close();
    }
  } catch (err) {
    removeWithSidecars(target);
    throw err;
  } finally {
    for (const sidecar of SIDECARS) fs.rmSync(target + sidecar, { force: true });
  }
}
