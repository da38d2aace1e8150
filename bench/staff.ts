import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openData } from '../server/data.js';
import { packResponses } from '../server/db/packed-answers.js';
import { BIG_DEFAULTS, BIG_SLUG, writeBigStudy } from './big-study.js';
import { researcherApp } from './researcher-app.js';

/**
 * Benchmark of the staff screens' reads at scale: every GET a researcher's screen of one study
 * makes when it opens (overview, set-up, fieldwork and its monitor, participants, results,
 * factsheet, privacy, logs), on the bench study of 10,000 participants × 3 rounds
 * (bench/big-study.ts, packed as submissions leave it), through app.inject() on a real app and
 * SQLite file. The first request of each route is reported apart (it may load the analysis input
 * or fill a cache); the rest as a median. A route that answers anything but 200 fails the run.
 * Then the one upload a researcher makes at this size: the cohort import's preview of a file of
 * as many rows as the study has participants, every third address without a domain.
 *
 *   npm run bench -- staff [--runs N] [--participants N] [--port N]
 *
 * The requests go through app.inject(), not a socket: `--port` is accepted, as by every bench,
 * and has nothing to choose. docs/benchmarks.md, "Staff screens".
 */
const { values } = parseArgs({
  options: { runs: { type: 'string' }, participants: { type: 'string' }, port: { type: 'string' } },
  allowPositionals: false,
});
const runs = Number(values.runs ?? 5);
const participants = Number(values.participants ?? BIG_DEFAULTS.participants);

const ms = (x: number) => Math.round(x);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** What each screen asks for when it opens, under /api/studies/<slug>/ (the round: the open one, in its sixth month). */
const ROUTES = [
  ['study overview', ''],
  ['questionnaire builder', 'questionnaire'],
  ['questionnaire history', 'questionnaire/history'],
  ['partners', 'partners'],
  ['tools', 'tools'],
  ['value labels', 'value-labels'],
  ['participants', 'participants'],
  ['cohort attributes', 'cohort/attributes'],
  ['respondent groups', 'groups'],
  ['fieldwork', 'fieldwork'],
  ['monitor: rounds', 'fieldwork/monitor'],
  ['monitor: one round', 'fieldwork/monitor/post'],
  ['monitor: who answered, a page', 'fieldwork/monitor/post/participants?limit=100'],
  ['monitor: patterns, counts', 'fieldwork/patterns?detail=counts'],
  ['(API) who answered, all', 'fieldwork/monitor/post/participants'],
  ['(API) patterns per participant', 'fieldwork/patterns'],
  ['dashboard', 'dashboard'],
  ['analysis', 'analysis'],
  ['open answers', 'open-answers'],
  ['factsheet composer', 'factsheet/draft?lang=nl'],
  ['improvement cycle', 'improvement'],
  ['exports', 'exports'],
  ['imports', 'imports'],
  ['privacy', 'privacy'],
  ['access log', 'privacy/access-log'],
  ['study log', 'audit'],
  ['team', 'members'],
] as const;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-staff-'));
try {
  const data = await openData(dir);
  const sqlite = data.store.sqlite;
  const t0 = performance.now();
  writeBigStudy(sqlite, { ...BIG_DEFAULTS, participants });
  sqlite.transaction(() => packResponses(sqlite, 1, Number.MAX_SAFE_INTEGER))();
  // As in fieldwork: the first two rounds closed, the last open since 1 July
  // (big-study.ts mails each round's invitations on its first day).
  const dates = sqlite.prepare(
    'update round set opens_at = ?, closes_at = ? where key = ? and study_id = (select id from study where slug = ?)',
  );
  dates.run('2026-01-01T07:00:00.000Z', '2026-03-31T20:00:00.000Z', 'pre', BIG_SLUG);
  dates.run('2026-04-01T07:00:00.000Z', '2026-06-30T20:00:00.000Z', 'mid', BIG_SLUG);
  dates.run('2026-07-01T07:00:00.000Z', null, 'post', BIG_SLUG);
  process.stdout.write(`generated ${participants} participants × 3 rounds, packed, in ${ms(performance.now() - t0)} ms\n`);
  const { app, headers } = await researcherApp(dir, data, [BIG_SLUG]);

  const time = async (url: string, payload?: object): Promise<{ elapsed: number; bytes: number }> => {
    const t = performance.now();
    const res = await app.inject({ method: payload ? 'POST' : 'GET', url, headers, payload });
    const elapsed = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return { elapsed, bytes: res.rawPayload.length };
  };

  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  process.stdout.write(`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${cores}, Node ${process.version}, load average ${load}\n\n`);
  process.stdout.write(`| screen | GET /api/studies/${BIG_SLUG}/… | first | then (median of ${runs}) | answer |\n|---|---|---|---|---|\n`);
  for (const [screen, route] of ROUTES) {
    const url = `/api/studies/${BIG_SLUG}${route ? `/${route}` : ''}`;
    const first = await time(url);
    const rest: number[] = [];
    for (let i = 0; i < runs; i++) rest.push((await time(url)).elapsed);
    const kB = (first.bytes / 1000).toFixed(1);
    process.stdout.write(`| ${screen} | ${route || '(the study)'} | ${ms(first.elapsed)} ms | ${ms(median(rest))} ms | ${kB} kB |\n`);
  }
  const rows = Array.from(
    { length: participants },
    (_, i) => `Persoon ${i};p${i}@${i % 3 === 2 ? '' : 'ggd.nl'};GGD ${i % 40};gezinscoach;`,
  );
  const file = Buffer.from(`Naam;E-mail;Organisatie;Functie;Team\r\n${rows.join('\r\n')}\r\n`);
  const upload = { data: file.toString('base64'), encoding: 'auto', delimiter: 'auto' };
  const url = `/api/studies/${BIG_SLUG}/cohort/preview`;
  const first = await time(url, upload);
  const rest: number[] = [];
  for (let i = 0; i < runs; i++) rest.push((await time(url, upload)).elapsed);
  const kB = (first.bytes / 1000).toFixed(1);
  const preview = `| cohort import: preview of ${participants} rows (POST) | cohort/preview`;
  process.stdout.write(`${preview} | ${ms(first.elapsed)} ms | ${ms(median(rest))} ms | ${kB} kB |\n`);
  await app.close();
  await data.store.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
