import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.js';
import { DB_FILE, openStore, prepareDataDir, type Store } from './db/open.js';
import { migrateToLatest } from './db/migrate.js';
import { loadOrCreateSecret } from './secret.js';
import { generatePassword, hashGeneratedPassword } from './auth/password.js';
import { createUser } from './users.js';
import { findStudyId } from './studies/repository.js';

// Opening a data directory, apart from the HTTP app: CLI commands that only need the
// database load this without loading every route of the server.

export const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

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
  /** quickscan: the demo's synthetic IMH networks (slugs) created at this start. */
  demoNetworks?: string[];
  /** domainsui: per demo network created now, the team member's login (password shown once, like the administrator's). */
  demoMembers?: { slug: string; email: string; password: string }[];
  admin: { email: string; password: string } | null;
  /** regional (issue 17): the demo regional representative's login, shown once; absent without the demo region. */
  regional?: { email: string; password: string } | null;
}

/**
 * On the first start of an empty data directory: the demo study (unless opted out) and an
 * admin account whose generated password is shown once. Never a fixed default password.
 */
export async function firstStart(data: OpenedData, options: { demo: boolean }): Promise<FirstStart> {
  const result: FirstStart = { demoCreated: false, admin: null };
  const users = await data.store.db
    .selectFrom('user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (data.fresh && options.demo) {
    // The demo's code (its generated answers, texts and region) is read only to create it: a start
    // on a data directory that already holds it never loads it.
    const [{ createDemoStudy }, { createDemoNetworks }, { createDemoProgramme }] = await Promise.all([
      import('./studies/demo.js'),
      import('./studies/demo-networks.js'),
      import('./programmes/demo.js'),
    ]);
    result.demoCreated = (await createDemoStudy(data.store.db, data.secret)) !== null;
    // quickscan (issue 17): the synthetic IMH region's three networks, right after the 1000 Kansen demo.
    const networks = await createDemoNetworks(data.store.db, data.secret);
    result.demoNetworks = networks.filter((n) => n.created).map((n) => n.slug);
    result.demoMembers = networks.flatMap((n) => (n.member ? [{ slug: n.slug, ...n.member }] : []));
    // regional (issue 17): after the demo networks, the programme that groups them (null while there are none).
    result.regional = (await createDemoProgramme(data.store.db))?.representative ?? null;
  }
  if (Number(users.n) === 0) {
    const password = generatePassword();
    const { DEMO_SLUG } = await import('../content/demo/generate.js');
    const hasDemo = (await findStudyId(data.store.db, DEMO_SLUG)) !== null;
    await createUser(data.store.db, {
      email: ADMIN_EMAIL,
      password,
      passwordHash: await hashGeneratedPassword(password),
      displayName: 'Administrator',
      isAdmin: true,
      study: hasDemo ? { slug: DEMO_SLUG, role: 'researcher' } : undefined,
    });
    // quickscan: the administrator also runs the demo networks, as their network connector would.
    const admin = await data.store.db.selectFrom('user').select('id').where('email', '=', ADMIN_EMAIL).executeTakeFirst();
    for (const slug of result.demoNetworks ?? []) {
      const studyId = await findStudyId(data.store.db, slug);
      if (admin && studyId !== null)
        await data.store.db.insertInto('study_member').values({ study_id: studyId, user_id: admin.id, role: 'researcher' }).execute();
    }
    // regional: and coordinates the demo programme that groups them.
    if (result.regional) await (await import('./programmes/demo.js')).addDemoCoordinator(data.store.db, ADMIN_EMAIL);
    result.admin = { email: ADMIN_EMAIL, password };
  }
  return result;
}
