import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { createOpenStudy, type OpenStudy } from './helpers/open-study.js';
import { respondent, responsesOf } from './helpers/inject.js';
import { completeAnswers, newSubmissionId } from './helpers/respondent.js';

/**
 * Faults a server meets in the field, each with its expected outcome, in process: a full
 * disk, concurrent and repeated submits, a round that closes while someone fills in, and a
 * clock that jumps. (kill -9, a locked database and a restart during a migration need real
 * processes: kill9.test.ts, lock.test.ts, migration-crash.test.ts.)
 */
let t: TestApp;
let study: OpenStudy;
const start = new Date('2027-03-01T10:00:00.000Z');
const sqlite = () => t.data.store.sqlite;
const answers = (seed = 0) => completeAnswers(sqlite(), study.studyId, study.roundKey, seed);

beforeEach(async () => {
  t = await buildTestApp();
  t.setNow(start);
  study = await createOpenStudy(t.data.store.db, t.data.secret, { participants: 60, now: start });
});
afterEach(async () => t.close());

describe('a full disk', () => {
  /** Makes the database "full": no room for one more page. Returns a function that gives the room back. */
  function fillDisk(): () => void {
    const original = sqlite().pragma('max_page_count', { simple: true }) as number;
    sqlite().pragma(`max_page_count = ${sqlite().pragma('page_count', { simple: true }) as number}`);
    return () => sqlite().pragma(`max_page_count = ${original}`);
  }

  /** Submits until the database refuses (a small submission may still fit in free pages). */
  async function submitUntilFull() {
    let res = await (await respondent(t, study.invitations[0].token)).submit(answers(0));
    for (let i = 1; res.statusCode === 200 && i < 40; i++) res = await (await respondent(t, study.invitations[i].token)).submit(answers(i));
    return res;
  }

  it('answers a submission that does not fit with 503 and a clear message', async () => {
    const restore = fillDisk();
    const full = await submitUntilFull();
    restore();
    expect(full.statusCode, full.body).toBe(503);
    expect(full.json()).toEqual({
      code: 'UNAVAILABLE',
      message: 'The server is out of storage space; your answers were not saved. Try again later.',
    });
    expect(full.headers['retry-after']).toBe('5');
  });

  it('corrupts and half-writes nothing while full, keeps reading, and resumes when space returns', async () => {
    const group = study.invitations.slice(20, 40);
    const clients = await Promise.all(group.map((inv) => respondent(t, inv.token)));
    expect((await clients[0].draft(answers().slice(0, 3))).statusCode).toBe(200);
    const ids = group.map(() => newSubmissionId());
    const restore = fillDisk();
    const results = [];
    for (const [i, c] of clients.entries()) results.push(await c.submit(answers(i), ids[i]));
    const refused = results.flatMap((r, i) => (r.statusCode === 200 ? [] : [i]));
    expect(refused.length, 'some submissions found the disk full').toBeGreaterThan(0);
    for (const i of refused) expect(results[i].statusCode).toBeGreaterThanOrEqual(500);
    // Monitoring sees the full disk; reads go on; staff writes are refused the same way.
    const health = await t.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', database: 'ok', disk: 'full' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'nobody@example.nl', password: 'wrong password' },
    });
    expect(login.statusCode).not.toBe(200);
    expect(sqlite().pragma('integrity_check', { simple: true })).toBe('ok');
    // Every stored submission is complete; a refused one stored nothing of itself.
    const partial = sqlite()
      .prepare(
        "select count(*) n from response r where r.status = 'submitted' and (select count(*) from answer a where a.response_id = r.id) <> ?",
      )
      .get(answers().length);
    expect(partial).toEqual({ n: 0 });
    for (const i of refused) expect(responsesOf(t, group[i].invitationId).filter((r) => r.status === 'submitted')).toEqual([]);

    restore();
    expect((await t.app.inject({ url: '/healthz' })).json()).toMatchObject({ status: 'ok', disk: 'ok' });
    for (const i of refused) expect((await clients[i].submit(answers(i), ids[i])).statusCode).toBe(200);
    for (const [i, inv] of group.entries()) {
      expect(responsesOf(t, inv.invitationId)).toEqual([
        { id: expect.any(Number), status: 'submitted', submission_id: ids[i], cells: answers().length },
      ]);
    }
    expect(sqlite().pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('concurrent and repeated submits', () => {
  it('stores one response for fifty simultaneous submits of one invitation with one submission id', async () => {
    const inv = study.invitations[0];
    const r = await respondent(t, inv.token);
    const id = newSubmissionId();
    const results = await Promise.all(Array.from({ length: 50 }, () => r.submit(answers(), id)));
    expect(results.map((x) => x.statusCode)).toEqual(Array(50).fill(200));
    expect(results.filter((x) => x.json().repeated === false)).toHaveLength(1);
    expect(responsesOf(t, inv.invitationId)).toHaveLength(1);
  });

  it('accepts one of twenty simultaneous submits with different ids and refuses the rest with 409', async () => {
    const inv = study.invitations[1];
    const r = await respondent(t, inv.token);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => r.submit(answers(i))));
    expect(results.filter((x) => x.statusCode === 200)).toHaveLength(1);
    expect(results.filter((x) => x.statusCode === 409).map((x) => x.json().code)).toEqual(Array(19).fill('ALREADY_SUBMITTED'));
    expect(responsesOf(t, inv.invitationId)).toHaveLength(1);
  });

  it('answers a retry after success with the original result, and a second browser on the same link too', async () => {
    const inv = study.invitations[2];
    const first = await respondent(t, inv.token);
    const id = newSubmissionId();
    const a = await first.submit(answers(), id);
    const second = await respondent(t, inv.token);
    const b = await second.submit(answers(), id);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual({ submittedAt: a.json().submittedAt, repeated: true });
    expect((await second.draft(answers().slice(0, 1))).json().code).toBe('ALREADY_SUBMITTED');
    expect(responsesOf(t, inv.invitationId)).toHaveLength(1);
  });

  it('keeps many respondents submitting at once apart', async () => {
    const group = study.invitations.slice(10, 40);
    const clients = await Promise.all(group.map((inv) => respondent(t, inv.token)));
    const results = await Promise.all(clients.map((c, i) => c.submit(answers(i))));
    expect(results.map((x) => x.statusCode)).toEqual(Array(group.length).fill(200));
    for (const inv of group)
      expect(responsesOf(t, inv.invitationId)).toEqual([expect.objectContaining({ status: 'submitted', cells: answers().length })]);
  });
});

describe('a round that closes while someone is filling in', () => {
  const closeAt = (at: Date) => sqlite().prepare('update round set closes_at = ? where id = ?').run(at.toISOString(), study.roundId);
  const MIN = 60_000;

  it('accepts the submission within the grace period, refuses it after, and keeps the draft', async () => {
    const early = await respondent(t, study.invitations[0].token);
    const late = await respondent(t, study.invitations[1].token);
    expect((await early.draft(answers().slice(0, 4))).statusCode).toBe(200);
    expect((await late.draft(answers().slice(0, 4))).statusCode).toBe(200);
    closeAt(new Date(start.getTime() + 10 * MIN));

    t.setNow(new Date(start.getTime() + 40 * MIN)); // closed 30 minutes ago; grace is 60
    const inGrace = await early.submit(answers());
    expect(inGrace.statusCode, inGrace.body).toBe(200);

    t.setNow(new Date(start.getTime() + 71 * MIN)); // grace over
    const refused = await late.submit(answers());
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ROUND_CLOSED');
    expect((await late.draft(answers().slice(0, 5))).json().code).toBe('ROUND_CLOSED');
    // The draft stays, as it was, for the researcher.
    expect(responsesOf(t, study.invitations[1].invitationId)).toEqual([expect.objectContaining({ status: 'draft', cells: 4 })]);
    const page = await late.page();
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('rondo-form');
  });
});

describe('a clock that jumps', () => {
  const HOUR = 3_600_000;

  it('back: a retry stays a retry, and nothing is stored twice', async () => {
    const inv = study.invitations[0];
    const r = await respondent(t, inv.token);
    const id = newSubmissionId();
    const first = await r.submit(answers(), id);
    t.setNow(new Date(start.getTime() - 6 * HOUR));
    const retry = await r.submit(answers(), id);
    expect(retry.json()).toEqual({ submittedAt: first.json().submittedAt, repeated: true });
    expect(responsesOf(t, inv.invitationId)).toHaveLength(1);
  });

  it('back before the round opened: the round is "not open", and nothing is lost', async () => {
    const r = await respondent(t, study.invitations[1].token);
    expect((await r.draft(answers().slice(0, 2))).statusCode).toBe(200);
    t.setNow(new Date(start.getTime() - 3 * 24 * HOUR));
    const refused = await r.submit(answers());
    expect(refused.statusCode).toBe(409);
    t.setNow(start);
    expect((await r.submit(answers())).statusCode).toBe(200);
  });

  it('forward: staff sessions end, rounds close, and the way back works again', async () => {
    const researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: study.slug });
    const r = await respondent(t, study.invitations[2].token);
    expect((await r.draft(answers().slice(0, 2))).statusCode).toBe(200);
    t.setNow(new Date(start.getTime() + 30 * 24 * HOUR));
    expect((await t.app.inject({ url: `/api/studies/${study.slug}/audit`, headers: researcher.headers })).statusCode).toBe(401);
    expect((await r.submit(answers())).json().code).toBe('ROUND_CLOSED');
    t.setNow(new Date(start.getTime() + HOUR));
    expect((await r.submit(answers())).statusCode).toBe(200);
  });
});
