import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerSub, toolSub, type Item, type Questionnaire } from '../../model/index.js';
import { CELL, type AnalysisInput } from '../../analysis/study/input.js';
import { createStudy } from '../studies/create-study.js';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { loadAnalysisInput, loadAnalysisInputFast } from './load-input.js';
import { SqlWorkers } from './sql-workers.js';

const text = (s: string) => ({ nl: s, en: s });
const items: Item[] = [
  {
    id: 'n',
    type: 'number',
    measure: 'background',
    required: false,
    rounds: ['r1'],
    min: -100,
    max: 1000,
    integer: false,
    text: text('n'),
  },
  { id: 'big', type: 'rating', measure: 'satisfaction', required: false, rounds: ['r1'], min: 0, max: 100, text: text('big') },
  { id: 'txt', type: 'text', measure: 'open', required: false, rounds: ['r1'], maxLength: 100, multiline: false, text: text('txt') },
  {
    id: 'g',
    type: 'partnerGrid',
    measure: 'collaboration-frequency',
    required: false,
    rounds: ['r1'],
    text: text('g'),
    facets: [
      {
        key: 'frequency',
        measure: 'collaboration-frequency',
        label: text('f'),
        scale: { points: [1, 2, 3].map((code) => ({ code, label: text(String(code)) })) },
      },
      {
        key: 'quality',
        measure: 'collaboration-quality',
        label: text('q'),
        scale: { points: [1, 2, 3].map((code) => ({ code, label: text(String(code)) })), notApplicable: true },
      },
    ],
  },
  {
    id: 'tg',
    type: 'toolGrid',
    measure: 'tool-use',
    required: false,
    rounds: ['r1'],
    text: text('tg'),
    scale: { points: [0, 1].map((code) => ({ code, label: text(String(code)) })) },
  },
  {
    id: 'm',
    type: 'multi',
    measure: 'satisfaction',
    required: false,
    rounds: ['r1'],
    options: [1, 200].map((code) => ({ code, label: text(`o${code}`) })),
    text: text('m'),
  },
  { id: 'yn', type: 'yesno', measure: 'competence', required: false, rounds: ['r1'], dontKnow: true, text: text('yn') },
];
const questionnaire: Questionnaire = {
  format: 'rondo.questionnaire/1',
  title: text('q'),
  sections: [{ key: 's', title: text('s'), items }],
};

let t: TestApp;
let partnerA: number;
let partnerB: number;
let tool: number;

beforeAll(async () => {
  t = await buildTestApp();
  const created = await createStudy(t.data.store.db, {
    study: {
      slug: 'edge',
      title: text('Edge'),
      description: text(''),
      organisation: 'GGD',
      languages: ['nl', 'en'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: [{ key: 'r1', label: text('r1'), opensAt: null, closesAt: null }],
    partners: [
      { name: 'A', domain: '' },
      { name: 'B', domain: '' },
    ],
    tools: [{ name: 'T' }],
    questionnaire,
  });
  [partnerA, partnerB] = created.partnerIds;
  [tool] = created.toolIds;
  const db = t.data.store.sqlite;
  const now = '2022-01-10T10:00:00.000Z';
  const addParticipant = db.prepare(
    "insert into participant (study_id, key, organisation, role, created_at) values (?, ?, 'GGD', 'arts', ?)",
  );
  const addResponse = db.prepare(
    "insert into response (study_id, round_id, participant_id, questionnaire_version_id, status, started_at, updated_at, submitted_at) values (?, ?, ?, ?, 'submitted', ?, ?, ?)",
  );
  const addAnswer = db.prepare(
    'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const respond = (key: string, cells: [string, string, number | null, number | null, number | null, string | null, string | null][]) => {
    const p = Number(addParticipant.run(created.studyId, key, now).lastInsertRowid);
    const r = Number(
      addResponse.run(created.studyId, created.roundIds.r1, p, created.questionnaireVersionId, now, now, now).lastInsertRowid,
    );
    for (const [item, sub, partner, code, toolId, missing, txt] of cells) addAnswer.run(r, item, sub, partner, toolId, code, missing, txt);
  };
  respond('p1', [
    ['n', '', null, 12.5, null, null, null],
    ['big', '', null, 77, null, null, null],
    ['txt', '', null, null, null, null, 'hallo'],
    ['g', partnerSub(partnerA, 'frequency'), partnerA, 3, null, null, null],
    ['g', partnerSub(partnerB, 'quality'), partnerB, null, null, 'not_applicable', null],
    ['g', 'p999999.frequency', null, 2, null, null, null], // a deleted partner
    ['tg', toolSub(tool), null, 1, tool, null, null],
    ['m', 'o200', null, 1, null, null, null],
    ['yn', '', null, null, null, 'dont_know', null],
    ['ghost', '', null, 1, null, null, null], // an item no version has
  ]);
  respond('p2', [
    ['n', '', null, -3, null, null, null],
    ['big', '', null, 58, null, null, null],
    ['txt', '', null, null, null, null, ''],
    ['m', 'o1', null, 0, null, null, null],
    ['yn', '', null, 7, null, null, null], // outside the scale
  ]);
}, 60_000);
afterAll(() => t?.close());

function check(input: AnalysisInput): void {
  const v = (id: string) => input.variables.find((x) => x.id === id)!;
  const at = (id: string, u: number) => [v(id).state[u], Number.isNaN(v(id).values[u]) ? null : v(id).values[u]];
  expect(at('n', 0)).toEqual([CELL.ANSWERED, 12.5]);
  expect(at('n', 1)).toEqual([CELL.ANSWERED, -3]);
  expect(at('big', 0)).toEqual([CELL.ANSWERED, 77]);
  expect(at('big', 1)).toEqual([CELL.ANSWERED, 58]);
  expect(at('txt', 0)).toEqual([CELL.ANSWERED, 1]);
  expect(at('txt', 1)).toEqual([CELL.SKIPPED, null]);
  expect(at(`g.p${partnerA}.frequency`, 0)).toEqual([CELL.ANSWERED, 3]);
  expect(at(`g.p${partnerB}.quality`, 0)).toEqual([CELL.NOT_APPLICABLE, null]);
  expect(at(`g.p${partnerB}.frequency`, 0)).toEqual([CELL.SKIPPED, null]);
  expect(at(`tg.t${tool}`, 0)).toEqual([CELL.ANSWERED, 1]);
  expect(at('m.o200', 0)).toEqual([CELL.ANSWERED, 1]);
  expect(at('m.o1', 0)).toEqual([CELL.ANSWERED, 0]);
  expect(at('m.o200', 1)).toEqual([CELL.ANSWERED, 0]);
  expect(at('yn', 0)).toEqual([CELL.DONT_KNOW, null]);
  expect(at('yn', 1)).toEqual([CELL.SKIPPED, null]);
  expect(Object.fromEntries(input.loadNotes.map((n) => [n.code, n.count]))).toEqual({
    'unknown-answer-cells': 2,
    'empty-answer-cells': 1,
    'out-of-scale-codes': 1,
  });
}

describe('the packed answer encoding', () => {
  it('carries decimals, negatives, large codes, texts, missing codes and grid cells exactly', () => {
    check(loadAnalysisInput(t.data.store.sqlite, 'edge')!);
  });

  it('gives the same cells through the worker threads', async () => {
    const workers = new SqlWorkers(2);
    try {
      check((await loadAnalysisInputFast(t.data.store.sqlite, 'edge', workers, { parallelFrom: 0 }))!);
    } finally {
      await workers.close();
    }
  });
});
