import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrateToLatest } from '../../server/db/migrate.js';
import { openData } from '../../server/data.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { cleanEnv, rondo, tempDirs } from './helpers/child.js';

/**
 * Restart during a migration: the process is killed (-9) while a migration runs. Expected:
 * SQLite's transactional DDL leaves the database exactly as before the migration — no half
 * table, no lost row, no stale migration lock — and the next start migrates it completely.
 */
const dirs = tempDirs();
afterAll(() => dirs.cleanUp());
const CHILD = path.resolve('test/trust/helpers/migrate-child.mjs');

// A slow migration that changes existing data and adds a table, row by row. No imports: it
// lives outside the repository, where 'kysely' does not resolve.
const SLOW = `
export async function up(db) {
  await db.schema.createTable('slow_marker').addColumn('n', 'integer').execute();
  await db.updateTable('response').set({ language: 'en' }).execute();
  console.log('slow migration running');
  for (let i = 0; i < 200000; i++) await db.insertInto('slow_marker').values({ n: i }).execute();
}
export async function down(db) { await db.schema.dropTable('slow_marker').execute(); }
`;

/** The real migrations (symlinked, so their imports resolve in the repository) and the slow one. */
function migrationsWithSlow(): string {
  const dir = dirs.make('rondo-migrations-');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')))
    fs.symlinkSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, '29990101_0001_slow.ts'), SLOW);
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  return dir;
}

function runChild(dataDir: string, migrations: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CHILD, dataDir, migrations], { env: cleanEnv() });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  return { child, output: () => out, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

/** What must survive: every table's rows, as one digest, and the integrity check. */
function snapshot(dataDir: string): { integrity: unknown; digest: string; tables: string[]; locked: unknown } {
  const db = new SQLite(path.join(dataDir, 'rondo.sqlite'), { readonly: true });
  try {
    const tables = (
      db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    const hash = crypto.createHash('sha256');
    for (const t of tables) hash.update(JSON.stringify(db.prepare(`select * from "${t}"`).raw().all()));
    const locked = tables.includes('kysely_migration_lock') ? db.prepare('select * from kysely_migration_lock').all() : null;
    return { integrity: db.pragma('integrity_check', { simple: true }), digest: hash.digest('hex'), tables, locked };
  } finally {
    db.close();
  }
}

describe('a restart during a migration', () => {
  it('leaves the database as it was, and the next run migrates it completely', async () => {
    const dataDir = dirs.make();
    const data = await openData(dataDir);
    await createDemoStudy(data.store.db, data.secret);
    await data.store.close();
    const before = snapshot(dataDir);
    const migrations = migrationsWithSlow();

    for (let attempt = 0; attempt < 3; attempt++) {
      const run = runChild(dataDir, migrations);
      for (const until = Date.now() + 60_000; !run.output().includes('slow migration running') && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(run.output()).toContain('slow migration running');
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 400));
      run.child.kill('SIGKILL');
      await run.exited;

      const after = snapshot(dataDir);
      expect(after.integrity).toBe('ok');
      expect(after.tables).not.toContain('slow_marker');
      // Only the backup directory differs: the data, the migration records and the lock are as before.
      expect(after.digest).toBe(before.digest);
    }

    const done = runChild(dataDir, migrations);
    expect(await done.exited, done.output()).toBe(0);
    expect(done.output()).toContain('migrated: 29990101_0001_slow');
    const db = new SQLite(path.join(dataDir, 'rondo.sqlite'), { readonly: true });
    expect(db.prepare('select count(*) n from slow_marker').get()).toEqual({ n: 200000 });
    expect(db.prepare("select count(*) n from response where language <> 'en'").get()).toEqual({ n: 0 });
    expect(db.prepare('select count(*) n from participant').get()).toEqual({ n: 34 });
    db.close();
  }, 150_000);

  it('a migration that fails halfway changes nothing, and says which one failed', async () => {
    const dataDir = dirs.make();
    const data = await openData(dataDir);
    await createDemoStudy(data.store.db, data.secret);
    const before = snapshot(dataDir);
    const migrations = dirs.make('rondo-migrations-');
    for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')))
      fs.symlinkSync(path.join(MIGRATIONS_DIR, f), path.join(migrations, f));
    fs.writeFileSync(path.join(migrations, 'package.json'), '{"type":"module"}\n');
    fs.writeFileSync(
      path.join(migrations, '29990101_0001_broken.ts'),
      `export async function up(db) {
        await db.schema.createTable('half_done').addColumn('n', 'integer').execute();
        await db.deleteFrom('answer').execute();
        throw new Error('something unexpected in this migration');
      }
      export async function down() {}`,
    );
    await expect(migrateToLatest(data.store, path.join(dataDir, 'backups'), migrations)).rejects.toThrow(
      /migration 29990101_0001_broken failed: something unexpected in this migration \(backup before migrating: .*\)/,
    );
    await data.store.close();
    expect(snapshot(dataDir).digest).toBe(before.digest);
  });

  it('a killed `rondo migrate` leaves no pre-migration backup that looks complete but is not', async () => {
    // An older rondo's database (every migration but the newest), holding data.
    const older = dirs.make('rondo-older-');
    const names = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.ts'))
      .sort();
    for (const f of names.slice(0, -1)) fs.symlinkSync(path.join(MIGRATIONS_DIR, f), path.join(older, f));
    const dataDir = dirs.make();
    const first = runChild(dataDir, older);
    expect(await first.exited, first.output()).toBe(0);
    const seed = await openData(dirs.make()); // only for its secret
    const { openStore } = await import('../../server/db/open.js');
    const store = openStore(path.join(dataDir, 'rondo.sqlite'));
    await createDemoStudy(store.db, seed.secret).catch(() => null);
    await store.close();
    await seed.store.close();

    // Kill `rondo migrate` at a random moment, then let it finish.
    const child = spawn(process.execPath, [path.resolve('bin/rondo.mjs'), 'migrate', '--data', dataDir], { env: cleanEnv() });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise((r) => setTimeout(r, 1500 + Math.random() * 1500));
    child.kill('SIGKILL');
    await exited;
    const r = rondo(['migrate', '--data', dataDir]);
    expect(r.code, r.err).toBe(0);
    expect(snapshot(dataDir).integrity).toBe('ok');
    const backups = path.join(dataDir, 'backups');
    for (const f of fs.existsSync(backups) ? fs.readdirSync(backups).filter((f) => f.endsWith('.sqlite')) : []) {
      const b = new SQLite(path.join(backups, f), { readonly: true });
      try {
        expect(b.pragma('integrity_check', { simple: true }), f).toBe('ok');
      } finally {
        b.close();
      }
    }
  }, 120_000);
});
