import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { rowsOf } from './helpers.js';

let t: TestApp;
let researcher: LoggedIn;
let trainer: LoggedIn;
const BASE = '/api/studies/1000-kansen';

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
});
afterAll(async () => t.close());

const audits = (action: string) =>
  t.data.store.sqlite.prepare('select count(*) from audit_log where action = ?').pluck().get(action) as number;

describe('export downloads', () => {
  it('stream the wide file as CSV to a researcher, and record the export', async () => {
    const before = audits('export.data');
    const res = await t.app.inject({ method: 'GET', url: `${BASE}/exports/wide?flavour=nl&openText=1`, headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="1000-kansen-wide-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = rowsOf(res.body);
    expect(rows).toHaveLength(35);
    expect(rows[0]).toContain('recommend_post');
    expect(audits('export.data')).toBe(before + 1);
  });

  it('send formats of several files as a zip', async () => {
    for (const format of ['round', 'codebook', 'spss', 'r', 'bundle']) {
      const res = await t.app.inject({ method: 'GET', url: `${BASE}/exports/${format}`, headers: researcher.headers });
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    }
  });

  it('send an Excel workbook with file=xlsx and the SPSS data file as .sav, each recorded', async () => {
    const before = audits('export.data');
    for (const [query, type, ext, magic] of [
      ['round?file=xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx', 'PK\u0003\u0004'],
      ['sav?lang=en', 'application/x-spss-sav', 'sav', '$FL2'],
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `${BASE}/exports/${query}`, headers: researcher.headers });
      expect(res.statusCode, query).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="1000-kansen-\\w+-\\d{4}-\\d{2}-\\d{2}\\.${ext}"$`),
      );
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe(magic);
    }
    expect(audits('export.data')).toBe(before + 2);
  });

  it('are not for trainers, and refuse unknown formats and options', async () => {
    expect((await t.app.inject({ method: 'GET', url: `${BASE}/exports/wide`, headers: trainer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `${BASE}/exports/contacts.csv`, headers: trainer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `${BASE}/exports/xls`, headers: researcher.headers })).json().code).toBe('VALIDATION');
    expect((await t.app.inject({ method: 'GET', url: `${BASE}/exports/spss?file=xlsx`, headers: researcher.headers })).json()).toEqual({
      code: 'VALIDATION',
      message: 'Only the long, wide, round, codebook exports come as an Excel workbook.',
    });
    expect((await t.app.inject({ method: 'GET', url: `${BASE}/exports/wide?flavour=de`, headers: researcher.headers })).json().code).toBe(
      'VALIDATION',
    );
  });

  it('give the contact list only on its own request, audit-logged', async () => {
    const before = audits('export.contacts');
    const res = await t.app.inject({ method: 'GET', url: `${BASE}/exports/contacts.csv`, headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    expect(rowsOf(res.body)[0]).toEqual(['participant', 'name', 'email']);
    expect(rowsOf(res.body)).toHaveLength(35);
    expect(audits('export.contacts')).toBe(before + 1);
  });

  it('describe what can be exported', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${BASE}/exports`, headers: researcher.headers });
    expect(res.json()).toMatchObject({ responses: 55, formats: ['long', 'wide', 'round', 'codebook', 'spss', 'sav', 'r', 'bundle'] });
  });
});

describe('the response import', () => {
  const upload = (csv: string | Buffer) => Buffer.from(csv).toString('base64');

  it('suggests a mapping, runs dry, commits once and refuses the same file again', async () => {
    // Anonymous responses to the post round collected on paper.
    const csv =
      'Ik heb voldoende kennis van mogelijke problematiek rond het jonge kind (0–4 jaar).;know_where\r\nHelemaal mee eens;4\r\nOneens;-99\r\n';
    const suggest = await t.app.inject({
      method: 'POST',
      url: `${BASE}/imports/suggest`,
      headers: researcher.headers,
      payload: { data: upload(csv), fileName: 'papier.csv', round: 'post' },
    });
    expect(suggest.statusCode).toBe(200);
    const { mapping, unresolved } = suggest.json();
    expect(mapping.columns['know_where']).toEqual({ variable: 'know_where' });
    expect(mapping.columns['Ik heb voldoende kennis van mogelijke problematiek rond het jonge kind (0–4 jaar).']).toEqual({
      variable: 'know_problems',
      values: { 'Helemaal mee eens': 5 },
    });
    expect(unresolved).toEqual([
      {
        column: 'Ik heb voldoende kennis van mogelijke problematiek rond het jonge kind (0–4 jaar).',
        variable: 'know_problems',
        value: 'Helemaal mee eens',
        count: 1,
        suggestion: 5,
      },
    ]);

    const body = { data: upload(csv), fileName: 'papier.csv', round: 'post', mapping };
    const dry = await t.app.inject({ method: 'POST', url: `${BASE}/imports/dry-run`, headers: researcher.headers, payload: body });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, counts: { responses: 2, anonymous: 2 } });

    const noCsrf = await t.app.inject({ method: 'POST', url: `${BASE}/imports`, headers: { cookie: researcher.cookie }, payload: body });
    expect(noCsrf.statusCode).toBe(403);
    const done = await t.app.inject({ method: 'POST', url: `${BASE}/imports`, headers: researcher.headers, payload: body });
    expect(done.statusCode).toBe(201);
    expect(done.json().batchId).toBeGreaterThan(0);
    const again = await t.app.inject({ method: 'POST', url: `${BASE}/imports`, headers: researcher.headers, payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CONFLICT', details: { problems: [{ code: 'DUPLICATE_FILE' }] } });
    const list = await t.app.inject({ method: 'GET', url: `${BASE}/imports`, headers: researcher.headers });
    expect(list.json().imports).toMatchObject([{ round: 'post', file_name: 'papier.csv', responses: 2 }]);
  });

  it('answers bad input with a report, never a 5xx', async () => {
    const bad = [
      {
        data: upload('__proto__;constructor\r\n1;2\r\n'),
        fileName: 'x.csv',
        round: 'pre',
        mapping: {
          format: 'rondo.import-mapping/1',
          participants: { identify: 'anonymous' },
          columns: { __proto__: { variable: 'know_problems' } },
        },
      },
      { data: upload(Buffer.from([0, 1, 2, 3, 255, 254, 0, 0])), fileName: 'x.csv', round: 'pre', mapping: {} },
      { data: upload('a;a\r\n1;2\r\n'), fileName: 'x.csv', round: 'pre', mapping: null },
      {
        data: upload('know_problems\r\nveel\r\n'),
        fileName: 'x.csv',
        round: 'nope',
        mapping: {
          format: 'rondo.import-mapping/1',
          participants: { identify: 'anonymous' },
          columns: { know_problems: { variable: 'nope' } },
        },
      },
    ];
    for (const payload of bad) {
      const dry = await t.app.inject({ method: 'POST', url: `${BASE}/imports/dry-run`, headers: researcher.headers, payload });
      expect(dry.statusCode).toBe(200);
      expect(dry.json().ok).toBe(false);
      const commit = await t.app.inject({ method: 'POST', url: `${BASE}/imports`, headers: researcher.headers, payload });
      expect(commit.statusCode).toBe(400);
      expect(commit.json().details.problems.length).toBeGreaterThan(0);
    }
    const suggest = await t.app.inject({
      method: 'POST',
      url: `${BASE}/imports/suggest`,
      headers: researcher.headers,
      payload: { data: upload(Buffer.from([0x50, 0x4b, 3, 4, 0])), fileName: 'x.xlsx', round: 'pre' },
    });
    expect(suggest.json()).toMatchObject({ ok: false, problems: [{ code: 'NOT_CSV' }] });
    // Column work is bounded: a 20,000-column header is refused before anything is matched.
    const wide = `${Array.from({ length: 20_000 }, (_, i) => `kolom_${i}`).join(';')}\n${'1;'.repeat(19_999)}1\n`;
    const tooWide = await t.app.inject({
      method: 'POST',
      url: `${BASE}/imports/suggest`,
      headers: researcher.headers,
      payload: { data: upload(wide), fileName: 'breed.csv', round: 'pre' },
    });
    expect(tooWide.json()).toMatchObject({ ok: false, problems: [{ code: 'TOO_MANY_COLUMNS', row: 1 }], mapping: null });
  });

  it('refuses a body with a __proto__ key as bad JSON, not with a 5xx', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${BASE}/imports/dry-run`,
      headers: { ...researcher.headers, 'content-type': 'application/json' },
      payload: `{"data":"","fileName":"x.csv","round":"pre","mapping":{"format":"rondo.import-mapping/1","participants":{"identify":"anonymous"},"columns":{"__proto__":{"variable":"know_problems"}}}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BAD_REQUEST');
  });

  it('refuses a 100 MB upload with 413 before reading it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${BASE}/imports/dry-run`,
      headers: { ...researcher.headers, 'content-type': 'application/json' },
      payload: `{"data":"${'A'.repeat(100 * 1024 * 1024)}","fileName":"big.csv","round":"pre","mapping":{}}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('BODY_TOO_LARGE');
  });

  it('is not for trainers', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${BASE}/imports/dry-run`,
      headers: trainer.headers,
      payload: { data: '', fileName: 'x.csv', round: 'pre', mapping: {} },
    });
    expect(res.statusCode).toBe(403);
  });
});
