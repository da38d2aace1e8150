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

  it('runs a batch without savepoints, and runs it again with them only when a job fails', async () => {
    const q = new WriteQueue(store);
    const insert = store.sqlite.prepare('insert into t (v) values (?)');
    const calls = new Map<string, number>();
    const job = (v: string, fail = false) =>
      q.run(() => {
        calls.set(v, (calls.get(v) ?? 0) + 1);
        insert.run(v);
        if (fail) throw new Error(`refused ${v}`);
        return v;
      });
    expect(await Promise.all([job('a'), job('b'), job('c')])).toEqual(['a', 'b', 'c']);
    expect([...calls.values()]).toEqual([1, 1, 1]);
    expect(q.stats.redone).toBe(0);

    calls.clear();
    const results = await Promise.allSettled([job('d'), job('e', true), job('f'), job('g', true)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'd',
      'refused e',
      'f',
      'refused g',
    ]);
    // The first run stopped at e; the second ran every job once more, each under its own savepoint.
    expect(Object.fromEntries(calls)).toEqual({ d: 2, e: 2, f: 1, g: 1 });
    expect(q.stats.redone).toBe(1);
    expect(q.stats.batches).toBe(2);
    // Each row once (t.v is unique), and nothing of the jobs that failed.
    expect((reader.prepare('select v from t order by v').all() as { v: string }[]).map((r) => r.v)).toEqual(['a', 'b', 'c', 'd', 'f']);
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

  describe('the fsync of the WAL after the commit', () => {
    /** A sync the test completes or fails by hand. */
    function heldSync() {
      const calls: { resolve: () => void; reject: (err: unknown) => void }[] = [];
      const sync = () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject }));
      return { calls, sync };
    }
    const turns = async (n = 5) => {
      for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
    };

    it('answers no job before its fsync has completed, and batches committed meanwhile share the next one', async () => {
      const { calls, sync } = heldSync();
      const q = new WriteQueue(store, 128, { sync });
      const insert = store.sqlite.prepare('insert into t (v) values (?)');
      const settled: string[] = [];
      const track = (v: string) => q.run(() => insert.run(v)).then(() => settled.push(v));
      const first = [track('a'), track('b')];
      await turns();
      // Committed (another connection sees it) but not answered: the fsync is still running.
      expect(count()).toBe(2);
      expect(calls).toHaveLength(1);
      expect(settled).toEqual([]);
      // Two more batches commit while that fsync runs; they wait for the next one.
      const second = [track('c')];
      await turns();
      const third = [track('d')];
      await turns();
      expect(count()).toBe(4);
      expect(calls).toHaveLength(1);
      expect(q.stats.batches).toBe(3);
      calls[0].resolve();
      await Promise.all(first);
      await turns();
      expect(settled.sort()).toEqual(['a', 'b']);
      // One fsync for both later batches, started as soon as the first ended.
      expect(calls).toHaveLength(2);
      calls[1].resolve();
      await Promise.all([...second, ...third]);
      expect(settled.sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(calls).toHaveLength(2);
      expect(q.stats.syncs).toBe(2);
    });

    it('commits with NORMAL only for its own commit: the connection is back to FULL while the fsync runs and after', async () => {
      const seen: number[] = [];
      const q = new WriteQueue(store, 128, {
        sync: async () => {
          seen.push(store.sqlite.pragma('synchronous', { simple: true }) as number);
        },
      });
      const insert = store.sqlite.prepare('insert into t (v) values (?)');
      const inside = await q.run(() => {
        insert.run('a');
        return store.sqlite.pragma('synchronous', { simple: true });
      });
      const failed = q.run(() => {
        insert.run('b');
        throw new Error('refused');
      });
      await expect(failed).rejects.toThrow('refused');
      expect(inside).toBe(1); // NORMAL inside the queue's transaction
      expect(seen).toEqual([2, 2]); // FULL again (2) once committed
      expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    });

    it('rejects every job an fsync that fails covers, and commits with FULL from then on', async () => {
      const { calls, sync } = heldSync();
      const q = new WriteQueue(store, 128, { sync });
      const insert = store.sqlite.prepare('insert into t (v) values (?)');
      const covered = [q.run(() => insert.run('a')), q.run(() => insert.run('b'))];
      await turns();
      const meanwhile = q.run(() => insert.run('c'));
      await turns();
      calls[0].reject(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
      const results = await Promise.allSettled([...covered, meanwhile]);
      for (const r of results) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'EIO' } });
      // Later batches: FULL at commit (SQLite's own fsync), answered without this queue's sync.
      const later = await q.run(() => {
        insert.run('d');
        return store.sqlite.pragma('synchronous', { simple: true });
      });
      expect(later).toBe(2);
      expect(calls).toHaveLength(1);
      expect(q.stats.syncs).toBe(0);
    });

    it('fsyncs the real WAL file, and opens it again when it was replaced', async () => {
      const q = new WriteQueue(store);
      const insert = store.sqlite.prepare('insert into t (v) values (?)');
      await Promise.all([q.run(() => insert.run('a')), q.run(() => insert.run('b'))]);
      expect(q.stats.syncs).toBe(1);
      const wal = `${store.file}-wal`;
      const walFds = () =>
        fs.readdirSync('/proc/self/fd').filter((fd) => {
          try {
            return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(wal);
          } catch {
            return false;
          }
        });
      const before = fs.statSync(wal).ino;
      // Leaving WAL mode deletes the -wal file; back in WAL mode it is a new file (a new inode).
      store.sqlite.pragma('journal_mode = DELETE');
      fs.writeFileSync(path.join(dir, 'placeholder'), 'x'.repeat(4096)); // so the new file cannot reuse the inode
      store.sqlite.pragma('journal_mode = WAL');
      await q.run(() => insert.run('c'));
      expect(q.stats.syncs).toBe(2);
      expect(count()).toBe(3);
      if (fs.existsSync('/proc/self/fd')) {
        expect(fs.statSync(wal).ino).not.toBe(before);
        // The descriptor the queue holds is the new file's, not the deleted one's.
        const links = walFds().map((fd) => fs.readlinkSync(`/proc/self/fd/${fd}`));
        expect(links.some((l) => l === wal)).toBe(true);
        expect(links.some((l) => l.endsWith('(deleted)'))).toBe(false);
      }
    });
  });
});
