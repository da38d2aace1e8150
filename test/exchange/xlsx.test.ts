import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unneutralise } from '../../server/csv-cell.js';
import { exportContext } from '../../server/exchange/context.js';
import { exportFiles, fileStream } from '../../server/exchange/export.js';
import { readXlsx, xlsxSheetNames } from '../../server/exchange/xlsx/read.js';
import type { Cell } from '../../server/exchange/xlsx/csv-cells.js';
import { Part, PartRows, type Row, xlsxChunks } from '../../server/exchange/xlsx/workbook.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { genStudy, seedStudy } from './fixture.js';
import { collect, exportText, rowsOf, tempData } from './helpers.js';

/**
 * The .xlsx exports read back by an independent reader, openpyxl (Debian's python3-openpyxl,
 * installed by .ci/run), and the .xlsx reader of the imports on workbooks that openpyxl writes
 * and on hand-made bad ones.
 */
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const OPENPYXL = spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0;

type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
const DEMO = '1000-kansen';

beforeAll(async () => {
  data = await tempData();
  await createDemoStudy(data.store.db, data.secret);
  const [g] = fc.sample(genStudy, { numRuns: 1, seed: 11 });
  await seedStudy(data.store, g, 'awkward');
});
afterAll(async () => data.close());

async function writeXlsx(slug: string, format: 'long' | 'wide' | 'round' | 'codebook', openText: boolean): Promise<string> {
  const ctx = exportContext(data.store.sqlite, slug, { flavour: 'nl', openText, lang: 'nl' }, new Date('2026-11-23T12:00:00Z'));
  const files = exportFiles(ctx, format, { file: 'xlsx' });
  expect(files.map((f) => f.path)).toEqual([`${format}.xlsx`]);
  const file = path.join(data.dir, `${slug}-${format}-${openText}.xlsx`);
  fs.writeFileSync(file, await collect(fileStream(files[0])));
  files.cleanup?.();
  return file;
}

type PyCell = [string, string | number | boolean | null];
/** Every sheet of a workbook as openpyxl reads it: per cell its data type (s, n, f, b …) and value. */
function openpyxl(file: string): { name: string; rows: PyCell[][] }[] {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = [[[c.data_type, c.value] for c in row] for row in ws.iter_rows()]
    out.append({'name': ws.title, 'rows': rows})
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

/** openpyxl's cells against the CSV export's: the same values, numbers as numbers, texts as texts. */
function expectSameAsCsv(sheet: PyCell[][], csv: string[][]): void {
  const width = csv[0].length;
  expect(sheet.length).toBe(csv.length);
  sheet.forEach((row, r) => {
    const cells = [...row, ...Array<PyCell>(Math.max(0, width - row.length)).fill(['n', null])].slice(0, width);
    cells.forEach(([type, value], c) => {
      const expected = csv[r][c] ?? '';
      const at = `row ${r + 1}, column ${csv[0][c]}`;
      if (expected === '') expect(value, at).toBeNull();
      else if (type === 'n') expect([at, value]).toEqual([at, Number(expected)]);
      else expect([at, type, value]).toEqual([at, 's', unneutralise(expected)]);
    });
  });
}

describe.skipIf(!OPENPYXL)(`the .xlsx exports in openpyxl${OPENPYXL ? '' : ' (skipped: apt-get install python3-openpyxl)'}`, () => {
  for (const format of ['wide', 'long', 'round', 'codebook'] as const) {
    it(`holds the values of the ${format} CSV export, typed, with value labels and codebook sheets`, async () => {
      const book = openpyxl(await writeXlsx(DEMO, format, true));
      const csv = exportText(data, DEMO, format === 'codebook' ? 'codebook' : format, { openText: true });
      const values = format === 'round' ? Object.entries(csv).map(([, text]) => text) : format === 'codebook' ? [] : [csv[`${format}.csv`]];
      expect(book.map((s) => s.name)).toEqual([
        ...(format === 'round' ? ['pre', 'mid', 'post'] : format === 'codebook' ? [] : [format]),
        'value_labels',
        'codebook',
      ]);
      values.forEach((text, k) => expectSameAsCsv(book[k].rows, rowsOf(text)));
      expectSameAsCsv(book[book.length - 1].rows, rowsOf(exportText(data, DEMO, 'codebook')['codebook.csv']));
    });
  }

  it('writes numbers as numbers and texts as texts in the wide sheet', async () => {
    const [wide] = openpyxl(await writeXlsx(DEMO, 'wide', false));
    const header = wide.rows[0].map((c) => c[1]);
    const col = (name: string) => header.indexOf(name);
    const first = wide.rows[1];
    expect(first[col('participant')][0]).toBe('s');
    expect(first[col('submitted_pre')][0]).toBe('s');
    expect(first[col('responded_pre')]).toEqual(['n', 1]);
    const answers = wide.rows
      .slice(1)
      .map((r) => r[col('know_problems_pre')])
      .filter((c) => c[1] !== null);
    expect(answers.length).toBeGreaterThan(5);
    for (const [type, value] of answers) expect([type, typeof value]).toEqual(['n', 'number']);
  });

  it('keeps text that looks like a formula as text', async () => {
    const book = openpyxl(await writeXlsx('awkward', 'long', true));
    const formulaLike = book[0].rows.flat().filter(([, v]) => typeof v === 'string' && /^[=+\-@]/.test(v));
    expect(formulaLike.length).toBeGreaterThan(0);
    for (const [type] of formulaLike) expect(type).toBe('s');
    const csv = rowsOf(exportText(data, 'awkward', 'long', { openText: true })['long.csv']);
    expectSameAsCsv(book[0].rows, csv);
  });

  it('lists every code with its labels in value_labels, the missing-value codes marked', async () => {
    const book = openpyxl(await writeXlsx(DEMO, 'codebook', false));
    const rows = book[0].rows.map((r) => r.map((c) => c[1]));
    expect(rows[0]).toEqual(['variable', 'code', 'label_nl', 'label_en', 'missing']);
    const codebook = JSON.parse(exportText(data, DEMO, 'codebook')['codebook.json']) as {
      variables: {
        name: string;
        kind: string;
        values: { code: number; label: { nl: string; en?: string } }[];
        missing: { code: number }[];
      }[];
    };
    for (const v of codebook.variables.filter((x) => x.kind !== 'text')) {
      const own = rows.filter((r) => r[0] === v.name);
      expect(own.filter((r) => r[4] === 0).map((r) => [r[1], r[2]])).toEqual(v.values.map((p) => [p.code, p.label.nl]));
      expect(own.filter((r) => r[4] === 1).map((r) => r[1])).toEqual(v.missing.map((m) => m.code));
    }
  });

  it('goes on in a new sheet, header repeated, past the row limit', async () => {
    const rows = () => [['n', 'text'], ...Array.from({ length: 7 }, (_, i) => [i, `r${i}`])];
    const file = path.join(data.dir, 'split.xlsx');
    fs.writeFileSync(file, await collect(Readable.from(xlsxChunks([{ name: 'long', rows }], new Date(), 3))));
    const book = openpyxl(file);
    expect(book.map((s) => [s.name, s.rows.map((r) => r[0][1])])).toEqual([
      ['long', ['n', 0, 1]],
      ['long (2)', ['n', 2, 3]],
      ['long (3)', ['n', 4, 5]],
      ['long (4)', ['n', 6]],
    ]);
  });

  it('writes no row or cell references, and openpyxl finds every value in its row and column, empty cells included', async () => {
    // Rows as the long sheet gives them (parts: a response's cells, then a variable's) and plain
    // rows, with empty cells first, in the middle, at the end and whole parts empty.
    const head = new Part(['p1', 0, 'pre']);
    const gapped = new Part(['know', null, '', 'answered', 3]);
    const ending = new Part(['open', null, 'skipped', null, '']);
    const empty = new Part([null, null, null, null, null]);
    const header: Cell[] = ['participant', 'anonymous', 'round', 'variable', 'partner', 'tool', 'status', 'value'];
    const rows: Row[] = [
      header,
      new PartRows(head, [gapped, ending, empty, gapped]),
      [null, null, 'x', null, null, null, null, 7],
      new PartRows(new Part(['p2', null, null]), [gapped, empty]),
      [],
      ['only first'],
    ];
    const bytes = await collect(Readable.from(xlsxChunks([{ name: 'long', rows: () => rows }], new Date(0))));
    const sheet = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<row><c t="s">');
    expect(sheet).not.toMatch(/<(row|c)\b[^>]*\br="/);
    const file = path.join(data.dir, 'no-references.xlsx');
    fs.writeFileSync(file, bytes);
    const [long] = openpyxl(file);
    const expected = rows.flatMap((r) => (r instanceof PartRows ? r.cells() : [r]));
    expect(long.rows).toHaveLength(expected.length);
    long.rows.forEach((row, k) => {
      const values = row.map((c) => c[1]);
      const want = expected[k].map((v) => (v === '' ? null : v));
      expect([k, [...values, ...Array(Math.max(0, want.length - values.length)).fill(null)]]).toEqual([
        k,
        [...want, ...Array(Math.max(0, values.length - want.length)).fill(null)],
      ]);
    });
    // rondo's own reader numbers the rows as openpyxl does.
    const read = readXlsx(bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.table.rowNumbers).toEqual([2, 3, 4, 5, 6, 7, 8, 10]);
  });
});

/** Writes a workbook with openpyxl from a Python body that fills `wb`. */
function pyWorkbook(name: string, body: string): Buffer {
  const file = path.join(data.dir, name);
  const script = `import sys, datetime, openpyxl\nwb = openpyxl.Workbook()\nws = wb.active\n${body}\nwb.save(sys.argv[1])\n`;
  execFileSync(PYTHON, ['-c', script, file]);
  return fs.readFileSync(file);
}

/** A hand-made .xlsx of the given sheet XML (and extra parts). */
function craft(sheet: string, extra: Record<string, string | Uint8Array> = {}, types = ''): Buffer {
  const enc = (s: string | Uint8Array) => (typeof s === 'string' ? new TextEncoder().encode(s) : s);
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${types}</Types>`,
    'xl/workbook.xml':
      `<workbook xmlns="${main}" xmlns:r="${rel}">` + '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    // Style 1: built-in date format 14; style 2: a custom date format.
    'xl/styles.xml':
      `<styleSheet xmlns="${main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
      '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>',
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${main}"><sheetData>${sheet}</sheetData></worksheet>`,
    ...extra,
  };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, enc(v)]))));
}

describe.skipIf(!OPENPYXL)('reading an .xlsx for an import', () => {
  it('reads the first sheet of an openpyxl workbook: shared strings, numbers, booleans, dates', () => {
    const bytes = pyWorkbook(
      'plain.xlsx',
      `ws.title = 'Cohort'
ws.append(['key', 'email', 'score', 'joined', 'active'])
ws.append(['P-001', 'zoë@example.org', 4, datetime.date(2026, 3, 1), True])
ws.append(['=1+1', 'a@example.org', 2.5, datetime.datetime(2026, 3, 2, 9, 30), False])
ws.append([])
ws.append(['P-003', None, -99, None, None])
ws['A3'].data_type = 's'
other = wb.create_sheet('Tweede')
other.append(['x'])
other.append(['y'])`,
    );
    expect(xlsxSheetNames(bytes)).toEqual({ ok: true, sheets: ['Cohort', 'Tweede'] });
    const result = readXlsx(bytes);
    if (!result.ok) throw new Error(result.error.message);
    const t = result.table;
    expect(t.sheet).toBe('Cohort');
    expect(t.header).toEqual(['key', 'email', 'score', 'joined', 'active']);
    expect(t.rows).toEqual([
      ['P-001', 'zoë@example.org', '4', '2026-03-01', '1'],
      ['=1+1', 'a@example.org', '2.5', '2026-03-02T09:30:00', '0'],
      ['P-003', '', '-99', '', ''],
    ]);
    expect(t.rowNumbers).toEqual([2, 3, 5]);
    const second = readXlsx(bytes, { sheet: 'Tweede' });
    expect(second.ok && [second.table.header, second.table.rows]).toEqual([['x'], [['y']]]);
    const missing = readXlsx(bytes, { sheet: 'Derde' });
    expect(!missing.ok && missing.error.code).toBe('NO_SHEET');
  });

  it('reports merged cells, the value in the top-left cell only', () => {
    const bytes = pyWorkbook(
      'merged.xlsx',
      `ws.append(['key', 'team'])
ws.append(['P-1', 'Noord'])
ws.append(['P-2', None])
ws.merge_cells('B2:B3')`,
    );
    const result = readXlsx(bytes);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.table.rows).toEqual([
      ['P-1', 'Noord'],
      ['P-2', ''],
    ]);
    expect(result.table.notes).toEqual([
      { sheet: 'Sheet', ref: 'B2:B3', message: 'Cells B2:B3 are merged: the value is read from B2 only, the other cells are empty.' },
    ]);
  });

  it('reads an export written by rondo back to the CSV export’s cells', async () => {
    const result = readXlsx(fs.readFileSync(await writeXlsx(DEMO, 'wide', true)), { sheet: 'wide' });
    if (!result.ok) throw new Error(result.error.message);
    const csv = rowsOf(exportText(data, DEMO, 'wide', { openText: true })['wide.csv']).map((r) => r.map(unneutralise));
    expect([result.table.header, ...result.table.rows]).toEqual(csv);
  });

  it('reads the cached value of a formula, never evaluating it, and converts date-formatted numbers', () => {
    const bytes = craft(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c>' +
        '<c r="C1" t="inlineStr"><is><t>c</t></is></c></row>' +
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="C2"><f>NOW()</f></c></row>' +
        '<row r="3"><c r="A3" s="1"><v>46082</v></c><c r="B3" s="2"><v>61</v></c><c r="C3" t="e"><v>#DIV/0!</v></c></row>',
    );
    const result = readXlsx(bytes);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.table.rows).toEqual([
      ['2', 'xy', ''],
      ['2026-03-01', '1900-03-01', ''],
    ]);
    expect(result.table.notes.map((n) => n.ref)).toEqual(['C2', 'C3']);
  });

  it.each([
    ['a workbook with macros', () => craft('', { 'xl/vbaProject.bin': new Uint8Array(10) }), 'MACROS'],
    [
      'a macro-enabled content type',
      () => craft('', {}, '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'),
      'MACROS',
    ],
    ['a zip bomb', () => craft(`<row r="1"><c><v>1</v></c></row>${' '.repeat(40 << 20)}`), 'ZIP_BOMB'],
    ['a broken zip', () => craft('<row r="1"><c><v>1</v></c></row>').subarray(0, 200), 'BROKEN'],
    ['a file that is no zip', () => Buffer.from('key;email\r\n'), 'BROKEN'],
    ['a file over 25 MB', () => Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(26 << 20)]), 'TOO_LARGE'],
    [
      'XML with a document type (entities)',
      () =>
        craft('', {
          'xl/worksheets/sheet1.xml':
            '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData><row r="1"><c t="str"><v>&a;</v></c></row></sheetData></worksheet>',
        }),
      'BAD_XML',
    ],
  ])('refuses %s with a clear message', (_, make, code) => {
    const result = readXlsx(make());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(20);
    }
  });
});
