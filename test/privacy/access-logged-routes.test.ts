import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

/**
 * Every screen that shows personal data at participant level writes a row to the access log
 * before the data leave the server (issue 10; docs/engineering.md): who (user and session),
 * what (view, which data), which participants of which study, and when. A table of the routes
 * of the cohort, open answers and privacy areas, each read as a researcher on the demo study;
 * the fieldwork screens and the exports have their own tests.
 */
const SLUG = '1000-kansen';
let t: TestApp;
let researcher: LoggedIn;
let trainer: LoggedIn;
let studyId: number;
let userId: number;
let sessionRef: string;
const sqlite = () => t.data.store.sqlite;

interface Row {
  id: number;
  at: string;
  actor: string;
  session: string;
  study_id: number;
  kind: string;
  data: string;
  participants: string;
  count: number;
  purpose: string;
}

const keysOf = (sql: string, ...params: unknown[]) =>
  (
    sqlite()
      .prepare(sql)
      .all(...params) as { key: string }[]
  )
    .map((r) => r.key)
    .sort();

/** Participant keys of those whose submitted answer to an open question is shown. */
const openAnswerKeys = (item: string, round?: string) =>
  keysOf(
    `select distinct p.key from answer a join response r on r.id = a.response_id join participant p on p.id = r.participant_id join round o on o.id = r.round_id
     where r.study_id = ? and r.status = 'submitted' and a.item = ? and a.text is not null and a.text != '' ${round ? 'and o.key = ?' : ''}`,
    studyId,
    item,
    ...(round ? [round] : []),
  );

const firstKey = () =>
  (sqlite().prepare('select key from participant where study_id = ? order by id limit 1').get(studyId) as { key: string }).key;

const ROUTES: { name: string; url: () => string; data: string; purpose: RegExp; participants: () => string[] }[] = [
  {
    name: 'the cohort participant list (names, e-mail addresses)',
    url: () => `/api/studies/${SLUG}/participants`,
    data: 'contacts',
    purpose: /participant list/,
    participants: () => keysOf('select key from participant where study_id = ?', studyId),
  },
  {
    name: 'the answers to an open question',
    url: () => `/api/studies/${SLUG}/open-answers/recommend`,
    data: 'open-answers',
    purpose: /^open answers recommend: \d+ answers$/,
    participants: () => openAnswerKeys('recommend'),
  },
  {
    name: 'the answers to an open question in one round',
    url: () => `/api/studies/${SLUG}/open-answers/recommend?round=post`,
    data: 'open-answers',
    purpose: /round post/,
    participants: () => openAnswerKeys('recommend', 'post'),
  },
  // Searched by key: the search matches a key exactly, or a part of a name or address.
  {
    name: 'finding a participant to erase',
    url: () => `/api/studies/${SLUG}/privacy/participants?q=${firstKey()}`,
    data: 'contacts',
    purpose: /erase/,
    participants: () => [firstKey()],
  },
];

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
  studyId = (sqlite().prepare('select id from study where slug = ?').get(SLUG) as { id: number }).id;
  userId = (sqlite().prepare("select id from user where email = 'onderzoeker@example.nl'").get() as { id: number }).id;
  sessionRef = (sqlite().prepare('select id_hash from session where user_id = ?').get(userId) as { id_hash: string }).id_hash.slice(0, 12);
}, 60_000);
afterAll(async () => t?.close());

const newRows = (after: number) => sqlite().prepare('select * from personal_data_access where id > ? order by id').all(after) as Row[];
const lastId = () => (sqlite().prepare('select coalesce(max(id), 0) as id from personal_data_access').get() as { id: number }).id;

describe('routes that show personal data write the access log', () => {
  it.each(ROUTES)('$name', async (route) => {
    const expected = route.participants();
    expect(expected.length, 'the demo study has data for this route').toBeGreaterThan(0);
    const before = lastId();
    const started = Date.now();
    const res = await t.app.inject({ url: route.url(), headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    const rows = newRows(before);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      actor: `user:${userId}`,
      session: sessionRef,
      study_id: studyId,
      kind: 'view',
      data: route.data,
      count: expected.length,
    });
    expect(row.purpose).toMatch(route.purpose);
    expect((JSON.parse(row.participants) as string[]).sort()).toEqual(expected);
    const at = Date.parse(row.at);
    expect(at).toBeGreaterThanOrEqual(started - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    // …and the researchers' own log screen shows it.
    const log = (await t.app.inject({ url: `/api/studies/${SLUG}/privacy/access-log?limit=1`, headers: researcher.headers })).json();
    expect(log.entries[0]).toMatchObject({
      actor: `user:${userId}`,
      actorEmail: 'onderzoeker@example.nl',
      data: route.data,
      count: expected.length,
    });
  });

  it('writes nothing when a trainer is refused', async () => {
    const before = lastId();
    for (const route of ROUTES)
      expect((await t.app.inject({ url: route.url(), headers: trainer.headers })).statusCode, route.url()).toBe(403);
    expect(newRows(before)).toEqual([]);
  });

  it('writes nothing when nothing personal is shown', async () => {
    const before = lastId();
    expect(
      (await t.app.inject({ url: `/api/studies/${SLUG}/open-answers/recommend?round=pre`, headers: researcher.headers })).json().answers,
    ).toEqual([]);
    expect(
      (await t.app.inject({ url: `/api/studies/${SLUG}/privacy/participants?q=nobody-has-this`, headers: researcher.headers })).json()
        .participants,
    ).toEqual([]);
    expect(newRows(before)).toEqual([]);
  });
});

describe('exports that let personal data leave rondo write the access log', () => {
  const exportOf = (url: string) => t.app.inject({ url: `/api/studies/${SLUG}/exports/${url}`, headers: researcher.headers });
  const count = (sql: string) => sqlite().prepare(sql).pluck().get(studyId) as number;

  it('the contact list (names and e-mail addresses)', async () => {
    const before = lastId();
    const res = await exportOf('contacts.csv');
    expect(res.statusCode).toBe(200);
    const rows = newRows(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: `user:${userId}`,
      session: sessionRef,
      study_id: studyId,
      kind: 'export',
      data: 'contacts',
      participants: '*',
    });
    expect(rows[0].count).toBe(
      count('select count(*) from participant_contact c join participant p on p.id = c.participant_id where p.study_id = ?'),
    );
  });

  it.each(['wide', 'long', 'bundle'])('a %s data export with open answers', async (format) => {
    const before = lastId();
    expect((await exportOf(`${format}?openText=1`)).statusCode).toBe(200);
    const rows = newRows(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: `user:${userId}`,
      kind: 'export',
      data: 'open-answers',
      participants: '*',
      purpose: `export ${format} with open answers`,
    });
    expect(rows[0].count).toBe(count("select count(distinct participant_id) from response where study_id = ? and status = 'submitted'"));
  });

  it('but not a data export of pseudonymous codes only', async () => {
    const before = lastId();
    expect((await exportOf('wide')).statusCode).toBe(200);
    expect(newRows(before)).toEqual([]);
  });
});
