import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { openData } from '../data.js';
import { createDemoStudy } from '../studies/demo.js';
import { tempDir } from '../../test/helpers/app.js';
import { restoreBackup } from './restore.js';

const root = tempDir('rondo-restore-');
const dir = (name: string) => path.join(root, name);
let backupFile: string;
let secretFile: string;

beforeAll(async () => {
  const data = await openData(dir('source'));
  await createDemoStudy(data.store.db, data.secret);
  for (const action of ['login', 'round.close', 'export.data'])
    await writeTx(data.store.db, (trx) => audit(trx, { actor: 'system', action }));
  backupFile = dir('backup.sqlite');
  await data.store.sqlite.backup(backupFile);
  secretFile = path.join(dir('source'), 'secret.key');
  await data.store.close();
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function copyOf(name: string, change?: (db: SQLite.Database) => void): string {
  const file = dir(name);
  fs.copyFileSync(backupFile, file);
  if (change) {
    const db = new SQLite(file);
    change(db);
    db.close();
  }
  return file;
}

describe('restoring a backup', () => {
  it('copies a checked database and the secret into a new directory, leaving the backup as it was', async () => {
    const before = fs.readFileSync(backupFile);
    const r = await restoreBackup(backupFile, dir('new/data'), { secretFile });
    expect(r).toMatchObject({ studies: 1, responses: 58, audit: { ok: true, rows: 3 }, pending: [], secretRestored: true });
    expect(fs.readdirSync(dir('new/data')).sort()).toEqual(['rondo.sqlite', 'secret.key']);
    expect(fs.readFileSync(backupFile).equals(before)).toBe(true);
    expect(fs.readdirSync(root).filter((f) => f.startsWith('backup.sqlite-'))).toEqual([]); // no -wal/-shm beside the backup
    const data = await openData(dir('new/data'));
    expect(data.store.sqlite.prepare('select count(*) n from participant_contact').get()).toEqual({ n: 34 });
    await data.store.close();
  });

  it('restores into an existing empty directory', async () => {
    fs.mkdirSync(dir('empty'));
    await expect(restoreBackup(backupFile, dir('empty'))).resolves.toMatchObject({ secretRestored: false });
  });

  it('never overwrites: a directory that holds anything is refused and left as it was', async () => {
    fs.mkdirSync(dir('live'));
    fs.writeFileSync(path.join(dir('live'), 'rondo.sqlite'), 'the live database');
    await expect(restoreBackup(backupFile, dir('live'))).rejects.toThrow(
      /is not empty \(rondo\.sqlite\); restore into an empty or new directory/,
    );
    expect(fs.readdirSync(dir('live'))).toEqual(['rondo.sqlite']);
    expect(fs.readFileSync(path.join(dir('live'), 'rondo.sqlite'), 'utf8')).toBe('the live database');
  });

  it('refuses a damaged backup and leaves nothing behind', async () => {
    const damaged = dir('damaged.sqlite');
    const bytes = fs.readFileSync(backupFile);
    const pageSize = bytes.readUInt16BE(16);
    // Noise over the middle of page 3 (a table's b-tree page); the file header stays valid.
    for (let i = pageSize * 2 + 8; i < pageSize * 3 - 8; i++) bytes[i] = (i * 7919) & 0xff;
    fs.writeFileSync(damaged, bytes);
    await expect(restoreBackup(damaged, dir('never'))).rejects.toThrow(/integrity check|is damaged/);
    expect(fs.existsSync(dir('never'))).toBe(false);
  });

  it('refuses what is not a rondo backup', async () => {
    fs.writeFileSync(dir('contacts.csv'), 'name,email\nAnouk,anouk@example.nl\n');
    const other = new SQLite(dir('other.sqlite'));
    other.exec('create table t (x)');
    other.close();
    fs.writeFileSync(dir('empty.sqlite'), '');
    await expect(restoreBackup(dir('contacts.csv'), dir('t1'))).rejects.toThrow(/is not an SQLite database/);
    await expect(restoreBackup(dir('other.sqlite'), dir('t2'))).rejects.toThrow(/not a rondo database/);
    await expect(restoreBackup(dir('empty.sqlite'), dir('t3'))).rejects.toThrow(/is empty/);
    await expect(restoreBackup(dir('missing.sqlite'), dir('t4'))).rejects.toThrow(/does not exist/);
    await expect(restoreBackup(backupFile, dir('t5'), { secretFile: dir('contacts.csv') })).rejects.toThrow(
      /does not hold a 64-digit hex secret/,
    );
    for (const t of ['t1', 't2', 't3', 't4', 't5']) expect(fs.existsSync(dir(t))).toBe(false);
  });

  it('refuses a backup written by a newer rondo', async () => {
    const newer = copyOf('newer.sqlite', (db) =>
      db.prepare("insert into kysely_migration (name, timestamp) values ('29991231_0001_future', '2999-12-31T00:00:00.000Z')").run(),
    );
    await expect(restoreBackup(newer, dir('t6'))).rejects.toThrow(/written by a newer rondo \(migration 29991231_0001_future\)/);
  });

  it('names pending migrations of an older backup, which the next start applies', async () => {
    const older = copyOf('older.sqlite', (db) =>
      db.prepare('delete from kysely_migration where name = (select max(name) from kysely_migration)').run(),
    );
    const r = await restoreBackup(older, dir('t7'));
    expect(r.pending).toHaveLength(1);
  });

  it('refuses a broken audit chain unless told to go on, and reports it then', async () => {
    const tampered = copyOf('tampered.sqlite', (db) => {
      db.exec('drop trigger audit_log_no_update');
      db.prepare("update audit_log set actor = 'someone else' where id = 2").run();
    });
    await expect(restoreBackup(tampered, dir('t8'))).rejects.toThrow(
      /audit chain in the backup is broken: row 2 was changed after it was written; restore with --ignore-audit/,
    );
    expect(fs.existsSync(dir('t8'))).toBe(false);
    const r = await restoreBackup(tampered, dir('t9'), { ignoreAudit: true });
    expect(r.audit).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
