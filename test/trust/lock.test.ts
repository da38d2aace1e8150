import { spawn } from 'node:child_process';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openData } from '../../server/data.js';
import { kill9, serve, tempDirs, type ChildServer } from './helpers/child.js';
import { createOpenStudy, type OpenStudy } from './helpers/open-study.js';
import { completeAnswers, newSubmissionId, RespondentClient } from './helpers/respondent.js';

/**
 * Another process holds the database's write lock for ten seconds (a backup tool, a
 * sqlite3 shell left in a transaction). Expected: every request is answered — 200, or 503
 * with Retry-After once the busy timeout (5 s) runs out — never a 500, nothing hangs, and
 * after the lock is released each refused submission goes through on retry, exactly once.
 */
const LOCK_MS = 10_000;
const dirs = tempDirs();
let dataDir: string;
let study: OpenStudy;
let answers: ReturnType<typeof completeAnswers>;
let server: ChildServer;

beforeAll(async () => {
  dataDir = dirs.make();
  const data = await openData(dataDir);
  study = await createOpenStudy(data.store.db, data.secret, { participants: 10 });
  answers = completeAnswers(data.store.sqlite, study.studyId, study.roundKey);
  await data.store.close();
  server = await serve(dataDir);
}, 60_000);
afterAll(async () => {
  if (server) await kill9(server);
  dirs.cleanUp();
});

/** A process that takes the write lock (BEGIN IMMEDIATE), says so, and holds it for `ms`. */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<number | null> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.exec('begin immediate');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('commit'); db.close(); process.stdout.write('released\\n'); }, ${ms});
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: path.resolve('.') });
  const released = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b) => String(b).includes('locked') && resolve({ released }));
    child.on('error', reject);
    child.stderr.on('data', (b) => reject(new Error(String(b))));
  });
}

describe('another process holding the write lock for ten seconds', () => {
  it('gets 503 with Retry-After, never a 500, and every refused submission goes through afterwards, once', async () => {
    const clients = study.invitations
      .slice(0, 4)
      .map((inv) => ({ inv, client: new RespondentClient(server.url, inv.token), id: newSubmissionId() }));
    for (const c of clients) expect(await c.client.open()).toBe(200); // opening writes: before the lock

    const lock = await holdWriteLock(path.join(dataDir, 'rondo.sqlite'), LOCK_MS);
    const t0 = Date.now();
    const results = await Promise.all([
      ...clients.map(async (c, i) => {
        await new Promise((r) => setTimeout(r, i * 1500)); // spread over the lock
        const res = await c.client.submit(c.id, answers);
        return { kind: 'submit', status: res.status, body: res.body, retryAfter: res.headers.get('retry-after'), at: Date.now() - t0 };
      }),
      // Reads need no write lock, but share the event loop with writes that wait for one.
      ...[0, 2000].map(async (delay) => {
        await new Promise((r) => setTimeout(r, delay));
        const res = await fetch(`${server.url}/healthz`);
        return { kind: 'health', status: res.status, body: await res.json(), retryAfter: null, at: Date.now() - t0 };
      }),
    ]);
    await lock.released;
    for (const r of results) {
      expect([200, 503], JSON.stringify(r)).toContain(r.status);
      expect(r.at, 'answered within lock + busy timeout').toBeLessThan(LOCK_MS + 12_000);
      if (r.status === 503 && r.kind === 'submit') {
        expect(r.body).toMatchObject({ code: 'UNAVAILABLE' });
        expect(r.retryAfter).toBe('5');
      }
    }
    expect(results.filter((r) => r.kind === 'submit' && r.status === 503).length).toBeGreaterThan(0);
    console.info(`write lock: ${results.map((r) => `${r.kind} ${r.status} at ${(r.at / 1000).toFixed(1)} s`).join(', ')}`);

    // The lock is gone: the same submissions, retried with their ids, are stored once each.
    for (const c of clients) {
      const res = await c.client.submit(c.id, answers);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const db = new SQLite(path.join(dataDir, 'rondo.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const c of clients) {
        expect(db.prepare("select count(*) n from response where submission_id = ? and status = 'submitted'").get(c.id)).toEqual({ n: 1 });
      }
    } finally {
      db.close();
    }
  }, 60_000);
});
