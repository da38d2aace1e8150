/**
 * Benchmark of the respondent (docs/benchmarks.md, "Respondent"): the questionnaire page
 * (GET /r with the link cookie) and complete 40-item submissions (POST /r/api/submit), against
 * a real server in a process of its own on 127.0.0.1, database with synchronous=FULL, logging
 * on as in production.
 *
 *   node bin/bench.mjs respondent [--seconds 10] [--connections 32] [--submit-connections 16] [--participants 40000] [--profile DIR]
 *   npx tsx bench/respondent.ts …
 *
 * Load: closed loop, every connection sends its next request when the previous one is
 * answered (keep-alive sockets, HTTP/1.1 written by hand: see load()). Each request uses another participant's link cookie
 * and one of 256 client addresses (X-Forwarded-For, the server trusting its proxy), as when a
 * region's respondents answer at once. One submission in twenty repeats an earlier one with
 * its submission id, as a retry would. Afterwards the database is checked: every accepted
 * submission stored exactly once, with all its cells; none lost, none twice.
 *
 * Targets on the 2-core machine: ≥ 5,000 page loads/s and ≥ 2,000 submissions/s, p99 ≤ 25 ms.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionSub, type AnswerCell, type Item, type Questionnaire } from '../model/index.js';
import { loadConfig } from '../server/config.js';
import { openData } from '../server/data.js';
import { startServer } from '../server/start.js';
import { createStudy } from '../server/studies/create-study.js';
import { deriveInvitationToken, hashToken } from '../server/tokens.js';
import { benchLikerts, benchQuestionnaireOf, benchRatings, benchYesNos } from './study-rows.js';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** 30 agreement statements, 4 yes/no, 2 ratings, a number, a single and a multiple choice, an open question: 40 items, 42 cells. */
export function benchQuestionnaire(): Questionnaire {
  const items: Item[] = [];
  const base = { required: true, rounds: ['now'] };
  items.push(...benchLikerts(base, 30), ...benchYesNos(base, 4, { nl: 'Ja of nee', en: 'Yes or no' }), ...benchRatings(base, 2));
  items.push({
    ...base,
    id: 'years',
    type: 'number',
    measure: 'background',
    min: 0,
    max: 50,
    integer: true,
    text: { nl: 'Jaren', en: 'Years' },
  });
  const options = [1, 2, 3].map((code) => ({ code, label: { nl: `Optie ${code}`, en: `Option ${code}` } }));
  items.push({ ...base, id: 'role', type: 'single', measure: 'background', options, text: { nl: 'Functie', en: 'Role' } });
  items.push({ ...base, id: 'parts', type: 'multi', measure: 'satisfaction', options, text: { nl: 'Onderdelen', en: 'Parts' } });
  items.push({
    ...base,
    required: false,
    id: 'remarks',
    type: 'text',
    measure: 'open',
    maxLength: 2000,
    multiline: true,
    text: { nl: 'Opmerkingen', en: 'Remarks' },
  });
  return benchQuestionnaireOf(items);
}

export function benchAnswers(): AnswerCell[] {
  const cells: AnswerCell[] = [];
  for (let i = 1; i <= 30; i++) cells.push({ item: `lik_${i}`, sub: '', code: 1 + (i % 5) });
  for (let i = 1; i <= 4; i++) cells.push({ item: `yn_${i}`, sub: '', code: i % 2 });
  cells.push(
    { item: 'rate_1', sub: '', code: 8 },
    { item: 'rate_2', sub: '', code: 6 },
    { item: 'years', sub: '', code: 12 },
    { item: 'role', sub: '', code: 2 },
  );
  for (const o of [1, 2, 3]) cells.push({ item: 'parts', sub: optionSub(o), code: o === 2 ? 0 : 1 });
  cells.push({
    item: 'remarks',
    sub: '',
    text: 'Een korte IMH-interventie van vijf gesprekken zou helpen; meer tijd voor casuïstiek in het ZAT.',
  });
  return cells;
}

/** A study with one open round and `n` invited participants; returns their link tokens. */
async function prepare(dir: string, n: number): Promise<string[]> {
  const data = await openData(dir);
  const created = await createStudy(data.store.db, {
    study: {
      slug: 'bench-respondent',
      title: { nl: 'Benchmark respondent', en: 'Respondent benchmark' },
      description: { nl: 'Benchmark', en: 'Benchmark' },
      organisation: 'rondo',
      languages: ['nl', 'en'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: [{ key: 'now', label: { nl: 'Meting', en: 'Round' }, opensAt: new Date(Date.now() - 3_600_000).toISOString(), closesAt: null }],
    partners: [],
    tools: [],
    questionnaire: benchQuestionnaire(),
  });
  const roundId = created.roundIds.now;
  const sqlite = data.store.sqlite;
  const now = new Date().toISOString();
  const participant = sqlite.prepare('insert into participant (study_id, key, created_at) values (?, ?, ?) returning id');
  const invitation = sqlite.prepare('insert into invitation (participant_id, round_id, token_hash, created_at) values (?, ?, ?, ?)');
  const tokens: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const { id } = participant.get(created.studyId, `p${i}`, now) as { id: number };
      const token = deriveInvitationToken(data.secret, id, roundId, 1);
      invitation.run(id, roundId, hashToken(token), now);
      tokens.push(token);
    }
  })();
  await data.store.close();
  return tokens;
}

/** The server process: rondo as `rondo serve` starts it, trusting X-Forwarded-For from 127.0.0.1. */
async function serve(dir: string, port: number): Promise<void> {
  const config = loadConfig({}, { dataDir: dir, port, host: '127.0.0.1', demo: false, trustProxy: true, logLevel: 'info' });
  const running = await startServer(config, { quiet: true });
  const pragma = running.data.store.sqlite.pragma('synchronous', { simple: true });
  const journal = running.data.store.sqlite.pragma('journal_mode', { simple: true });
  // The benchmark asks for the server's CPU time at the start and end of each phase.
  const { writeQueue } = await import('../server/respondent/write-queue.js');
  const queue = writeQueue(running.data.store);
  process.on('SIGUSR2', () =>
    fs.appendFileSync(path.join(dir, 'bench-cpu.jsonl'), JSON.stringify({ ...process.cpuUsage(), ...queue.stats }) + '\n'),
  );
  fs.writeFileSync(path.join(dir, 'bench-server.json'), JSON.stringify({ synchronous: pragma, journal }));
  process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Result {
  requests: number;
  seconds: number;
  latencies: Float64Array;
  statuses: Map<number, number>;
  repeated: number;
}

/**
 * Closed-loop load over keep-alive connections: each sends `make(i)` when its previous request
 * is answered, until time is up or make returns null. HTTP/1.1 is written and read by hand on
 * plain sockets (requests built as one buffer; responses framed by Content-Length, which rondo
 * always sends): node:http's client costs about as much CPU per request as the server, and on
 * two cores the load generator must not be what is measured.
 */
async function load(
  port: number,
  connections: number,
  seconds: number,
  make: (i: number) => { method: string; path: string; headers: Record<string, string>; body?: string } | null,
  check?: (status: number, body: string) => void,
): Promise<Result> {
  const latencies = new Float64Array(2_000_000);
  const statuses = new Map<number, number>();
  let count = 0;
  let issued = 0;
  let repeated = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const HEADER_END = Buffer.from('\r\n\r\n');

  const connection = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let buffered: Buffer = Buffer.alloc(0);
      let t0 = 0;
      const send = () => {
        const req = performance.now() < deadline ? make(issued++) : null;
        if (!req) {
          socket.end();
          return resolve();
        }
        const body = req.body ? Buffer.from(req.body) : null;
        let head = `${req.method} ${req.path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n`;
        for (const [k, v] of Object.entries(req.headers)) head += `${k}: ${v}\r\n`;
        if (body) head += `content-length: ${body.length}\r\n`;
        t0 = performance.now();
        socket.write(body ? Buffer.concat([Buffer.from(head + '\r\n'), body]) : head + '\r\n');
      };
      socket.on('data', (chunk: Buffer) => {
        buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
        const end = buffered.indexOf(HEADER_END);
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        latencies[count++] = performance.now() - t0;
        const status = Number(head.slice(9, 12));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const body = buffered.subarray(end + 4, end + 4 + length);
        if (body.length < 200 && body.includes('"repeated":true')) repeated++;
        check?.(status, body.toString());
        buffered = buffered.subarray(end + 4 + length);
        send();
      });
      socket.on('error', reject);
      socket.on('connect', send);
    });
  await Promise.all(Array.from({ length: connections }, connection));
  const elapsed = (performance.now() - started) / 1000;
  return { requests: count, seconds: elapsed, latencies: latencies.subarray(0, count), statuses, repeated };
}

/** The server's CPU time so far (user + system, ms), read through a signal. */
async function serverCpu(server: ReturnType<typeof spawn>, dir: string): Promise<{ cpu: number; batches: number; jobs: number }> {
  const file = path.join(dir, 'bench-cpu.jsonl');
  const lines = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);
  const before = lines().length;
  server.kill('SIGUSR2');
  while (lines().length === before) await new Promise((r) => setTimeout(r, 20));
  const { user, system, batches, jobs } = JSON.parse(lines()[before]) as { user: number; system: number; batches: number; jobs: number };
  return { cpu: (user + system) / 1000, batches, jobs };
}

function summary(name: string, r: Result) {
  const sorted = Float64Array.from(r.latencies).sort();
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return {
    name,
    requests: r.requests,
    perSecond: Math.round(r.requests / r.seconds),
    p50: Number(q(0.5).toFixed(2)),
    p99: Number(q(0.99).toFixed(2)),
    max: Number(sorted[sorted.length - 1].toFixed(2)),
    statuses: Object.fromEntries(r.statuses),
  };
}

function cpuPer(ms: number, requests: number) {
  return { serverCpuMsPerRequest: Number((ms / requests).toFixed(3)), perCpuSecond: Math.round(requests / (ms / 1000)) };
}

async function main(): Promise<void> {
  const seconds = option('seconds', 10);
  const connections = option('connections', 32);
  const submitConnections = option('submit-connections', 16);
  const participants = option('participants', 40_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-respondent-'));
  process.stdout.write(`preparing ${participants} invitations in ${dir}…\n`);
  const tokens = await prepare(dir, participants);
  const port = await freePort();
  // --profile DIR: a CPU profile of the server process, for finding where the time goes.
  const profile =
    process.argv.indexOf('--profile') > 0 ? ['--cpu-prof', '--cpu-prof-dir', process.argv[process.argv.indexOf('--profile') + 1]] : [];
  const server = spawn(process.execPath, [...profile, '--import', 'tsx', SELF, '--serve', dir, String(port)], {
    cwd: ROOT,
    stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'inherit'],
  });
  const status = path.join(dir, 'bench-server.json');
  while (!fs.existsSync(status)) await new Promise((r) => setTimeout(r, 100));
  const db = JSON.parse(fs.readFileSync(status, 'utf8')) as { synchronous: number; journal: string };
  const addr = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.7`;
  const cookie = (i: number) => `rondo_r=${tokens[i % tokens.length]}`;

  try {
    // Warm-up: JIT, statement caches, the form cache.
    await load(port, connections, 2, (i) => ({
      method: 'GET',
      path: '/r',
      headers: { cookie: cookie(i), 'x-forwarded-for': addr(i % 256) },
    }));
    let pagesWrong = 0;
    const cpu0 = await serverCpu(server, dir);
    const pages = await load(
      port,
      connections,
      seconds,
      (i) => ({ method: 'GET', path: '/r', headers: { cookie: cookie(i + 7), 'x-forwarded-for': addr(i % 256) } }),
      (statusCode, body) => {
        if (statusCode !== 200 || !body.includes('id="rondo-form"')) pagesWrong++;
      },
    );

    const cpu1 = await serverCpu(server, dir);

    // Submissions: each participant once; every 20th request repeats an earlier one (a retry).
    const answers = JSON.stringify(benchAnswers());
    const sent: { token: number; id: string }[] = [];
    let nextToken = 0;
    const submissions = await load(port, submitConnections, seconds, (i) => {
      const retry = i % 20 === 19 && sent.length > 0;
      if (!retry && nextToken >= tokens.length) return null;
      const s = retry
        ? sent[Math.floor(Math.random() * sent.length)]
        : { token: nextToken++, id: `bench-${i.toString(36).padStart(12, '0')}` };
      if (!retry) sent.push(s);
      return {
        method: 'POST',
        path: '/r/api/submit',
        headers: { cookie: `rondo_r=${tokens[s.token]}`, 'content-type': 'application/json', 'x-forwarded-for': addr(s.token % 256) },
        body: `{"submissionId":"${s.id}","language":"nl","answers":${answers}}`,
      };
    });

    const cpu2 = await serverCpu(server, dir);
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const { openStore } = await import('../server/db/open.js');
    const store = openStore(path.join(dir, 'rondo.sqlite'), { readonly: true });
    const stored = store.sqlite
      .prepare(
        `select count(*) as responses,
                count(distinct invitation_id) as invitations,
                sum(status = 'submitted') as submitted,
                (select count(*) from answer) as cells,
                (select count(*) from (select response_id from answer group by response_id having count(*) <> ?)) as partial
         from response`,
      )
      .get(benchAnswers().length) as { responses: number; invitations: number; submitted: number; cells: number; partial: number };
    await store.close();

    const accepted = (submissions.statuses.get(200) ?? 0) - submissions.repeated;
    const report = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
      load: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
      database: `journal_mode=${db.journal}, synchronous=${['OFF', 'NORMAL', 'FULL', 'EXTRA'][db.synchronous]}`,
      connections: { pages: connections, submissions: submitConnections },
      // Server CPU per request: on a shared, busy machine the fairest measure of what one core
      // of the server does; "perCpuSecond" is the throughput that implies for one core.
      pages: {
        ...summary('GET /r (questionnaire page, link cookie)', pages),
        wrong: pagesWrong,
        ...cpuPer(cpu1.cpu - cpu0.cpu, pages.requests),
      },
      submissions: {
        ...summary('POST /r/api/submit (40 items, 42 cells)', submissions),
        retries: submissions.repeated,
        accepted,
        ...cpuPer(cpu2.cpu - cpu1.cpu, submissions.requests),
        transactions: cpu2.batches - cpu1.batches,
        perTransaction: Number(((cpu2.jobs - cpu1.jobs) / Math.max(1, cpu2.batches - cpu1.batches)).toFixed(1)),
      },
      stored,
      lostOrDuplicated:
        stored.submitted !== accepted ||
        stored.responses !== stored.invitations ||
        stored.partial !== 0 ||
        stored.cells !== accepted * benchAnswers().length,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    if (report.lostOrDuplicated || pagesWrong) process.exitCode = 1;
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run as a script (not when imported for its questionnaire): the server, or the benchmark.
if (process.argv[1] === SELF) {
  if (process.argv[2] === '--serve') await serve(process.argv[3], Number(process.argv[4]));
  else await main();
}
