import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { VERSION, firstStart, openData, type FirstStart, type OpenedData } from './data.js';
import { startFieldwork } from './fieldwork/service.js';

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
    // The demo networks' module only when this start created them (it prints their logins).
    const memberLines = first.demoMembers?.length ? (await import('./studies/demo-networks.js')).demoMemberLines(first.demoMembers) : [];
    if (!options.quiet) printWelcome(url, config, data, first, memberLines);
    const running = app;
    return { app: running, url, data, first, close: () => running.close() };
  } catch (err) {
    if (app) await app.close().catch(() => undefined);
    else await data.store.close();
    throw err;
  }
}

function printWelcome(url: string, config: Readonly<Config>, data: OpenedData, first: FirstStart, memberLines: string[]): void {
  const lines = [`rondo ${VERSION} is running at ${url}`, `  data directory: ${config.dataDir}`];
  if (data.migrated.length) lines.push(`  database migrated: ${data.migrated.join(', ')}${data.backup ? ` (backup: ${data.backup})` : ''}`);
  if (first.demoCreated) lines.push('  created the demo study "1000 Kansen — IMH training" (synthetic data)');
  if (first.demoNetworks?.length) lines.push(`  created the demo IMH networks ${first.demoNetworks.join(', ')} (synthetic data)`);
  if (first.admin) {
    lines.push(
      '',
      '  Log in as the administrator (this password is shown only once — write it down):',
      `    ${url}/login`,
      `    e-mail:   ${first.admin.email}`,
      `    password: ${first.admin.password}`,
      '  At that first login the administrator sets up two-step verification (required for administrators):',
      '  scan the QR code shown with an authenticator app, or type the key shown into one.',
    );
  }
  if (memberLines.length) lines.push('', ...memberLines);
  // regional (issue 17): the demo programme's regional representative.
  if (first.regional)
    lines.push(
      '',
      '  Demo regional representative of the programme imh-regio-demo (password shown only once):',
      `    e-mail:   ${first.regional.email}`,
      `    password: ${first.regional.password}`,
    );
  if (!first.admin) {
    lines.push(`  log in at ${url}/login (add accounts with: npx rondo user add --email … --role …)`);
  }
  if (!config.passwordLogin) {
    lines.push(
      '  password login is off (RONDO_PASSWORD_LOGIN=0): staff log in by single sign-on only, so an administrator needs',
      '  an account with their institutional address: npx rondo user add --email … --role researcher --admin',
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}
