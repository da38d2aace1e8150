import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { changeEpoch } from './change-epoch.js';

/**
 * The change epoch: the respondent's hot path keeps the round, study and prepared form while it
 * stays the same, so it must change on every write to the setup tables, from this connection or
 * another, and must not be offered while a transaction could still roll back.
 */
describe('changeEpoch', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-epoch-'));
  const file = path.join(dir, 'db.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec(`create table study (id integer primary key, definition text);
    create table round (id integer primary key, label text);
    create table partner (id integer primary key, name text);
    create table answer (id integer primary key, code integer);
    insert into study values (1, '{}'); insert into round values (1, 'a'); insert into partner values (1, 'p');`);
  afterAll(() => {
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stays the same while nothing of the setup changes, also when other tables are written', () => {
    const first = changeEpoch(sqlite);
    expect(first).not.toBeNull();
    sqlite.prepare('insert into answer (code) values (?)').run(3);
    expect(changeEpoch(sqlite)).toBe(first);
    expect(changeEpoch(sqlite)).toBe(first);
  });

  it('changes on an insert, update or delete of a setup table through this connection', () => {
    for (const write of [
      'update partner set name = ? where id = 1',
      'insert into round (label) values (?)',
      'delete from round where label = ?',
      'update study set definition = ? where id = 1',
    ]) {
      const before = changeEpoch(sqlite);
      sqlite.prepare(write).run(write.includes('delete') ? 'a' : 'x');
      expect(changeEpoch(sqlite), write).not.toBe(before);
    }
  });

  it('changes when another connection commits, whatever it wrote, from the next stretch of work on', async () => {
    const before = changeEpoch(sqlite);
    const other = new SQLite(file);
    try {
      other.prepare('update partner set name = ? where id = 1').run('renamed elsewhere');
      other.prepare('insert into answer (code) values (?)').run(1);
    } finally {
      other.close();
    }
    // data_version is read once per synchronous stretch (a request's lookups): the next one sees it.
    expect(changeEpoch(sqlite)).toBe(before);
    await new Promise((resolve) => setImmediate(resolve));
    const after = changeEpoch(sqlite);
    expect(after).not.toBe(before);
    const unrelated = new SQLite(file);
    unrelated.prepare('insert into answer (code) values (?)').run(2);
    unrelated.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(changeEpoch(sqlite), 'any commit of another connection counts').not.toBe(after);
  });

  it("takes the data_version a caller's statement read in its own read transaction, and reads none itself then", async () => {
    const stretch = () => new Promise((resolve) => setImmediate(resolve));
    const version = sqlite.prepare('select count(*), (select data_version from pragma_data_version) from partner').raw();
    await stretch();
    const read = (version.get() as [number, number])[1];
    const before = changeEpoch(sqlite, read);
    const other = new SQLite(file);
    other.prepare('insert into answer (code) values (?)').run(4);
    other.close();
    await stretch();
    // The version passed is the one compared: had it read data_version itself, it would have seen the commit.
    expect(changeEpoch(sqlite, read)).toBe(before);
    await stretch();
    const now = (version.get() as [number, number])[1];
    expect(now).not.toBe(read);
    expect(now).toBe(sqlite.pragma('data_version', { simple: true }));
    expect(changeEpoch(sqlite, now)).not.toBe(before);
  });

  it('is null inside a transaction, and changes after a rolled-back write', () => {
    const before = changeEpoch(sqlite);
    sqlite.exec('begin');
    sqlite.prepare('update partner set name = ? where id = 1').run('never committed');
    expect(changeEpoch(sqlite)).toBeNull();
    sqlite.exec('rollback');
    const after = changeEpoch(sqlite);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });
});
