import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { loadConfig, type Config } from '../server/config.js';
import type { openData } from '../server/data.js';
import { createUser } from '../server/users.js';

/**
 * The app on a bench's data directory (a real SQLite file, no logging) with a researcher of
 * `studies` logged in: the app and the session's headers, for app.inject() (bench/composer.ts,
 * bench/staff.ts, bench/mail.ts). `overrides`: settings beyond the data directory, such as SMTP.
 */
export async function researcherApp(
  dir: string,
  data: Awaited<ReturnType<typeof openData>>,
  studies: string[],
  overrides: Partial<Config> = {},
): Promise<{ app: FastifyInstance; headers: Record<string, string> }> {
  const password = 'correct horse battery staple';
  await createUser(data.store.db, { email: 'r@bench.test', password, study: { slug: studies[0], role: 'researcher' } });
  const sqlite = data.store.sqlite;
  const user = sqlite.prepare('select id from user where email = ?').pluck().get('r@bench.test');
  for (const slug of studies.slice(1)) {
    const study = sqlite.prepare('select id from study where slug = ?').pluck().get(slug);
    sqlite.prepare('insert into study_member (study_id, user_id, role) values (?, ?, ?)').run(study, user, 'researcher');
  }
  const config = loadConfig({}, { dataDir: dir, logLevel: 'silent', demo: false, port: 0, ...overrides });
  const app = await buildApp(
    { config, store: data.store, secret: data.secret, version: 'bench', now: () => new Date() },
    { logger: false },
  );
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/login', payload: { email: 'r@bench.test', password } });
  const session = login.cookies.find((c) => c.name === 'rondo_session')!;
  // The CSRF token, for the benches that write (bench/mail.ts); GETs do not need it.
  return { app, headers: { cookie: `rondo_session=${session.value}`, 'x-csrf-token': login.json().csrfToken as string } };
}
