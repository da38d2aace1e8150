import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openData } from '../../server/data.js';
import { DB_FILE } from '../../server/db/open.js';
import { deletingSlug, finishStudyDeletions } from '../../server/studies/delete-study.js';
import { createUser } from '../../server/users.js';
import { networkItems, seedNetworkStudy } from '../helpers/network-study.js';
import { kill9, serve, stop, tempDirs, type ChildServer } from './helpers/child.js';

/**
 * kill -9 in the middle of deleting a big study (server/studies/delete-study.ts): the server is
 * killed while it erases the study's rows in steps, on studies that are not the demo (two network
 * monitors in Dutch, no partners or tools). The file is whole, the study stays out of sight after a
 * restart (no list, no URL, its slug free), every erasing step is whole (no response without all its
 * answers), the other study keeps every row, and the next server's finishing erases the rest.
 */
const MEMBERS = 3000;
const ITEMS = networkItems(30);
const OTHER_MEMBERS = 120;
const PASSWORD = 'correct horse battery staple';

const dirs = tempDirs();
afterAll(() => dirs.cleanUp());

interface Counts {
  responses: number;
  answers: number;
  participants: number;
  /** Responses that lost some of their answers: each step erases a response with all of them. */
  partial: number;
}

function countsOf(db: SQLite.Database, studyId: number): Counts {
  const one = (q: string) => (db.prepare(q).get(studyId) as { n: number }).n;
  return {
    responses: one('select count(*) n from response where study_id = ?'),
    answers: one('select count(*) n from answer a join response r on r.id = a.response_id where r.study_id = ?'),
    participants: one('select count(*) n from participant where study_id = ?'),
    partial: one(
      `select count(*) n from (select r.id from response r left join answer a on a.response_id = r.id
        where r.study_id = ? group by r.id having count(a.response_id) <> ${ITEMS.length})`,
    ),
  };
}

async function login(server: ChildServer): Promise<Record<string, string>> {
  const res = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'onderzoeker@example.nl', password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = /rondo_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function slugsListed(server: ChildServer, headers: Record<string, string>): Promise<string[]> {
  const res = await fetch(`${server.url}/api/studies`, { headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { studies: { slug: string }[] }).studies.map((s) => s.slug);
}

describe('kill -9 while a big study is being deleted', () => {
  it('leaves a whole file, the study out of sight, every step whole, and a deletion the next server finishes', async () => {
    const dataDir = dirs.make('rondo-kill9-delete-');
    const data = await openData(dataDir);
    const doomed = await seedNetworkStudy(data.store, 'netwerk-west', { members: MEMBERS, items: ITEMS });
    const kept = await seedNetworkStudy(data.store, 'netwerk-oost', { members: OTHER_MEMBERS, items: ITEMS });
    // The researcher of both studies deletes one; the other has a second researcher as well.
    await createUser(data.store.db, {
      email: 'onderzoeker@example.nl',
      password: PASSWORD,
      study: { slug: 'netwerk-west', role: 'researcher' },
    });
    await createUser(data.store.db, {
      email: 'tweede@example.nl',
      password: PASSWORD,
      study: { slug: 'netwerk-oost', role: 'researcher' },
    });
    data.store.sqlite
      .prepare(
        "insert into study_member (study_id, user_id, role) select ?, id, 'researcher' from user where email = 'onderzoeker@example.nl'",
      )
      .run(kept);
    const keptBefore = countsOf(data.store.sqlite, kept);
    const doomedBefore = countsOf(data.store.sqlite, doomed);
    await data.store.close();
    expect(doomedBefore).toEqual({ responses: MEMBERS * 2, answers: MEMBERS * 2 * ITEMS.length, participants: MEMBERS, partial: 0 });

    const file = path.join(dataDir, DB_FILE);
    const first = await serve(dataDir);
    let watcher: SQLite.Database | null = null;
    let atKill: Counts;
    try {
      const headers = await login(first);
      expect(await slugsListed(first, headers)).toEqual(expect.arrayContaining(['netwerk-west', 'netwerk-oost']));
      // The request's answer never comes: the server is killed first.
      void fetch(`${first.url}/api/studies/netwerk-west/delete`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ confirmSlug: 'netwerk-west' }),
      }).catch(() => undefined);
      // Watch the committed state beside the server and kill it once about a third of the responses are
      // erased (after several steps, each larger than the last) and the rest are not.
      watcher = new SQLite(file, { readonly: true });
      const responses = watcher.prepare('select count(*) n from response where study_id = ?');
      const deadline = Date.now() + 30_000;
      for (;;) {
        const n = (responses.get(doomed) as { n: number }).n;
        if (n > 0 && n < MEMBERS * 2 * 0.7) break;
        if (Date.now() > deadline) throw new Error(`the deletion never showed a halfway state (responses: ${n})`);
        await new Promise((r) => setTimeout(r, 1));
      }
      await kill9(first);
      atKill = countsOf(watcher, doomed);
    } finally {
      watcher?.close();
      if (first.child.exitCode === null && first.child.signalCode === null) await kill9(first);
    }

    // The file as the kill left it: whole, the study renamed and without its team, its erasing steps whole.
    const left = new SQLite(file);
    try {
      expect(left.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(left.prepare('select slug, deleting_since is not null as deleting from study where id = ?').get(doomed)).toEqual({
        slug: deletingSlug(doomed),
        deleting: 1,
      });
      expect(left.prepare('select count(*) n from study_member where study_id = ?').get(doomed)).toEqual({ n: 0 });
      const halfway = countsOf(left, doomed);
      expect(halfway.responses).toBeGreaterThan(0);
      expect(halfway.responses).toBeLessThan(MEMBERS * 2);
      expect(halfway.responses).toBeLessThanOrEqual(atKill.responses);
      expect(halfway).toEqual({ ...halfway, answers: halfway.responses * ITEMS.length, partial: 0 });
      expect(left.prepare('select count(*) n from answer where response_id not in (select id from response)').get()).toEqual({ n: 0 });
      expect(countsOf(left, kept)).toEqual(keptBefore);
      expect(left.prepare("select count(*) n from audit_log where action = 'study.delete' and study_id = ?").get(doomed)).toEqual({ n: 1 });
    } finally {
      left.close();
    }

    // The next server: the study is in no list and no URL reaches it; the other study is as it was.
    const second = await serve(dataDir);
    try {
      const headers = await login(second);
      expect(await slugsListed(second, headers)).toEqual(['netwerk-oost']);
      expect((await fetch(`${second.url}/api/studies/netwerk-west`, { headers })).status).toBe(404);
      expect((await fetch(`${second.url}/api/studies/${encodeURIComponent(deletingSlug(doomed))}`, { headers })).status).toBe(404);
      expect((await fetch(`${second.url}/api/studies/netwerk-oost`, { headers })).status).toBe(200);
    } finally {
      expect(await stop(second)).toBe(0);
    }

    // What the next server's retention job runs first (30 s after its start): the rest is erased.
    const reopened = await openData(dataDir);
    try {
      expect(await finishStudyDeletions(reopened.store)).toEqual([doomed]);
      const s = reopened.store.sqlite;
      expect(countsOf(s, doomed)).toEqual({ responses: 0, answers: 0, participants: 0, partial: 0 });
      expect(s.prepare('select count(*) n from study where id = ?').get(doomed)).toEqual({ n: 0 });
      expect(countsOf(s, kept)).toEqual(keptBefore);
      expect(s.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(await finishStudyDeletions(reopened.store)).toEqual([]);
    } finally {
      await reopened.store.close();
    }
  });
});
