import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/app.js';
import { BackupError, checkOffThread, writeCheckedCopy } from './checked-copy.js';

let dir: string;
beforeEach(() => {
  dir = tempDir('rondo-checked-copy-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database with one table and an index over a few hundred pages. */
function database(file: string): void {
  const db = new SQLite(file);
  db.exec('create table t (id integer primary key, v text); create index t_v on t (v)');
  const insert = db.prepare('insert into t (v) values (?)');
  db.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(`value ${i} ${'x'.repeat(40)}`);
  })();
  db.close();
}

/** Overwrites the middle of the file (table and index pages; the header stays sound). */
function damage(file: string): void {
  const fd = fs.openSync(file, 'r+');
  const size = fs.fstatSync(fd).size;
  fs.writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, Math.floor(size / 2 / 4096) * 4096);
  fs.closeSync(fd);
}

describe('the check of a backup, on a thread of its own', () => {
  it('says ok for a sound database, with either check', async () => {
    const file = path.join(dir, 'sound.sqlite');
    database(file);
    expect(await checkOffThread(file, 'quick_check')).toBe('ok');
    expect(await checkOffThread(file, 'integrity_check')).toBe('ok');
  });

  it('names what it found in a damaged database', async () => {
    const file = path.join(dir, 'damaged.sqlite');
    database(file);
    damage(file);
    const found = await checkOffThread(file, 'quick_check').catch((err: Error) => err);
    // SQLite either lists the damaged pages or refuses to read them at all.
    if (found instanceof Error) expect(found).toBeInstanceOf(BackupError);
    else expect(found).not.toBe('ok');
  });

  it('lists the problems integrity_check finds', async () => {
    const file = path.join(dir, 'stale-index.sqlite');
    database(file);
    // The index's stored definition no longer matches its entries: every row is "missing" from it.
    const db = new SQLite(file);
    db.unsafeMode(true);
    db.pragma('writable_schema = on');
    db.prepare(`update sqlite_schema set sql = 'create index t_v on t (id)' where name = 't_v'`).run();
    db.close();
    const found = await checkOffThread(file, 'integrity_check');
    expect(found).toMatch(/missing from index t_v/);
    // At most five of SQLite's lines, joined.
    expect(found.split('; ')).toHaveLength(5);
  });

  it('rejects with a BackupError when the file cannot be read', async () => {
    await expect(checkOffThread(path.join(dir, 'missing.sqlite'), 'quick_check')).rejects.toThrow(
      /the backup could not be checked: unable to open database file/,
    );
  });

  it('leaves nothing at the target when the copy of a damaged database fails its check', async () => {
    const file = path.join(dir, 'source.sqlite');
    database(file);
    damage(file);
    const source = new SQLite(file, { readonly: true });
    const target = path.join(dir, 'copy.sqlite');
    try {
      await expect(writeCheckedCopy(source, target, 'quick_check')).rejects.toThrow();
    } finally {
      source.close();
    }
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('copy'))).toEqual([]);
  });
});
