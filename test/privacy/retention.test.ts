import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { MIN_NOTICE_MS, runRetention, WARN_BEFORE_MS } from '../../server/privacy/retention.js';

let t: TestApp;
let researcher: LoggedIn;
const sqlite = () => t.data.store.sqlite;
const DAY = 86_400_000;
const start = new Date('2027-01-10T09:00:00.000Z');

beforeEach(async () => {
  t = await buildTestApp({ demo: true });
  t.setNow(start);
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
});
afterEach(async () => t.close());

const setDate = (date: string | null) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/studies/1000-kansen/privacy/retention',
    headers: researcher.headers,
    payload: { retentionUntil: date },
  });
const personalRows = () =>
  sqlite()
    .prepare(
      'select (select count(*) from participant) + (select count(*) from participant_contact) + (select count(*) from response) as n',
    )
    .get() as { n: number };

describe('the retention date', () => {
  it('is a calendar date in the future, audit-logged, and can be cleared', async () => {
    const res = await setDate('2027-06-01');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ retentionUntil: '2027-06-01T00:00:00.000Z', warning: false, deletesAt: '2027-06-01T00:00:00.000Z' });
    expect((await setDate('2027-01-10')).statusCode).toBe(400); // today is not in the future
    expect((await setDate('2027-02-30')).json()).toMatchObject({ code: 'VALIDATION' });
    expect((await setDate('1 juni')).statusCode).toBe(400);
    expect((await setDate(null)).json()).toMatchObject({ retentionUntil: null, deletesAt: null });
    const actions = (
      sqlite().prepare("select action from audit_log where action like 'privacy.retention%'").all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(['privacy.retention.set', 'privacy.retention.set']);
  });

  it('warns thirty days ahead, then deletes the personal data of the study at the date', async () => {
    await setDate('2027-03-01');
    const until = Date.parse('2027-03-01T00:00:00.000Z');
    expect(await runRetention(t.data.store, new Date(until - WARN_BEFORE_MS - DAY))).toEqual({ warned: [], deleted: [] });
    const warnedAt = new Date(until - WARN_BEFORE_MS + DAY);
    t.setNow(warnedAt);
    researcher = await loginAs(t, 'onderzoeker@example.nl'); // the old session went idle
    expect((await runRetention(t.data.store, warnedAt)).warned).toHaveLength(1);
    const overview = (await t.app.inject({ url: '/api/studies/1000-kansen/privacy', headers: researcher.headers })).json();
    expect(overview.retention).toMatchObject({ warning: true, warnedAt: warnedAt.toISOString(), deletesAt: '2027-03-01T00:00:00.000Z' });
    expect((await runRetention(t.data.store, new Date(until - 1))).deleted).toEqual([]);
    expect(personalRows().n).toBeGreaterThan(0);

    const run = await runRetention(t.data.store, new Date(until));
    expect(run.deleted).toEqual([{ studyId: expect.any(Number), participants: 34, responses: 58 }]);
    expect(personalRows()).toEqual({ n: 0 });
    // The study itself, its questionnaire and the audit log stay.
    expect(sqlite().prepare('select count(*) n from study').get()).toEqual({ n: 1 });
    expect(sqlite().prepare('select count(*) n from questionnaire_version').get()).toEqual({ n: 1 });
    const actions = (
      sqlite().prepare('select action from audit_log where study_id is not null order by id').all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(['privacy.retention.set', 'privacy.retention.warning', 'privacy.retention.deleted']);
    // Once done, it does not run again, and the date cannot be moved any more.
    expect(await runRetention(t.data.store, new Date(until + DAY))).toEqual({ warned: [], deleted: [] });
    expect((await setDate('2028-01-01')).json().details).toEqual({ reason: 'ALREADY_DELETED' });
  });

  it('survives a clock that jumps past the date: the warning comes first and nothing is deleted before the notice runs out', async () => {
    await setDate('2027-03-01');
    const jumped = new Date('2027-09-01T00:00:00.000Z');
    expect(await runRetention(t.data.store, jumped)).toEqual({ warned: [expect.any(Number)], deleted: [] });
    expect((await runRetention(t.data.store, new Date(jumped.getTime() + MIN_NOTICE_MS - 1))).deleted).toEqual([]);
    expect(personalRows().n).toBeGreaterThan(0);
    // The researcher moves the date in the meantime: the warning starts over.
    t.setNow(new Date(jumped.getTime() + DAY));
    researcher = await loginAs(t, 'onderzoeker@example.nl');
    expect((await setDate('2028-09-01')).statusCode).toBe(200);
    expect(await runRetention(t.data.store, new Date(jumped.getTime() + MIN_NOTICE_MS))).toEqual({ warned: [], deleted: [] });
    expect(personalRows().n).toBeGreaterThan(0);
  });

  it('does nothing when a clock jumps backwards after the warning', async () => {
    await setDate('2027-03-01');
    await runRetention(t.data.store, new Date('2027-02-15T00:00:00.000Z'));
    expect(await runRetention(t.data.store, new Date('2026-01-01T00:00:00.000Z'))).toEqual({ warned: [], deleted: [] });
    expect(personalRows().n).toBeGreaterThan(0);
  });
});

describe('the privacy statement', () => {
  const url = '/api/studies/1000-kansen/privacy/statement';
  it('is read by every member and edited by researchers, as text, in each language of the study', async () => {
    const manager = await loginAs(t, 'manager@example.nl', { role: 'manager' });
    const read = await t.app.inject({ url, headers: manager.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().languages).toEqual(expect.arrayContaining(['nl']));

    const languages = read.json().languages as string[];
    const statement = Object.fromEntries(languages.map((l) => [l, `  <b>Privacy</b> ${l}: wij bewaren uw antwoorden tot 2030.  `]));
    expect((await t.app.inject({ method: 'PUT', url, headers: manager.headers, payload: statement })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'PUT', url, headers: researcher.headers, payload: statement });
    expect(res.statusCode).toBe(200);
    expect(res.json().statement[languages[0]]).toBe(`<b>Privacy</b> ${languages[0]}: wij bewaren uw antwoorden tot 2030.`);
    const definition = JSON.parse((sqlite().prepare('select definition from study').get() as { definition: string }).definition);
    expect(definition.privacyStatement[languages[0]]).toMatch(/^<b>Privacy<\/b>/);
    expect(sqlite().prepare("select count(*) n from audit_log where action = 'privacy.statement.update'").get()).toEqual({ n: 1 });
  });

  it('refuses an empty text for a language of the study, unknown fields and oversized texts', async () => {
    const before = (sqlite().prepare('select definition from study').get() as { definition: string }).definition;
    for (const body of [{ nl: '   ' }, { nl: 'ok', extra: 1 }, { nl: 'x'.repeat(4001) }, { nl: 42 }]) {
      const res = await t.app.inject({ method: 'PUT', url, headers: researcher.headers, payload: body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((sqlite().prepare('select definition from study').get() as { definition: string }).definition).toBe(before);
  });
});
