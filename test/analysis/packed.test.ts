import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../analysis/study/analyze.js';
import type { AnalysisInput } from '../../analysis/study/input.js';
import { generateDemo } from '../../content/demo/generate.js';
import { loadAnalysisInput, loadAnalysisInputFast } from '../../server/analysis/load-input.js';
import { SqlWorkers } from '../../server/analysis/sql-workers.js';
import { packResponses } from '../../server/db/packed-answers.js';
import { commitImport } from '../../server/exchange/import/commit.js';
import { suggestMapping } from '../../server/exchange/import/suggest.js';
import { loadExchangeStudy } from '../../server/exchange/study-data.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { createStudy } from '../../server/studies/create-study.js';
import { genStudy, seedStudy } from '../exchange/fixture.js';
import { exportText, rowsOf, tempData } from '../exchange/helpers.js';
import { loadAnalysisInputFromRows } from './load-input-from-rows.js';

// The analysis reads each submitted response's packed copy of its answers
// (server/db/packed-answers.ts), and builds the same strings from the answer rows for a response
// without one. These tests hold it to the loader before that change, which packed every answer
// row in SQLite on each load (load-input-from-rows.ts): the same analysis JSON, cell for cell,
// with every response packed, none, and a mix, on the demo, generated and imported studies.

type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
const DEMO = '1000-kansen';
const IMPORTED = 'geimporteerd';
const GENERATED = ['gen-a', 'gen-b', 'gen-c', 'gen-d'];
const SLUGS = [DEMO, IMPORTED, ...GENERATED];
const SECRET = Buffer.alloc(32, 7);

const sqlite = () => data.store.sqlite;
const json = (input: AnalysisInput | null) => JSON.parse(JSON.stringify(analyzeStudy(input!)));

function packAll(): void {
  sqlite().transaction(() => packResponses(sqlite(), 1, Number.MAX_SAFE_INTEGER))();
}
/** Clears the packed copy of the responses `where` selects (SQL on `response`). */
const clear = (where: string) => sqlite().prepare(`update response set packed_layout_id = null, packed_values = null where ${where}`).run();

/** How many submitted responses of a study have a packed copy, and how many have none. */
function copies(slug: string): { packed: number; unpacked: number } {
  return sqlite()
    .prepare(
      `select count(packed_values) as packed, count(*) - count(packed_values) as unpacked from response
       where status = 'submitted' and study_id = (select id from study where slug = ?)`,
    )
    .get(slug) as { packed: number; unpacked: number };
}

/** The analysis of every study through the new loader (both paths) and the loader before, compared. */
async function expectSameAsFromRows(): Promise<void> {
  const workers = new SqlWorkers(2);
  try {
    for (const slug of SLUGS) {
      const before = json(loadAnalysisInputFromRows(sqlite(), slug));
      // Not a comparison of empty analyses: the study has answers.
      expect(before.items.length, slug).toBeGreaterThan(0);
      expect(JSON.stringify(before.items), slug).toMatch(/"n":[1-9]/);
      expect(json(loadAnalysisInput(sqlite(), slug)), slug).toEqual(before);
      expect(json(await loadAnalysisInputFast(sqlite(), slug, workers, { parallelFrom: 0 })), `${slug}, worker threads`).toEqual(before);
    }
  } finally {
    await workers.close();
  }
}

/**
 * Cells the generator does not write, in the first submitted responses of each generated study:
 * an empty text, decimals, negatives, a large and a huge code, a code outside the scale, an item
 * no questionnaire version has, a partner and an option that do not exist.
 */
function addAwkwardCells(): void {
  const s = sqlite();
  const put = s.prepare(
    'insert or replace into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values (?, ?, ?, null, null, ?, null, ?)',
  );
  const cells: [string, string, number | null, string | null][][] = [
    [
      ['open', '', null, ''],
      ['num', '', 12.5, null],
      ['lik', '', 99, null],
      ['ghost', '', 1, null],
    ],
    [
      ['open', '', null, 'a,b%2C%'],
      ['num', '', -3, null],
      ['grid', 'p999999.frequency', 2, null],
      ['multi', 'o7', 1, null],
    ],
    [
      ['num', '', 1e20, null],
      ['rate', '', 4.000000000000001, null],
      ['ghost', 'x', null, 'tekst'],
    ],
    [
      ['num', '', -0.001, null],
      ['single', '', 2.5, null],
      ['open2', '', null, ''],
    ],
  ];
  for (const slug of GENERATED) {
    const ids = s
      .prepare(
        `select id from response where status = 'submitted' and study_id = (select id from study where slug = ?) order by id limit ?`,
      )
      .pluck()
      .all(slug, cells.length) as number[];
    s.transaction(() => ids.forEach((id, k) => cells[k].forEach(([item, sub, code, text]) => put.run(id, item, sub, code, text))))();
  }
}

beforeAll(async () => {
  data = await tempData();
  await createDemoStudy(data.store.db, SECRET);
  // Generated studies, written straight into the tables: no packed copies.
  const studies = fc.sample(genStudy, { numRuns: GENERATED.length, seed: 21 });
  for (const [i, g] of studies.entries()) await seedStudy(data.store, g, GENERATED[i]);
  addAwkwardCells();
  // The demo exported wide and imported, round by round, into a study of the same definition.
  const d = generateDemo();
  await createStudy(data.store.db, {
    study: { ...d.study, slug: IMPORTED },
    rounds: d.rounds,
    partners: d.partners,
    tools: d.tools,
    questionnaire: d.questionnaire,
  });
  const wide = exportText(data, DEMO, 'wide', { openText: true, flavour: 'nl' })['wide.csv'];
  const rows = rowsOf(wide);
  for (const round of loadExchangeStudy(sqlite(), IMPORTED).rounds) {
    const { mapping } = suggestMapping(loadExchangeStudy(sqlite(), IMPORTED), round.key, rows[0], rows.slice(1));
    mapping.participants.create = true;
    await commitImport(data.store, SECRET, IMPORTED, {
      bytes: Buffer.from(wide),
      fileName: 'wide.csv',
      mapping,
      round: round.key,
      now: new Date('2026-06-01T00:00:00Z'),
      actor: 'test',
    });
  }
}, 120_000);
afterAll(async () => data?.close());

describe('the analysis from the packed copies', () => {
  it('gives the JSON of the answer rows for studies as they were written: the demo and the import packed, the generated ones not', async () => {
    expect(copies(DEMO)).toEqual({ packed: 55, unpacked: 0 });
    expect(copies(IMPORTED).packed).toBeGreaterThan(0);
    for (const slug of GENERATED) expect(copies(slug).packed).toBe(0);
    await expectSameAsFromRows();
  });

  it('gives the JSON of the answer rows when every response has its packed copy', async () => {
    packAll();
    for (const slug of SLUGS) expect(copies(slug).unpacked, slug).toBe(0);
    await expectSameAsFromRows();
  });

  it('gives the JSON of the answer rows when no response has a packed copy', async () => {
    clear('true');
    for (const slug of SLUGS) expect(copies(slug).packed, slug).toBe(0);
    await expectSameAsFromRows();
  });

  it('gives the JSON of the answer rows when some responses have a packed copy and others not', async () => {
    packAll();
    clear('id % 3 = 0');
    for (const slug of SLUGS) expect(copies(slug), slug).toEqual({ packed: expect.any(Number), unpacked: expect.any(Number) });
    expect(copies(DEMO).packed * copies(DEMO).unpacked).toBeGreaterThan(0);
    await expectSameAsFromRows();
  });

  it('reads the packed copy, not the rows, for a response that has one', () => {
    // A copy that disagrees with its rows (which the triggers on `answer` never let stand) shows
    // which of the two the loader read: change the copy behind the triggers' back.
    packAll();
    const s = sqlite();
    const demoId = s.prepare('select id from study where slug = ?').pluck().get(DEMO) as number;
    const { id, packed_values: values } = s
      .prepare(
        `select id, packed_values from response where study_id = ? and status = 'submitted' and packed_values like '%,d,%' order by id limit 1`,
      )
      .get(demoId) as { id: number; packed_values: string };
    const count = (input: AnalysisInput) => input.variables.reduce((n, v) => n + v.state.reduce((m, x) => m + x, 0), 0);
    const fromRows = count(loadAnalysisInputFromRows(s, DEMO)!);
    s.prepare('update response set packed_values = ? where id = ?').run(values.replace(',d,', ',n,'), id);
    expect(count(loadAnalysisInput(s, DEMO)!)).not.toBe(fromRows);
    packAll();
    expect(count(loadAnalysisInput(s, DEMO)!)).toBe(fromRows);
  });
});
