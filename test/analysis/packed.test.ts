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
import { groupOf, type Study } from '../../model/index.js';
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
/** A generated study with respondent groups (not compared with the reference loader, which has none). */
const GROUPED = 'gen-groups';
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

/**
 * Unit rows the generator does not write, in each generated study: revoked links (one answered,
 * one not), links opened and started with timestamps in other forms SQLite reads (and one it
 * does not), a participant's draft, a second submission that replaces the first
 * and one dated too early to (its answer, an item no version has, must not be counted).
 */
function addAwkwardUnits(): void {
  const s = sqlite();
  const one = <T>(sql: string, ...params: unknown[]) =>
    s
      .prepare(sql)
      .raw()
      .get(...params) as T;
  const insertResponse = s.prepare(
    `insert into response (study_id, round_id, participant_id, questionnaire_version_id, status, anonymous, source,
       started_at, updated_at, submitted_at)
     values (?, ?, ?, ?, ?, ?, 'test', ?, ?, ?)`,
  );
  const insertAnswer = s.prepare("insert into answer (response_id, item, sub, code) values (?, ?, '', ?)");
  s.transaction(() => {
    for (const slug of GENERATED) {
      const [studyId] = one<[number]>('select id from study where slug = ?', slug);
      const ofStudy = 'participant_id in (select id from participant where study_id = ?)';
      const [unanswered] = one<[number]>(`select id from invitation where ${ofStudy} and submitted_at is null order by id`, studyId) ?? [0];
      const [answered, participant, round] = one<[number, number, number]>(
        `select id, participant_id, round_id from invitation where ${ofStudy} and submitted_at is not null order by id`,
        studyId,
      );
      s.prepare("update invitation set revoked_at = '2026-05-01T00:00:00.000Z' where id in (?, ?)").run(unanswered, answered);
      const stamps = ['2026-02-03 04:05:06', '2026-02-03T04:05:06+02:00', '1969-12-31T23:59:59.500Z', 'geen datum'];
      const others = s.prepare(`select id from invitation where ${ofStudy} and id not in (?, ?) order by id limit 4`).pluck();
      (others.all(studyId, unanswered, answered) as number[]).forEach((id, k) =>
        s.prepare('update invitation set opened_at = ?, started_at = ? where id = ?').run(stamps[k], stamps[(k + 1) % 4], id),
      );
      const [version] = one<[number]>('select questionnaire_version_id from response where study_id = ?', studyId);
      const [draftParticipant, draftRound] = one<[number, number]>(
        `select p.id, r.id from participant p cross join round r where p.study_id = ? and r.study_id = ? and not exists
         (select 1 from response x where x.participant_id = p.id and x.round_id = r.id and x.status = 'submitted') order by p.id, r.id`,
        studyId,
        studyId,
      );
      insertResponse.run(studyId, draftRound, draftParticipant, version, 'draft', 0, '2026-03-01 09:00:00', '2026-03-01', null);
      const later = insertResponse.run(
        studyId,
        round,
        participant,
        version,
        'submitted',
        0,
        '2026-01-01',
        '2026-12-01',
        '2026-12-01T00:00:00.000Z',
      );
      insertAnswer.run(later.lastInsertRowid, 'lik', 2);
      const early = insertResponse.run(
        studyId,
        round,
        participant,
        version,
        'submitted',
        0,
        '2025-01-01',
        '2025-01-01',
        '2025-01-01T00:00:00.000Z',
      );
      insertAnswer.run(early.lastInsertRowid, 'ghost', 1);
    }
  })();
}

/**
 * A generated study with two respondent groups: participants and anonymous responses with a
 * group's key, another group's, none, and a key the study does not have; an anonymous draft.
 */
async function addGroupedStudy(): Promise<void> {
  const [g] = fc.sample(genStudy, { numRuns: 1, seed: 7 });
  const studyId = await seedStudy(data.store, g, GROUPED);
  const s = sqlite();
  const groups = [
    { key: 'staff', name: { nl: 'Medewerkers', en: 'Staff' }, sections: ['all'], reach: ['personal'] },
    { key: 'parents', name: { nl: 'Ouders', en: 'Parents' }, sections: ['all'], reach: ['anonymous'] },
  ];
  s.prepare("update study set definition = json_set(definition, '$.groups', json(?)) where id = ?").run(JSON.stringify(groups), studyId);
  const keys = ['staff', 'parents', null, 'gone'];
  const [version, round] = s.prepare('select questionnaire_version_id, round_id from response where study_id = ?').raw().get(studyId) as [
    number,
    number,
  ];
  const insert = s.prepare(
    `insert into response (study_id, round_id, participant_id, questionnaire_version_id, status, anonymous, source,
       started_at, updated_at, submitted_at, group_key)
     values (?, ?, null, ?, 'submitted', 1, 'test', '2026-01-01', '2026-01-01', '2026-01-01T00:00:00.000Z', ?)`,
  );
  for (const key of keys) insert.run(studyId, round, version, key);
  // Anonymous drafts are no units, but count as started in their group.
  s.prepare(
    `insert into response (study_id, round_id, participant_id, questionnaire_version_id, status, anonymous, source,
       started_at, updated_at, group_key)
     values (?, ?, null, ?, 'draft', 1, 'test', '2026-01-01', '2026-01-01', ?)`,
  ).run(studyId, round, version, 'gone');
  const ids = s.prepare('select id from participant where study_id = ? order by id').pluck().all(studyId) as number[];
  ids.forEach((id, k) => s.prepare('update participant set group_key = ? where id = ?').run(keys[k % keys.length], id));
}

beforeAll(async () => {
  data = await tempData();
  await createDemoStudy(data.store.db, SECRET);
  // Generated studies, written straight into the tables: no packed copies.
  const studies = fc.sample(genStudy, { numRuns: GENERATED.length, seed: 21 });
  for (const [i, g] of studies.entries()) await seedStudy(data.store, g, GENERATED[i]);
  addAwkwardCells();
  addAwkwardUnits();
  await addGroupedStudy();
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

  it('loads the units, their status per round and every cell as the rows do, array by array', async () => {
    packAll();
    clear('id % 3 = 0');
    const arrays = (input: AnalysisInput) => ({
      status: Object.fromEntries(Object.entries(input.status).map(([key, a]) => [key, Array.from(a as ArrayLike<number>)])),
      organisation: Array.from(input.units.organisation, (o) => input.units.organisations[o] ?? null),
      role: Array.from(input.units.role, (o) => input.units.roles[o] ?? null),
      leftFromRound: Array.from(input.units.leftFromRound),
      cells: input.variables.map((v) => [v.id, Array.from(v.state), Array.from(v.values)]),
      loadNotes: input.loadNotes,
    });
    const workers = new SqlWorkers(2);
    try {
      for (const slug of SLUGS) {
        const before = arrays(loadAnalysisInputFromRows(sqlite(), slug)!);
        expect(arrays(loadAnalysisInput(sqlite(), slug)!), slug).toEqual(before);
        expect(arrays((await loadAnalysisInputFast(sqlite(), slug, workers, { parallelFrom: 0 }))!), slug).toEqual(before);
      }
    } finally {
      await workers.close();
    }
    // Not a comparison of plain studies: the awkward units are there and were read.
    const opened: number[] = [];
    for (const slug of GENERATED) {
      const input = loadAnalysisInput(sqlite(), slug)!;
      expect(
        input.status.draft.some((d) => d === 1),
        slug,
      ).toBe(true);
      expect(input.loadNotes.find((n) => n.code === 'duplicate-submissions')?.count, slug).toBe(2);
      opened.push(...Array.from(input.status.openedAt).filter((t) => !Number.isNaN(t)));
    }
    expect(opened).toEqual(expect.arrayContaining([Date.parse('2026-02-03T04:05:06Z'), Date.parse('2026-02-03T02:05:06Z'), -500]));
  });

  it('puts participants and anonymous respondents in their groups as groupOf does', async () => {
    const s = sqlite();
    const study = JSON.parse(s.prepare('select definition from study where slug = ?').pluck().get(GROUPED) as string) as Study;
    const [studyId] = s.prepare('select id from study where slug = ?').raw().get(GROUPED) as [number];
    const expected = [
      ...(s.prepare('select group_key from participant where study_id = ? order by id').pluck().all(studyId) as (string | null)[]).map(
        (key) => groupOf(study, key, 'personal').key,
      ),
      ...(
        s
          .prepare(`select group_key from response where study_id = ? and participant_id is null and status = 'submitted' order by id`)
          .pluck()
          .all(studyId) as (string | null)[]
      ).map((key) => groupOf(study, key, 'anonymous').key),
    ];
    expect(new Set(expected)).toEqual(new Set(['staff', 'parents']));
    for (const input of [loadAnalysisInput(s, GROUPED)!, (await loadAnalysisInputFast(s, GROUPED))!]) {
      expect(Array.from(input.groups.unit, (g) => input.groups.list[g].key)).toEqual(expected);
      // The draft's key is gone: it counts for the first group reached by an anonymous link.
      const G = input.groups.list.length;
      const parents = input.groups.list.findIndex((g) => g.key === 'parents');
      expect(Array.from(input.groups.anonymousDrafts).filter((n, k) => n > 0 && k % G === parents)).toEqual([1]);
    }
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
