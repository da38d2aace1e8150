import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openData, type OpenedData } from '../data.js';
import { tempDir } from '../../test/helpers/app.js';
import { backupDue, dailyName, dailyTime, listDailyBackups, takeDailyBackup } from './daily-backup.js';

let dir: string;
let data: OpenedData;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeEach(async () => {
  dir = tempDir('rondo-backup-');
  data = await openData(path.join(dir, 'data'));
  data.store.sqlite
    .prepare("insert into user (email, password_hash, created_at) values ('a@example.nl', 'x', '2026-01-01T00:00:00Z')")
    .run();
});
afterEach(async () => {
  await data.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the daily backup', () => {
  it('names files after the UTC moment and reads the moment back', () => {
    const at = new Date('2026-11-23T04:05:06.789Z');
    expect(dailyName(at)).toBe('rondo-daily-20261123T040506Z.sqlite');
    expect(dailyTime(dailyName(at))).toEqual(new Date('2026-11-23T04:05:06.000Z'));
    expect(dailyTime('pre-migrate-2026.sqlite')).toBeNull();
  });

  it('writes a checked, consistent copy readable as a database', async () => {
    const backups = path.join(dir, 'backups');
    const b = await takeDailyBackup(data.store, backups, 3, new Date('2026-11-23T04:00:00Z'));
    expect(path.basename(b.file)).toBe('rondo-daily-20261123T040000Z.sqlite');
    const copy = new SQLite(b.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('select email from user').all()).toEqual([{ email: 'a@example.nl' }]);
    copy.close();
    expect(fs.statSync(b.file).mode & 0o777).toBe(0o600);
  });

  it('leaves only the backup file: no -wal, -shm or partial file beside it', async () => {
    const backups = path.join(dir, 'backups');
    const b = await takeDailyBackup(data.store, backups, 3, new Date('2026-11-23T04:00:00Z'));
    expect(fs.readdirSync(backups)).toEqual([path.basename(b.file)]);
    const copy = new SQLite(b.file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
  });

  it('keeps the newest N daily backups and never touches other files', async () => {
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    fs.writeFileSync(path.join(backups, 'pre-migrate-2026-01-01.sqlite'), 'keep me');
    fs.writeFileSync(path.join(backups, 'notes.txt'), 'keep me too');
    const start = Date.parse('2026-11-01T03:00:00Z');
    for (let d = 0; d < 5; d++) await takeDailyBackup(data.store, backups, 3, new Date(start + d * DAY));
    expect(listDailyBackups(backups).map((b) => path.basename(b.file))).toEqual([
      'rondo-daily-20261105T030000Z.sqlite',
      'rondo-daily-20261104T030000Z.sqlite',
      'rondo-daily-20261103T030000Z.sqlite',
    ]);
    expect(fs.readFileSync(path.join(backups, 'pre-migrate-2026-01-01.sqlite'), 'utf8')).toBe('keep me');
    expect(fs.existsSync(path.join(backups, 'notes.txt'))).toBe(true);
  });

  it('is due when there is none, a day after the last one, and when the clock was set back', async () => {
    const backups = path.join(dir, 'backups');
    const t0 = new Date('2026-11-23T03:00:00Z');
    expect(backupDue(backups, t0)).toBe(true);
    await takeDailyBackup(data.store, backups, 3, t0);
    expect(backupDue(backups, new Date(t0.getTime() + 12 * HOUR))).toBe(false);
    expect(backupDue(backups, new Date(t0.getTime() + DAY))).toBe(true);
    // The clock jumps back a year: the "newest" backup lies in the future and does not count.
    const back = new Date(t0.getTime() - 365 * DAY);
    expect(backupDue(backups, back)).toBe(true);
    await takeDailyBackup(data.store, backups, 3, back);
    expect(backupDue(backups, new Date(back.getTime() + HOUR))).toBe(false);
  });

  it('leaves no file that looks like a good backup when it fails halfway', async () => {
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    // The target name is taken by a directory: the final rename fails after the copy.
    const at = new Date('2026-11-23T03:00:00Z');
    fs.mkdirSync(path.join(backups, dailyName(at)));
    fs.writeFileSync(path.join(backups, dailyName(at), 'x'), '');
    await expect(takeDailyBackup(data.store, backups, 3, at)).rejects.toThrow();
    expect(fs.readdirSync(backups).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('removes partial files left by a crash once they are an hour old', async () => {
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    const stale = path.join(backups, 'rondo-daily-20261101T030000Z.sqlite.partial');
    const young = path.join(backups, 'rondo-daily-20261122T030000Z.sqlite.partial');
    fs.writeFileSync(stale, 'half');
    fs.writeFileSync(young, 'half');
    const old = new Date(Date.now() - 2 * HOUR);
    fs.utimesSync(stale, old, old);
    await takeDailyBackup(data.store, backups, 3, new Date('2026-11-23T03:00:00Z'));
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(young)).toBe(true);
  });
});
