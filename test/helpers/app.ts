import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import type { AppContext } from '../../server/context.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { openData, VERSION, type OpenedData } from '../../server/data.js';
import { createUser } from '../../server/users.js';
import type { StudyRole } from '../../server/db/schema.js';
import { totpCodeFor, totpCodeFromSecret } from './two-factor.js';

export interface TestApp {
  app: FastifyInstance;
  data: OpenedData;
  dir: string;
  config: Readonly<Config>;
  /** Moves the app's clock. */
  setNow(date: Date): void;
  close(): Promise<void>;
}

/** A temporary data directory, removed by close(). */
export function tempDir(prefix = 'rondo-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A real app on a real SQLite file in a temporary directory, built through the same
 * migrations as production; HTTP through app.inject(). With `demo: true` the 1000 Kansen
 * demo study is created.
 */
export async function buildTestApp(options: { demo?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const dir = tempDir();
  const config = loadConfig({}, { dataDir: dir, logLevel: 'silent', demo: false, port: 0, ...options.config });
  const data = await openData(dir);
  if (options.demo) await createDemoStudy(data.store.db, data.secret);
  let now: Date | null = null;
  const ctx: AppContext = { config, store: data.store, secret: data.secret, version: VERSION, now: () => now ?? new Date() };
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    app,
    data,
    dir,
    config,
    setNow(date) {
      now = date;
    },
    async close() {
      await app.close();
      await data.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LoggedIn {
  cookie: string;
  csrf: string;
  /** Headers for an authenticated request; unsafe methods need `csrf`. */
  headers: Record<string, string>;
}

/** Creates an account (optionally with a role in a study) and logs it in. */
export async function loginAs(
  t: TestApp,
  email: string,
  options: { role?: StudyRole; study?: string; isAdmin?: boolean; password?: string } = {},
): Promise<LoggedIn> {
  const password = options.password ?? 'correct horse battery staple';
  const exists = t.data.store.sqlite.prepare('select 1 from user where email = ?').get(email);
  if (!exists) {
    await createUser(t.data.store.db, {
      email,
      password,
      isAdmin: options.isAdmin,
      study: options.role ? { slug: options.study ?? '1000-kansen', role: options.role } : undefined,
    });
  }
  let res = await t.app.inject({ method: 'POST', url: '/api/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  // Two-factor login, done as a user would: the code an app computes from the enrolled secret.
  if (res.json().twoFactor === 'verify') {
    const challenge = res.cookies.find((c) => c.name === 'rondo_login_2fa')!;
    res = await t.app.inject({
      method: 'POST',
      url: '/api/login/second-factor',
      cookies: { rondo_login_2fa: challenge.value },
      payload: { code: totpCodeFor(t, email) },
    });
    if (res.statusCode !== 200) throw new Error(`second login step failed: ${res.statusCode} ${res.body}`);
  }
  const cookie = res.cookies.find((c) => c.name === 'rondo_session')!;
  const csrf = res.json().csrfToken as string;
  const loggedIn = {
    cookie: `rondo_session=${cookie.value}`,
    csrf,
    headers: { cookie: `rondo_session=${cookie.value}`, 'x-csrf-token': csrf },
  };
  // An account that must use two-factor login (administrators) enrols, from the secret shown.
  if (res.json().twoFactor === 'enrol') await enrolTwoFactor(t, loggedIn);
  return loggedIn;
}

/** Enrols the logged-in account in two-factor login with the secret the server shows; returns the recovery codes. */
export async function enrolTwoFactor(t: TestApp, who: LoggedIn): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await t.app.inject({ method: 'POST', url: '/api/account/two-factor/enrolment', headers: who.headers });
  if (start.statusCode !== 200) throw new Error(`enrolment failed: ${start.statusCode} ${start.body}`);
  const { secret } = start.json() as { secret: string };
  const done = await t.app.inject({
    method: 'POST',
    url: '/api/account/two-factor/enrolment/confirm',
    headers: who.headers,
    payload: { code: totpCodeFromSecret(t, secret) },
  });
  if (done.statusCode !== 200) throw new Error(`enrolment confirmation failed: ${done.statusCode} ${done.body}`);
  return { secret, recoveryCodes: (done.json() as { recoveryCodes: string[] }).recoveryCodes };
}
