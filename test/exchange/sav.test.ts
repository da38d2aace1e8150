import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unneutralise } from '../../server/csv-cell.js';
import { exportContext } from '../../server/exchange/context.js';
import { exportFiles, fileStream, zipStream } from '../../server/exchange/export.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { wideCells, wideCsv } from '../../server/exchange/wide.js';
import { longCells, longCsv, longParts } from '../../server/exchange/long.js';
import { xlsxChunks } from '../../server/exchange/xlsx/workbook.js';
import { typedRows } from '../../server/exchange/xlsx/csv-cells.js';
import { unzipSync } from 'fflate';
import { genStudy, seedStudy } from './fixture.js';
import { collect, exportText, rowsOf, tempData } from './helpers.js';

/**
 * The .sav export opened in GNU PSPP (`GET FILE`, `DISPLAY DICTIONARY`, `LIST`): variable names,
 * labels, value labels, missing values, measurement levels and every value against the codebook
 * and the wide CSV export, non-ASCII labels and a very long string included.
 */
const PSPP = spawnSync('sh', ['-c', 'command -v pspp']).status === 0;

type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
const DEMO = '1000-kansen';
const LONG_TEXT = `Zoë’s café: één ${'lange toelichting, '.repeat(30)}einde`;

beforeAll(async () => {
  data = await tempData();
  await createDemoStudy(data.store.db, data.secret);
  const [g] = fc.sample(genStudy, { numRuns: 1, seed: 11 });
  await seedStudy(data.store, g, 'awkward');
  // One open answer past 255 bytes: a very long string in the .sav.
  data.store.sqlite
    .prepare(
      `update answer set text = ? where (response_id, item, sub) = (
         select a.response_id, a.item, a.sub from answer a join response r on r.id = a.response_id join study s on s.id = r.study_id
         where s.slug = ? and r.status = 'submitted' and a.text is not null order by a.response_id limit 1)`,
    )
    .run(LONG_TEXT, DEMO);
});
afterAll(async () => data.close());

interface Codebook {
  rounds: { key: string; label: { nl: string; en?: string } }[];
  caseColumns: { name: string; kind: string; label: { nl: string; en?: string } }[];
  missingValues: Record<string, { code: number; label: { nl: string; en: string } }>;
  variables: {
    name: string;
    kind: string;
    itemType: string;
    wideNames: string[];
    rounds: string[];
    label: { nl: string; en?: string };
    values: { code: number; label: { nl: string; en?: string } }[];
  }[];
}

/** The rows of one table in PSPP's CSV output. */
function psppTable(output: string, title: string): string[][] {
  const start = output.indexOf(`Table: ${title}\n`);
  if (start < 0) throw new Error(`no table ${title} in PSPP output:\n${output.slice(0, 2000)}`);
  const end = output.indexOf('\n\n', start);
  return rowsOf(output.slice(start + `Table: ${title}\n`.length, end < 0 ? undefined : end));
}

async function writeSav(slug: string, lang: 'nl' | 'en'): Promise<string> {
  const ctx = exportContext(data.store.sqlite, slug, { flavour: 'nl', openText: true, lang }, new Date('2026-11-23T12:00:00Z'));
  const files = exportFiles(ctx, 'sav');
  expect(files.map((f) => f.path)).toEqual(['wide.sav']);
  const dir = fs.mkdtempSync(path.join(data.dir, 'sav-'));
  fs.writeFileSync(path.join(dir, 'wide.sav'), await collect(fileStream(files[0])));
  files.cleanup?.();
  return dir;
}

function pspp(dir: string): { output: string; values: string[][]; labels: string[][] } {
  fs.writeFileSync(
    path.join(dir, 'check.sps'),
    [
      'SET TVARS=NAMES.',
      "GET FILE='wide.sav'.",
      'DISPLAY DICTIONARY.',
      'LIST.',
      "SAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /FIELDNAMES /CELLS=VALUES /REPLACE.",
      "SAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.",
      '',
    ].join('\n'),
  );
  execFileSync('pspp', ['check.sps', '-O', 'format=csv', '-o', 'out.csv'], {
    cwd: dir,
    stdio: 'pipe',
    env: { ...process.env, LANG: 'C.UTF-8' },
  });
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return { output: read('out.csv'), values: rowsOf(read('values.csv')), labels: rowsOf(read('labels.csv')) };
}

describe.skipIf(!PSPP)(`the .sav export in GNU PSPP${PSPP ? '' : ' (skipped: apt-get install pspp)'}`, () => {
  for (const [slug, lang] of [
    [DEMO, 'nl'],
    ['awkward', 'en'],
  ] as const) {
    const what = slug === DEMO ? 'the demo' : 'a study with awkward texts';
    it(`holds ${what}: the codebook's names, labels (${lang}), value labels, missing codes, levels, the wide export's values`, async () => {
      const { output, values, labels } = pspp(await writeSav(slug, lang));
      expect(output).not.toMatch(/\b(error|warning)\b/i);
      const codebook = JSON.parse(exportText(data, slug, 'codebook', { openText: true })['codebook.json']) as Codebook;
      const pick = (t: { nl: string; en?: string }) => (lang === 'en' ? (t.en ?? t.nl) : t.nl);
      const roundLabel = new Map(codebook.rounds.map((r) => [r.key, pick(r.label)]));
      const missing = Object.values(codebook.missingValues).map((m) => [String(m.code), pick(m.label)]);
      const yesNo = lang === 'nl' ? ['Nee', 'Ja'] : ['No', 'Yes'];
      const expected = new Map<string, { label: string; numeric: boolean; level: string; values: string[][] }>();
      for (const c of codebook.caseColumns) {
        const flag = c.kind === 'flag';
        expected.set(c.name, {
          label: pick(c.label),
          numeric: flag,
          level: 'Nominal',
          values: flag
            ? [
                ['0', yesNo[0]],
                ['1', yesNo[1]],
              ]
            : [],
        });
      }
      for (const v of codebook.variables)
        v.rounds.forEach((r, i) =>
          expected.set(v.wideNames[i], {
            label: `${roundLabel.get(r)}: ${pick(v.label)}`,
            numeric: v.kind !== 'text',
            level:
              v.kind === 'text'
                ? 'Nominal'
                : v.itemType === 'number'
                  ? 'Scale'
                  : ['single', 'multi', 'yesno'].includes(v.itemType)
                    ? 'Nominal'
                    : 'Ordinal',
            values:
              v.kind === 'text'
                ? []
                : [...v.values.map((p) => [String(p.code), pick(p.label)]), ...missing].sort((a, b) => Number(a[0]) - Number(b[0])),
          }),
        );

      // The dictionary: the wide file's columns in order, labels, levels, missing codes.
      const wide = rowsOf(exportText(data, slug, 'wide', { openText: true })['wide.csv']).map((r) => r.map(unneutralise));
      const variables = psppTable(output, 'Variables');
      const col = (name: string) => variables[0].indexOf(name);
      expect(variables.slice(1).map((r) => r[col('Name')])).toEqual(wide[0]);
      for (const r of variables.slice(1)) {
        const name = r[col('Name')];
        const e = expected.get(name)!;
        expect([name, r[col('Label')], r[col('Measurement Level')]]).toEqual([name, e.label, e.level]);
        expect([name, r[col('Missing Values')]]).toEqual([name, e.numeric && e.values.length > 2 ? '-99; -98; -97' : '']);
      }
      expect([...expected.values()].some((e) => /[^\x00-\x7f]/.test(e.label))).toBe(true);

      // Value labels, per variable.
      const table = psppTable(output, 'Value Labels').slice(1);
      const found = new Map<string, string[][]>();
      let current = '';
      for (const [name, value, label] of table.filter((r) => r.length >= 3)) {
        if (name) current = name;
        // PSPP marks a value declared missing with a footnote ("-99[a]").
        const bare = value.replace(/\[[a-z]\]$/, '');
        expect([current, value, value !== bare]).toEqual([current, value, Number(bare) < 0]);
        const code = String(Number(bare)); // "-99.00" in a variable with two decimals
        found.set(current, [...(found.get(current) ?? []), [code, label]]);
      }
      for (const [name, e] of expected) expect([name, found.get(name) ?? []]).toEqual([name, e.values]);

      // LIST shows every case; the values and labels as PSPP saves them match the wide export.
      expect(psppTable(output, 'Data List').length).toBe(wide.length);
      expect(values.length).toBe(wide.length);
      const num = (s: string) => (s.trim() === '' || s.trim() === '.' ? null : Number(s.trim()));
      let coded = 0;
      for (let i = 1; i < wide.length; i++)
        wide[0].forEach((name, j) => {
          const e = expected.get(name)!;
          if (!e.numeric) return expect([name, values[i][j].trimEnd()]).toEqual([name, wide[i][j].trimEnd()]);
          expect([name, i, num(values[i][j])]).toEqual([name, i, num(wide[i][j])]);
          const label = e.values.find(([code]) => code === wide[i][j]);
          if (label) expect([name, labels[i][j]]).toEqual([name, label[1]]), coded++;
        });
      expect(coded).toBeGreaterThan(0);
      if (slug === DEMO) expect(values.some((r) => r.includes(LONG_TEXT))).toBe(true);
    });
  }

  it('is in the bundle as spss/wide.sav, the same file as the sav export but for the case count', async () => {
    const ctx = exportContext(data.store.sqlite, DEMO, { flavour: 'nl', openText: true, lang: 'nl' }, new Date('2026-11-23T12:00:00Z'));
    const files = exportFiles(ctx, 'bundle');
    const zip = unzipSync(new Uint8Array(await collect(zipStream(files))));
    const own = fs.readFileSync(path.join(await writeSav(DEMO, 'nl'), 'wide.sav'));
    const bundled = Buffer.from(zip['spss/wide.sav']);
    // The header's case count (bytes 80–83) is -1 in the bundle, which does not count the rows.
    expect(bundled.readInt32LE(80)).toBe(-1);
    bundled.writeInt32LE(own.readInt32LE(80), 80);
    expect(bundled.equals(own)).toBe(true);
  });
});

describe('wideCells and longCells, typed rows straight from the responses', () => {
  it.each([DEMO, 'awkward'])('are the wide CSV read back typed, with the same string widths (%s)', (slug) => {
    const at = new Date('2026-11-23T12:00:00Z');
    const options = { flavour: 'intl', openText: true, lang: 'nl' } as const;
    const viaCsv = exportContext(data.store.sqlite, slug, options, at);
    const direct = exportContext(data.store.sqlite, slug, options, at);
    const expected = [...typedRows(wideCsv(viaCsv))];
    const actual = Array.from(wideCells(direct), (row) => [...row]);
    expect(actual.length).toBeGreaterThan(1);
    expect(actual).toEqual(expected);
    expect([...direct.stats.textWidths]).toEqual([...viaCsv.stats.textWidths]);
    expect(direct.stats.responses).toBe(viaCsv.stats.responses);
  });

  it.each([DEMO, 'awkward'])('longCells, the workbook long rows, are the long CSV read back typed (%s)', (slug) => {
    const at = new Date('2026-11-23T12:00:00Z');
    const options = { flavour: 'intl', openText: true, lang: 'nl' } as const;
    const viaCsv = exportContext(data.store.sqlite, slug, options, at);
    const direct = exportContext(data.store.sqlite, slug, options, at);
    const expected = [...typedRows(longCsv(viaCsv))];
    const actual = [...longCells(direct)];
    expect(actual.length).toBeGreaterThan(1);
    expect(actual).toEqual(expected);
    expect(direct.stats).toEqual(viaCsv.stats);
  });

  it.each([DEMO, 'awkward'])('the long sheet written from longParts is byte for byte the one written from longCells (%s)', async (slug) => {
    const at = new Date('2026-11-23T12:00:00Z');
    const options = { flavour: 'intl', openText: true, lang: 'nl' } as const;
    const sheet = async (rows: typeof longParts) => {
      const ctx = exportContext(data.store.sqlite, slug, options, at);
      const chunks: Buffer[] = [];
      for await (const c of xlsxChunks([{ name: 'long', rows: () => rows(ctx) }], at, 500)) chunks.push(c);
      return Buffer.concat(chunks);
    };
    const [parts, cells] = [await sheet(longParts), await sheet(longCells)];
    expect(parts.length).toBeGreaterThan(2_000);
    expect(parts.equals(cells)).toBe(true);
  });
});
