import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openData } from '../server/data.js';
import { packResponses } from '../server/db/packed-answers.js';
import { deleteStudyPersonalData } from '../server/privacy/retention.js';
import { deleteStudy } from '../server/studies/delete-study.js';
import { BIG_DEFAULTS, BIG_SLUG, writeBigStudy } from './big-study.js';

/**
 * Benchmark of erasing a big study while the server runs (docs/benchmarks.md, "Deleting a big
 * study"): the analysis bench's study (10,000 participants × 3 rounds, ~1.8 million answers,
 * packed) is written once, then, each on a fresh copy of the file, a researcher deletes the study
 * (server/studies/delete-study.ts) and the retention job deletes its personal data
 * (server/privacy/retention.ts), in the server's own way: on the server's connection, awaited on
 * its event loop. Printed: how long each took, and the time between the turns of a 5 ms timer
 * meanwhile (median, p99, longest): how long another request (a respondent's page, a submission)
 * arriving then would have waited.
 *
 *   npm run bench -- delete [--participants N] [--port N]
 *
 * No server is started: `--port` is accepted, as by every bench, and has nothing to choose.
 */
const { values } = parseArgs({
  options: { participants: { type: 'string' }, port: { type: 'string' } },
  allowPositionals: false,
});
const participants = Number(values.participants ?? BIG_DEFAULTS.participants);
const ms = (x: number) => Math.round(x);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-delete-'));
try {
  const source = path.join(root, 'source');
  process.stdout.write(`generating ${participants} participants × 3 rounds … `);
  const data = await openData(source);
  const written = writeBigStudy(data.store.sqlite, { ...BIG_DEFAULTS, participants });
  data.store.sqlite.transaction(() => packResponses(data.store.sqlite, 1, Number.MAX_SAFE_INTEGER))();
  data.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const studyId = (data.store.sqlite.prepare('select id from study where slug = ?').get(BIG_SLUG) as { id: number }).id;
  await data.store.close();
  process.stdout.write(`${written.answers} answers in ${written.responses} responses\n`);

  const cases: [string, (d: Awaited<ReturnType<typeof openData>>) => Promise<unknown>][] = [
    [
      'delete the study',
      async (d) => {
        const r = await deleteStudy(d.store, { studyId, slug: BIG_SLUG, confirmSlug: BIG_SLUG, actor: 'bench', now: new Date() });
        if (r.erasure === 'pending') throw r.error;
      },
    ],
    ['retention: delete its personal data', (d) => deleteStudyPersonalData(d.store, studyId, new Date())],
  ];
  const report: Record<string, unknown> = {
    machine: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism?.() ?? os.cpus().length}, Node ${process.version}`,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
    participants,
    answers: written.answers,
  };
  for (const [name, run] of cases) {
    const dir = path.join(root, 'copy');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(source, dir, { recursive: true });
    const d = await openData(dir);
    // The time between two turns of a 5 ms timer: how long a request arriving then waited.
    let last = performance.now();
    const gaps: number[] = [];
    let t0 = 0;
    let longest = { ms: 0, from: 0 };
    const tick = setInterval(() => {
      const now = performance.now();
      if (now - last > longest.ms) longest = { ms: now - last, from: last - t0 };
      gaps.push(now - last);
      last = now;
    }, 5);
    await new Promise((r) => setTimeout(r, 50));
    gaps.length = 0;
    longest = { ms: 0, from: 0 };
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    await run(d);
    const took = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await new Promise((r) => setTimeout(r, 20));
    clearInterval(tick);
    gaps.sort((a, b) => a - b);
    report[name] = {
      ms: ms(took),
      cpuMs: ms((cpu.user + cpu.system) / 1000),
      timerTurnsMs: {
        p50: ms(gaps[Math.floor(gaps.length / 2)]),
        p99: ms(gaps[Math.floor(gaps.length * 0.99)]),
        longest: ms(longest.ms),
        longestFrom: ms(longest.from),
      },
      turnsOver50Ms: gaps.filter((g) => g > 50).length,
    };
    await d.store.close();
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
