import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, openStore, StoreError } from '../../server/db/open.js';
import { MIGRATIONS_DIR, migrateToLatest, migrationFiles } from '../../server/db/migrate.js';
import { openData } from '../../server/data.js';
import { writeTx } from '../../server/db/tx.js';
import fc from 'fast-check';
import { tempDir } from '../helpers/app.js';
import { packedCopies } from '../helpers/packed.js';
import { genStudy, seedStudy } from '../exchange/fixture.js';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the SQLite store', () => {
  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const store = openStore(path.join(dir(), DB_FILE));
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    await store.close();
  });

  it('keeps the data directory 0700 and the database and its WAL files 0600, also repairing them at start', async () => {
    const d = path.join(dir(), 'data');
    const modes = () =>
      Object.fromEntries(
        [['dir', d], ...['', '-wal', '-shm'].map((s) => [`db${s}`, path.join(d, DB_FILE + s)])].map(([k, f]) => [
          k,
          fs.statSync(f).mode & 0o777,
        ]),
      );
    const owner = { dir: 0o700, db: 0o600, 'db-wal': 0o600, 'db-shm': 0o600 };
    const data = await openData(d);
    expect(modes()).toEqual(owner);
    await data.store.close();
    fs.chmodSync(d, 0o755);
    fs.chmodSync(path.join(d, DB_FILE), 0o644);
    const again = await openData(d);
    expect(modes()).toEqual(owner);
    await again.store.close();
  });

  it('migrates an empty database without taking a backup', async () => {
    const d = dir();
    const data = await openData(d);
    expect(data.fresh).toBe(true);
    expect(data.migrated.length).toBeGreaterThan(0);
    expect(data.backup).toBeNull();
    const tables = (data.store.sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(tables).toEqual(
      expect.arrayContaining(['study', 'round', 'participant', 'participant_contact', 'invitation', 'response', 'answer', 'audit_log']),
    );
    await data.store.close();
  });

  it('backs up a database that holds data before migrating it', async () => {
    // An older rondo: every migration but the newest, copied to a folder of its own.
    const older = dir();
    const names = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.ts'))
      .sort();
    for (const f of names.slice(0, -1)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(older, f));
    const d = dir();
    const store = openStore(path.join(d, DB_FILE));
    if (names.length > 1) await migrateToLatest(store, path.join(d, 'backups'), older);
    store.sqlite.prepare('create table keep_me (x)').run();
    store.sqlite.prepare('insert into keep_me values (1)').run();

    const result = await migrateToLatest(store, path.join(d, 'backups'));
    expect(result.applied).toEqual([names[names.length - 1].replace(/\.ts$/, '')]);
    expect(result.backup).not.toBeNull();
    const backup = openStore(result.backup!, { readonly: true });
    expect((backup.sqlite.prepare('select x from keep_me').get() as { x: number }).x).toBe(1);
    await backup.close();
    await store.close();
  });

  it('packs the answers of responses stored before the packed copies existed (migration 0009)', async () => {
    const older = dir();
    for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((n) => n.endsWith('.ts') && n < '20261123_0009'))
      fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(older, f));
    const d = dir();
    const store = openStore(path.join(d, DB_FILE));
    await migrateToLatest(store, path.join(d, 'backups'), older);
    const [g] = fc.sample(genStudy, { numRuns: 1, seed: 5 });
    await seedStudy(store, g, 'stored-before');
    const draft = store.sqlite.prepare('select max(id) from response').pluck().get() as number;
    store.sqlite.prepare("update response set status = 'draft', submitted_at = null where id = ?").run(draft);

    await migrateToLatest(store, path.join(d, 'backups'));
    const copies = packedCopies(store.sqlite, 'true');
    const submitted = copies.filter((c) => c.status === 'submitted' && c.keys !== null);
    expect(submitted.length).toBeGreaterThan(1);
    for (const c of submitted) expect([c.layoutKeys, c.packed]).toEqual([c.keys, c.values]);
    expect(copies.find((c) => c.id === draft)!.packed).toBeNull();
    await store.close();
  });

  it('builds the same schema for every fresh database (tests use the real migrations)', async () => {
    const schema = async () => {
      const data = await openData(dir());
      const rows = data.store.sqlite.prepare('select name, sql from sqlite_master where sql is not null order by name').all();
      await data.store.close();
      return rows;
    };
    expect(await schema()).toEqual(await schema());
  });

  it('refuses a misnamed migration file instead of skipping it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '20261205_0001_ok.ts'), '');
    expect(migrationFiles(dir).map((m) => m.name)).toEqual(['20261205_0001_ok']);
    fs.writeFileSync(path.join(dir, '20261205_helper_tables.ts'), '');
    expect(() => migrationFiles(dir)).toThrow(/20261205_helper_tables\.ts is not named YYYYMMDD_NNNN_name/);
  });

  it('refuses a file that is not SQLite and leaves it unchanged', async () => {
    const d = dir();
    const file = path.join(d, DB_FILE);
    fs.writeFileSync(file, 'name,email\nAnouk,anouk@example.nl\n');
    const before = fs.readFileSync(file);
    await expect(openData(d)).rejects.toThrow(/is not an SQLite database; rondo left it unchanged/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a database written by a newer rondo and leaves it unchanged', async () => {
    const d = dir();
    const data = await openData(d);
    data.store.sqlite
      .prepare("insert into kysely_migration (name, timestamp) values ('29991231_0001_future', '2999-12-31T00:00:00.000Z')")
      .run();
    await data.store.close();
    const file = path.join(d, DB_FILE);
    const before = fs.readFileSync(file);
    const err = await openData(d).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('NEWER_SCHEMA');
    expect(err.message).toMatch(/written by a newer rondo/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a data directory that cannot be created or written', async () => {
    const d = dir();
    const blocker = path.join(d, 'a-file');
    fs.writeFileSync(blocker, '');
    await expect(openData(path.join(blocker, 'data'))).rejects.toThrow(/data directory .* cannot be created: (ENOTDIR|EEXIST)/);
  });

  it('rolls back a write transaction that fails halfway', async () => {
    const data = await openData(dir());
    await expect(
      writeTx(data.store.db, async (trx) => {
        await trx
          .insertInto('user')
          .values({ email: 'a@example.nl', password_hash: 'x', created_at: new Date().toISOString(), disabled_at: null })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(data.store.sqlite.prepare('select count(*) n from user').get()).toEqual({ n: 0 });
    await data.store.close();
  });

  it('keeps the audit log append-only', async () => {
    const data = await openData(dir());
    const { audit, verifyAuditChain } = await import('../../server/audit.js');
    await writeTx(data.store.db, (trx) => audit(trx, { actor: 'system', action: 'test.one' }));
    await writeTx(data.store.db, (trx) => audit(trx, { actor: 'system', action: 'test.two' }));
    expect(() => data.store.sqlite.prepare("update audit_log set action = 'x'").run()).toThrow(/append-only/);
    expect(() => data.store.sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
    expect(await verifyAuditChain(data.store.db)).toMatchObject({ ok: true, rows: 2 });
    await data.store.close();
  });
});
