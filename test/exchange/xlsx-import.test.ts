import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

/** The imports take an .xlsx (a sheet of it) where they take a CSV; workbooks written by openpyxl. */
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const OPENPYXL = spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0;

let t: TestApp;
let researcher: LoggedIn;
let slug: string;

const api = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: researcher.headers, payload });

function workbook(name: string, body: string): Buffer {
  const file = path.join(t.dir, name);
  execFileSync(PYTHON, ['-c', `import sys, openpyxl\nwb = openpyxl.Workbook()\nws = wb.active\n${body}\nwb.save(sys.argv[1])\n`, file]);
  return fs.readFileSync(file);
}

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await loginAs(t, 'beheer@example.nl', { isAdmin: true });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/studies',
    headers: admin.headers,
    payload: { title: { nl: 'Excel-cohort' }, organisation: 'GGD', source: { kind: 'template', template: 'imh-training' } },
  });
  slug = res.json().slug;
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: slug });
});
afterAll(async () => t?.close());

describe.skipIf(!OPENPYXL)('the cohort import of an .xlsx', () => {
  it('previews the chosen sheet, lists the sheets, and imports it', async () => {
    const bytes = workbook(
      'cohort.xlsx',
      `ws.title = 'Toelichting'
ws.append(['Dit blad is uitleg'])
hr = wb.create_sheet('Deelnemers')
hr.append(['Naam', 'E-mail', 'Organisatie', 'Functie'])
hr.append(['Zoë de Vries', 'zoe@ggd.nl', 'GGD Limburg-Noord', 'JGZ-verpleegkundige'])
hr.append([])
hr.append(['Bram Jansen', 'bram@', 'Wijkteam Venray', 'gezinscoach'])`,
    );
    const upload = { data: bytes.toString('base64'), encoding: 'auto', delimiter: 'auto', sheet: 'Deelnemers' };
    const res = await api(`/api/studies/${slug}/cohort/preview`, upload);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, encoding: 'xlsx', sheets: ['Toelichting', 'Deelnemers'] });
    expect(res.json().preview.counts).toEqual({ rows: 2, valid: 1, invalid: 1, problems: 1 });
    // Row numbers are the spreadsheet's: the empty row 3 counts.
    expect(res.json().preview.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([[4, 'invalid-email']]);
    const missing = await api(`/api/studies/${slug}/cohort/preview`, { ...upload, sheet: 'Blad9' });
    expect(missing.json()).toMatchObject({ ok: false, code: 'xlsx-no_sheet', message: expect.stringContaining('Deelnemers') });
    const done = await api(`/api/studies/${slug}/cohort/import`, { ...upload, skipInvalid: true });
    expect(done.json()).toEqual({ added: 1, skipped: 1 });
  });

  it('refuses a workbook with macros with a clear message, writing nothing', async () => {
    const { zipSync } = await import('fflate');
    const bytes = Buffer.from(zipSync({ '[Content_Types].xml': new Uint8Array(1), 'xl/vbaProject.bin': new Uint8Array(4) }));
    const res = await api(`/api/studies/${slug}/cohort/preview`, { data: bytes.toString('base64'), encoding: 'auto', delimiter: 'auto' });
    expect(res.json()).toMatchObject({ ok: false, code: 'xlsx-macros', message: expect.stringContaining('.xlsm') });
  });
});

describe.skipIf(!OPENPYXL)('the response import of an .xlsx', () => {
  let demo: TestApp;
  let staff: LoggedIn;
  const BASE = '/api/studies/1000-kansen';
  beforeAll(async () => {
    demo = await buildTestApp({ demo: true });
    staff = await loginAs(demo, 'onderzoeker@example.nl', { role: 'researcher' });
  });
  afterAll(async () => demo?.close());
  const post = (url: string, payload: object) => demo.app.inject({ method: 'POST', url: `${BASE}${url}`, headers: staff.headers, payload });

  it('suggests from the chosen sheet, runs dry with a note on merged cells, and imports it', async () => {
    const file = path.join(demo.dir, 'papier.xlsx');
    const body = `ws.title = 'Uitleg'
ws.append(['Ingevoerd van papier'])
data = wb.create_sheet('Nameting')
data.append(['know_where', 'know_problems', 'opmerking'])
data.append([4, 'Helemaal mee eens', '=1+1'])
data.append([])
data.append([-99, 'Oneens', None])
data.append([3, 2, 'samengevoegd'])
data.merge_cells('C5:C6')
data['C2'].data_type = 's'
data.append([2, 3, None])`;
    execFileSync(PYTHON, ['-c', `import sys, openpyxl\nwb = openpyxl.Workbook()\nws = wb.active\n${body}\nwb.save(sys.argv[1])\n`, file]);
    const data = fs.readFileSync(file).toString('base64');
    const upload = { data, fileName: 'papier.xlsx', round: 'post', sheet: 'Nameting' };
    const suggest = await post('/imports/suggest', upload);
    expect(suggest.json()).toMatchObject({
      ok: true,
      sheets: ['Uitleg', 'Nameting'],
      headers: ['know_where', 'know_problems', 'opmerking'],
    });
    expect(suggest.json().sample[0]).toEqual(['4', 'Helemaal mee eens', '=1+1']);
    const mapping = suggest.json().mapping;
    const dry = await post('/imports/dry-run', { ...upload, mapping });
    expect(dry.json()).toMatchObject({ ok: true, counts: { rows: 4 } });
    expect(dry.json().problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'XLSX_NOTE', column: 'C5:C6' }));
    // The first sheet holds no such columns: a report, not a crash.
    const first = await post('/imports/dry-run', { ...upload, sheet: undefined, mapping });
    expect(first.json().ok).toBe(false);
    const missing = await post('/imports/dry-run', { ...upload, sheet: 'Blad9', mapping });
    expect(missing.json()).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'XLSX' })] });
    const done = await post('/imports', { ...upload, mapping });
    expect(done.statusCode).toBe(201);
    expect(done.json().counts.rows).toBe(4);
  });
});
