/**
 * What SQLite spends on a submission's 42 answer rows (docs/benchmarks.md, "Respondent", issue 21):
 * in-process, CPU time of the insert statement alone, on copies of the respondent benchmark's
 * database (bench/respondent.ts prepare(): the study, its questionnaire and the invitations, migrated
 * as `rondo serve` migrates it), with and without the answer table's insert trigger and foreign keys,
 * eight parameters a row against rondo's four for a cell of a code only (server/respondent/save.ts
 * insertCells), and one statement per row as the bare baseline does.
 *
 *   node bin/bench.mjs submit-sql [--submissions 4000] [--repeats 3]
 *
 * synchronous=OFF here: the commit's fsync is the same for every variant and only adds noise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { benchAnswers, prepare } from './respondent.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const submissions = option('submissions', 4000);
const repeats = option('repeats', 3);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-submit-sql-'));
await prepare(dir, submissions * repeats);
const cells = benchAnswers();

/** The migration 0009 insert trigger, as it was before migration 20261208_0001. */
const INSERT_TRIGGER = `create trigger answer_insert_unpacks after insert on answer
  when (select packed_values from response where id = new.response_id) is not null begin
  update response set packed_layout_id = null, packed_values = null where id in (new.response_id) and packed_values is not null; end`;

type Rows = 'eight' | 'four' | 'single';

/** CPU µs per submission of the answer insert, one figure per repeat. */
function measure(setup: (db: SQLite.Database) => void, rows: Rows): number[] {
  const file = path.join(dir, 'copy.sqlite');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(path.join(dir, 'rondo.sqlite'), file);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  setup(db);
  const codeOnly = cells.filter((c) => c.code !== undefined);
  const others = cells.filter((c) => c.code === undefined);
  const columns = 'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values ';
  const eight = db.prepare(columns + new Array(cells.length).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', '));
  const four = db.prepare(
    columns +
      [
        ...new Array(codeOnly.length).fill('(?, ?, ?, null, null, ?, null, null)'),
        ...new Array(others.length).fill('(?, ?, ?, ?, ?, ?, ?, ?)'),
      ].join(', '),
  );
  const single = db.prepare(`${columns}(?, ?, ?, ?, ?, ?, ?, ?)`);
  const response = db.prepare(
    `insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, submission_id, started_at,
       updated_at, submitted_at) values (?, ?, ?, ?, ?, 'submitted', ?, 'x', 'x', 'x')`,
  );
  const invitations = db
    .prepare('select i.id, i.participant_id, i.round_id, r.study_id from invitation i join round r on r.id = i.round_id order by i.id')
    .all() as { id: number; participant_id: number; round_id: number; study_id: number }[];
  const version = db.prepare('select id from questionnaire_version').pluck().get() as number;
  const out: number[] = [];
  let next = 0;
  for (let r = 0; r < repeats; r++) {
    let micros = 0;
    db.exec('begin');
    for (let k = 0; k < submissions; k++, next++) {
      const inv = invitations[next];
      const id = Number(response.run(inv.study_id, inv.round_id, inv.participant_id, inv.id, version, `s${next}`).lastInsertRowid);
      const row = (c: (typeof cells)[number]) => [id, c.item, c.sub, null, null, c.code ?? null, c.missing ?? null, c.text ?? null];
      const values =
        rows === 'four' ? [...codeOnly.flatMap((c) => [id, c.item, c.sub, c.code]), ...others.flatMap(row)] : cells.flatMap(row);
      const start = process.cpuUsage();
      if (rows === 'single') for (let i = 0; i < values.length; i += 8) single.run(values.slice(i, i + 8));
      else (rows === 'four' ? four : eight).run(values);
      const used = process.cpuUsage(start);
      micros += used.user + used.system;
      // Commit in groups, as the write queue does.
      if (k % 11 === 10) db.exec('commit; begin');
    }
    db.exec('commit');
    out.push(Number((micros / submissions).toFixed(1)));
  }
  db.close();
  return out;
}

const withTrigger = (db: SQLite.Database) => db.exec(`drop trigger if exists answer_insert_unpacks; ${INSERT_TRIGGER}`);
const noTrigger = (db: SQLite.Database) => db.exec('drop trigger if exists answer_insert_unpacks');
const noForeignKeys = (db: SQLite.Database) => {
  noTrigger(db);
  db.pragma('foreign_keys = OFF');
};
const variants: [string, (db: SQLite.Database) => void, Rows][] = [
  ['insert trigger, 8 parameters a row (before)', withTrigger, 'eight'],
  ['insert trigger, foreign keys off', (db) => (withTrigger(db), db.pragma('foreign_keys = OFF')), 'eight'],
  ['no insert trigger, 8 parameters a row', noTrigger, 'eight'],
  ['no insert trigger, foreign keys off', noForeignKeys, 'eight'],
  ['no insert trigger, 4 parameters a code row (now)', noTrigger, 'four'],
  ['no insert trigger, one statement per row (bare)', noTrigger, 'single'],
];
const report: Record<string, number[]> = {};
try {
  for (const [name, setup, rows] of variants) report[name] = measure(setup, rows);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      load: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
      cells: cells.length,
      cpuMicrosecondsPerSubmissionOfTheAnswerInsert: report,
    },
    null,
    2,
  )}\n`,
);
