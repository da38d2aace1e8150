import fs from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, loggerOptions } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openData, VERSION, type OpenedData } from '../../server/data.js';
import { tempDir } from '../helpers/app.js';

/**
 * The server writes one log line per request, when it is answered: method, address with any
 * link token redacted, status and time (server/app.ts, RequestLog). Fastify's own second line
 * at each request's arrival is gone: it said nothing the answer's line does not, and doubled
 * the log of a region's respondents answering at once.
 */
describe('the request log', () => {
  const lines: Record<string, unknown>[] = [];
  let app: FastifyInstance;
  let data: OpenedData;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    data = await openData(dir);
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    const config = loadConfig({}, { dataDir: dir, logLevel: 'info', demo: false, port: 0 });
    app = await buildApp(
      { config, store: data.store, secret: data.secret, version: VERSION, now: () => new Date() },
      { logger: { ...loggerOptions('info'), stream } },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await data.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const linesOf = (id: string) => lines.filter((l) => l.reqId === id);

  it('writes one line per answered request, with method, address, status and time', async () => {
    const res = await app.inject({ method: 'GET', url: '/login' });
    expect(res.statusCode).toBe(200);
    const id = String(lines.find((l) => (l.req as { url?: string })?.url === '/login')?.reqId);
    const mine = linesOf(id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ msg: 'request completed', req: { method: 'GET', url: '/login' }, res: { statusCode: 200 } });
    expect(mine[0].responseTime).toEqual(expect.any(Number));
    expect(lines.some((l) => l.msg === 'incoming request')).toBe(false);
  });

  it('never writes a respondent’s link token', async () => {
    const token = 'Zq3xV9pLmN2bR7tK5wY8cD4fH6jA1sE0';
    await app.inject({ method: 'GET', url: `/r/${token}` });
    await app.inject({ method: 'GET', url: `/r?t=${token}` });
    const written = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(written).not.toContain(token);
    expect(written).toContain('/r/[token]');
    expect(written).toContain('/r?t=[redacted]');
  });
});
