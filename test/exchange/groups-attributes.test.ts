import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportContext } from '../../server/exchange/context.js';
import { exportFiles, fileStream } from '../../server/exchange/export.js';
import type { ExportFormat } from '../../server/exchange/formats.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { commitImport, previewImport } from '../../server/cohort/participants.js';
import { createGroupedStudy, PEOPLE, SLUG } from './grouped-study.js';
import { bundleText, collect, exportText, rowsOf, tempData } from './helpers.js';

/**
 * The respondent group and the cohort attributes in every export of a study with two groups
 * (professionals by personal link, parents by anonymous link) and two attributes (`domain` with
 * a list of values, `regio` free text): the CSV files read back, the workbooks in openpyxl, the
 * .sav and the .sps in GNU PSPP, the R script in R.
 */
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const OPENPYXL = spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0;
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const PSPP = has('pspp');
const R = has('Rscript');

type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;

beforeAll(async () => {
  data = await tempData();
  await createDemoStudy(data.store.db, data.secret);
  await createGroupedStudy(data.store);
});
afterAll(async () => data.close());

/** A CSV as objects by header. */
const table = (csv: string) => {
  const [header, ...rows] = rowsOf(csv);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
};

/** Who is who: the group and attributes each participant (and the anonymous responses) should carry. */
const EXPECTED = new Map(PEOPLE.map((p) => [p.key, { group: 'professionals', domain: p.domain, regio: p.regio }]));
const ANONYMOUS = { group: 'ouders', domain: '', regio: '' };
const expectCases = (rows: Record<string, string>[]) => {
  for (const r of rows) {
    const want = r.anonymous === '1' ? ANONYMOUS : EXPECTED.get(r.participant)!;
    expect({ group: r.group, domain: r.domain, regio: r.regio }, r.participant).toEqual(want);
  }
};

async function writeFiles(format: ExportFormat, file?: 'xlsx'): Promise<string> {
  const ctx = exportContext(data.store.sqlite, SLUG, { flavour: 'nl', openText: true, lang: 'nl' }, new Date('2026-11-23T12:00:00Z'));
  const files = exportFiles(ctx, format, file ? { file } : {});
  const dir = fs.mkdtempSync(path.join(data.dir, `${format}-`));
  for (const f of files) fs.writeFileSync(path.join(dir, path.basename(f.path)), await collect(fileStream(f)));
  files.cleanup?.();
  return dir;
}

describe('the CSV exports of a study with respondent groups and cohort attributes', () => {
  it('write group and attributes after left_from in the wide file, for participants and anonymous responses', () => {
    const { header, rows } = table(exportText(data, SLUG, 'wide')['wide.csv']);
    expect(header.slice(0, 9)).toEqual([
      'participant',
      'anonymous',
      'organisation',
      'role',
      'team',
      'left_from',
      'group',
      'domain',
      'regio',
    ]);
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.anonymous === '1')).toHaveLength(4);
    expectCases(rows);
  });

  it('write them before submitted_at in each round file and after anonymous in the long file', () => {
    const rounds = exportText(data, SLUG, 'round');
    const first = table(rounds['round-h1_2026.csv']);
    expect(first.header.slice(0, 9)).toEqual([
      'participant',
      'anonymous',
      'organisation',
      'role',
      'team',
      'group',
      'domain',
      'regio',
      'submitted_at',
    ]);
    expect(first.rows).toHaveLength(8);
    expectCases(first.rows);
    expectCases(table(rounds['round-h2_2026.csv']).rows);
    const long = table(exportText(data, SLUG, 'long')['long.csv']);
    expect(long.header.slice(0, 6)).toEqual(['participant', 'anonymous', 'group', 'domain', 'regio', 'round']);
    expectCases(long.rows);
    const parents = long.rows.filter((r) => r.group === 'ouders' && r.status === 'answered');
    expect(parents.map((r) => [r.variable, r.value])).toEqual([
      ['tevreden', '6'],
      ['tevreden', '7'],
      ['tevreden', '8'],
      ['tevreden', '9'],
    ]);
  });

  it('give the bundle the same files, its README the columns with their values', async () => {
    const bundle = await bundleText(data, SLUG, { openText: true });
    const own = (format: ExportFormat) => exportText(data, SLUG, format, { openText: true });
    expect(bundle['wide.csv']).toBe(own('wide')['wide.csv']);
    expect(bundle['long.csv']).toBe(own('long')['long.csv']);
    expect(bundle['rounds/round-h1_2026.csv']).toBe(own('round')['round-h1_2026.csv']);
    expect(table(bundle['spss/wide.csv']).header).toEqual(table(bundle['wide.csv']).header);
    expect(bundle['README.md']).toContain('## Respondent group and cohort attributes');
    expect(bundle['README.md']).toContain('| `group` | Respondent group (anonymous response: the group of the link) / Respondentgroep');
    expect(bundle['README.md']).toContain('`professionals` = Professionals, `ouders` = Ouders');
    expect(bundle['README.md']).toContain('| `domain` | Domain / Domein | `jeugd` = Youth, `onderwijs` = Education, `zorg` = Care |');
    expect(bundle['README.md']).toContain('| `regio` | Regio / Regio | any text |');
  });

  it('label group and attributes in the codebook in the study’s language, with their values', async () => {
    const doc = JSON.parse(exportText(data, SLUG, 'codebook')['codebook.json']);
    const column = (name: string) => doc.caseColumns.find((c: { name: string }) => c.name === name);
    expect(column('group').values).toEqual([
      { value: 'professionals', label: { nl: 'Professionals', en: 'Professionals' } },
      { value: 'ouders', label: { nl: 'Ouders', en: 'Ouders' } },
    ]);
    expect(column('domain')).toMatchObject({
      label: { nl: 'Domein', en: 'Domain' },
      values: [{ value: 'jeugd', label: { nl: 'Jeugd' } }, {}, {}],
    });
    expect(column('regio')).toEqual({ name: 'regio', label: { nl: 'Regio', en: 'Regio' }, kind: 'text' });
    // The case columns' labels in the study's own words (a participant is a "lid", a round a "scan").
    expect(column('participant').label).toEqual({
      nl: 'Pseudoniem per lid (anon:<nr> bij anonieme respons)',
      en: 'Pseudonymous member key (anon:<no> for an anonymous response)',
    });
    expect(column('left_from').label.nl).toBe('Uit het onderzoek vanaf scan (sleutel; leeg = niet)');
    // Labels and texts, not the stable column names and keys (the long file's `tool`, codebook.json's `"tools": []`).
    const all = Object.values(await bundleText(data, SLUG, { openText: true }))
      .join('\n')
      .replace(/"tools":/g, '');
    expect(all).not.toMatch(/deelnemer|meting|training|\btools\b|ketenpartner/i);
    const csv = table(exportText(data, SLUG, 'codebook')['codebook.csv']).rows;
    expect(csv.find((r) => r.variable === 'group')!.values_nl).toBe('professionals=Professionals | ouders=Ouders');
    expect(csv.find((r) => r.variable === 'domain')!.values_en).toBe('jeugd=Youth | onderwijs=Education | zorg=Care');
  });

  it('leave the group column out for a study without groups of its own (the demo)', () => {
    expect(rowsOf(exportText(data, '1000-kansen', 'wide')['wide.csv'])[0]).not.toContain('group');
    expect(rowsOf(exportText(data, '1000-kansen', 'long')['long.csv'])[0].slice(0, 3)).toEqual(['participant', 'anonymous', 'round']);
    expect(rowsOf(exportText(data, '1000-kansen', 'round')['round-pre.csv'])[0][5]).toBe('submitted_at');
  });
});

describe('the cohort CSV (contacts.csv)', () => {
  it('carries each participant’s group and attributes, and the cohort import takes them back', async () => {
    const csv = exportText(data, SLUG, 'wide', {}, true)['contacts.csv'];
    const { header, rows } = table(csv);
    expect(header).toEqual(['participant', 'name', 'email', 'group', 'domain', 'regio']);
    expect(rows.map((r) => [r.participant, r.group, r.domain, r.regio])).toEqual(
      PEOPLE.map((p) => [p.key, 'professionals', p.domain, p.regio]),
    );
    const copy = await createGroupedStudy(data.store, 'netwerk-kopie', false);
    const done = await commitImport(
      data.store.db,
      copy,
      Buffer.from(csv),
      { encoding: 'auto', delimiter: 'auto', skipInvalid: false, fileName: 'contacts.csv' },
      { actor: 'test' },
    );
    expect(done).toEqual({ added: 4, skipped: 0 });
    const back = table(exportText(data, 'netwerk-kopie', 'wide', {}, true)['contacts.csv']);
    expect(back.rows).toEqual(rows);
    const stored = data.store.sqlite.prepare('select key, group_key from participant where study_id = ? order by id').all(copy);
    expect(stored).toEqual(PEOPLE.map((p) => ({ key: p.key, group_key: 'professionals' })));
  });

  it('refuses a group the study does not have, or one reached only anonymously, by row, and writes nothing', async () => {
    const copy = await createGroupedStudy(data.store, 'netwerk-fout', false);
    const csv =
      'participant;name;email;group\r\nP-B1;Een;een@x.nl;ouders\r\nP-B2;Twee;twee@x.nl;bestuur\r\nP-B3;Drie;drie@x.nl;Professionals\r\n';
    const result = await previewImport(data.store.db, copy, Buffer.from(csv), { encoding: 'auto', delimiter: 'auto' });
    if (!result.ok) throw new Error(result.message);
    expect(result.preview.groupColumn).toBe(3);
    expect(result.preview.extraColumns).toEqual([]);
    expect(result.preview.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'group', 'unknown-group'],
      [3, 'group', 'unknown-group'],
    ]);
    expect(result.preview.problems[1].message.nl).toBe(
      'Rij 3: "bestuur" is geen groep van dit onderzoek die een persoonlijke link krijgt; kies uit: professionals.',
    );
    expect(result.preview.rows[2].group).toBe('professionals');
    await expect(
      commitImport(data.store.db, copy, Buffer.from(csv), { encoding: 'auto', delimiter: 'auto', skipInvalid: false }, { actor: 'test' }),
    ).rejects.toThrow('2 rows have problems');
    expect(data.store.sqlite.prepare('select count(*) from participant where study_id = ?').pluck().get(copy)).toBe(0);
  });
});

type PyCell = [string, string | number | boolean | null];
function openpyxl(file: string): Record<string, PyCell[][]> {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: [[[c.data_type, c.value] for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }));
}

describe.skipIf(!OPENPYXL)('the workbooks in openpyxl', () => {
  it.each(['wide', 'long', 'round'] as const)(
    '%s.xlsx carries group and attributes, and value_labels lists their values',
    async (format) => {
      const sheets = openpyxl(path.join(await writeFiles(format, 'xlsx'), `${format}.xlsx`));
      const values = format === 'round' ? sheets.h1_2026 : sheets[format];
      const header = values[0].map((c) => c[1]);
      const rows = values.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]?.[1] ?? ''])));
      expectCases(rows.map((r) => ({ ...r, anonymous: String(r.anonymous) }) as Record<string, string>));
      const labels = sheets.value_labels.map((r) => r.map((c) => c[1]));
      expect(labels).toContainEqual(['group', 'ouders', 'Ouders', 'Ouders', 0]);
      expect(labels).toContainEqual(['domain', 'onderwijs', 'Onderwijs', 'Education', 0]);
      expect(labels.some((r) => r[0] === 'regio')).toBe(false);
    },
  );
});

/** The rows of one table in PSPP's CSV output. */
function psppTable(output: string, title: string): string[][] {
  const start = output.indexOf(`Table: ${title}\n`);
  if (start < 0) throw new Error(`no table ${title} in PSPP output:\n${output.slice(0, 2000)}`);
  const end = output.indexOf('\n\n', start);
  return rowsOf(output.slice(start + `Table: ${title}\n`.length, end < 0 ? undefined : end));
}

function pspp(dir: string, open: string): { output: string; labels: Record<string, string>[] } {
  fs.writeFileSync(
    path.join(dir, 'check.sps'),
    `${open}\nDISPLAY DICTIONARY.\nSAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.\n`,
  );
  execFileSync('pspp', ['check.sps', '-O', 'format=csv', '-o', 'out.csv'], {
    cwd: dir,
    stdio: 'pipe',
    env: { ...process.env, LANG: 'C.UTF-8' },
  });
  const output = fs.readFileSync(path.join(dir, 'out.csv'), 'utf8');
  return { output, labels: table(fs.readFileSync(path.join(dir, 'labels.csv'), 'utf8')).rows };
}

describe.skipIf(!PSPP)('the .sav and the SPSS syntax in GNU PSPP', () => {
  const expectLabelled = (output: string, labels: Record<string, string>[]) => {
    expect(output).not.toMatch(/\b(error|warning)\b/i);
    const variables = psppTable(output, 'Variables');
    const col = (name: string) => variables[0].indexOf(name);
    const row = (name: string) => variables.find((r) => r[col('Name')] === name)!;
    expect(row('group')[col('Label')]).toBe('Respondentgroep (anonieme respons: de groep van de link)');
    expect(row('domain')[col('Label')]).toBe('Domein');
    expect(row('regio')[col('Label')]).toBe('Regio');
    // Cells shown with their labels: the groups' names, the domains' Dutch labels.
    const byKey = (key: string) => labels.find((r) => r.participant.trim() === key)!;
    expect([byKey('P-AAAA01').group.trim(), byKey('P-AAAA01').domain.trim(), byKey('P-AAAA01').regio.trim()]).toEqual([
      'Professionals',
      'Jeugd',
      'Venlo',
    ]);
    expect(byKey('P-AAAA02').domain.trim()).toBe('Onderwijs');
    expect(labels.filter((r) => r.anonymous.trim() === 'Ja').map((r) => r.group.trim())).toEqual(['Ouders', 'Ouders', 'Ouders', 'Ouders']);
    const values = psppTable(output, 'Value Labels');
    expect(values.some((r) => r.includes('Onderwijs'))).toBe(true);
    expect(values.some((r) => r.includes('Ouders'))).toBe(true);
  };

  it('opens wide.sav with the group and the attributes labelled, at the nominal level', async () => {
    const { output, labels } = pspp(await writeFiles('sav'), "GET FILE='wide.sav'.");
    expectLabelled(output, labels);
    const variables = psppTable(output, 'Variables');
    const col = (name: string) => variables[0].indexOf(name);
    for (const name of ['group', 'domain', 'regio'])
      expect(variables.find((r) => r[col('Name')] === name)![col('Measurement Level')], name).toBe('Nominal');
  });

  it('reads the wide file with wide.sps, applying the same labels', async () => {
    const { output, labels } = pspp(await writeFiles('spss'), "INCLUDE FILE='wide.sps'.");
    expectLabelled(output, labels);
  });
});

describe.skipIf(!R)('the R script', () => {
  it('makes the group and the domain factors of their labels', async () => {
    const dir = await writeFiles('r');
    const out = execFileSync(
      'Rscript',
      [
        '--vanilla',
        '-e',
        'source("wide.R"); cat(levels(rondo$group), attr(rondo$group, "label"), sep = "\\n"); ' +
          'cat(table(rondo$group), levels(rondo$domain), sep = "\\n")',
      ],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' } },
    );
    expect(out.trim().split('\n')).toEqual([
      'Professionals',
      'Ouders',
      'Respondentgroep (anonieme respons: de groep van de link)',
      '4',
      '4',
      'Jeugd',
      'Onderwijs',
      'Zorg',
    ]);
  });
});
