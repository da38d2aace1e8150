import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import type { AppContext } from '../../server/context.js';
import { openData, VERSION, type OpenedData } from '../../server/data.js';

export interface OpenApp {
  app: FastifyInstance;
  data: OpenedData;
  setNow(date: Date): void;
  /** Closes the app and its store, leaving the data directory: a restart opens it again. */
  close(): Promise<void>;
}

/**
 * An app on an existing data directory, as a restarted server would open it (test/helpers/app.ts
 * always makes a new directory). The scheduler is not started: tests tick it.
 */
export async function openApp(dir: string, config: Partial<Config> = {}): Promise<OpenApp> {
  const cfg = loadConfig({}, { dataDir: dir, logLevel: 'silent', demo: false, port: 0, ...config });
  const data = await openData(dir);
  let now: Date | null = null;
  const ctx: AppContext = { config: cfg, store: data.store, secret: data.secret, version: VERSION, now: () => now ?? new Date() };
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    app,
    data,
    setNow(date) {
      now = date;
    },
    async close() {
      await app.close();
      await data.store.close();
    },
  };
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
