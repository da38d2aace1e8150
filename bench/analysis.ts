import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AnalysisOptions } from '../analysis/study/selection.js';
import { BIG_DEFAULTS, BIG_SLUG } from './big-study.js';

// Modules are imported where they are used: the measuring child loads only what the analysis
// needs, so its memory is the analysis's, not the server's.

/**
 * Benchmark of the analysis engine (issues 6 and 21): a study of 10,000 participants × 3 rounds
 * × ~66 answer cells (≈1.8 million answer rows) is written straight into a temporary SQLite file
 * with bulk inserts and packed as submissions and imports pack it (server/db/packed-answers.ts),
 * then a fresh child process (so its memory is the analysis's only) measures database → JSON,
 * cold and warm, the filter changes on the cached input, and the peak resident memory. Its floor,
 * measured in the same process, is reading the packed copies already stored and nothing else:
 * the ratio analysis/floor says how much the load adds to the one read it cannot avoid.
 * Targets (issue 21), 10,000 participants: ≤ 300 ms warm, ≤ 450 ms cold, ≤ 250 MB; 40,000:
 * ≤ 1.2 s, ≤ 400 MB; a filter change ≤ 200 ms.
 *
 *   npm run bench -- analysis [--participants N] [--unpacked] [--keep] [--port N]
 *
 * `--unpacked` leaves the packed copies out, so every response's answers are built from its rows
 * (the loader's fallback, for a database whose copies were cleared). No server is started:
 * `--port` is accepted, as by every bench, and has nothing to choose.
 */
const { values } = parseArgs({
  options: {
    participants: { type: 'string' },
    unpacked: { type: 'boolean' },
    keep: { type: 'boolean' },
    child: { type: 'string' },
    port: { type: 'string' },
  },
  allowPositionals: false,
});

const ms = (x: number) => Math.round(x);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

if (values.child) await child(values.child);
else await parent();

async function parent(): Promise<void> {
  const participants = Number(values.participants ?? BIG_DEFAULTS.participants);
  const [{ openData }, { DB_FILE }, { writeBigStudy }, { packResponses }] = await Promise.all([
    import('../server/data.js'),
    import('../server/db/open.js'),
    import('./big-study.js'),
    import('../server/db/packed-answers.js'),
  ]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-analysis-'));
  try {
    process.stdout.write(`generating ${participants} participants × 3 rounds in ${dir} … `);
    const t0 = performance.now();
    const data = await openData(dir);
    const sqlite = data.store.sqlite;
    const written = writeBigStudy(sqlite, { ...BIG_DEFAULTS, participants });
    // As submissions and imports do: each submitted response gets its packed copy.
    if (!values.unpacked) sqlite.transaction(() => packResponses(sqlite, 1, Number.MAX_SAFE_INTEGER))();
    data.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await data.store.close();
    const size = fs.statSync(path.join(dir, DB_FILE)).size;
    process.stdout.write(
      `${written.answers} answers in ${written.responses} responses${values.unpacked ? ', no packed copies' : ', packed'}, ${(size / 1e6).toFixed(0)} MB, ${ms(performance.now() - t0)} ms\n`,
    );

    const runner = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/bench.mjs');
    const out = execFileSync(process.execPath, [runner, 'analysis', '--child', path.join(dir, DB_FILE)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const r = JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
    const lines = [
      `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism?.() ?? os.cpus().length}, ${(os.totalmem() / 1e9).toFixed(0)} GB, Node ${process.version}, load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
      `database → JSON, first (cold process): ${ms(r.cold.total)} ms (load ${ms(r.cold.load)}, analyse ${ms(r.cold.analyse)}, JSON ${ms(r.cold.json)})`,
      `database → JSON, warm (median of ${r.warm.length}): ${ms(median(r.warm.map((w) => w.total)))} ms (load ${ms(median(r.warm.map((w) => w.load)))}, analyse ${ms(median(r.warm.map((w) => w.analyse)))}, JSON ${ms(median(r.warm.map((w) => w.json)))}); process CPU ${ms(median(r.warm.map((w) => w.cpu)))} ms`,
      ...(r.warm[0].mainCpu === null
        ? []
        : [
            `CPU per thread, warm (median): main ${ms(median(r.warm.map((w) => w.mainCpu!)))} ms, workers ${ms(median(r.warm.map((w) => w.otherCpu!)))} ms; cold: main ${ms(r.cold.mainCpu!)} ms, workers ${ms(r.cold.otherCpu!)} ms`,
          ]),
      ...r.filters.map(
        (f) =>
          `filter ${f.name.padEnd(24)} ${String(ms(f.median)).padStart(5)} ms, CPU ${String(ms(f.cpu)).padStart(4)} ms (median of ${f.runs}; analyse + JSON on the cached input)`,
      ),
      `floor, reading the packed copies already stored (median of ${r.floor.length}): ${ms(median(r.floor))} ms, process CPU ${ms(median(r.floorCpu))} ms`,
      // On a shared machine the wall clock of both is stretched by others' work; the CPU ratio is the steadier figure.
      `database → JSON / floor: wall clock warm ${(median(r.warm.map((w) => w.total)) / median(r.floor)).toFixed(1)}×, ` +
        `cold ${(r.cold.total / median(r.floor)).toFixed(1)}×; ` +
        `process CPU warm ${(median(r.warm.map((w) => w.cpu)) / Math.max(1, median(r.floorCpu))).toFixed(1)}×`,
      `peak resident memory: ${r.coldPeakMb} MB after the first database → JSON, ${r.peakRssMb} MB over the whole run; JSON ${(r.jsonBytes / 1e6).toFixed(2)} MB`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    if (values.keep) process.stdout.write(`kept ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Timing {
  load: number;
  analyse: number;
  json: number;
  total: number;
  /** CPU of the whole process (all threads), ms. */
  cpu: number;
  /** CPU of the main thread and of the other threads (workers, libuv), ms; Linux only, else null. */
  mainCpu: number | null;
  otherCpu: number | null;
}

/**
 * CPU time per thread from /proc (Linux), in ms: on a machine that other work keeps busy the
 * wall clock says little, but the busiest thread's CPU is what the wall clock would be on an
 * idle one (the threads run in parallel on two cores).
 */
function threadCpu(): { main: number; other: number } | null {
  const dir = '/proc/self/task';
  if (!fs.existsSync(dir)) return null;
  const tick = 10; // ms per clock tick (USER_HZ = 100 on Linux)
  let main = 0;
  let other = 0;
  for (const tid of fs.readdirSync(dir)) {
    try {
      const stat = fs.readFileSync(`${dir}/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const t = (Number(fields[11]) + Number(fields[12])) * tick;
      if (Number(tid) === process.pid) main += t;
      else other += t;
    } catch {
      // a thread that ended meanwhile
    }
  }
  return { main, other };
}

interface ChildResult {
  cold: Timing;
  warm: Timing[];
  filters: { name: string; median: number; cpu: number; runs: number }[];
  /** Reading the packed copies already stored, ms, once after each warm database → JSON. */
  floor: number[];
  /** The process CPU time of each of those reads, ms. */
  floorCpu: number[];
  /** Peak resident memory after the first database → JSON. */
  coldPeakMb: number;
  /** Peak resident memory over the whole run (six loads, thirty analyses). */
  peakRssMb: number;
  jsonBytes: number;
}

/** The process's peak resident set (VmHWM on Linux; the current RSS elsewhere). */
function peakMb(): number {
  const status = fs.existsSync('/proc/self/status') ? fs.readFileSync('/proc/self/status', 'utf8') : '';
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  return hwm ? Math.round(Number(hwm[1]) / 1024) : Math.round(process.memoryUsage().rss / 1e6);
}

async function child(file: string): Promise<void> {
  const [{ analyzeStudy }, { loadAnalysisInputFast }, { closeAnalysisWorkers }, { openStore }] = await Promise.all([
    import('../analysis/study/analyze.js'),
    import('../server/analysis/load-input.js'),
    import('../server/analysis/sql-workers.js'),
    import('../server/db/open.js'),
  ]);
  const store = openStore(file);
  const once = async (): Promise<Timing & { bytes: number }> => {
    const c0 = cpu();
    const p0 = threadCpu();
    const t0 = performance.now();
    const input = await loadAnalysisInputFast(store.sqlite, BIG_SLUG);
    const t1 = performance.now();
    const result = analyzeStudy(input!);
    const t2 = performance.now();
    const json = JSON.stringify(result);
    const t3 = performance.now();
    const p1 = threadCpu();
    return {
      load: t1 - t0,
      analyse: t2 - t1,
      json: t3 - t2,
      total: t3 - t0,
      cpu: cpu() - c0,
      mainCpu: p0 && p1 ? p1.main - p0.main : null,
      otherCpu: p0 && p1 ? p1.other - p0.other : null,
      bytes: json.length,
    };
  };
  // The floor: the one read the load cannot avoid — every submitted response's packed copy, as
  // it is stored (layout id and value string), touched and dropped.
  const packed = store.sqlite
    .prepare(
      `select r.id, r.packed_layout_id, r.packed_values from response r
     where r.study_id = (select id from study where slug = ?) and r.status = 'submitted'`,
    )
    .raw();
  const floorCpu: number[] = [];
  const readFloor = () => {
    const c0 = cpu();
    const t0 = performance.now();
    let chars = 0;
    for (const row of packed.iterate(BIG_SLUG) as IterableIterator<[number, number | null, string | null]>) chars += row[2]?.length ?? 0;
    const elapsed = performance.now() - t0;
    floorCpu.push(cpu() - c0);
    return elapsed;
  };
  const cold = await once();
  const coldPeakMb = peakMb();
  const warm: Timing[] = [];
  const floor: number[] = [];
  // Interleaved, so that the floor and the analysis see the same load on a shared machine.
  for (let i = 0; i < 5; i++) {
    warm.push(await once());
    floor.push(readFloor());
  }

  const input = (await loadAnalysisInputFast(store.sqlite, BIG_SLUG))!;
  const organisations = input.units.organisations.slice(0, 3);
  const cases: [string, AnalysisOptions][] = [
    ['organisation (3 of 40)', { organisations }],
    ['role (1 of 4)', { roles: [input.units.roles[0]] }],
    ['matched panel', { matched: true }],
    ['rounds pre and post', { rounds: ['pre', 'post'] }],
    ['aggregate audience', { audience: 'aggregate' }],
    ['no filter', {}],
  ];
  const filters = cases.map(([name, options]) => {
    const times: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c0 = cpu();
      const t0 = performance.now();
      JSON.stringify(analyzeStudy(input, options));
      times.push(performance.now() - t0);
      cpus.push(cpu() - c0);
    }
    return { name, median: median(times), cpu: median(cpus), runs: times.length };
  });
  await closeAnalysisWorkers();
  await store.close();
  const result: ChildResult = { cold, warm, filters, floor, floorCpu, coldPeakMb, peakRssMb: peakMb(), jsonBytes: cold.bytes };
  process.stdout.write(JSON.stringify(result) + '\n');
}
