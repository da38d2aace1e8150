/**
 * Benchmark of the respondent (docs/benchmarks.md, "Respondent"): the questionnaire page
 * (GET /r with the link cookie) and complete 40-item submissions (POST /r/api/submit), against
 * a real server in a process of its own on 127.0.0.1 (with the Node flags `npm start` gives it,
 * bench/server-flags.ts), database with synchronous=FULL, logging on as in production. How rondo
 * commits submissions (server/respondent/write-queue.ts): the submissions of one turn of the
 * event loop share a transaction committed with synchronous=NORMAL, then one fsync of the -wal
 * file on libuv's thread pool makes it durable (at most one in flight, covering every batch
 * committed before it began), and each is answered only after that fsync.
 *
 *   node bin/bench.mjs respondent [--seconds 10] [--connections 32] [--submit-connections 16] [--participants 40000] [--profile DIR]
 *                                 [--baseline] [--port N] [--only pages|submissions] [--gzip]
 *   npx tsx bench/respondent.ts …
 *
 * `--baseline` also starts a bare server (bareServe(): Fastify and better-sqlite3 alone, WAL and
 * synchronous=FULL, the same page bytes rondo sent, the same 42-cell submission, concurrent
 * submissions committed together as rondo does) and loads it with the same load generator,
 * interleaved with rondo (rondo, bare, rondo, bare, each for half the seconds), so a busy machine
 * slows both alike; the report gains the rondo/bare ratios of page loads and submissions, per
 * wall-clock second and per second of the server's own CPU time. `--port N` puts rondo on port N
 * (and the bare server on N + 1) instead of free ports. `--only pages` runs the page loads alone (no
 * submissions, no check of the stored responses), for work on the page's cost; `--only submissions`
 * the submissions alone (no page loads before them). `--gzip` asks for the page as browsers do
 * (Accept-Encoding: gzip, deflate, br), so rondo sends it gzipped (server/respondent/pages.ts) and
 * the bare server sends those same gzipped bytes; without it the page is asked for as it is, as the
 * issue's figures were measured.
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
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { optionSub, type AnswerCell, type Item, type Questionnaire } from '../model/index.js';
import { loadConfig } from '../server/config.js';
import { openData } from '../server/data.js';
import { startServer } from '../server/start.js';
import { createStudy } from '../server/studies/create-study.js';
import { deriveInvitationToken, hashToken } from '../server/tokens.js';
import { serverNodeFlags } from './server-flags.js';
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
export async function prepare(dir: string, n: number): Promise<string[]> {
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

/**
 * The bare baseline: what Fastify and better-sqlite3 do for the respondent's two requests with
 * nothing of rondo around them (no link lookup, no validation, no session, no security headers):
 * the page as fixed bytes, the submission's cells inserted with a prepared statement per row, a
 * repeated submission id answered as a repeat. Submissions that arrive together share one
 * transaction (group commit, as rondo's write queue: the requests of one turn of the event loop,
 * each answered after the commit), so the ratio compares the work per submission, not who
 * fsyncs less often. Logging as rondo's (info, to the same /dev/null).
 */
async function bareServe(dir: string, port: number): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { default: SQLite } = await import('better-sqlite3');
  const page = fs.readFileSync(path.join(dir, 'bare-page.html'));
  const encoding = fs.readFileSync(path.join(dir, 'bare-page.encoding'), 'utf8');
  const db = new SQLite(path.join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`create table if not exists response (id integer primary key, token text not null unique, submission_id text not null unique,
             language text not null, submitted_at text not null);
           create table if not exists answer (response_id integer not null references response (id), item text not null, sub text not null,
             code integer, text text, primary key (response_id, item, sub)) without rowid;`);
  const findRepeat = db.prepare('select 1 from response where submission_id = ?');
  const insertResponse = db.prepare('insert into response (token, submission_id, language, submitted_at) values (?, ?, ?, ?) returning id');
  const insertAnswer = db.prepare('insert into answer (response_id, item, sub, code, text) values (?, ?, ?, ?, ?)');
  type Body = { submissionId: string; language: string; answers: AnswerCell[] };
  const submitOne = (token: string, body: Body) => {
    if (findRepeat.get(body.submissionId)) return true;
    const { id } = insertResponse.get(token, body.submissionId, body.language, new Date().toISOString()) as { id: number };
    for (const a of body.answers) insertAnswer.run(id, a.item, a.sub, a.code ?? null, a.text ?? null);
    return false;
  };
  let waiting: { token: string; body: Body; done: (repeated: boolean) => void }[] = [];
  const commitBatch = db.transaction((batch: typeof waiting) => batch.map((w) => submitOne(w.token, w.body)));
  const submit = (token: string, body: Body) =>
    new Promise<boolean>((done) => {
      waiting.push({ token, body, done });
      if (waiting.length === 1)
        setImmediate(() => {
          const batch = waiting;
          waiting = [];
          commitBatch(batch).forEach((repeated, i) => batch[i].done(repeated));
        });
    });
  const app = Fastify({ logger: { level: 'info' }, bodyLimit: 256 * 1024 });
  app.get('/r', async (_req, reply) => {
    if (encoding) reply.header('content-encoding', encoding);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  });
  app.post('/r/api/submit', async (req) => {
    const token = /rondo_r=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
    const repeated = await submit(token, req.body as Body);
    return { submittedAt: new Date().toISOString(), repeated };
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.on('SIGUSR2', () =>
    fs.appendFileSync(path.join(dir, 'bare-cpu.jsonl'), JSON.stringify({ ...process.cpuUsage(), batches: 0, jobs: 0 }) + '\n'),
  );
  fs.writeFileSync(path.join(dir, 'bare-server.json'), JSON.stringify({ port }));
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

/** A GET's body as it came over the wire (fetch would inflate it) and its Content-Encoding ('' for none). */
function rawGet(port: number, url: string, headers: Record<string, string>): Promise<{ body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ body: Buffer.concat(chunks), encoding: String(res.headers['content-encoding'] ?? '') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
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
 * two cores the load generator must not be what is measured. For the same reason each connection
 * reads into buffers of its own, allocated once (net's `onread`), instead of a new Buffer for
 * every read: at 20,000 pages of 17 kB a second those were ~350 MB/s of memory outside V8's
 * heap, which made the generator run a full garbage collection ~17 times a second, 3–8 ms
 * each, and every request in flight during one counted the pause as the server's latency
 * (the pages' p99 went from ~2 ms to ~8.5 ms once the generator had warmed up).
 */
export async function load(
  port: number,
  connections: number,
  seconds: number,
  make: (i: number) => { method: string; path: string; headers: Record<string, string>; body?: string } | null,
  check?: (status: number, body: Buffer) => void,
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
      // What has arrived of the responses not yet read, grown (rarely) when one is larger.
      let received = Buffer.allocUnsafe(256 * 1024);
      let have = 0;
      let t0 = 0;
      const socket = net.connect({
        port,
        host: '127.0.0.1',
        onread: {
          buffer: Buffer.allocUnsafe(64 * 1024),
          callback: (n, chunk) => {
            if (have + n > received.length) {
              const larger = Buffer.allocUnsafe(Math.max(2 * received.length, have + n));
              received.copy(larger, 0, 0, have);
              received = larger;
            }
            received.set(chunk.subarray(0, n), have);
            have += n;
            answered();
            return true;
          },
        },
      });
      socket.setNoDelay(true);
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
      // A response complete in `received`: counted, checked, dropped from it, and the next request sent.
      const answered = () => {
        const end = received.subarray(0, have).indexOf(HEADER_END);
        if (end < 0) return;
        const head = received.toString('latin1', 0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        const size = end + 4 + length;
        if (have < size) return;
        latencies[count++] = performance.now() - t0;
        const status = Number(head.slice(9, 12));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const body = received.subarray(end + 4, size);
        if (body.length < 200 && body.includes('"repeated":true')) repeated++;
        check?.(status, body);
        received.copy(received, 0, size, have);
        have -= size;
        send();
      };
      socket.on('error', reject);
      socket.on('connect', send);
    });
  await Promise.all(Array.from({ length: connections }, connection));
  const elapsed = (performance.now() - started) / 1000;
  return { requests: count, seconds: elapsed, latencies: latencies.subarray(0, count), statuses, repeated };
}

/** The server's CPU time so far (user + system, ms), read through a signal. */
async function serverCpu(
  server: ReturnType<typeof spawn>,
  dir: string,
  name = 'bench-cpu.jsonl',
): Promise<{ cpu: number; batches: number; jobs: number; syncs: number }> {
  const file = path.join(dir, name);
  const lines = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);
  const before = lines().length;
  server.kill('SIGUSR2');
  while (lines().length === before) await new Promise((r) => setTimeout(r, 20));
  const { user, system, batches, jobs, syncs } = JSON.parse(lines()[before]) as Record<string, number>;
  return { cpu: (user + system) / 1000, batches, jobs, syncs: syncs ?? 0 };
}

/** Several runs of one phase as one. */
function merged(runs: Result[]): Result {
  const latencies = new Float64Array(runs.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  const statuses = new Map<number, number>();
  for (const r of runs) {
    latencies.set(r.latencies, at);
    at += r.latencies.length;
    for (const [status, n] of r.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
  }
  const sum = (f: (r: Result) => number) => runs.reduce((n, r) => n + f(r), 0);
  return { requests: sum((r) => r.requests), seconds: sum((r) => r.seconds), latencies, statuses, repeated: sum((r) => r.repeated) };
}

function summary(name: string, r: Result) {
  if (r.requests === 0) return { name, requests: 0 }; // a phase not run (--only pages, --only submissions)
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
  const baseline = process.argv.includes('--baseline');
  const pagesOnly = process.argv[process.argv.indexOf('--only') + 1] === 'pages' && process.argv.includes('--only');
  const submissionsOnly = process.argv[process.argv.indexOf('--only') + 1] === 'submissions' && process.argv.includes('--only');
  const gzip = process.argv.includes('--gzip');
  const accept: Record<string, string> = gzip ? { 'accept-encoding': 'gzip, deflate, br' } : {};
  const port = option('port', 0) || (await freePort());
  // --profile DIR: a CPU profile of the server process (and of the bare one with --baseline), for finding where the time goes.
  const profile =
    process.argv.indexOf('--profile') > 0 ? ['--cpu-prof', '--cpu-prof-dir', process.argv[process.argv.indexOf('--profile') + 1]] : [];
  const server = spawn(process.execPath, [...profile, ...serverNodeFlags(), '--import', 'tsx', SELF, '--serve', dir, String(port)], {
    cwd: ROOT,
    stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'inherit'],
  });
  const status = path.join(dir, 'bench-server.json');
  while (!fs.existsSync(status)) await new Promise((r) => setTimeout(r, 100));
  const db = JSON.parse(fs.readFileSync(status, 'utf8')) as { synchronous: number; journal: string };
  const addr = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.7`;
  const cookie = (i: number) => `rondo_r=${tokens[i % tokens.length]}`;

  let bare: ReturnType<typeof spawn> | null = null;

  try {
    let barePort = 0;
    if (baseline) {
      // The bare server sends the very bytes rondo sends for the page (gzipped with --gzip), as they came.
      const page = await rawGet(port, '/r', { cookie: cookie(1), 'x-forwarded-for': addr(1), ...accept });
      fs.writeFileSync(path.join(dir, 'bare-page.html'), page.body);
      fs.writeFileSync(path.join(dir, 'bare-page.encoding'), page.encoding);
      barePort = option('port', 0) ? option('port', 0) + 1 : await freePort();
      bare = spawn(process.execPath, [...profile, '--import', 'tsx', SELF, '--serve-bare', dir, String(barePort)], {
        cwd: ROOT,
        stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'inherit'],
      });
      while (!fs.existsSync(path.join(dir, 'bare-server.json'))) await new Promise((r) => setTimeout(r, 100));
    }
    // Warm-up: JIT, statement caches, the form cache.
    for (const p of baseline ? [port, barePort] : [port]) {
      await load(p, connections, 2, (i) => ({
        method: 'GET',
        path: '/r',
        headers: { cookie: cookie(i), 'x-forwarded-for': addr(i % 256), ...accept },
      }));
    }
    // With --baseline each phase runs twice for half the time, rondo and bare in turn.
    const turns = baseline ? 2 : 1;
    let pagesWrong = 0;
    let gzipped = 0;
    const pagePhase = (p: number, secs: number) =>
      load(
        p,
        connections,
        secs,
        (i) => ({ method: 'GET', path: '/r', headers: { cookie: cookie(i + 7), 'x-forwarded-for': addr(i % 256), ...accept } }),
        (statusCode, body) => {
          // Gzipped: the magic bytes of each, and one page in 64 inflated (on two cores the load generator's own
          // CPU counts) — gunzip checks its CRC-32 and length.
          const ok = !gzip
            ? body.includes('id="rondo-form"')
            : body[0] === 0x1f && body[1] === 0x8b && (++gzipped % 64 !== 0 || zlib.gunzipSync(body).includes('id="rondo-form"'));
          if (statusCode !== 200 || !ok) pagesWrong++;
        },
      );
    const bareCpu = async () => (bare ? (await serverCpu(bare, dir, 'bare-cpu.jsonl')).cpu : 0);
    const cpu0 = await serverCpu(server, dir);
    const bareCpu0 = await bareCpu();
    const pageRuns: Result[] = [];
    const barePageRuns: Result[] = [];
    for (let turn = 0; turn < (submissionsOnly ? 0 : turns); turn++) {
      pageRuns.push(await pagePhase(port, seconds / turns));
      if (baseline) barePageRuns.push(await pagePhase(barePort, seconds / turns));
    }
    const pages = merged(pageRuns);

    const cpu1 = await serverCpu(server, dir);
    const bareCpu1 = await bareCpu();

    // Submissions: each participant once; every 20th request repeats an earlier one (a retry).
    // Rondo and the bare server each go through the participants in their own order.
    const answers = JSON.stringify(benchAnswers());
    const submitPhase = (p: number, secs: number, state: { sent: { token: number; id: string }[]; next: number; prefix: string }) =>
      load(p, submitConnections, secs, (i) => {
        const retry = i % 20 === 19 && state.sent.length > 0;
        if (!retry && state.next >= tokens.length) return null;
        const s = retry
          ? state.sent[Math.floor(Math.random() * state.sent.length)]
          : { token: state.next++, id: `${state.prefix}-${state.next.toString(36).padStart(12, '0')}` };
        if (!retry) state.sent.push(s);
        return {
          method: 'POST',
          path: '/r/api/submit',
          headers: { cookie: `rondo_r=${tokens[s.token]}`, 'content-type': 'application/json', 'x-forwarded-for': addr(s.token % 256) },
          body: `{"submissionId":"${s.id}","language":"nl","answers":${answers}}`,
        };
      });
    const rondoState = { sent: [], next: 0, prefix: 'bench' };
    const bareState = { sent: [], next: 0, prefix: 'bare' };
    const submitRuns: Result[] = [];
    const bareSubmitRuns: Result[] = [];
    for (let turn = 0; turn < (pagesOnly ? 0 : turns); turn++) {
      submitRuns.push(await submitPhase(port, seconds / turns, rondoState));
      if (baseline) bareSubmitRuns.push(await submitPhase(barePort, seconds / turns, bareState));
    }
    const submissions = merged(submitRuns);

    const cpu2 = await serverCpu(server, dir);
    const bareCpu2 = await bareCpu();
    let baselineReport = {};
    if (bare) {
      bare.kill('SIGTERM');
      await new Promise((r) => bare?.once('exit', r));
      const barePages = merged(barePageRuns);
      const bareSubmissions = merged(bareSubmitRuns);
      const rate = (r: Result) => r.requests / r.seconds;
      baselineReport = {
        bare: {
          server:
            'Fastify + better-sqlite3 alone (journal_mode=WAL, synchronous=FULL: the fsync inside each commit, on the event loop), ' +
            'same page bytes, same 42-cell insert',
          pages: { ...summary('GET /r (the same bytes)', barePages), ...cpuPer(bareCpu1 - bareCpu0, barePages.requests) },
          submissions: {
            ...summary('POST /r/api/submit (42 cells, group commit)', bareSubmissions),
            retries: bareSubmissions.repeated,
            ...cpuPer(bareCpu2 - bareCpu1, bareSubmissions.requests),
          },
        },
        // Requests per wall-clock second, interleaved in the same run, and requests per second of
        // the server's own CPU time (what one core would do), each rondo over bare.
        ratios: {
          pagesPerSecondRondoOverBare: Number((rate(pages) / rate(barePages)).toFixed(2)),
          submissionsPerSecondRondoOverBare: Number((rate(submissions) / rate(bareSubmissions)).toFixed(2)),
          pagesPerCpuSecondRondoOverBare: Number(
            ((bareCpu1 - bareCpu0) / barePages.requests / ((cpu1.cpu - cpu0.cpu) / pages.requests)).toFixed(2),
          ),
          submissionsPerCpuSecondRondoOverBare: Number(
            ((bareCpu2 - bareCpu1) / bareSubmissions.requests / ((cpu2.cpu - cpu1.cpu) / submissions.requests)).toFixed(2),
          ),
        },
      };
    }
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
      commit:
        'submissions: group commit, the batch committed with synchronous=NORMAL, then one fsync of the -wal file off the ' +
        'event loop (libuv thread pool, at most one in flight, covering every batch committed before it began); ' +
        'each submission answered only after that fsync. Other writers: synchronous=FULL',
      connections: { pages: connections, submissions: submitConnections },
      // Server CPU per request: on a shared, busy machine the fairest measure of what one core
      // of the server does; "perCpuSecond" is the throughput that implies for one core.
      pages: {
        ...summary(`GET /r (questionnaire page, link cookie${gzip ? ', gzipped' : ''})`, pages),
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
        walFsyncs: cpu2.syncs - cpu1.syncs,
      },
      ...baselineReport,
      stored,
      lostOrDuplicated:
        (stored.submitted ?? 0) !== accepted ||
        stored.responses !== stored.invitations ||
        stored.partial !== 0 ||
        stored.cells !== accepted * benchAnswers().length,
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    if (report.lostOrDuplicated || pagesWrong) process.exitCode = 1;
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    if (bare && bare.exitCode === null) bare.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run as a script (not when imported for its questionnaire): the server, or the benchmark.
if (process.argv[1] === SELF) {
  if (process.argv[2] === '--serve') await serve(process.argv[3], Number(process.argv[4]));
  else if (process.argv[2] === '--serve-bare') await bareServe(process.argv[3], Number(process.argv[4]));
  else await main();
}
