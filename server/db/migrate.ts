import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kysely, Migrator, SqliteAdapter, SqliteDialect, type DialectAdapter, type Migration, type MigrationProvider } from 'kysely';
import { MIGRATIONS_DIR } from '../paths.js';
import { StoreError, type Store } from './open.js';

export { MIGRATIONS_DIR };

/** A migration file: its name (what the database records) and `.ts`, or `.js` when compiled. */
const MIGRATION_FILE = /^(\d{8}_\d{4}_[a-z0-9_]+)\.(?:ts|js)$/;

/** The migration files of a folder by name, in name order. */
export function migrationFiles(dir: string): { name: string; file: string }[] {
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const m = MIGRATION_FILE.exec(f);
      if (m) return [{ name: m[1], file: path.join(dir, f) }];
      // A misnamed migration would otherwise be skipped without a word, and its tables never made.
      if (/\.(?:ts|js)$/.test(f)) throw new Error(`${path.join(dir, f)} is not named YYYYMMDD_NNNN_name: rename it`);
      return [];
    });
}

/** Reads migrations/ in name order; names are date-prefixed so they sort in time. */
class FolderProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const { name, file } of migrationFiles(this.dir)) out[name] = (await import(pathToFileURL(file).href)) as Migration;
    return out;
  }
}

export interface MigrateResult {
  applied: string[];
  backup: string | null;
}

/** Names of migrations recorded in the database, or [] for a database rondo never touched. */
async function appliedNames(store: Store): Promise<string[]> {
  const exists = store.sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!exists) return [];
  return (store.sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
}

function hasUserData(store: Store): boolean {
  const tables = store.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'")
    .all() as { name: string }[];
  return tables.some((t) => store.sqlite.prepare(`select 1 from "${t.name.replace(/"/g, '""')}" limit 1`).get());
}

/**
 * Brings the database up to date. Refuses a database written by a newer rondo (a migration it
 * does not know) and takes an online backup before migrating a database that holds data.
 * Kysely runs the pending migrations in one transaction (SQLite has transactional DDL), so a
 * failure leaves the database as it was.
 */
export async function migrateToLatest(store: Store, backupDir: string, migrationsDir = MIGRATIONS_DIR): Promise<MigrateResult> {
  const provider = new FolderProvider(migrationsDir);
  // Names from the folder: a start with nothing to migrate loads no migration's code.
  const known = migrationFiles(migrationsDir).map((m) => m.name);
  const applied = await appliedNames(store);
  const unknown = applied.filter((n) => !known.includes(n));
  if (unknown.length) {
    throw new StoreError(
      'NEWER_SCHEMA',
      `${store.file} was written by a newer rondo (migration ${unknown[unknown.length - 1]} is unknown to this version); rondo left it unchanged — upgrade rondo`,
    );
  }
  const pending = known.filter((n) => !applied.includes(n));
  if (!pending.length) return { applied: [], backup: null };

  let backup: string | null = null;
  if (hasUserData(store)) {
    fs.mkdirSync(backupDir, { recursive: true, mode: 0o700 });
    backup = path.join(backupDir, `pre-migrate-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
    await store.sqlite.backup(backup);
    fs.chmodSync(backup, 0o600);
  }

  // Kysely's SQLite adapter says SQLite has no transactional DDL (it has), and then runs each
  // statement on its own: a crash or an error halfway left a half-migrated database that the
  // next start could not migrate (test/trust/migration-crash.test.ts). This adapter lets the
  // Migrator wrap all pending migrations in one transaction, on the store's one connection.
  const migrator = new Migrator({ db: transactionalDdl(store), provider });
  const { error, results } = await migrator.migrateToLatest();
  const done = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(
      'MIGRATION',
      `migration ${failed} failed: ${(error as Error).message}${backup ? ` (backup before migrating: ${backup})` : ''}`,
    );
  }
  return { applied: done, backup };
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

/** A kysely instance over the store's connection whose migrations run in one transaction. */
function transactionalDdl(store: Store): Kysely<any> {
  return new Kysely<any>({ dialect: new TransactionalSqliteDialect({ database: store.sqlite }) });
}
