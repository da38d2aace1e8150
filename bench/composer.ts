import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openData } from '../server/data.js';
import { createDemoStudy } from '../server/studies/demo.js';
import { BIG_DEFAULTS, BIG_SLUG, writeBigStudy } from './big-study.js';
import { researcherApp } from './researcher-app.js';

/**
 * Benchmark of the factsheet composer (issue 15): the request time of the composer's routes
 * that need the study's numbers — GET …/factsheet/draft (the composer's data) and GET
 * …/factsheet/draft/output?mode=preview (the preview's HTML) — on the demo study and on the
 * 10,000-participant bench study (bench/big-study.ts), through app.inject() on a real app and
 * SQLite file. The first request of each route is reported apart (it may load the analysis
 * input); the rest as a median.
 *
 *   npm run bench -- composer [--runs N] [--participants N] [--skip-big] [--port N]
 *
 * The requests go through app.inject(), not a socket: `--port` is accepted, as by every bench,
 * and has nothing to choose.
 */
const { values } = parseArgs({
  options: { runs: { type: 'string' }, participants: { type: 'string' }, 'skip-big': { type: 'boolean' }, port: { type: 'string' } },
  allowPositionals: false,
});
const runs = Number(values.runs ?? 7);
const participants = Number(values.participants ?? BIG_DEFAULTS.participants);

const ms = (x: number) => Math.round(x);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-composer-'));
try {
  const data = await openData(dir);
  await createDemoStudy(data.store.db, data.secret);
  if (!values['skip-big']) {
    const t0 = performance.now();
    writeBigStudy(data.store.sqlite, { ...BIG_DEFAULTS, participants });
    process.stdout.write(`generated ${participants} participants × 3 rounds in ${ms(performance.now() - t0)} ms\n`);
  }
  const { app, headers } = await researcherApp(dir, data, values['skip-big'] ? ['1000-kansen'] : ['1000-kansen', BIG_SLUG]);

  const time = async (url: string): Promise<number> => {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url, headers });
    const elapsed = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return elapsed;
  };

  process.stdout.write(
    `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism?.() ?? os.cpus().length}, Node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (shared machine: medians)\n`,
  );
  for (const slug of values['skip-big'] ? ['1000-kansen'] : ['1000-kansen', BIG_SLUG]) {
    for (const route of ['factsheet/draft?lang=nl', 'factsheet/draft/output?lang=nl&mode=preview']) {
      const url = `/api/studies/${slug}/${route}`;
      const first = await time(url);
      const rest: number[] = [];
      for (let i = 0; i < runs; i++) rest.push(await time(url));
      process.stdout.write(
        `${slug.padEnd(12)} GET …/${route.padEnd(44)} first ${String(ms(first)).padStart(5)} ms, then median ${String(ms(median(rest))).padStart(5)} ms (${runs} runs: ${rest.map(ms).join(', ')})\n`,
      );
    }
  }
  await app.close();
  await data.store.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
