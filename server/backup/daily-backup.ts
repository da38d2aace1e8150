import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../db/open.js';
import { removeWithSidecars, writeCheckedCopy } from './checked-copy.js';

/** Daily backups are named after the UTC moment they were taken; nothing else is rotated. */
export const DAILY_PATTERN = /^rondo-daily-(\d{8}T\d{6}Z)\.sqlite$/;
const PARTIAL_SUFFIX = '.partial';

export function dailyName(at: Date): string {
  return `rondo-daily-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z')}.sqlite`;
}

/** The moment a daily backup's name records, or null for any other file. */
export function dailyTime(name: string): Date | null {
  const m = DAILY_PATTERN.exec(name);
  if (!m) return null;
  const s = m[1];
  return new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
}

export interface DailyBackup {
  file: string;
  at: Date;
  bytes: number;
}

/** The daily backups in a directory, newest first. */
export function listDailyBackups(dir: string): DailyBackup[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .map((name) => ({ name, at: dailyTime(name) }))
    .filter((x): x is { name: string; at: Date } => x.at !== null)
    .sort((a, b) => (a.name < b.name ? 1 : -1))
    .map((x) => ({ file: path.join(dir, x.name), at: x.at, bytes: fs.statSync(path.join(dir, x.name)).size }));
}

export { BackupError } from './checked-copy.js';

/**
 * Takes one online backup into `dir` with SQLite's backup API (consistent while the server
 * writes), checks it, and only then gives it its final name: a crash or a full disk halfway
 * leaves a `.partial` file, never a file that looks like a good backup. Then rotates: keeps the
 * `keep` newest daily backups and removes older ones and stale partial files. Other files in
 * the directory (pre-migration backups, manual ones) are never touched.
 */
export async function takeDailyBackup(store: Store, dir: string, keep: number, now: Date): Promise<DailyBackup> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = dailyName(now);
  const final = path.join(dir, name);
  const partial = final + PARTIAL_SUFFIX;
  fs.rmSync(partial, { force: true });
  try {
    // quick_check: the structure of every page, in a fraction of integrity_check's time.
    await writeCheckedCopy(store.sqlite, partial, 'quick_check');
    fs.renameSync(partial, final);
  } catch (err) {
    removeWithSidecars(partial);
    throw err;
  }
  rotate(dir, keep, name, now);
  return { file: final, at: now, bytes: fs.statSync(final).size };
}

/**
 * Keeps the `keep` newest daily backups (always including `justTaken`) and removes stale
 * partial files. Backups dated in the future (the clock was set back since) count as the
 * oldest: the backups taken since hold the newer database.
 */
function rotate(dir: string, keep: number, justTaken: string, now: Date): void {
  const all = byRecency(listDailyBackups(dir), now);
  const keepNames = new Set([justTaken, ...all.slice(0, Math.max(keep, 1)).map((b) => path.basename(b.file))]);
  for (const b of all) if (!keepNames.has(path.basename(b.file))) fs.rmSync(b.file, { force: true });
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith(PARTIAL_SUFFIX) && DAILY_PATTERN.test(name.slice(0, -PARTIAL_SUFFIX.length))) {
      const full = path.join(dir, name);
      // A partial file of another process's backup in progress is young; leave it alone.
      if (Date.now() - fs.statSync(full).mtimeMs > 60 * 60_000) fs.rmSync(full, { force: true });
    }
  }
}

/**
 * Whether a daily backup is due: none yet, or the newest is (nearly) a day old. Backups dated
 * in the future (the clock was set back) do not count: waiting for them would mean no backup
 * until the clock catches up.
 */
export function backupDue(dir: string, now: Date): boolean {
  const newest = byRecency(listDailyBackups(dir), now)[0];
  if (!newest) return true;
  const age = now.getTime() - newest.at.getTime();
  return age >= 24 * 60 * 60_000 - 5 * 60_000 || age < -60 * 60_000;
}

/** Newest first, but backups dated more than an hour ahead of `now` last. */
function byRecency(backups: DailyBackup[], now: Date): DailyBackup[] {
  const future = (b: DailyBackup) => b.at.getTime() > now.getTime() + 60 * 60_000;
  return [...backups.filter((b) => !future(b)), ...backups.filter(future)];
}
