import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/open.js';
import { WriteQueue } from './write-queue.js';

describe('WriteQueue', () => {
  let dir: string;
  let store: Store;
  let reader: SQLite.Database;
  const count = () => (reader.prepare('select count(*) as n from t').get() as { n: number }).n;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-queue-'));
    store = openStore(path.join(dir, 'q.sqlite'));
    store.sqlite.exec('create table t (v text not null unique)');
    reader = new SQLite(path.join(dir, 'q.sqlite'), { readonly: true });
  });

  afterEach(async () => {
    reader.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits writes that arrive together in one transaction, and answers each after the commit', async () => {
    const q = new WriteQueue(store);
    const insert = store.sqlite.prepare('insert into t (v) values (?)');
    const seenByOthers: number[] = [];
    const jobs = ['a', 'b', 'c'].map((v) =>
      q.run(() => {
        insert.run(v);
        seenByOthers.push(count());
        return v;
      }),
    );
    expect(await Promise.all(jobs)).toEqual(['a', 'b', 'c']);
    // Inside the shared transaction another connection saw none of them; afterwards all three.
    expect(seenByOthers).toEqual([0, 0, 0]);
    expect(count()).toBe(3);
  });

  it('rolls back and fails only the job that throws', async () => {
    const q = new WriteQueue(store);
    const insert = store.sqlite.prepare('insert into t (v) values (?)');
    const results = await Promise.allSettled([
      q.run(() => insert.run('x')),
      q.run(() => {
        insert.run('y');
        throw new Error('refused');
      }),
      q.run(() => insert.run('x')), // unique violation
      q.run(() => insert.run('z')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused');
    expect((results[2] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(reader.prepare('select v from t order by v').all()).toEqual([{ v: 'x' }, { v: 'z' }]);
  });

  it('answers every job of a batch with the error when the disk is full, and stores exactly what it acknowledged', async () => {
    const q = new WriteQueue(store);
    const insert = store.sqlite.prepare('insert into t (v) values (?)');
    store.sqlite.pragma(`max_page_count = ${store.sqlite.pragma('page_count', { simple: true })}`);
    const results = await Promise.allSettled([
      q.run(() => insert.run('small')),
      q.run(() => insert.run('x'.repeat(200_000))),
      q.run(() => insert.run('after')),
    ]);
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_FULL' } });
    const acknowledged = ['small', 'x', 'after'].filter((_, i) => results[i].status === 'fulfilled');
    expect((reader.prepare('select v from t').all() as { v: string }[]).map((r) => r.v)).toEqual(acknowledged);
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('SQLITE_FULL');
    // Room again: the queue goes on.
    store.sqlite.pragma('max_page_count = 1073741823');
    await q.run(() => insert.run('later'));
    expect(count()).toBe(acknowledged.length + 1);
  });

  it('waits while another request holds a statement open on the connection', async () => {
    const q = new WriteQueue(store);
    const insert = store.sqlite.prepare('insert into t (v) values (?)');
    insert.run('existing');
    const iterator = store.sqlite.prepare('select v from t').iterate();
    iterator.next(); // a streaming read in progress: the connection is busy
    const job = q.run(() => insert.run('while busy'));
    await new Promise((r) => setTimeout(r, 100));
    expect(count()).toBe(1);
    iterator.return!();
    await job;
    expect(count()).toBe(2);
  });

  it('keeps going after a batch, for jobs that arrive later', async () => {
    const q = new WriteQueue(store, 2);
    const insert = store.sqlite.prepare('insert into t (v) values (?)');
    await Promise.all(Array.from({ length: 7 }, (_, i) => q.run(() => insert.run(`v${i}`))));
    await q.run(() => insert.run('late'));
    expect(count()).toBe(8);
  });
});
