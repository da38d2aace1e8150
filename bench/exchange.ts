/**
 * Benchmark of data exchange (docs/benchmarks.md, "Data exchange"): 10,000 participants ×
 * 3 rounds × 60 answer cells, every export format in a child process of its own (so its peak
 * resident memory is its own: Node, tsx, the exchange modules and the export), the Excel
 * workbooks (`wide.xlsx`, …) likewise, then an import of 10,000 rows (one round of the wide file
 * into a fresh study, committed), from the CSV and from the .xlsx.
 *
 *   npx tsx bench/exchange.ts [--participants N] [--formats wide,sav,wide.xlsx] [--no-import] [--compiled] [--port N]
 *
 * Each export reports wall and CPU time (user + system, every thread) and, on Linux, the CPU of
 * the main thread against the others (libuv's pool, where zlib deflates; V8's helper threads).
 *
 * Targets: ≥ 25,000 responses per second in every CSV format and in the .xlsx, ≥ 50,000 for the
 * .sav, peak RSS ≤ 200 MB; import of 10,000 rows (CSV or .xlsx) ≤ 10 s. The server is not started:
 * `--port` is accepted, as by every bench, and has nothing to choose.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type SQLite from 'better-sqlite3';
import { optionSub, type Item, type Questionnaire } from '../model/index.js';
import { Random } from '../content/demo/random.js';
import { openStore } from '../server/db/open.js';
import { packResponses } from '../server/db/packed-answers.js';
import { openExport, submittedCount } from '../server/exchange/context.js';
import { exportFiles, writeExport } from '../server/exchange/export.js';
import { EXPORT_FORMATS, XLSX_FORMATS, type ExportFormat } from '../server/exchange/formats.js';
import { threadSeconds, threadTicks } from './threads.mjs';
import { benchLikerts, benchQuestionnaireOf, benchRatings, benchYesNos, insertStudyRows } from './study-rows.js';

const ROUNDS = ['pre', 'mid', 'post'];
export const BENCH_SLUG = 'bench-exchange';

/** 44 Likert, 4 yes/no, 4 ratings, 3 numbers, 2 single choice, a multiple choice of 3 options (60 cells), 2 open questions. */
export function benchQuestionnaire(): Questionnaire {
  const items: Item[] = [];
  const base = { required: false, rounds: ROUNDS };
  items.push(...benchLikerts(base, 44), ...benchYesNos(base, 4, { nl: 'Ja/nee', en: 'Yes/no' }), ...benchRatings(base, 4));
  for (let i = 1; i <= 3; i++)
    items.push({
      ...base,
      id: `num_${i}`,
      type: 'number',
      measure: 'background',
      min: 0,
      max: 100,
      integer: i !== 3,
      text: { nl: `Getal ${i}`, en: `Number ${i}` },
    });
  const options = [1, 2, 3].map((code) => ({ code, label: { nl: `Optie ${code}`, en: `Option ${code}` } }));
  for (let i = 1; i <= 2; i++)
    items.push({
      ...base,
      id: `single_${i}`,
      type: 'single',
      measure: 'background',
      options,
      text: { nl: `Keuze ${i}`, en: `Choice ${i}` },
    });
  items.push({ ...base, id: 'multi_1', type: 'multi', measure: 'satisfaction', options, text: { nl: 'Meerkeuze', en: 'Multiple choice' } });
  for (let i = 1; i <= 2; i++)
    items.push({
      ...base,
      id: `open_${i}`,
      type: 'text',
      measure: 'open',
      maxLength: 2000,
      multiline: true,
      text: { nl: `Toelichting ${i}`, en: `Explanation ${i}` },
    });
  return benchQuestionnaireOf(items);
}

function insertStudy(sqlite: SQLite.Database, slug: string): { studyId: number; roundIds: number[]; versionId: number } {
  const now = '2026-01-01T00:00:00.000Z';
  const { studyId, roundIds } = insertStudyRows(sqlite, slug, ROUNDS, now);
  const versionId = Number(
    sqlite
      .prepare('insert into questionnaire_version (study_id, version, definition, created_at) values (?, 1, ?, ?)')
      .run(studyId, JSON.stringify(benchQuestionnaire()), now).lastInsertRowid,
  );
  return { studyId, roundIds, versionId };
}

/** Writes the benchmark study with bulk prepared inserts in one transaction. */
export function writeBenchStudy(sqlite: SQLite.Database, participants: number): { responses: number; answers: number } {
  const rnd = new Random(7);
  const texts = ['Goed, maar "te kort"', 'Meer tijd; minder theorie', '=HYPERLINK("x")', 'Prima\nTweede regel', 'Çà et là, één keer'];
  let responses = 0;
  let answers = 0;
  sqlite.transaction(() => {
    const { studyId, roundIds, versionId } = insertStudy(sqlite, BENCH_SLUG);
    const q = benchQuestionnaire();
    const items = q.sections[0].items;
    const insParticipant = sqlite.prepare('insert into participant (study_id, key, organisation, role, created_at) values (?, ?, ?, ?, ?)');
    const insInvitation = sqlite.prepare(
      'insert into invitation (participant_id, round_id, token_hash, created_at, sent_at, submitted_at) values (?, ?, ?, ?, ?, ?)',
    );
    const insResponse = sqlite.prepare(
      "insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, source, started_at, updated_at, submitted_at) values (?, ?, ?, ?, ?, 'submitted', 'bench', ?, ?, ?)",
    );
    const insAnswer = sqlite.prepare('insert into answer (response_id, item, sub, code, missing, text) values (?, ?, ?, ?, ?, ?)');
    let first = 0;
    let last = 0;
    for (let i = 0; i < participants; i++) {
      const pid = Number(
        insParticipant.run(studyId, `b${i}`, `Organisatie ${1 + (i % 40)}`, 'gezinscoach', '2026-01-01T00:00:00.000Z').lastInsertRowid,
      );
      roundIds.forEach((roundId, r) => {
        const at = `2026-0${1 + 3 * r}-02T10:00:00.000Z`;
        const invitationId = Number(insInvitation.run(pid, roundId, `h${pid}_${r}`, at, at, at).lastInsertRowid);
        const responseId = Number(insResponse.run(studyId, roundId, pid, invitationId, versionId, at, at, at).lastInsertRowid);
        first ||= responseId;
        last = responseId;
        responses++;
        for (const item of items) {
          if (item.type === 'multi') {
            for (const o of item.options)
              insAnswer.run(responseId, item.id, optionSub(o.code), rnd.next() < 0.5 ? 1 : 0, null, null), answers++;
            continue;
          }
          if (item.type === 'text') {
            if (rnd.next() < 0.3) insAnswer.run(responseId, item.id, '', null, null, texts[rnd.int(0, texts.length - 1)]), answers++;
            continue;
          }
          let code: number | null;
          let missing: string | null = null;
          if (item.type === 'yesno' && rnd.next() < 0.05) (code = null), (missing = 'dont_know');
          else if (item.type === 'likert') code = rnd.int(1, 5);
          else if (item.type === 'yesno') code = rnd.int(0, 1);
          else if (item.type === 'rating') code = rnd.int(1, 10);
          else if (item.type === 'number') code = item.integer ? rnd.int(0, 40) : Math.round(rnd.next() * 1000) / 10;
          else code = rnd.int(1, 3);
          insAnswer.run(responseId, item.id, '', code, missing, null);
          answers++;
        }
      });
    }
    // As a submission or an import would: the packed copy of each response's answers.
    packResponses(sqlite, first, last);
  })();
  return { responses, answers };
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** What the benchmark can run: every export format, and `<format>.xlsx` for the workbooks. */
const TARGETS = [...EXPORT_FORMATS, ...XLSX_FORMATS.map((f) => `${f}.xlsx`)];

/** A target of the benchmark ('bundle', 'wide.xlsx'): its format, whether a workbook, and where it is written. */
function exportTarget(target: string, outDir: string): { xlsx: boolean; format: ExportFormat; out: string } {
  const xlsx = target.endsWith('.xlsx');
  const format = target.replace(/\.xlsx$/, '') as ExportFormat;
  const out = xlsx
    ? path.join(outDir, target)
    : format === 'long' || format === 'wide'
      ? path.join(outDir, `${format}.csv`)
      : format === 'bundle'
        ? path.join(outDir, 'bundle.zip')
        : format === 'sav'
          ? path.join(outDir, 'wide.sav')
          : path.join(outDir, format);
  return { xlsx, format, out };
}

/**
 * --compiled: one export by `rondo export` from dist/server in a plain Node child
 * (bench/export-cli-child.mjs), as a user runs it, without tsx's loader.
 */
function compiledChild(target: string, dataDir: string, outDir: string, responses: number): Record<string, unknown> {
  const { xlsx, format, out } = exportTarget(target, outDir);
  fs.mkdirSync(outDir, { recursive: true });
  const args = ['--study', BENCH_SLUG, '--format', format, ...(xlsx ? ['--file', 'xlsx'] : []), '--flavour', 'nl', '--open-text'];
  const output = execFileSync(process.execPath, [path.join(here, 'export-cli-child.mjs'), dataDir, out, '--', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return { format: target, responses, ...JSON.parse(output.trim().split('\n').pop()!) };
}

/** Child mode: one export, reporting seconds and peak RSS. */
async function child(target: string, dataDir: string, outDir: string): Promise<void> {
  const store = openStore(path.join(dataDir, 'rondo.sqlite'));
  // On a connection of its own, as `rondo export` and the server export.
  const ctx = openExport(store, BENCH_SLUG, { flavour: 'nl', openText: true, lang: 'nl' });
  const { xlsx, format, out } = exportTarget(target, outDir);
  const responses = submittedCount(ctx);
  const threads0 = threadTicks();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const written = await writeExport(exportFiles(ctx, format, { file: xlsx ? 'xlsx' : 'csv' }), format, out);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const threads = threadTicks();
  const bytes = written.reduce((n, f) => n + fs.statSync(f).size, 0);
  await store.close();
  process.stdout.write(
    JSON.stringify({
      format: target,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      userSeconds: cpu.user / 1e6,
      systemSeconds: cpu.system / 1e6,
      ...threadSeconds(threads0, threads),
      responses,
      bytes,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
}

/** The study's submitted responses, counted as the exports count them. */
async function submittedResponses(dataDir: string): Promise<number> {
  const store = openStore(path.join(dataDir, 'rondo.sqlite'));
  const ctx = openExport(store, BENCH_SLUG, { flavour: 'nl', openText: true, lang: 'nl' });
  const responses = submittedCount(ctx);
  ctx.close?.();
  await store.close();
  return responses;
}

async function childImport(dataDir: string, file: string): Promise<void> {
  const { commitImport } = await import('../server/exchange/import/commit.js');
  const { loadOrCreateSecret } = await import('../server/secret.js');
  const data = { store: openStore(path.join(dataDir, 'rondo.sqlite')) };
  const sqlite = data.store.sqlite;
  const slug = `bench-import-${Date.now()}`;
  sqlite.transaction(() => insertStudy(sqlite, slug))();
  const mapping = {
    format: 'rondo.import-mapping/1',
    participants: { identify: 'key', column: 'participant', create: true, organisationColumn: 'organisation', roleColumn: 'role' },
    filter: { column: 'responded_pre', values: ['1'] },
    columns: Object.fromEntries(
      benchQuestionnaire()
        .sections[0].items.flatMap((i) => (i.type === 'multi' ? i.options.map((o) => `${i.id}_o${o.code}`) : [i.id]))
        .map((v) => [`${v}_pre`, { variable: v }]),
    ),
  };
  const t0 = performance.now();
  const report = await commitImport(data.store, loadOrCreateSecret(path.join(dataDir, 'secret.key')), slug, {
    bytes: fs.readFileSync(file),
    fileName: path.basename(file),
    mapping,
    round: 'pre',
    now: new Date(),
    actor: 'bench',
  });
  const seconds = (performance.now() - t0) / 1000;
  await data.store.close();
  process.stdout.write(
    JSON.stringify({
      format: 'import',
      seconds,
      rows: report.counts.rows,
      responses: report.counts.responses,
      cells: report.counts.cells,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], args[2], args[3]);
  if (args[0] === '--child-import') return childImport(args[1], args[2]);
  const option = (name: string): string | undefined => {
    const k = args.indexOf(name);
    return k >= 0 ? args[k + 1] : undefined;
  };
  const n = Number(option('--participants') ?? 10_000);
  // --data DIR keeps the seeded study in DIR and reuses it on the next run (seeding takes a
  // while); --formats long,bundle runs only those exports; --no-import skips the import.
  const keep = option('--data');
  const formats = option('--formats')?.split(',') ?? TARGETS;
  for (const f of formats) if (!TARGETS.includes(f)) throw new Error(`unknown format ${f} (one of ${TARGETS.join(', ')})`);
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-exchange-'));
  try {
    if (!keep || !fs.existsSync(path.join(dir, 'rondo.sqlite'))) {
      // Only the parent loads the whole server (for the migrations): the children measure the
      // export and the import with the modules they need, not the memory of every route.
      fs.mkdirSync(dir, { recursive: true });
      const { openData } = await import('../server/data.js');
      const data = await openData(dir);
      const t0 = performance.now();
      const seeded = writeBenchStudy(data.store.sqlite, n);
      await data.store.close();
      console.log(
        `seeded ${n} participants, ${seeded.responses} responses, ${seeded.answers} answer cells in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    } else {
      // A study seeded before a later migration (an index the exports read through) is brought up to date.
      const { openData } = await import('../server/data.js');
      await (await openData(dir)).store.close();
      console.log(`reusing the study in ${dir}`);
    }
    console.log(
      `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const outDir = path.join(dir, 'out');
    const tsx = path.join(here, '../node_modules/.bin/tsx');
    const rows: Record<string, unknown>[] = [];
    // --compiled: every export by `rondo export` from dist/server, in a child without tsx.
    const compiled = args.includes('--compiled') ? { responses: await submittedResponses(dir) } : null;
    if (compiled) console.log(`compiled: rondo export from dist/server (${compiled.responses.toLocaleString('en')} responses)`);
    for (const format of formats) {
      const result = compiled
        ? compiledChild(format, dir, outDir, compiled.responses)
        : JSON.parse(
            execFileSync(tsx, [fileURLToPath(import.meta.url), '--child', format, dir, outDir], { encoding: 'utf8', maxBuffer: 1 << 20 })
              .trim()
              .split('\n')
              .pop()!,
          );
      rows.push(result);
      const split =
        result.mainSeconds === undefined
          ? ''
          : ` [main ${result.mainSeconds.toFixed(2)} + other threads ${result.otherSeconds.toFixed(2)}]`;
      const perCpu = result.cpuSeconds > 0.05 ? Math.round(result.responses / result.cpuSeconds).toLocaleString('en') : '–';
      console.log(
        `${format.padEnd(13)} ${result.seconds.toFixed(2).padStart(6)} s (CPU ${result.cpuSeconds.toFixed(2)} s = user ${result.userSeconds.toFixed(2)} + system ${result.systemSeconds.toFixed(2)})${split}  ${Math.round(
          result.responses / result.seconds,
        )
          .toLocaleString('en')
          .padStart(
            9,
          )} responses/s, ${perCpu.padStart(6)} per CPU second  peak RSS ${result.maxRssMb.toFixed(0)} MB  ${(result.bytes / 1048576).toFixed(1)} MB written  (load ${os.loadavg()[0].toFixed(1)})`,
      );
    }
    if (!args.includes('--no-import')) {
      // The same 10,000 rows from the wide CSV and from the wide workbook (its first sheet).
      for (const [name, target] of [
        ['wide.csv', 'wide'],
        ['wide.xlsx', 'wide.xlsx'],
      ]) {
        const file = path.join(outDir, name);
        if (!fs.existsSync(file))
          execFileSync(tsx, [fileURLToPath(import.meta.url), '--child', target, dir, outDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
        const imp = JSON.parse(
          execFileSync(tsx, [fileURLToPath(import.meta.url), '--child-import', dir, file], { encoding: 'utf8', maxBuffer: 1 << 20 })
            .trim()
            .split('\n')
            .pop()!,
        );
        console.log(
          `import ${name.padEnd(9)} ${imp.seconds.toFixed(2).padStart(6)} s  ${imp.rows} rows, ${imp.responses} responses, ${imp.cells} cells  peak RSS ${imp.maxRssMb.toFixed(0)} MB`,
        );
      }
    }
    console.log(
      `load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    if (keep) fs.rmSync(path.join(dir, 'out'), { recursive: true, force: true });
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
