/**
 * Load benchmark (docs/benchmarks.md, "Load"): a round's worth of respondents answering at
 * once while a researcher works, against `rondo serve` in a process of its own on 127.0.0.1,
 * started with the Node flags `npm start` gives it (bench/server-flags.ts).
 *
 *   node bin/bench.mjs load [--seconds 300] [--respondents 500] [--pdf-every 60] [--researcher 1]
 *                           [--tasks monitor,wide,long,bundle,html,pdf] [--port 0]
 *
 * (`--researcher 0` leaves the researcher out, `--respondents 0` the respondents, to see which
 * side a figure comes from; `--tasks` picks the researcher's requests.)
 *
 * - 500 simulated respondents arrive spread over the first 80% of the run. Each opens their
 *   link (the token becomes a cookie), loads the questionnaire, saves 2–6 drafts with a few
 *   seconds of "thinking" between them, and submits; one in ten stops after the drafts, one
 *   in twenty-five sends the submission twice (a double click or a retry), one in twenty opens
 *   the link again on "another device" halfway.
 * - Meanwhile a researcher, logged in, every 5 s reads the live monitor, every 10 s downloads
 *   the wide and the long export of the live study (open text included), every 30 s the zip
 *   bundle, every 20 s renders the factsheet as HTML and every `--pdf-every` s as PDF.
 * - The server's resident memory is sampled from /proc (Linux): every 5 s, more often in runs
 *   shorter than 200 s, so any run has at least 40 samples.
 *
 * Afterwards the database is read: every acknowledged submission stored exactly once with all
 * its cells, none stored twice, no submitted response that was not acknowledged (except those
 * whose answer was lost on the way — there are none on loopback).
 *
 * Targets: zero 5xx, zero lost or duplicated submissions, submit p99 ≤ 100 ms, memory flat
 * (the mean RSS of the last quarter of the samples within ±10% of the first quarter's, on any run length).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnswerCell } from '../model/index.js';
import { openData } from '../server/data.js';
import { createDemoStudy } from '../server/studies/demo.js';
import { createUser } from '../server/users.js';
import { createOpenStudy } from '../test/trust/helpers/open-study.js';
import { completeAnswers } from '../test/trust/helpers/respondent.js';
import { serverNodeFlags } from './server-flags.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'load benchmark passphrase';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Stats {
  private readonly latencies = new Map<string, number[]>();
  readonly statuses = new Map<string, Map<number, number>>();
  readonly failures: string[] = [];

  record(name: string, ms: number, status: number): void {
    if (!this.latencies.has(name)) this.latencies.set(name, []);
    this.latencies.get(name)!.push(ms);
    const s = this.statuses.get(name) ?? new Map<number, number>();
    s.set(status, (s.get(status) ?? 0) + 1);
    this.statuses.set(name, s);
  }

  summary() {
    return Object.fromEntries(
      [...this.latencies].map(([name, xs]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
        return [
          name,
          {
            n: xs.length,
            p50: +q(0.5).toFixed(1),
            p99: +q(0.99).toFixed(1),
            max: +sorted[sorted.length - 1].toFixed(1),
            statuses: Object.fromEntries(this.statuses.get(name)!),
          },
        ];
      }),
    );
  }

  fiveHundreds(): number {
    let n = 0;
    for (const s of this.statuses.values()) for (const [status, count] of s) if (status >= 500) n += count;
    return n;
  }
}

/** One request, timed; the body is read to the end (exports stream). */
async function call(
  stats: Stats,
  name: string,
  base: string,
  pathname: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
) {
  const t0 = performance.now();
  try {
    const res = await fetch(base + pathname, { redirect: 'manual', ...init });
    const body = Buffer.from(await res.arrayBuffer());
    stats.record(name, performance.now() - t0, res.status);
    return { status: res.status, body, headers: res.headers };
  } catch (err) {
    stats.record(name, performance.now() - t0, 599);
    stats.failures.push(`${name}: ${(err as Error).message}`);
    return { status: 599, body: Buffer.alloc(0), headers: new Headers() };
  }
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

interface Ack {
  invitationId: number;
  submissionId: string;
  cells: number;
}

async function respondent(
  stats: Stats,
  base: string,
  token: string,
  answers: AnswerCell[],
  index: number,
  acks: Ack[],
  invitationId: number,
  stop: () => boolean,
) {
  const open = async () => {
    const res = await call(stats, 'GET /r/<token> (open link)', base, `/r/${token}`);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('rondo_r='));
    return set ? set.split(';')[0] : '';
  };
  let cookie = await open();
  await call(stats, 'GET /r (questionnaire)', base, '/r', { headers: { cookie } });
  const json = (method: string, p: string, body: unknown) =>
    call(stats, `${method} ${p}`, base, p, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const items = [...new Set(answers.map((c) => c.item))];
  const drafts = 2 + (index % 5);
  for (let d = 1; d <= drafts && !stop(); d++) {
    await sleep(1000 + Math.random() * 6000);
    const upTo = Math.ceil((items.length * d) / (drafts + 1));
    const some = items.slice(0, upTo);
    await json('PUT', '/r/api/draft', { language: 'nl', items: some, answers: answers.filter((c) => some.includes(c.item)) });
    if (index % 20 === 7 && d === 1) {
      cookie = await open(); // the same link on another device
      await call(stats, 'GET /r (questionnaire)', base, '/r', { headers: { cookie } });
    }
  }
  if (index % 10 === 3 || stop()) return; // stopped after the drafts
  await sleep(500 + Math.random() * 3000);
  const submissionId = `load-${index.toString(36).padStart(8, '0')}-${Date.now().toString(36)}`;
  const times = index % 25 === 11 ? 2 : 1;
  const results = await Promise.all(
    Array.from({ length: times }, () => json('POST', '/r/api/submit', { submissionId, language: 'nl', answers })),
  );
  if (results.some((r) => r.status === 200)) acks.push({ invitationId, submissionId, cells: answers.length });
}

const RESEARCHER_TASKS = ['monitor', 'wide', 'long', 'bundle', 'html', 'pdf'] as const;

/** `--tasks monitor,wide,…`: which of the researcher's requests run (all by default). */
function researcherTasks(): Set<string> {
  const i = process.argv.indexOf('--tasks');
  const tasks = i > 0 ? process.argv[i + 1].split(',') : [...RESEARCHER_TASKS];
  const unknown = tasks.filter((t) => !(RESEARCHER_TASKS as readonly string[]).includes(t));
  if (unknown.length) throw new Error(`--tasks: unknown ${unknown.join(', ')} (choose from ${RESEARCHER_TASKS.join(', ')})`);
  return new Set(tasks);
}

async function researcher(stats: Stats, base: string, slug: string, pdfEvery: number, stop: () => boolean) {
  const tasks = researcherTasks();
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'onderzoeker@example.nl', password: PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('rondo_session='))!
    .split(';')[0];
  const headers = { cookie };
  const started = Date.now();
  let tick = 0;
  while (!stop()) {
    const s = tick * 5;
    if (tasks.has('monitor'))
      await call(stats, 'GET monitor (researcher)', base, `/api/studies/${slug}/fieldwork/monitor/pre`, { headers });
    if (s % 10 === 0 && tasks.has('wide'))
      await call(stats, 'GET export wide (researcher)', base, `/api/studies/${slug}/exports/wide?openText=1`, { headers });
    if (s % 10 === 0 && tasks.has('long'))
      await call(stats, 'GET export long (researcher)', base, `/api/studies/${slug}/exports/long?openText=1`, { headers });
    if (s % 30 === 0 && tasks.has('bundle'))
      await call(stats, 'GET export bundle (researcher)', base, `/api/studies/${slug}/exports/bundle`, { headers });
    if (s % 20 === 0 && tasks.has('html'))
      await call(stats, 'GET factsheet html (researcher)', base, `/api/studies/${slug}/factsheet/draft/output?format=html`, { headers });
    if (pdfEvery > 0 && s % pdfEvery === 0 && tasks.has('pdf'))
      await call(stats, 'GET factsheet pdf (researcher)', base, `/api/studies/${slug}/factsheet/draft/output?format=pdf`, { headers });
    tick++;
    const next = started + tick * 5000;
    await sleep(Math.max(0, next - Date.now()));
  }
}

async function main(): Promise<void> {
  const seconds = option('seconds', 300);
  const count = option('respondents', 500);
  const pdfEvery = option('pdf-every', 60);
  const withResearcher = option('researcher', 1) !== 0;
  const port = option('port', 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-load-'));
  process.stdout.write(`preparing ${count} respondents and the demo study in ${dir}…\n`);
  const data = await openData(dir);
  await createDemoStudy(data.store.db, data.secret);
  const study = await createOpenStudy(data.store.db, data.secret, { slug: 'load-study', participants: Math.max(count, 1) });
  await createUser(data.store.db, {
    email: 'onderzoeker@example.nl',
    password: PASSWORD,
    study: { slug: 'load-study', role: 'researcher' },
  });
  const answersFor = (i: number) => completeAnswers(data.store.sqlite, study.studyId, study.roundKey, i);
  const answerSets = [0, 1, 2, 3, 4].map(answersFor);
  await data.store.close();

  const server = spawn(
    process.execPath,
    [...serverNodeFlags(), path.join(ROOT, 'bin/rondo.mjs'), 'serve', '--data', dir, '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RONDO_'))),
        RONDO_LOG_LEVEL: 'info',
        RONDO_DEMO: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const log = fs.createWriteStream(path.join(dir, 'server.log'));
  server.stdout!.on('data', (b) => {
    if (out.length < 10_000) out += b;
    log.write(b);
  });
  server.stderr!.on('data', (b) => process.stderr.write(b));
  while (!/is running at http:\/\/[^:]+:(\d+)/.test(out)) {
    if (server.exitCode !== null) throw new Error(`the server stopped: ${out}`);
    await sleep(50);
  }
  const base = `http://127.0.0.1:${/is running at http:\/\/[^:]+:(\d+)/.exec(out)![1]}`;
  const stats = new Stats();
  const acks: Ack[] = [];
  const memory: { at: number; rss: number }[] = [];
  const t0 = Date.now();
  const deadline = t0 + seconds * 1000;
  const stop = () => Date.now() >= deadline;
  const sampler = setInterval(
    () => memory.push({ at: (Date.now() - t0) / 1000, rss: rssOf(server.pid!) }),
    Math.min(5000, (seconds * 1000) / 40),
  );
  memory.push({ at: 0, rss: rssOf(server.pid!) });

  const arrivals = study.invitations.slice(0, count).map((inv, i) => ({ inv, i, at: Math.random() * seconds * 800 }));
  const work = [
    withResearcher ? researcher(stats, base, 'load-study', pdfEvery, stop) : sleep(seconds * 1000),
    ...arrivals.map(async ({ inv, i, at }) => {
      await sleep(at);
      await respondent(stats, base, inv.token, answerSets[i % answerSets.length], i, acks, inv.invitationId, stop);
    }),
  ];
  await Promise.all(work);
  clearInterval(sampler);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));

  log.end();
  // The server's own account of any 5xx: its error lines (pino level 50 and up).
  const serverErrors = fs
    .readFileSync(path.join(dir, 'server.log'), 'utf8')
    .split('\n')
    .filter((l) => /"level":(5|6)0/.test(l))
    .map((l) => {
      const e = JSON.parse(l) as { msg?: string; err?: { type?: string; message?: string; stack?: string } };
      return `${e.msg}: ${e.err?.type} ${e.err?.message} ${(e.err?.stack ?? '').split('\n').slice(1, 3).join(' ').trim()}`;
    });
  const { openStore } = await import('../server/db/open.js');
  const store = openStore(path.join(dir, 'rondo.sqlite'), { readonly: true });
  const rows = store.sqlite
    .prepare(
      `select r.invitation_id, r.submission_id, (select count(*) from answer a where a.response_id = r.id) as cells
       from response r where r.study_id = ? and r.status = 'submitted'`,
    )
    .all(study.studyId) as { invitation_id: number; submission_id: string; cells: number }[];
  const integrity = store.sqlite.pragma('integrity_check', { simple: true });
  await store.close();
  const stored = new Map(rows.map((r) => [r.submission_id, r]));
  const lost = acks.filter((a) => !stored.has(a.submissionId) || stored.get(a.submissionId)!.cells !== a.cells).length;
  const duplicated = rows.length - new Set(rows.map((r) => r.invitation_id)).size;
  const unacknowledged = rows.length - acks.length;

  // Memory: RSS swings with the V8 heap between collections (tens of MB within seconds), so a
  // single sample says little; a leak shows as a mean that keeps rising. The samples are cut in
  // quarters and the last quarter's mean compared with the first's (any run length); the
  // least-squares slope over all samples shows the trend.
  const mb = (b: number) => +(b / 2 ** 20).toFixed(1);
  const quarterSize = Math.max(1, Math.floor(memory.length / 4));
  const meanOf = (ms: typeof memory) => ms.reduce((n, m) => n + m.rss, 0) / ms.length;
  const quarters = [0, 1, 2, 3].map((q) => {
    const part = q === 3 ? memory.slice(Math.max(0, memory.length - quarterSize)) : memory.slice(q * quarterSize, (q + 1) * quarterSize);
    return { from: part.length ? +part[0].at.toFixed(1) : 0, meanMB: part.length ? mb(meanOf(part)) : 0 };
  });
  const drift = quarters[0].meanMB ? (quarters[3].meanMB - quarters[0].meanMB) / quarters[0].meanMB : 0;
  const meanAt = memory.reduce((n, m) => n + m.at, 0) / memory.length;
  const meanRss = meanOf(memory);
  const slope =
    memory.reduce((n, m) => n + (m.at - meanAt) * (m.rss - meanRss), 0) /
    Math.max(
      1e-9,
      memory.reduce((n, m) => n + (m.at - meanAt) ** 2, 0),
    );
  const summary = stats.summary();
  const submit = summary['POST /r/api/submit'];
  const report = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
    loadAverageAtEnd: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    seconds,
    respondents: count,
    requests: summary,
    fiveHundreds: stats.fiveHundreds(),
    failures: stats.failures.slice(0, 10),
    serverErrors: { count: serverErrors.length, first: [...new Set(serverErrors)].slice(0, 5) },
    submissions: { acknowledged: acks.length, stored: rows.length, lost, duplicated, storedWithoutAcknowledgement: unacknowledged },
    integrity,
    memory: {
      startMB: mb(memory[0].rss),
      minMB: mb(Math.min(...memory.map((m) => m.rss))),
      maxMB: mb(Math.max(...memory.map((m) => m.rss))),
      endMB: mb(memory[memory.length - 1].rss),
      samples: memory.length,
      quarterMeansMB: quarters,
      // Warm-up and growth with the data, told apart from a leak by whether the means level off.
      minuteMeansMB: Array.from({ length: Math.ceil(seconds / 60) }, (_, i) => {
        const part = memory.filter((m) => m.at >= i * 60 && m.at < (i + 1) * 60);
        return part.length ? mb(meanOf(part)) : null;
      }),
      lastVersusFirstQuarterPercent: +(drift * 100).toFixed(1),
      trendMBPerMinute: +((slope * 60) / 2 ** 20).toFixed(2),
    },
    targets: {
      zero5xx: stats.fiveHundreds() === 0,
      noneLostOrDuplicated: lost === 0 && duplicated === 0,
      submitP99Under100ms: !!submit && submit.p99 <= 100,
      memoryFlat: Math.abs(drift) <= 0.1,
    },
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  fs.rmSync(dir, { recursive: true, force: true });
  if (Object.values(report.targets).some((ok) => !ok)) process.exitCode = 1;
}

await main();
