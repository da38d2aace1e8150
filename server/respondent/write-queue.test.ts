import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/open.js';
import { packedCopy } from '../db/packed-answers.js';
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

  it('remembers only within one transaction, and forgets what a failed job may have written', async () => {
    store.sqlite.exec(`create table answer_layout (id integer primary key, keys text not null unique);
      create table response (id integer primary key, status text, packed_layout_id integer, packed_values text)`);
    const q = new WriteQueue(store);
    const cells = (item: string) => [{ item, sub: '', code: 1 }];
    // A new layout, remembered, then the job fails: its row is rolled back and the next new
    // layout takes its id. A job after that asking for the first layout again must not get that id.
    const [failed, other, again] = await Promise.allSettled([
      q.run(() => {
        packedCopy(store.sqlite, cells('first'), q.memo);
        expect(q.memo.size).toBe(1);
        throw new Error('refused');
      }),
      q.run(() => packedCopy(store.sqlite, cells('second'), q.memo)),
      q.run(() => packedCopy(store.sqlite, cells('first'), q.memo)),
    ]);
    expect((failed as PromiseRejectedResult).reason.message).toBe('refused');
    const layouts = new Map(
      (reader.prepare('select id, keys from answer_layout').all() as { id: number; keys: string }[]).map((r) => [r.keys, r.id]),
    );
    expect((other as PromiseFulfilledResult<{ layoutId: number }>).value.layoutId).toBe(layouts.get('second|'));
    expect((again as PromiseFulfilledResult<{ layoutId: number }>).value.layoutId).toBe(layouts.get('first|'));
    expect(layouts.size).toBe(2);
    // Nothing is kept once the transaction has ended.
    expect(q.memo.size).toBe(0);
    // Within a transaction the second lookup of a layout is the memo's.
    await Promise.all([
      q.run(() => packedCopy(store.sqlite, cells('third'), q.memo)),
      q.run(() => {
        store.sqlite.prepare("update answer_layout set keys = 'moved' where keys = 'third|'").run();
        return packedCopy(store.sqlite, cells('third'), q.memo);
      }),
    ]).then(([a, b]) => expect(b!.layoutId).toBe(a!.layoutId));
  });
});
