import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { openExport } from '../../server/exchange/context.js';
import { exportFiles } from '../../server/exchange/export.js';
import { writeTx } from '../../server/db/tx.js';

/**
 * An export streams for as long as its reader takes. It must never keep the server from
 * writing: better-sqlite3 refuses every write on a connection with an open statement, so an
 * export reads on a connection of its own.
 */
let t: TestApp;
let researcher: LoggedIn;
let base: string;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t.close());

const write = () =>
  writeTx(t.data.store.db, (trx) => trx.updateTable('participant').set({ team: 'x' }).where('key', '=', 'nobody').execute());

describe('an export held mid-stream', () => {
  it('leaves the server connection free for writes', async () => {
    const ctx = openExport(t.data.store, '1000-kansen', { flavour: 'intl', openText: true, lang: 'nl' });
    const files = exportFiles(ctx, 'long');
    const chunks = (files[0].produce() as Iterable<string | Buffer>)[Symbol.iterator]();
    expect(chunks.next().done).toBe(false); // statements open, the export paused
    await write();
    files.cleanup!();
  });

  it.each(['long', 'wide', 'bundle'])('over HTTP (%s): writes go on while a slow client holds the download', async (format) => {
    const held = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(`${base}/api/studies/1000-kansen/exports/${format}?openText=1`, { headers: { cookie: researcher.cookie } }, (res) => {
          res.once('data', () => {
            res.pause();
            resolve(res);
          });
        })
        .on('error', reject);
    });
    expect(held.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    await write();
    held.destroy();
  });
});
