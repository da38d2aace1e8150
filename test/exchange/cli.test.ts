import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { rowsOf } from './helpers.js';

import { main } from '../../server/cli/index.js';

let dir: string;

/**
 * Runs the CLI's main() in this process (a child process per call costs seconds of start-up:
 * test/foundation/cli.test.ts covers the binary itself), with output captured.
 */
async function rondo(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main([...args, '--data', path.join(dir, 'data')], {
    out: (t) => void (out += t),
    err: (t) => void (err += t.endsWith('\n') ? t : `${t}\n`),
    env: { RONDO_LOG_LEVEL: 'warn' },
  });
  return { code, out, err };
}

beforeAll(async () => {
  dir = tempDir('rondo-exchange-cli-');
  expect((await rondo('demo')).code).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rondo export', () => {
  it('writes a single-file format to a file and the others into a folder or a zip', async () => {
    const wide = path.join(dir, 'out', 'wide.csv');
    const r = await rondo('export', '--study', '1000-kansen', '--format', 'wide', '--out', wide, '--flavour', 'nl');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/wrote .*wide\.csv\n55 responses in/);
    expect(rowsOf(fs.readFileSync(wide, 'utf8'))).toHaveLength(35);
    expect((await rondo('export', '--study', '1000-kansen', '--format', 'spss', '--out', path.join(dir, 'out', 'spss'))).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out', 'spss')).sort()).toEqual(['wide.csv', 'wide.sps']);
    expect(
      (await rondo('export', '--study', '1000-kansen', '--format', 'bundle', '--out', path.join(dir, 'out', 'b.zip'), '--contacts')).code,
    ).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', 'b.zip')).includes('contacts.csv')).toBe(true);
    // The key list leaves a trace in the audit log, and the log still verifies.
    const db = new SQLite(path.join(dir, 'data', 'rondo.sqlite'), { readonly: true });
    expect(db.prepare("select action from audit_log where action like 'export.%' order by id").pluck().all()).toEqual([
      'export.data',
      'export.data',
      'export.data',
      'export.contacts',
    ]);
    // …and the personal-data access log records the names and addresses that left.
    expect(db.prepare('select kind, data, actor from personal_data_access order by id').all()).toEqual([
      { kind: 'export', data: 'contacts', actor: 'cli' },
    ]);
    db.close();
    expect((await rondo('audit', 'verify')).code).toBe(0);
  });

  it('writes an Excel workbook with --file xlsx and an SPSS data file with --format sav', async () => {
    const xlsx = path.join(dir, 'out', 'rounds.xlsx');
    const r = await rondo('export', '--study', '1000-kansen', '--format', 'round', '--file', 'xlsx', '--out', xlsx);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/wrote .*rounds\.xlsx\n55 responses in/);
    expect(fs.readFileSync(xlsx).subarray(0, 4)).toEqual(Buffer.from('PK\u0003\u0004', 'latin1'));
    const sav = path.join(dir, 'out', 'wide.sav');
    expect((await rondo('export', '--study', '1000-kansen', '--format', 'sav', '--out', sav)).code).toBe(0);
    expect(fs.readFileSync(sav).subarray(0, 4).toString('latin1')).toBe('$FL2');
  });

  it('says in one line what is wrong with the options', async () => {
    expect((await rondo('export', '--study', '1000-kansen', '--format', 'xls', '--out', 'x')).err).toMatch(
      /^rondo export: --format must be one of long, wide, round, codebook, spss, sav, r, bundle\n$/,
    );
    expect((await rondo('export', '--study', '1000-kansen', '--format', 'spss', '--file', 'xlsx', '--out', 'x')).err).toBe(
      'rondo export: --file xlsx goes with --format long, wide, round, codebook\n',
    );
    expect(await rondo('export', '--study', 'nope', '--format', 'wide', '--out', path.join(dir, 'x.csv'))).toMatchObject({
      code: 1,
      err: 'rondo export: no study "nope"\n',
    });
  });
});

describe('rondo import responses', () => {
  it('suggests a mapping, runs dry, imports once and refuses the same file again', async () => {
    const wide = path.join(dir, 'out', 'wide-again.csv');
    expect((await rondo('export', '--study', '1000-kansen', '--format', 'wide', '--out', wide)).code).toBe(0);
    // Round trip into the same study: every respondent already answered, so each row is a precise error.
    const suggest = await rondo('import', 'responses', '--study', '1000-kansen', '--round', 'pre', '--file', wide, '--suggest');
    expect(suggest.code).toBe(0);
    const mapping = JSON.parse(suggest.out);
    expect(mapping).toMatchObject({
      format: 'rondo.import-mapping/1',
      round: 'pre',
      participants: { identify: 'key', column: 'participant' },
      filter: { column: 'responded_pre', values: ['1'] },
    });
    const file = path.join(dir, 'm.json');
    fs.writeFileSync(file, JSON.stringify(mapping));
    const dry = await rondo(
      'import',
      'responses',
      '--study',
      '1000-kansen',
      '--round',
      'pre',
      '--file',
      wide,
      '--mapping',
      file,
      '--dry-run',
    );
    expect(dry.code).toBe(1);
    expect(dry.out).toMatch(
      /error DUPLICATE_RESPONDENT \(row \d+, column "participant"\): Row \d+: participant "\w+" already has a response in round "pre" in rondo\./,
    );
    expect(dry.out).toMatch(/21 errors: nothing was written\n$/);

    // Paper responses for the post round, anonymous.
    const paper = path.join(dir, 'papier.csv');
    fs.writeFileSync(paper, 'know_problems;comp_signal\r\nHelemaal eens;4\r\n3;Weet niet\r\n');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'rondo.import-mapping/1',
        participants: { identify: 'anonymous' },
        columns: { know_problems: { variable: 'know_problems' }, comp_signal: { variable: 'comp_signal' } },
      }),
    );
    const done = await rondo('import', 'responses', '--study', '1000-kansen', '--round', 'post', '--file', paper, '--mapping', file);
    expect(done.code, done.out).toBe(0);
    expect(done.out).toMatch(/round post: 2 responses \(2 anonymous\), 4 answers/);
    expect(done.out).toMatch(/imported as batch 1\n$/);
    const again = await rondo(
      'import',
      'responses',
      '--study',
      '1000-kansen',
      '--round',
      'post',
      '--file',
      paper,
      '--mapping',
      file,
      '--json',
    );
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out).problems[0]).toMatchObject({ code: 'DUPLICATE_FILE' });
  });
});

describe('rondo cohort import with a key column, then responses that cannot fake the response rate', () => {
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const db = () => new SQLite(path.join(dir, 'data', 'rondo.sqlite'), { readonly: true });

  it('keeps the key column when unique and valid, and refuses the file with reasons when not', async () => {
    const bad = file('cohort-bad.csv', 'Sleutel;Naam;E-mail\r\nX-1;A;x1@example.nl\r\nX-1;B;x2@example.nl\r\nX 3;C;x3@example.nl\r\n');
    const refused = await rondo('cohort', 'import', bad, '--study', '1000-kansen');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/row 3, column "Sleutel": Key "X-1" is in row 2 and row 3; a key belongs to one participant\./);
    expect(refused.err).toMatch(/row 4, column "Sleutel": Row 4: key "X 3" has characters that are not allowed/);
    const good = file('cohort.csv', 'Sleutel;Naam;E-mail\r\nX-1;A;x1@example.nl\r\nX-2;B;x2@example.nl\r\nX-3;C;x3@example.nl\r\n');
    const done = await rondo('cohort', 'import', good, '--study', '1000-kansen');
    expect(done.code, done.err).toBe(0);
    expect(done.out).toMatch(/keys: the file's own, from column "Sleutel"/);
    const d = db();
    expect(d.prepare("select key from participant where key like 'X-%' order by key").pluck().all()).toEqual(['X-1', 'X-2', 'X-3']);
    d.close();
  });

  it('imports responders without inviting them, says the rate per round, counts empty rows out, and reuses a saved mapping', async () => {
    const rates = () => {
      const d = db();
      const n = d
        .prepare("select count(*) from invitation i join round r on r.id = i.round_id where r.key = 'post' and r.study_id = 1")
        .pluck()
        .get();
      d.close();
      return n;
    };
    const before = rates();
    const csv = file('post.csv', 'key;know_problems\r\nX-1;4\r\nX-2;\r\nX-3;2\r\n');
    const mapping = file(
      'post.json',
      JSON.stringify({
        format: 'rondo.import-mapping/1',
        participants: { identify: 'key', column: 'key' },
        columns: { know_problems: { variable: 'know_problems' } },
      }),
    );
    const args = ['import', 'responses', '--study', '1000-kansen', '--round', 'post', '--file', csv];
    const dry = await rondo(...args, '--mapping', mapping, '--dry-run', '--save', 'nacht');
    expect(dry.code, dry.out).toBe(0);
    expect(dry.err).toMatch(/saved the mapping as "nacht"/);
    expect(dry.out).toMatch(/round post: 2 responses .* 0 invitations to add, 0 rows filtered out, 1 rows without answers/);
    expect(dry.out).toMatch(/^respons post \*: \d+ uitgenodigd \(uitnodigingen\), \d+ met antwoorden → \d+%$/m);
    expect(dry.out).toMatch(/warning EMPTY_ROWS: 1 row has no answers \(row 3\); it is not imported as a response\./);
    expect(dry.out).toMatch(/warning NOT_INVITED: 2 responses come from participants not invited to round "post"/);
    const english = await rondo(...args, '--saved', 'nacht', '--dry-run', '--lang', 'en', '--invite', 'cohort');
    expect(english.code, english.out).toBe(0);
    expect(english.out).toMatch(/^response post \*: \d+ invited \(participants\), \d+ with answers → \d+%$/m);
    expect(english.out).not.toMatch(/NOT_INVITED/);
    expect(rates()).toBe(before);
    const done = await rondo(...args, '--saved', 'nacht');
    expect(done.code, done.out).toBe(0);
    expect(rates()).toBe(before);
  });
});
