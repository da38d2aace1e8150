import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../model/api/exchange.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createImhStudy } from '../helpers/study.js';
import { responseRates } from '../../server/exchange/response-rates.js';
import { loadExchangeStudy } from '../../server/exchange/study-data.js';

/**
 * The response rate an import leaves (issue 19): the denominator is the cohort's invitations,
 * an import invites nobody unless told who was invited, a row without answers is no response,
 * and the dry run says the rate per round with warnings. Through HTTP, as the import screen
 * calls it. The cohort: 48 participants d01…d48, all invited to "pre", nobody yet to "post".
 */
let t: TestApp;
let researcher: LoggedIn;
let slug = '';
let n = 0;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

beforeEach(async () => {
  slug = `rates-${++n}`;
  const { studyId } = await createImhStudy(t.data.store.db, slug, { nl: 'Respons', en: 'Response' });
  researcher = await loginAs(t, `r${n}@example.nl`, { role: 'researcher', study: slug });
  const s = t.data.store.sqlite;
  const pre = s.prepare("select id from round where study_id = ? and key = 'pre'").pluck().get(studyId) as number;
  for (const key of KEYS) {
    const id = Number(
      s.prepare("insert into participant (study_id, key, created_at) values (?, ?, '2026-01-01T00:00:00Z')").run(studyId, key)
        .lastInsertRowid,
    );
    s.prepare("insert into participant_contact (participant_id, name, email) values (?, '', ?)").run(id, `${key}@example.nl`);
    s.prepare("insert into invitation (participant_id, round_id, token_hash, created_at) values (?, ?, ?, '2026-01-02T00:00:00Z')").run(
      id,
      pre,
      crypto.randomBytes(16).toString('hex'),
    );
  }
});

const KEYS = Array.from({ length: 48 }, (_, i) => `d${String(i + 1).padStart(2, '0')}`);
const BASE = () => `/api/studies/${slug}/imports`;
const MAPPING = {
  format: 'rondo.import-mapping/1',
  participants: { identify: 'key', column: 'key' },
  columns: { know_problems: { variable: 'know_problems' }, comp_signal: { variable: 'comp_signal' } },
};

/** A file of `keys`, each with two answers, and `empty` keys with both cells empty. */
function file(keys: string[], empty: string[] = []): string {
  const rows = [...keys.map((k, i) => `${k};${(i % 5) + 1};3`), ...empty.map((k) => `${k};;`)];
  return ['key;know_problems;comp_signal', ...rows].join('\r\n') + '\r\n';
}

async function post(path: string, csv: string, mapping: unknown, round: string) {
  return t.app.inject({
    method: 'POST',
    url: `${BASE()}${path}`,
    headers: researcher.headers,
    payload: { data: Buffer.from(csv).toString('base64'), fileName: 'f.csv', round, mapping },
  });
}
const dryRun = async (csv: string, mapping: unknown = MAPPING, round = 'pre') =>
  (await post('/dry-run', csv, mapping, round)).json() as ImportReport;

/** Rows in every table an import writes to. */
const written = () =>
  ['participant', 'participant_contact', 'invitation', 'response', 'answer', 'import_batch'].map(
    (table) => t.data.store.sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number,
  );
const rate = (round: string) =>
  responseRates(t.data.store.sqlite, loadExchangeStudy(t.data.store.sqlite, slug)).find((r) => r.round === round)!;
const codes = (r: ImportReport) => r.problems.map((p) => p.code);

describe('a file of responders only', () => {
  it("leaves the response rate at the cohort's invitations: 40 of 48, not 40 of 40", async () => {
    const csv = file(KEYS.slice(0, 40));
    const dry = await dryRun(csv);
    expect(dry.ok).toBe(true);
    expect(dry.counts).toMatchObject({ responses: 40, invitationsCreated: 0, empty: 0, notInvited: 0 });
    expect(dry.rates.find((r) => r.round === 'pre')).toEqual({
      round: 'pre',
      imported: true,
      invited: 48,
      responding: 40,
      rate: 40 / 48,
      invitedFrom: 'invitations',
      text: { nl: '48 uitgenodigd (uitnodigingen), 40 met antwoorden → 83%', en: '48 invited (invitations), 40 with answers → 83%' },
    });
    expect(codes(dry)).not.toContain('FULL_RESPONSE');
    const before = written();
    const res = await post('', csv, MAPPING, 'pre');
    expect(res.statusCode).toBe(201);
    expect(written()[2]).toBe(before[2]); // no invitation added
    expect(rate('pre')).toMatchObject({ eligible: 48, responded: 40, rate: 40 / 48 });
  });

  it('gives no rate, with a warning, for a round nobody is invited to; the cohort can be named as the invitation list', async () => {
    const csv = file(KEYS.slice(0, 17));
    const none = await dryRun(csv, MAPPING, 'post');
    expect(none.rates.find((r) => r.imported)).toMatchObject({ invited: 0, responding: 0, rate: null });
    expect(none.problems.find((p) => p.code === 'NO_INVITATIONS')?.severity).toBe('warning');

    const cohort = await dryRun(csv, { ...MAPPING, invite: 'cohort' }, 'post');
    expect(cohort.counts.invitationsCreated).toBe(48);
    expect(cohort.rates.find((r) => r.imported)!.text.nl).toBe('48 uitgenodigd (deelnemers), 17 met antwoorden → 35%');
    expect(codes(cohort)).not.toContain('NO_INVITATIONS');
    expect((await post('', csv, { ...MAPPING, invite: 'cohort' }, 'post')).statusCode).toBe(201);
    expect(rate('post')).toMatchObject({ eligible: 48, responded: 17 });
  });

  it('warns when the file is named the invitation list and so everyone responded (100%)', async () => {
    const dry = await dryRun(file(KEYS.slice(0, 17)), { ...MAPPING, invite: 'file' }, 'post');
    expect(dry.rates.find((r) => r.imported)).toMatchObject({ invited: 17, responding: 17, rate: 1, invitedFrom: 'file' });
    expect(dry.problems.find((p) => p.code === 'FULL_RESPONSE')).toMatchObject({ severity: 'warning', row: null });
  });
});

describe('a file of the whole cohort with empty rows', () => {
  it('counts the 31 rows with answers as responses, not 48, and says which rows are empty', async () => {
    const csv = file(KEYS.slice(0, 31), KEYS.slice(31));
    const dry = await dryRun(csv, { ...MAPPING, invite: 'file' }, 'post');
    expect(dry.counts).toMatchObject({ rows: 48, responses: 31, empty: 17, invitationsCreated: 48 });
    expect(dry.rates.find((r) => r.imported)!.text).toEqual({
      nl: '48 uitgenodigd (bestand), 31 met antwoorden → 65%',
      en: '48 invited (file), 31 with answers → 65%',
    });
    const empty = dry.problems.find((p) => p.code === 'EMPTY_ROWS')!;
    expect(empty.severity).toBe('warning');
    expect(empty.message).toMatch(/^17 rows have no answers \(rows 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, …\); they are not imported/);
    expect((await post('', csv, { ...MAPPING, invite: 'file' }, 'post')).statusCode).toBe(201);
    expect(rate('post')).toMatchObject({ eligible: 48, responded: 31 });
    const responses = t.data.store.sqlite
      .prepare(
        "select count(*) from response r join round o on o.id = r.round_id where o.key = 'post' and r.study_id = (select id " +
          'from study where slug = ?)',
      )
      .pluck()
      .get(slug);
    expect(responses).toBe(31);
  });

  it('reads a value map: 9 → "weet niet" is an answer, 9 → skipped is none', async () => {
    const csv = 'key;know_problems;comp_signal\r\nd01;9;9\r\nd02;2;9\r\n';
    const asDontKnow = {
      ...MAPPING,
      columns: {
        know_problems: { variable: 'know_problems', values: { '9': 'dont_know' } },
        comp_signal: { variable: 'comp_signal', values: { '9': 'dont_know' } },
      },
    };
    const known = await dryRun(csv, asDontKnow);
    expect(known.counts).toMatchObject({ responses: 2, empty: 0, cells: 4 });
    const asSkipped = {
      ...MAPPING,
      columns: {
        know_problems: { variable: 'know_problems', values: { '9': 'skipped' } },
        comp_signal: { variable: 'comp_signal', values: { '9': 'skipped' } },
      },
    };
    const skipped = await dryRun(csv, asSkipped);
    expect(skipped.counts).toMatchObject({ responses: 1, empty: 1, cells: 1 });
    expect((await post('', csv, asDontKnow, 'pre')).statusCode).toBe(201);
    const missing = t.data.store.sqlite
      .prepare(
        'select a.item, a.missing from answer a join response r on r.id = a.response_id join participant p on p.id = ' +
          "r.participant_id where p.key = 'd01' and r.study_id = (select id from study where slug = ?) order by a.item",
      )
      .raw()
      .all(slug);
    expect(missing).toEqual([
      ['comp_signal', 'dont_know'],
      ['know_problems', 'dont_know'],
    ]);
  });

  it('writes nothing when one row is wrong, invitations for the whole cohort included', async () => {
    const csv = file(KEYS.slice(0, 3)).replace('d02;2;3', 'd02;12;3');
    const before = written();
    const res = await post('', csv, { ...MAPPING, invite: 'cohort' }, 'post');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.problems.find((p: { code: string }) => p.code === 'OUT_OF_RANGE')).toMatchObject({ row: 3 });
    expect(written()).toEqual(before);
  });

  it('refuses an invite option that contradicts the invited column', async () => {
    const dry = await dryRun(file(['d01']), { ...MAPPING, invite: 'cohort', invitedColumn: 'key' });
    expect(dry.ok).toBe(false);
    expect(dry.problems[0]).toMatchObject({ code: 'MAPPING_SCHEMA' });
  });
});

describe('saved mappings', () => {
  it('are saved per study under a name, listed, reused for the next file and removed', async () => {
    const named = { ...MAPPING, invite: 'cohort' };
    const url = `${BASE()}/mappings/${encodeURIComponent('LimeSurvey export')}`;
    const put = await t.app.inject({ method: 'PUT', url, headers: researcher.headers, payload: { mapping: named } });
    expect(put.statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: `${BASE()}/mappings`, headers: researcher.headers });
    expect(list.json().mappings).toMatchObject([{ name: 'LimeSurvey export', mapping: named, actor: expect.any(String) }]);
    const reused = await dryRun(file(KEYS.slice(0, 17)), list.json().mappings[0].mapping, 'post');
    expect(reused.rates.find((r) => r.imported)).toMatchObject({ invited: 48, responding: 17, invitedFrom: 'cohort' });
    const del = await t.app.inject({ method: 'DELETE', url, headers: researcher.headers });
    expect(del.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `${BASE()}/mappings`, headers: researcher.headers })).json().mappings).toEqual([]);
  });

  it('refuses a mapping that is not sound, and saves nothing', async () => {
    const url = `${BASE()}/mappings/kapot`;
    const res = await t.app.inject({
      method: 'PUT',
      url,
      headers: researcher.headers,
      payload: { mapping: { format: 'rondo.import-mapping/1', participants: { identify: 'key' }, columns: {} } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.problems[0]).toMatchObject({ code: 'MAPPING_SCHEMA' });
    expect(t.data.store.sqlite.prepare('select count(*) from import_mapping where name = ?').pluck().get('kapot')).toBe(0);
  });
});
