import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { tablesWithStudyId } from '../../server/studies/delete-study.js';
import { roundState } from '../../server/fieldwork/rounds.js';

/**
 * Deleting a study through HTTP: nothing happens with a wrongly typed slug or while a round is open;
 * otherwise every row of every table with a study id goes, and the audit log keeps who deleted what.
 */
describe('deleting a study', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let studyId: number;
  const db = () => t.data.store.db;
  const remove = (confirmSlug: string, who = researcher) =>
    t.app.inject({ method: 'POST', url: '/api/studies/1000-kansen/delete', headers: who.headers, payload: { confirmSlug } });
  /** Rows per table holding the study's id. */
  const rows = async () => {
    const out: Record<string, number> = {};
    for (const table of await tablesWithStudyId(db())) {
      const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where study_id = ${studyId}`.execute(db());
      out[table] = r.rows[0].n;
    }
    return out;
  };

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    studyId = (await db().selectFrom('study').select('id').where('slug', '=', '1000-kansen').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('finds the cohort, responses, answers and rounds among the tables with a study id', async () => {
    const before = await rows();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['participant', 'response', 'round', 'study_member', 'mail_batch']));
    expect(before.participant).toBeGreaterThan(0);
    expect(before.response).toBeGreaterThan(0);
  });

  it('deletes nothing when the slug is typed wrongly', async () => {
    const before = await rows();
    const res = await remove('1000-kanse');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { field: 'confirmSlug', reason: 'slug-mismatch' } });
    expect(res.json().message).toContain('"1000-kansen"');
    expect(await rows()).toEqual(before);
  });

  it('refuses while a round is open, and deletes nothing', async () => {
    await db()
      .updateTable('round')
      .set({ opens_at: new Date(Date.now() - 86_400_000).toISOString(), closes_at: new Date(Date.now() + 86_400_000).toISOString() })
      .where('study_id', '=', studyId)
      .where('key', '=', 'post')
      .execute();
    const before = await rows();
    const res = await remove('1000-kansen');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'rounds-open', rounds: ['post'] } });
    expect(res.json().message).toMatch(/Close the open rounds first/);
    expect(await rows()).toEqual(before);
  });

  it('lets only researchers delete', async () => {
    const trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
    expect((await remove('1000-kansen', trainer)).statusCode).toBe(403);
  });

  it('deletes every row with the study id once the rounds are closed, and audit-logs who deleted what', async () => {
    for (const r of await db().selectFrom('round').select(['key', 'opens_at', 'closes_at']).where('study_id', '=', studyId).execute()) {
      if (roundState(r, new Date()) !== 'open') continue;
      const url = `/api/studies/1000-kansen/fieldwork/rounds/${r.key}/close`;
      expect((await t.app.inject({ method: 'POST', url, headers: researcher.headers, payload: {} })).statusCode).toBe(200);
    }
    const before = await rows();
    const answers = Number(
      (
        await db()
          .selectFrom('answer')
          .innerJoin('response', 'response.id', 'answer.response_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('response.study_id', '=', studyId)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(answers).toBeGreaterThan(0);
    expect((await db().selectFrom('invitation').select('id').execute()).length).toBeGreaterThan(0);
    const res = await remove(' 1000-kansen ');
    expect(res.statusCode).toBe(200);
    const deleted = res.json().deleted as Record<string, number>;
    expect(deleted).toEqual(Object.fromEntries(Object.entries(before).filter(([, n]) => n > 0)));
    const after = await rows();
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await db().selectFrom('study').select('id').where('id', '=', studyId).execute()).toEqual([]);
    expect(await db().selectFrom('answer').select('response_id').execute()).toEqual([]);
    expect(await db().selectFrom('participant_contact').select('participant_id').execute()).toEqual([]);
    expect(await db().selectFrom('invitation').select('id').execute()).toEqual([]);
    const entry = await db()
      .selectFrom('audit_log')
      .select(['actor', 'action', 'target', 'details'])
      .where('action', '=', 'study.delete')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'study.delete', target: 'study:1000-kansen' });
    expect(entry.actor).toMatch(/^user:\d+$/);
    expect(JSON.parse(entry.details)).toEqual({ slug: '1000-kansen', deleted });
    const earlier = await db().selectFrom('audit_log').select('id').where('study_id', '=', studyId).execute();
    expect(earlier.length).toBeGreaterThan(1);
    const gone = await t.app.inject({ method: 'GET', url: '/api/studies/1000-kansen', headers: researcher.headers });
    expect(gone.statusCode).toBe(404);
  });
});
