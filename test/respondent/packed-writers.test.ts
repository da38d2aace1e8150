import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionSub, type AnswerCell, type Item } from '../../model/index.js';
import { benchLikerts, benchQuestionnaireOf, benchYesNos } from '../../bench/study-rows.js';
import { MIGRATIONS_DIR, migrateToLatest } from '../../server/db/migrate.js';
import { openStore } from '../../server/db/open.js';
import { packResponses } from '../../server/db/packed-answers.js';
import { createStudy } from '../../server/studies/create-study.js';
import { deriveInvitationToken, hashToken } from '../../server/tokens.js';
import { buildTestApp, tempDir, type TestApp } from '../helpers/app.js';
import { packedCopies } from '../helpers/packed.js';

// Since migration 20261208_0001 no trigger clears a response's packed copy when an answer row is
// inserted (server/db/packed-answers.ts): whoever inserts answer rows keeps the copy exact. These
// tests name every such writer and hold the respondent's to it on a study that is not the demo
// (a Dutch-only network monitor with a decimal number); the import and the demo are held to it in
// test/analysis/packed.test.ts and test/exchange/packed.test.ts.

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The writers of answer rows outside tests and benchmarks, and what keeps their copies exact. */
const WRITERS = {
  // One insert (insertCells) for draft saves (into a draft, clearing its copy) and submissions (the
  // copy with the new response row, or rewritten after a draft's rows are replaced): the tests below.
  'server/respondent/save.ts': 1,
  // Inserts into responses it has just created, packs them after (packResponses).
  'server/exchange/import/commit.ts': 1,
  // Inserts into responses it has just created, packs them after (packResponsesIn).
  'server/studies/demo.ts': 1,
};
const INSERT_INTO_ANSWER = /(?:insert|replace)\s+(?:or\s+\w+\s+)?into\s+answer\b|insertInto\(\s*['"]answer['"]/gi;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [file] : [];
  });
}

let t: TestApp;
let roundId: number;
let participants = 0;
const sqlite = () => t.data.store.sqlite;

/** A new participant invited to the round; returns the cookie of their link. */
function invite(): string {
  const now = new Date().toISOString();
  const studyId = sqlite().prepare('select study_id from round where id = ?').pluck().get(roundId) as number;
  const participantId = Number(
    sqlite().prepare('insert into participant (study_id, key, created_at) values (?, ?, ?)').run(studyId, `lid-${++participants}`, now)
      .lastInsertRowid,
  );
  const token = deriveInvitationToken(t.data.secret, participantId, roundId, 1);
  sqlite()
    .prepare('insert into invitation (participant_id, round_id, token_hash, created_at) values (?, ?, ?, ?)')
    .run(participantId, roundId, hashToken(token), now);
  return `rondo_r=${token}`;
}

const base = { required: true, rounds: ['voorjaar'] };
const options = [1, 2, 3].map((code) => ({ code, label: { nl: `Partner ${code}` } }));
const items: Item[] = [
  ...benchLikerts(base, 4),
  ...benchYesNos(base, 2, { nl: 'Ja of nee', en: '' }),
  { ...base, id: 'uren', type: 'number', measure: 'background', min: 0, max: 40, integer: false, text: { nl: 'Uren per week' } },
  { ...base, id: 'samen', type: 'multi', measure: 'satisfaction', options, text: { nl: 'Met wie werkt u samen?' } },
  {
    ...base,
    required: false,
    id: 'toelichting',
    type: 'text',
    measure: 'open',
    maxLength: 500,
    multiline: true,
    text: { nl: 'Toelichting' },
  },
] as Item[];

function answers(hours: number, remark: string): AnswerCell[] {
  const cells: AnswerCell[] = [];
  for (let i = 1; i <= 4; i++) cells.push({ item: `lik_${i}`, sub: '', code: 1 + (i % 5) });
  cells.push({ item: 'yn_1', sub: '', code: 1 }, { item: 'yn_2', sub: '', missing: 'dont_know' }, { item: 'uren', sub: '', code: hours });
  for (const o of [1, 2, 3]) cells.push({ item: 'samen', sub: optionSub(o), code: o === 2 ? 1 : 0 });
  cells.push({ item: 'toelichting', sub: '', text: remark });
  return cells;
}

const submit = (cookie: string, cells: AnswerCell[]) =>
  t.app.inject({
    method: 'POST',
    url: '/r/api/submit',
    headers: { cookie },
    payload: { submissionId: crypto.randomUUID(), language: 'nl', answers: cells },
  });
const draft = (cookie: string, cells: AnswerCell[]) =>
  t.app.inject({
    method: 'PUT',
    url: '/r/api/draft',
    headers: { cookie },
    payload: { language: 'nl', items: [...new Set(cells.map((c) => c.item))], answers: cells },
  });
const copyOf = (cookie: string) => {
  const token = cookie.slice('rondo_r='.length);
  const [copy] = packedCopies(sqlite(), 'r.invitation_id = (select id from invitation where token_hash = ?)', hashToken(token));
  return copy;
};

const study = {
  study: {
    slug: 'netwerkmonitor',
    title: { nl: 'Netwerkmonitor' },
    description: { nl: 'Halfjaarlijkse monitor van het netwerk' },
    organisation: 'Regio Test',
    languages: ['nl'],
    defaultLanguage: 'nl',
    colophon: {},
  },
  rounds: [{ key: 'voorjaar', label: { nl: 'Voorjaar' }, opensAt: new Date(Date.now() - 3_600_000).toISOString(), closesAt: null }],
  partners: [],
  tools: [],
  questionnaire: benchQuestionnaireOf(items),
} as Parameters<typeof createStudy>[1];

beforeAll(async () => {
  t = await buildTestApp();
  roundId = (await createStudy(t.data.store.db, study)).roundIds.voorjaar;
});
afterAll(async () => t?.close());

describe('the writers of answer rows', () => {
  it('are the respondent, the import and the demo, and no other code inserts answer rows', () => {
    const found: Record<string, number> = {};
    for (const file of sourceFiles(path.join(ROOT, 'server'))) {
      const n = fs.readFileSync(file, 'utf8').match(INSERT_INTO_ANSWER)?.length ?? 0;
      if (n) found[path.relative(ROOT, file)] = n;
    }
    // A new writer must keep the packed copy exact (packed-answers.ts) and be added here with its test.
    expect(found).toEqual(WRITERS);
  });
});

describe("the respondent's packed copies", () => {
  it('are written with a new submission, exactly as its answer rows', async () => {
    const cookie = invite();
    const res = await submit(cookie, answers(12, 'Goed overleg, korte lijnen.'));
    expect(res.statusCode).toBe(200);
    const copy = copyOf(cookie);
    expect(copy.status).toBe('submitted');
    expect(copy.packed).not.toBeNull();
    expect([copy.layoutKeys, copy.packed]).toEqual([copy.keys, copy.values]);
  });

  it('are built by SQLite for a code JavaScript cannot write as SQLite does, still exactly as the rows', async () => {
    const cookie = invite();
    expect((await submit(cookie, answers(7.25, 'Een halve dag, soms meer'))).statusCode).toBe(200);
    const copy = copyOf(cookie);
    expect(copy.packed).toContain('7.25');
    expect([copy.layoutKeys, copy.packed]).toEqual([copy.keys, copy.values]);
  });

  it('never stay on a draft, and are rewritten when the draft is submitted with other answers', async () => {
    const cookie = invite();
    expect((await draft(cookie, answers(3, 'Eerste versie'))).statusCode).toBe(200);
    expect(copyOf(cookie)).toMatchObject({ status: 'draft', packed: null, layoutKeys: null });
    // A copy planted on the draft by hand (rondo never writes one) is cleared by the next save.
    const { id } = copyOf(cookie);
    const layout = sqlite().prepare('select id from answer_layout limit 1').pluck().get() as number;
    sqlite().prepare("update response set packed_layout_id = ?, packed_values = 'oud' where id = ?").run(layout, id);
    expect((await draft(cookie, [{ item: 'lik_1', sub: '', code: 5 }])).statusCode).toBe(200);
    expect(copyOf(cookie)).toMatchObject({ packed: null, layoutKeys: null });

    const final = answers(20, 'Definitief, met een komma');
    expect((await submit(cookie, final)).statusCode).toBe(200);
    const copy = copyOf(cookie);
    expect(copy.id).toBe(id);
    expect(copy.status).toBe('submitted');
    expect([copy.layoutKeys, copy.packed]).toEqual([copy.keys, copy.values]);
    expect(copy.packed).toContain('tDefinitief%2C met een komma');
    expect(sqlite().prepare('select count(*) from answer where response_id = ?').pluck().get(id)).toBe(final.length);
  });
});

describe('migration 20261208_0001', () => {
  it('takes the insert trigger from an existing database and keeps the update and delete triggers and the copies', async () => {
    const dir = tempDir();
    const before = path.join(dir, 'migrations');
    fs.mkdirSync(before);
    for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '20261208_0001')) {
      fs.symlinkSync(path.join(MIGRATIONS_DIR, f), path.join(before, f));
    }
    const store = openStore(path.join(dir, 'rondo.sqlite'));
    try {
      await migrateToLatest(store, dir, before);
      const triggers = () =>
        store.sqlite.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'answer' order by name").pluck().all();
      expect(triggers()).toEqual(['answer_delete_unpacks', 'answer_insert_unpacks', 'answer_update_unpacks']);
      // A submitted response with its packed copy, as the respondent left it before this migration.
      const s = store.sqlite;
      const created = await createStudy(store.db, study);
      const version = s.prepare('select id from questionnaire_version where study_id = ?').pluck().get(created.studyId);
      const responseId = Number(
        s
          .prepare(
            `insert into response (study_id, round_id, questionnaire_version_id, status, started_at, updated_at, submitted_at)
             values (?, ?, ?, 'submitted', 'x', 'x', 'x')`,
          )
          .run(created.studyId, created.roundIds.voorjaar, version).lastInsertRowid,
      );
      const insert = s.prepare('insert into answer (response_id, item, sub, code, text) values (?, ?, ?, ?, ?)');
      for (const c of answers(4, 'Oud, maar goed')) insert.run(responseId, c.item, c.sub, c.code ?? null, c.text ?? null);
      s.transaction(() => packResponses(s, responseId))();
      const copy = () => packedCopies(s, 'r.id = ?', responseId)[0];
      const packed = copy().packed;
      expect(packed).not.toBeNull();
      // Up to this migration (later ones, such as 20261209_0001's indexes, are not its business).
      const upTo = path.join(dir, 'migrations-up-to');
      fs.mkdirSync(upTo);
      for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '20261208_0002')) {
        fs.symlinkSync(path.join(MIGRATIONS_DIR, f), path.join(upTo, f));
      }
      const { applied } = await migrateToLatest(store, dir, upTo);
      expect(applied).toEqual(['20261208_0001_answer_insert_unpack']);
      expect(triggers()).toEqual(['answer_delete_unpacks', 'answer_update_unpacks']);
      expect(copy().packed).toBe(packed);
      expect([copy().layoutKeys, copy().packed]).toEqual([copy().keys, copy().values]);
      // The update and delete triggers still clear it.
      s.prepare("update answer set code = 1 where response_id = ? and item = 'lik_1'").run(responseId);
      expect(copy().packed).toBeNull();
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
