import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { DB_FILE, openStore, prepareDataDir, type Store } from './db/open.js';
import { migrateToLatest } from './db/migrate.js';
import { loadOrCreateSecret } from './secret.js';
import { createDemoStudy, DEMO_SLUG } from './studies/demo.js';
import { generatePassword } from './auth/password.js';
import { createUser } from './users.js';
import { startFieldwork } from './fieldwork/service.js';

export const VERSION: string = JSON.parse(
  fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../package.json'), 'utf8'),
).version;

export const ADMIN_EMAIL = 'admin@rondo.local';

export interface OpenedData {
  store: Store;
  secret: Buffer;
  /** True when the database was new: nothing had been migrated before. */
  fresh: boolean;
  migrated: string[];
  backup: string | null;
}

/** Opens (and if needed creates and migrates) the database in a data directory. */
export async function openData(dataDir: string, secretFile = path.join(dataDir, 'secret.key')): Promise<OpenedData> {
  prepareDataDir(dataDir);
  const store = openStore(path.join(dataDir, DB_FILE));
  try {
    const fresh = !store.sqlite.prepare("select 1 from sqlite_master where name = 'kysely_migration'").get();
    const { applied, backup } = await migrateToLatest(store, path.join(dataDir, 'backups'));
    const secret = loadOrCreateSecret(secretFile);
    return { store, secret, fresh, migrated: applied, backup };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export interface FirstStart {
  demoCreated: boolean;
  admin: { email: string; password: string } | null;
}

/**
 * On the first start of an empty data directory: the demo study (unless opted out) and an
 * admin account whose generated password is shown once. Never a fixed default password.
 */
export async function firstStart(data: OpenedData, options: { demo: boolean }): Promise<FirstStart> {
  const result: FirstStart = { demoCreated: false, admin: null };
  const users = data.store.sqlite.prepare('select count(*) as n from user').get() as { n: number };
  if (data.fresh && options.demo) {
    result.demoCreated = (await createDemoStudy(data.store.db, data.secret)) !== null;
  }
  if (users.n === 0) {
    const password = generatePassword();
    const hasDemo = !!data.store.sqlite.prepare('select 1 from study where slug = ?').get(DEMO_SLUG);
    await createUser(data.store.db, {
      email: ADMIN_EMAIL,
      password,
      displayName: 'Administrator',
      isAdmin: true,
      study: hasDemo ? { slug: DEMO_SLUG, role: 'researcher' } : undefined,
    });
    result.admin = { email: ADMIN_EMAIL, password };
  }
  return result;
}

export interface Running {
  app: FastifyInstance;
  url: string;
  data: OpenedData;
  first: FirstStart;
  close(): Promise<void>;
}

/** Starts rondo: data directory, database, first-start setup, HTTP server. */
export async function startServer(config: Readonly<Config>, options: { quiet?: boolean } = {}): Promise<Running> {
  const data = await openData(config.dataDir, config.secretFile);
  let app: FastifyInstance | undefined;
  try {
    const first = await firstStart(data, { demo: config.demo });
    const ctx: AppContext = { config, store: data.store, secret: data.secret, version: VERSION, now: () => new Date() };
    app = await buildApp(ctx);
    app.addHook('onClose', async () => data.store.close());
    startFieldwork(app); // the fieldwork clock; stopped on close, before the store
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${port}`;
    if (!options.quiet) printWelcome(url, config, data, first);
    const running = app;
    return { app: running, url, data, first, close: () => running.close() };
  } catch (err) {
    if (app) await app.close().catch(() => undefined);
    else await data.store.close();
    throw err;
  }
}

function printWelcome(url: string, config: Readonly<Config>, data: OpenedData, first: FirstStart): void {
  const lines = [`rondo ${VERSION} is running at ${url}`, `  data directory: ${config.dataDir}`];
  if (data.migrated.length) lines.push(`  database migrated: ${data.migrated.join(', ')}${data.backup ? ` (backup: ${data.backup})` : ''}`);
  if (first.demoCreated) lines.push('  created the demo study "1000 Kansen — IMH training" (synthetic data)');
  if (first.admin) {
    lines.push(
      '',
      '  Log in as the administrator (this password is shown only once — write it down):',
      `    ${url}/login`,
      `    e-mail:   ${first.admin.email}`,
      `    password: ${first.admin.password}`,
    );
  } else {
    lines.push(`  log in at ${url}/login (add accounts with: npx rondo user add --email … --role …)`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
