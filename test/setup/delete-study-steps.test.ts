import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DB_FILE } from '../../server/db/open.js';
import { listStudies } from '../../server/studies/repository.js';
import { eraseStudyRowsInSteps } from '../../server/privacy/erasing-tx.js';
import { decideStudyDeletion, deletingSlug, finishStudyDeletions, tablesWithStudyId } from '../../server/studies/delete-study.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { failErasingParticipants } from '../helpers/erase-fault.js';
import { networkItems, seedNetworkStudy } from '../helpers/network-study.js';

/**
 * Deleting a big study in steps (server/studies/delete-study.ts): the study is out of sight from the
 * decision on, its rows are erased in transactions of their own with the event loop turning between
 * them, and a deletion a stop cut short is finished later. On a study that is not the demo: a
 * half-yearly network monitor in Dutch only, no partners or tools, 400 members × 2 rounds × 24 statements.
 */
const MEMBERS = 400;
const ITEMS = networkItems(24);
const seed = (t: TestApp, slug: string) => seedNetworkStudy(t.data.store, slug, { members: MEMBERS, items: ITEMS });

describe('deleting a big study in steps', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const rowsOf = async (studyId: number) => {
    let n = 0;
    for (const table of await tablesWithStudyId(t.data.store.db)) {
      n += (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where study_id = ${studyId}`.execute(t.data.store.db))
        .rows[0].n;
    }
    return n;
  };
  const answersOf = (studyId: number) =>
    (
      t.data.store.sqlite
        .prepare('select count(*) n from answer a join response r on r.id = a.response_id where r.study_id = ?')
        .get(studyId) as { n: number }
    ).n;

  beforeAll(async () => {
    t = await buildTestApp();
    await seed(t, 'netwerk-noord');
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: 'netwerk-noord' });
  });
  afterAll(() => t.close());

  it('erases in transactions of their own while the server turns, and nobody sees the study meanwhile', async () => {
    const studyId = (t.data.store.sqlite.prepare("select id from study where slug = 'netwerk-noord'").get() as { id: number }).id;
    expect(answersOf(studyId)).toBe(MEMBERS * 2 * ITEMS.length);
    // What another connection sees, committed, at every turn of the event loop while the deletion runs.
    const other = new Database(path.join(t.dir, DB_FILE), { readonly: true });
    const seen: { responses: number; slug: string; members: number }[] = [];
    let done = false;
    const deletion = t.app
      .inject({
        method: 'POST',
        url: '/api/studies/netwerk-noord/delete',
        headers: researcher.headers,
        payload: { confirmSlug: 'netwerk-noord' },
      })
      .finally(() => {
        done = true;
      });
    while (!done) {
      const study = other.prepare('select slug from study where id = ?').get(studyId) as { slug: string } | undefined;
      const responses = (other.prepare('select count(*) n from response where study_id = ?').get(studyId) as { n: number }).n;
      const members = (other.prepare('select count(*) n from study_member where study_id = ?').get(studyId) as { n: number }).n;
      seen.push({ responses, slug: study?.slug ?? '(gone)', members });
      await turn();
    }
    other.close();
    const res = await deletion;
    expect(res.statusCode).toBe(200);
    expect(res.json().deleted).toMatchObject({ participant: MEMBERS, response: MEMBERS * 2, round: 2, study_member: 1 });
    // Halfway states were committed and seen: the responses went in several steps, ...
    const halfway = seen.filter((s) => s.responses > 0 && s.responses < MEMBERS * 2);
    expect(new Set(halfway.map((s) => s.responses)).size).toBeGreaterThanOrEqual(2);
    // ... and in each the study was already out of sight: renamed, without its team.
    for (const s of halfway) expect(s).toMatchObject({ slug: deletingSlug(studyId), members: 0 });
    expect(await rowsOf(studyId)).toBe(0);
    expect(answersOf(studyId)).toBe(0);
    expect(t.data.store.sqlite.prepare('select count(*) n from study where id = ?').get(studyId)).toEqual({ n: 0 });
  });

  it('finishes a deletion a stop cut short; meanwhile the study is in no list and its slug is free', async () => {
    const studyId = await seed(t, 'netwerk-zuid');
    const member = await loginAs(t, 'lid@example.nl', { role: 'researcher', study: 'netwerk-zuid' });
    const listed = async (who: LoggedIn) =>
      ((await t.app.inject({ url: '/api/studies', headers: who.headers })).json().studies as { slug: string }[]).map((s) => s.slug);
    const slugs = async () => (await listStudies(t.data.store.db)).map((s) => s.slug);
    expect(await listed(member)).toContain('netwerk-zuid');
    expect(await slugs()).toContain('netwerk-zuid');
    const rows = await rowsOf(studyId);

    // The server stops right after the decision: nothing is erased yet, but nobody sees the study.
    const deleted = await decideStudyDeletion(t.data.store, {
      studyId,
      slug: 'netwerk-zuid',
      confirmSlug: 'netwerk-zuid',
      actor: 'test',
      now: new Date(),
    });
    expect(deleted).toMatchObject({ participant: MEMBERS, response: MEMBERS * 2 });
    expect(answersOf(studyId)).toBe(MEMBERS * 2 * ITEMS.length);
    expect(await listed(member)).not.toContain('netwerk-zuid');
    expect(await slugs()).not.toContain('netwerk-zuid');
    expect(await slugs()).not.toContain(deletingSlug(studyId));
    expect((await t.app.inject({ url: '/api/studies/netwerk-zuid', headers: member.headers })).statusCode).toBe(404);
    // A second deletion finds nothing to delete and changes nothing.
    await expect(
      decideStudyDeletion(t.data.store, { studyId, slug: 'netwerk-zuid', confirmSlug: 'netwerk-zuid', actor: 'test', now: new Date() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The slug is free for a new study at once.
    const again = await seed(t, 'netwerk-zuid');
    expect(again).not.toBe(studyId);

    // The retention job of the next server finishes it; the new study keeps every row.
    expect(await finishStudyDeletions(t.data.store)).toEqual([studyId]);
    expect(await rowsOf(studyId)).toBe(0);
    expect(answersOf(studyId)).toBe(0);
    expect(await rowsOf(again)).toBe(rows - 1); // all but the first study's team member
    expect(answersOf(again)).toBe(MEMBERS * 2 * ITEMS.length);
    expect(await finishStudyDeletions(t.data.store)).toEqual([]);
    const audit = t.data.store.sqlite
      .prepare("select target, details from audit_log where action = 'study.delete' and study_id = ?")
      .get(studyId) as { target: string; details: string };
    expect(audit.target).toBe('study:netwerk-zuid');
    expect(JSON.parse(audit.details)).toEqual({ slug: 'netwerk-zuid', deleted });
  });

  it('answers that the erasure is pending when a step fails, keeps the study out of sight, and finishes it later', async () => {
    const studyId = await seed(t, 'netwerk-oost');
    t.data.store.sqlite
      .prepare(
        "insert into study_member (study_id, user_id, role) select ?, id, 'researcher' from user where email = 'onderzoeker@example.nl'",
      )
      .run(studyId);
    // A fault while erasing the participants (the responses are erased already): simulated on this connection only.
    const mend = failErasingParticipants(t.data.store.sqlite, studyId);
    let res: Awaited<ReturnType<typeof t.app.inject>>;
    try {
      res = await t.app.inject({
        method: 'POST',
        url: '/api/studies/netwerk-oost/delete',
        headers: researcher.headers,
        payload: { confirmSlug: 'netwerk-oost' },
      });
    } finally {
      mend();
    }
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      slug: 'netwerk-oost',
      erasure: 'pending',
      deleted: { participant: MEMBERS, response: MEMBERS * 2 },
    });
    expect(answersOf(studyId)).toBe(0);
    expect(t.data.store.sqlite.prepare('select slug from study where id = ?').get(studyId)).toEqual({ slug: deletingSlug(studyId) });
    expect((await t.app.inject({ url: '/api/studies/netwerk-oost', headers: researcher.headers })).statusCode).toBe(404);
    expect(await finishStudyDeletions(t.data.store)).toEqual([studyId]);
    expect(await rowsOf(studyId)).toBe(0);
  });

  it('waits while another request keeps the connection busy, instead of failing halfway', async () => {
    const studyId = await seed(t, 'netwerk-west');
    // A streaming read holds the connection: no transaction can begin until it is closed.
    const reading = t.data.store.sqlite.prepare('select response_id from answer').iterate();
    reading.next();
    expect(() => t.data.store.sqlite.exec('begin immediate')).toThrow(/busy executing a query/);
    setTimeout(() => reading.return?.(), 50);
    expect(await eraseStudyRowsInSteps(t.data.store, studyId)).toEqual({ responses: MEMBERS * 2, participants: MEMBERS });
    expect(answersOf(studyId)).toBe(0);
  });
});
