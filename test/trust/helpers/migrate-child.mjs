// A child process for the migration crash test: migrates a data directory with the
// migrations in a given folder (the real ones plus a slow one). Run with node directly.
import { register } from 'tsx/esm/api';

register();
const [dataDir, migrationsDir] = process.argv.slice(2);
const path = await import('node:path');
const { openStore } = await import('../../../server/db/open.ts');
const { migrateToLatest } = await import('../../../server/db/migrate.ts');
const store = openStore(path.join(dataDir, 'rondo.sqlite'));
const result = await migrateToLatest(store, path.join(dataDir, 'backups'), migrationsDir);
await store.close();
process.stdout.write(`migrated: ${result.applied.join(', ')}\n`);
