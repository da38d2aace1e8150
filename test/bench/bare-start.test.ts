import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';

/**
 * `npm run bench -- start` times a bare Fastify + better-sqlite3 server beside rondo's
 * (bench/bare-start.mjs) for the rondo/bare ratios. It starts as rondo's server is started, prints
 * the line the bench waits for, answers /healthz from its SQLite file (WAL), and stops on SIGTERM;
 * a call without `serve --data` is refused with its usage.
 */
const BARE = path.resolve('bench/bare-start.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the start bench’s bare server', () => {
  it('starts, answers /healthz from its database and stops on SIGTERM', async () => {
    const dir = tempDir('rondo-bench-bare-');
    dirs.push(dir);
    const child = spawn(process.execPath, [BARE, 'serve', '--data', dir, '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, RONDO_LOG_LEVEL: 'warn' },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 20_000);
      child.stdout.on('data', (b) => {
        out += b;
        const m = /is running at (http:\/\/\S+)/.exec(out);
        if (m) clearTimeout(timer), resolve(m[1]);
      });
    });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, rows: 0 });
    expect(fs.existsSync(path.join(dir, 'bare.sqlite-wal'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a call without serve --data', () => {
    const r = spawnSync(process.execPath, [BARE, 'serve'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: node bench/bare-start.mjs');
  });
});
