import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openData } from '../server/data.js';
import { createFieldworkStudy, SLUG } from '../test/fieldwork/fixture.js';
import { researcherApp } from './researcher-app.js';

/**
 * Benchmark of sending a round's invitations (docs/benchmarks.md, "Sending invitations"): a study
 * of N participants with names and addresses, its first round opened, and one "send the
 * invitations to everyone not yet invited" through the API, as the fieldwork screen sends it; the
 * mails go out over SMTP to a real SMTP server in a process of its own on 127.0.0.1 (the tests'
 * sink, test/fieldwork/smtp-sink.mjs, that counts them), from the app's own sender (one
 * connection, each mail claimed before and settled after its SMTP conversation, server/fieldwork/
 * sender.ts). Reported: how long the request took (the batch queued), how long until the last
 * mail was accepted, mails per second, this process's CPU per mail, how long the event loop was
 * held meanwhile (what respondents' requests would wait), the resident memory before the send
 * and its peak (the process holds the whole app and tsx), and that
 * every mail arrived once and every outbox row says sent.
 *
 *   npm run bench -- mail [--participants N] [--port N]
 *
 * `--port N` puts the SMTP server on port N instead of a free one.
 */
const { values } = parseArgs({
  options: { participants: { type: 'string' }, port: { type: 'string' } },
  allowPositionals: false,
});
const participants = Number(values.participants ?? 10_000);
const SINK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fieldwork/smtp-sink.mjs');

/** The SMTP server: resolves with its port and a counter of the messages it accepted. */
async function startSink(port: number | undefined) {
  const child = spawn(process.execPath, [SINK, '--quiet', ...(port ? ['--port', String(port)] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const state = { received: 0, onMail: () => {} };
  const ready = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { ready?: number; n?: number };
      if (msg.ready) return resolve(msg.ready);
      state.received = msg.n!;
      state.onMail();
    });
    child.once('exit', () => reject(new Error('the SMTP sink ended before it was ready')));
  });
  return {
    port: ready,
    state,
    received: (count: number) =>
      new Promise<void>((resolve) => {
        state.onMail = () => state.received >= count && resolve();
        state.onMail();
      }),
    stop: () => child.kill('SIGKILL'),
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-mail-'));
  const sink = await startSink(values.port ? Number(values.port) : undefined);
  try {
    const data = await openData(dir);
    // The fieldwork tests' study (the IMH template's rounds and questionnaire), its cohort written in bulk here.
    const created = await createFieldworkStudy(data.store.db, []);
    const sqlite = data.store.sqlite;
    const now = new Date().toISOString();
    const participant = sqlite.prepare(
      `insert into participant (study_id, key, organisation, role, team, created_at) values (?, ?, ?, ?, '', ?) returning id`,
    );
    const contact = sqlite.prepare('insert into participant_contact (participant_id, name, email) values (?, ?, ?)');
    sqlite.transaction(() => {
      for (let i = 1; i <= participants; i++) {
        const { id } = participant.get(created.studyId, `P${i}`, `Organisatie ${i % 40}`, 'gezinscoach', now) as { id: number };
        contact.run(id, `Deelnemer ${i}`, `p${i}@example.nl`);
      }
    })();
    const smtp = {
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      user: undefined,
      pass: undefined,
      from: '"Onderzoek GGD" <onderzoek@example.nl>',
    };
    const { app, headers } = await researcherApp(dir, data, [SLUG], { smtp });
    const api = `/api/studies/${SLUG}/fieldwork/rounds/pre`;
    const open = await app.inject({ method: 'POST', url: `${api}/open`, headers });
    if (open.statusCode !== 200) throw new Error(`opening the round: ${open.statusCode} ${open.body}`);

    const rssBeforeMb = Math.round(process.memoryUsage().rss / 1e6);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const sent = await app.inject({
      method: 'POST',
      url: `${api}/send`,
      headers,
      payload: { kind: 'invitation', selection: 'not-sent' },
    });
    const queuedMs = performance.now() - t0;
    if (sent.statusCode !== 200) throw new Error(`sending: ${sent.statusCode} ${sent.body}`);
    const queued = (sent.json() as { queued: number }).queued;
    await app.fieldwork.sender.idle();
    await sink.received(queued);
    const drainMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    delay.disable();
    const rows = sqlite.prepare('select status, count(*) as n from outbox group by status').all() as { status: string; n: number }[];
    const ms = (x: number) => Math.round(x);
    const report = {
      machine: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism?.() ?? os.cpus().length}, Node ${process.version}`,
      loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
      participants,
      queued,
      queueRequestMs: ms(queuedMs),
      allAcceptedMs: ms(drainMs),
      mailsPerSecond: ms(queued / (drainMs / 1000)),
      cpuMsPerMail: Number(((cpu.user + cpu.system) / 1000 / queued).toFixed(2)),
      eventLoopDelayMs: { p50: ms(delay.percentile(50) / 1e6), p99: ms(delay.percentile(99) / 1e6), max: ms(delay.max / 1e6) },
      rssBeforeSendMb: rssBeforeMb,
      peakRssMb: peakMb(),
      received: sink.state.received,
      outbox: Object.fromEntries(rows.map((r) => [r.status, r.n])),
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    await app.close();
    await data.store.close();
    if (sink.state.received !== queued || rows.some((r) => r.status !== 'sent')) {
      process.stderr.write('not every mail arrived once, or an outbox row is not sent\n');
      process.exitCode = 1;
    }
  } finally {
    sink.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The process's peak resident set (VmHWM on Linux; the current RSS elsewhere). */
function peakMb(): number {
  const status = fs.existsSync('/proc/self/status') ? fs.readFileSync('/proc/self/status', 'utf8') : '';
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
  return hwm ? Math.round(Number(hwm[1]) / 1024) : Math.round(process.memoryUsage().rss / 1e6);
}

await main();
