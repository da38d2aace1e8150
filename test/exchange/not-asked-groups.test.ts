import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../analysis/study/analyze.js';
import { loadAnalysisInput } from '../../server/analysis/load-input.js';
import { exportContext } from '../../server/exchange/context.js';
import { exportFiles, fileStream } from '../../server/exchange/export.js';
import { MISSING_VALUE_CODES, type ExportFormat } from '../../server/exchange/formats.js';
import { commitImport, dryRunImport } from '../../server/exchange/import/commit.js';
import { suggestMapping } from '../../server/exchange/import/suggest.js';
import { loadExchangeStudy } from '../../server/exchange/study-data.js';
import { wideCells } from '../../server/exchange/wide.js';
import { readXlsx } from '../../server/exchange/xlsx/read.js';
import { createGroupedStudy, ROUNDS, SLUG } from './grouped-study.js';
import { collect, exportText, rowsOf, tempData } from './helpers.js';

/**
 * Issue 16, respondent groups in the exports: an item in a section the respondent's group does
 * not see was not asked. The generated network study (grouped-study.ts): professionals by a
 * personal link see only `netwerk` (item `begeleiden`), parents by an anonymous link only
 * `ouders` (item `tevreden`). Every export says not_asked (-97) for the other group's item, and
 * its counts per item and status are the analysis's.
 */
type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
const NOT_ASKED = String(MISSING_VALUE_CODES.not_asked);
const PSPP = spawnSync('sh', ['-c', 'command -v pspp']).status === 0;

beforeAll(async () => {
  data = await tempData();
  await createGroupedStudy(data.store);
  // Two more parents in the first round: one submits without answering (skipped, not "not asked"),
  // one answers the professionals' item as well (an answer that is there stays an answer).
  const s = data.store.sqlite;
  const study = s.prepare('select id from study where slug = ?').pluck().get(SLUG) as number;
  const round = s.prepare('select id from round where study_id = ? order by position').pluck().get(study) as number;
  const version = s.prepare('select max(id) from questionnaire_version where study_id = ?').pluck().get(study) as number;
  const insR = s.prepare(
    'insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, anonymous, source, ' +
      "started_at, updated_at, submitted_at, group_key) values (?, ?, null, null, ?, 'submitted', 1, 'test', ?, ?, ?, 'ouders')",
  );
  const at = '2026-01-20T10:00:00.000Z';
  insR.run(study, round, version, at, at, at);
  const both = Number(insR.run(study, round, version, at, at, at).lastInsertRowid);
  s.prepare("insert into answer (response_id, item, sub, code) values (?, 'begeleiden', '', 3), (?, 'tevreden', '', 5)").run(both, both);
});
afterAll(async () => data.close());

const table = (csv: string) => {
  const [header, ...rows] = rowsOf(csv);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
};

/** The anonymous response that answered both items (the last one stored). */
const answeredBoth = (rows: Record<string, string>[]) => rows.filter((r) => r.anonymous === '1').at(-1)!.participant;

/** Per variable, round and status: how many long rows. */
function longCounts(rows: Record<string, string>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(`${r.variable}|${r.round}|${r.status}`, (out.get(`${r.variable}|${r.round}|${r.status}`) ?? 0) + 1);
  return out;
}

async function xlsxRows(format: ExportFormat): Promise<Record<string, string>[]> {
  const ctx = exportContext(data.store.sqlite, SLUG, { flavour: 'intl', openText: false, lang: 'nl' }, new Date('2026-11-23T12:00:00Z'));
  const files = exportFiles(ctx, format, { file: 'xlsx' });
  const bytes = await collect(fileStream(files[0]));
  files.cleanup?.();
  const read = readXlsx(bytes);
  if (!read.ok) throw new Error(read.error.message);
  return read.table.rows.map((r) => Object.fromEntries(read.table.header.map((h, i) => [h, r[i] ?? ''])));
}

describe('the exports of a study whose groups see different sections', () => {
  it('say not_asked in the long file for the other group’s item, and have the analysis’s counts per item', () => {
    const rows = table(exportText(data, SLUG, 'long')['long.csv']);
    const other = rows.filter((r) => (r.group === 'ouders' ? r.variable === 'begeleiden' : r.variable === 'tevreden'));
    const both = answeredBoth(rows);
    expect(other.filter((r) => r.participant !== both).every((r) => r.status === 'not_asked' && r.value === NOT_ASKED)).toBe(true);
    expect(other.filter((r) => r.participant === both).map((r) => [r.variable, r.status, r.value])).toEqual([
      ['begeleiden', 'answered', '3'],
    ]);
    // Skipped is what a respondent who saw the item left open: only the parent who answered nothing.
    expect(rows.filter((r) => r.status === 'skipped').map((r) => [r.group, r.variable])).toEqual([['ouders', 'tevreden']]);

    const analysis = JSON.parse(JSON.stringify(analyzeStudy(loadAnalysisInput(data.store.sqlite, SLUG)!)));
    const counts = longCounts(rows);
    let compared = 0;
    for (const item of analysis.items as { id: string; rounds: { round: string; n: number; skipped: number; notAsked: number }[] }[])
      for (const r of item.rounds) {
        const c = (status: string) => counts.get(`${item.id}|${r.round}|${status}`) ?? 0;
        expect({ n: c('answered'), skipped: c('skipped'), notAsked: c('not_asked') }, `${item.id} in ${r.round}`).toEqual({
          n: r.n,
          skipped: r.skipped,
          notAsked: r.notAsked,
        });
        compared++;
      }
    expect(compared).toBe(4);
    expect(counts.get('begeleiden|h1_2026|not_asked')).toBe(5);
    expect(counts.get('tevreden|h1_2026|not_asked')).toBe(4);
  });

  it('write -97 for it in the round files, the wide file and the .sav’s rows', () => {
    const first = table(exportText(data, SLUG, 'round')['round-h1_2026.csv']);
    const both = answeredBoth(first);
    for (const r of first) {
      if (r.participant === both) expect([r.begeleiden, r.tevreden]).toEqual(['3', '5']);
      else if (r.group === 'ouders') expect(r.begeleiden).toBe(NOT_ASKED);
      else expect(r.tevreden).toBe(NOT_ASKED);
    }
    expect(first.filter((r) => r.group === 'ouders' && r.tevreden === '')).toHaveLength(1);

    const wide = table(exportText(data, SLUG, 'wide')['wide.csv']);
    for (const r of wide) {
      const other = r.group === 'ouders' ? 'begeleiden' : 'tevreden';
      for (const round of ROUNDS) {
        const cell = r[`${other}_${round}`];
        if (r[`responded_${round}`] !== '1') expect(cell, `${r.participant} ${round}`).toBe('');
        else if (r.participant !== both) expect(cell, `${r.participant} ${round}`).toBe(NOT_ASKED);
      }
    }
    // The .sav is written from these typed cells (sav/export.ts): the same -97 as numbers.
    const ctx = exportContext(data.store.sqlite, SLUG, { flavour: 'intl', openText: false, lang: 'nl' }, new Date());
    const cells = Array.from(wideCells(ctx), (row) => [...row]);
    const header = cells[0] as string[];
    const at = (name: string) => header.indexOf(name);
    const sav = cells.slice(1).map((row) => ({ group: row[at('group')], begeleiden: row[at('begeleiden_h1_2026')] }));
    expect(sav.filter((r) => r.group === 'ouders').map((r) => r.begeleiden)).toEqual([-97, -97, -97, -97, -97, 3]);
  });

  it('say not_asked in the .xlsx variants', async () => {
    const long = await xlsxRows('long');
    expect(long.filter((r) => r.group === 'professionals' && r.variable === 'tevreden').every((r) => r.status === 'not_asked')).toBe(true);
    expect(long.filter((r) => r.status === 'not_asked').every((r) => r.value === NOT_ASKED)).toBe(true);
    expect(table(exportText(data, SLUG, 'long')['long.csv']).map((r) => r.status)).toEqual(long.map((r) => r.status));
    const wide = await xlsxRows('wide');
    expect(wide.filter((r) => r.group === 'professionals').map((r) => r.tevreden_h1_2026)).toEqual(Array(4).fill(NOT_ASKED));
  });

  it('list not asked among the codes of both items in the codebook, with the groups not asked', () => {
    const doc = JSON.parse(exportText(data, SLUG, 'codebook')['codebook.json']);
    const variable = (name: string) => doc.variables.find((v: { name: string }) => v.name === name);
    expect(variable('begeleiden').missing).toContainEqual({ kind: 'not_asked', code: -97 });
    expect(variable('begeleiden').notAskedGroups).toEqual(['ouders']);
    expect(variable('tevreden').missing).toEqual([{ kind: 'not_asked', code: -97 }]);
    expect(variable('tevreden').notAskedGroups).toEqual(['professionals']);
    const csv = table(exportText(data, SLUG, 'codebook')['codebook.csv']);
    expect(csv.find((r) => r.variable === 'tevreden')!.missing_codes).toContain('-97=Not asked (routing or respondent group)');
  });
});

describe.skipIf(!PSPP)('the .sav in GNU PSPP', () => {
  it('shows the other group’s item as not asked, a user-missing value with the groups’ label', async () => {
    const ctx = exportContext(data.store.sqlite, SLUG, { flavour: 'intl', openText: false, lang: 'nl' }, new Date('2026-11-23T12:00:00Z'));
    const files = exportFiles(ctx, 'sav');
    const dir = fs.mkdtempSync(path.join(data.dir, 'sav-'));
    fs.writeFileSync(path.join(dir, 'wide.sav'), await collect(fileStream(files[0])));
    files.cleanup?.();
    fs.writeFileSync(
      path.join(dir, 'check.sps'),
      "GET FILE='wide.sav'.\nSAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /FIELDNAMES /CELLS=LABELS /REPLACE.\n" +
        "COMPUTE missing_h1 = MISSING(begeleiden_h1_2026).\nSAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /FIELDNAMES /REPLACE.\n",
    );
    execFileSync('pspp', ['check.sps'], { cwd: dir, stdio: 'pipe', env: { ...process.env, LANG: 'C.UTF-8' } });
    const labels = table(fs.readFileSync(path.join(dir, 'labels.csv'), 'utf8'));
    const values = table(fs.readFileSync(path.join(dir, 'values.csv'), 'utf8'));
    const parents = labels.flatMap((r, k) =>
      r.group.trim() === 'Ouders' ? [[r.begeleiden_h1_2026.trim(), values[k].missing_h1.trim()]] : [],
    );
    expect(parents).toEqual([...Array(5).fill(['Niet gevraagd (routing of respondentgroep)', '1']), ['Neutraal', '0']]);
  });
});

describe('importing such a long file back', () => {
  it('takes not_asked as no answer: the dry run counts only the answers, the copy exports the same statuses', async () => {
    const long = exportText(data, SLUG, 'long', { flavour: 'nl' })['long.csv'];
    const source = longCounts(table(long));
    const copy = 'netwerk-terug';
    await createGroupedStudy(data.store, copy, false);
    const study = loadExchangeStudy(data.store.sqlite, copy);
    const rows = rowsOf(long);
    for (const round of study.rounds) {
      const { mapping } = suggestMapping(study, round.key, rows[0], rows.slice(1));
      mapping.participants.create = true;
      const input = { bytes: Buffer.from(long), fileName: 'long.csv', mapping, round: round.key, now: new Date('2026-12-01T00:00:00Z') };
      const dry = dryRunImport(data.store, copy, input);
      const inRound = (status: string) =>
        [...source].filter(([k]) => k.split('|')[1] === round.key && k.endsWith(`|${status}`)).reduce((n, [, c]) => n + c, 0);
      expect(dry.errors, JSON.stringify(dry.problems)).toBe(0);
      expect(dry.counts.cells, round.key).toBe(inRound('answered'));
      // The first round: four professionals, five parents with an answer, one parent without (empty: no response).
      expect(dry.counts, round.key).toMatchObject(
        round.key === 'h1_2026' ? { responses: 9, anonymous: 5, empty: 1 } : { responses: 3, anonymous: 0, empty: 0 },
      );
      await commitImport(data.store, data.secret, copy, { ...input, actor: 'test' });
    }
    const back = longCounts(table(exportText(data, copy, 'long', { flavour: 'nl' })['long.csv']));
    const only = (counts: Map<string, number>, status: string) => [...counts].filter(([k]) => k.endsWith(`|${status}`)).sort();
    expect(only(back, 'answered')).toEqual(only(source, 'answered'));
    // Not asked again after the import, as the group says; the empty response was not imported.
    source.set('begeleiden|h1_2026|not_asked', source.get('begeleiden|h1_2026|not_asked')! - 1);
    expect(only(back, 'not_asked')).toEqual(only(source, 'not_asked'));
    expect(only(back, 'skipped')).toEqual([]);
  });
});
