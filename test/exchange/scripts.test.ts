import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoStudy } from '../../server/studies/demo.js';
import { genStudy, seedStudy } from './fixture.js';
import { exportText, rowsOf, tempData } from './helpers.js';

/**
 * The SPSS syntax runs in GNU PSPP and the R script in R, on the real export files. CI has
 * neither unless .ci/run installs them (Debian: pspp, r-base-core): then these tests are
 * skipped, each saying which program is missing.
 */
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const PSPP = has('pspp');
const R = has('Rscript');

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

/** Writes an export's files into a fresh folder. */
function writeExport(slug: string, format: 'spss' | 'r', options: { flavour: 'nl' | 'intl'; openText: boolean }): string {
  const dir = fs.mkdtempSync(path.join(data.dir, `${format}-`));
  for (const [name, text] of Object.entries(exportText(data, slug, format, options))) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** The rows of one table in PSPP's CSV output ("Table: Variables" up to the next empty line). */
function psppTable(output: string, title: string): string[][] {
  const start = output.indexOf(`Table: ${title}\n`);
  if (start < 0) throw new Error(`no table ${title} in PSPP output:\n${output.slice(0, 2000)}`);
  const end = output.indexOf('\n\n', start);
  return rowsOf(output.slice(start + `Table: ${title}\n`.length, end < 0 ? undefined : end));
}

interface Codebook {
  rounds: { key: string; label: { nl: string } }[];
  roleLabels: { code: string; label: { nl: string } }[];
  caseColumns: { name: string; label: { nl: string } }[];
  missingValues: Record<string, { code: number; label: { nl: string } }>;
  variables: {
    name: string;
    kind: string;
    wideNames: string[];
    rounds: string[];
    label: { nl: string };
    values: { code: number; label: { nl: string } }[];
  }[];
}

describe.skipIf(!PSPP)(`the SPSS syntax in GNU PSPP${PSPP ? '' : ' (skipped: pspp is not installed; apt-get install pspp)'}`, () => {
  for (const [slug, flavour] of [
    [DEMO, 'nl'],
    ['awkward', 'intl'],
    ['awkward', 'nl'],
  ] as const) {
    it(`reads ${slug === DEMO ? 'the demo study' : 'a study with awkward texts'} (${flavour}) with the codebook's labels, values and missing codes`, () => {
      const dir = writeExport(slug, 'spss', { flavour, openText: true });
      fs.writeFileSync(
        path.join(dir, 'check.sps'),
        "INCLUDE FILE='wide.sps'.\nDISPLAY DICTIONARY.\nSAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /FIELDNAMES /CELLS=VALUES /REPLACE.\nSAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.\n",
      );
      execFileSync('pspp', ['check.sps', '-O', 'format=csv', '-o', 'dict.csv'], {
        cwd: dir,
        stdio: 'pipe',
        env: { ...process.env, LANG: 'C.UTF-8' },
      });
      const output = fs.readFileSync(path.join(dir, 'dict.csv'), 'utf8');
      expect(output).not.toMatch(/\b(error|warning)\b/i);

      const codebook = JSON.parse(exportText(data, slug, 'codebook', { openText: true })['codebook.json']) as Codebook;
      const roundLabel = new Map(codebook.rounds.map((r) => [r.key, r.label.nl]));
      const expected = new Map<string, { label: string; numeric: boolean; values: Map<number, string> }>();
      for (const c of codebook.caseColumns) expected.set(c.name, { label: c.label.nl, numeric: false, values: new Map() });
      const missing = new Map(Object.values(codebook.missingValues).map((m) => [m.code, m.label.nl]));
      for (const v of codebook.variables) {
        v.rounds.forEach((r, i) =>
          expected.set(v.wideNames[i], {
            label: `${roundLabel.get(r)}: ${v.label.nl}`.replace(/\s+/g, ' ').trim(),
            numeric: v.kind !== 'text',
            values: new Map([...v.values.map((p) => [p.code, p.label.nl] as [number, string]), ...missing]),
          }),
        );
      }

      // Variables: the wide file's columns, in order, with labels and the missing-value codes.
      const wide = rowsOf(fs.readFileSync(path.join(dir, 'wide.csv'), 'utf8'));
      const variables = psppTable(output, 'Variables');
      const col = (name: string) => variables[0].indexOf(name);
      expect(variables.slice(1).map((r) => r[col('Name')])).toEqual(wide[0]);
      for (const r of variables.slice(1)) {
        const e = expected.get(r[col('Name')])!;
        expect(r[col('Label')], r[col('Name')]).toBe(e.label);
        if (e.numeric) expect(r[col('Missing Values')], r[col('Name')]).toBe('-99; -98; -97');
      }

      // Values: every cell as the CSV has it; labels: every coded cell with the codebook's label.
      const values = rowsOf(fs.readFileSync(path.join(dir, 'values.csv'), 'utf8'));
      const labels = rowsOf(fs.readFileSync(path.join(dir, 'labels.csv'), 'utf8'));
      expect(values.length).toBe(wide.length);
      const num = (s: string) => (s.trim() === '' || s.trim() === '.' ? null : Number(s.trim().replace(',', '.')));
      let coded = 0;
      for (let i = 1; i < wide.length; i++) {
        wide[0].forEach((name, j) => {
          const e = expected.get(name)!;
          const cell = wide[i][j].replace(/^'(?=['=+\-@\t\r])/, '');
          if (!e.numeric) return expect(values[i][j].trimEnd(), name).toBe(wide[i][j].trimEnd());
          expect(num(values[i][j]), `${name} row ${i}`).toBe(num(cell));
          const code = num(cell);
          if (code !== null && e.values.has(code)) {
            expect(labels[i][j], `${name} row ${i}`).toBe(e.values.get(code));
            coded++;
          }
        });
      }
      expect(coded).toBeGreaterThan(0);
      // Role codes carry their labels (model/value-labels.ts): labels, never codes.
      const roleLabel = new Map(codebook.roleLabels.map((r) => [r.code, r.label.nl]));
      const role = wide[0].indexOf('role');
      const labelled = wide.slice(1).filter((row, i) => roleLabel.has(row[role]) && labels[i + 1][role] === roleLabel.get(row[role]));
      if (slug === DEMO) expect(labelled.length).toBe(wide.length - 1);
    });
  }
});

describe.skipIf(!R)(`the R script${R ? '' : ' (skipped: Rscript is not installed; apt-get install r-base-core)'}`, () => {
  const run = (dir: string, code: string) =>
    execFileSync('Rscript', ['--vanilla', '-e', `source("wide.R"); ${code}`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C.UTF-8' },
    })
      .trim()
      .split('\n');

  for (const flavour of ['nl', 'intl'] as const) {
    it(`reproduces the response counts and the labelled answers of the demo study (${flavour})`, () => {
      const dir = writeExport(DEMO, 'r', { flavour, openText: false });
      const out = run(
        dir,
        `cat(sapply(rondo_raw[grep("^responded_", names(rondo_raw))], sum), sep = "\\n");
         t <- table(rondo$help_questions_post); cat(names(t), t, sep = "\\n");
         cat(sum(missing_kind(rondo_raw$help_questions_post) == "dont_know", na.rm = TRUE), "\\n");
         cat(levels(rondo$know_problems_pre), sep = "\\n");
         cat(attr(rondo$collab_p1_freq_pre, "label"), "\\n")`,
      );
      expect(out.slice(0, 3)).toEqual(['21', '22', '12']);
      expect(out.slice(3, 7)).toEqual(['Ja', 'Nee', '9', '2']);
      expect(out[7].trim()).toBe('1');
      expect(out.slice(8, 13)).toEqual(['Helemaal oneens', 'Oneens', 'Neutraal', 'Eens', 'Helemaal eens']);
      expect(out[13].trim()).toBe('Voormeting: Samenwerking per ketenpartner — POH GGZ Jeugd: Hoe vaak?');
    });
  }

  it('gives the role as a factor of its labels, never its codes, with the same respondents as the raw codes', () => {
    const dir = writeExport(DEMO, 'r', { flavour: 'nl', openText: false });
    const out = run(
      dir,
      `cat(levels(rondo$role), sep = "\\n"); cat(attr(rondo$role, "label"), "\\n");
       cat(sum(rondo$role == "GGD-arts", na.rm = TRUE) == sum(rondo_raw$role == "ggd-arts", na.rm = TRUE), "\\n");
       cat(sum(rondo$role == "GGD-arts", na.rm = TRUE) > 0, sum(is.na(rondo$role)) == sum(is.na(rondo_raw$role)), "\\n")`,
    );
    const levels = out.slice(0, -3);
    expect(levels).toContain('GGD-arts');
    expect(levels).toContain('JGZ-verpleegkundige');
    expect(levels.join(' ')).not.toMatch(/ggd-arts|jgz-verpleegkundige/);
    expect(out.slice(-3).map((l) => l.trim())).toEqual(['Functie', 'TRUE', 'TRUE TRUE']);
  });

  it('reads open answers with quotes, commas, line breaks and non-ASCII exactly as they are', () => {
    const dir = writeExport('awkward', 'r', { flavour: 'nl', openText: true });
    const wide = rowsOf(fs.readFileSync(path.join(dir, 'wide.csv'), 'utf8'));
    const textColumns = wide[0].filter((h) => /^open2?_/.test(h));
    const out = execFileSync(
      'Rscript',
      [
        '--vanilla',
        '-e',
        `source("wide.R"); for (n in c(${textColumns.map((c) => `"${c}"`).join(',')})) for (x in rondo[[n]]) cat(if (is.na(x)) "<NA>" else gsub("\\n", "<LF>", gsub("\\r", "<CR>", x)), "\\n", sep = "")`,
      ],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' } },
    );
    const expected: string[] = [];
    for (const c of textColumns) {
      const j = wide[0].indexOf(c);
      for (const row of wide.slice(1)) expected.push(row[j] === '' ? '<NA>' : row[j].replace(/\r/g, '<CR>').replace(/\n/g, '<LF>'));
    }
    expect(out.split('\n').slice(0, -1)).toEqual(expected);
  });
});
