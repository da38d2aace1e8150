import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/start.js';
import { DB_FILE } from '../../server/db/open.js';
import { openApp, removeDir, type OpenApp } from './app.js';
import { addParticipant, createFieldworkStudy, markSubmitted, people } from './fixture.js';
import { freePort, smtpConfig, startSink, type Sink } from './smtp.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DAY = 86_400_000;
const OPEN = new Date('2026-03-02T08:00:00Z');

/**
 * The fieldwork clock: rounds open and close on time, reminders go out on their day, and
 * nothing fires twice — not when a tick repeats, not across a restart, not when two processes
 * tick at the same moment.
 */
describe('the fieldwork scheduler', () => {
  const dirs: string[] = [];
  const apps: OpenApp[] = [];
  const sinks: Sink[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close().catch(() => undefined);
    for (const s of sinks.splice(0)) await s.stop();
    for (const d of dirs.splice(0)) removeDir(d);
  });
  const open = async (dir: string, smtpPort: number | null) => {
    const a = await openApp(dir, { smtp: smtpPort ? smtpConfig(smtpPort) : null });
    apps.push(a);
    return a;
  };
  const tick = async (a: OpenApp, at: Date) => {
    a.setNow(at);
    const r = await a.app.fieldwork.scheduler.tick();
    await a.app.fieldwork.sender.idle();
    return r;
  };
  const count = (a: OpenApp, sql: string, ...args: unknown[]) => (a.data.store.sqlite.prepare(sql).get(...args) as { n: number }).n;

  /** A study whose pre round opens at OPEN, closes 30 days later, with invitations by mail and reminders at 7 and 14 days. */
  async function scheduledStudy(a: OpenApp, n = 5) {
    const study = await createFieldworkStudy(a.data.store.db, people(n));
    const db = a.data.store.sqlite;
    db.prepare('update round set opens_at = ?, closes_at = ? where id = ?').run(
      OPEN.toISOString(),
      new Date(OPEN.getTime() + 30 * DAY).toISOString(),
      study.roundIds.pre,
    );
    db.prepare(
      "insert into round_schedule (round_id, auto_invite, reminder_days, language, updated_at, updated_by) values (?, 1, '[7,14]', null, ?, 'test')",
    ).run(study.roundIds.pre, OPEN.toISOString());
    return study;
  }

  it('opens a round on time, creates invitations for the cohort and sends them once', async () => {
    const sink = await startSink();
    sinks.push(sink);
    const dir = tempDir();
    dirs.push(dir);
    const a = await open(dir, sink.port);
    const study = await scheduledStudy(a);
    expect(await tick(a, new Date(OPEN.getTime() - 60_000))).toMatchObject({ opened: 0, invitationsCreated: 0 });
    expect(await tick(a, new Date(OPEN.getTime() + 60_000))).toMatchObject({ opened: 1, invitationsCreated: 5, mailsQueued: 5 });
    await sink.waitFor(5);
    expect(await tick(a, new Date(OPEN.getTime() + 120_000))).toMatchObject({ opened: 0, invitationsCreated: 0, mailsQueued: 0 });
    expect(count(a, 'select count(*) as n from invitation where round_id = ?', study.roundIds.pre)).toBe(5);
    expect(count(a, "select count(*) as n from fieldwork_event where kind = 'open'")).toBe(1);
    expect(sink.mails).toHaveLength(5);
  });

  it('invites a participant added while the round is open, on the next tick', async () => {
    const sink = await startSink();
    sinks.push(sink);
    const dir = tempDir();
    dirs.push(dir);
    const a = await open(dir, sink.port);
    const study = await scheduledStudy(a, 3);
    await tick(a, new Date(OPEN.getTime() + 60_000));
    await sink.waitFor(3);
    await addParticipant(a.data.store.db, study.studyId, { key: 'LATE', name: 'Laatkomer', email: 'laat@example.nl' });
    expect(await tick(a, new Date(OPEN.getTime() + 2 * DAY))).toMatchObject({ invitationsCreated: 1, mailsQueued: 1 });
    await sink.waitFor(4);
    expect(sink.mails[3].to).toEqual(['laat@example.nl']);
    await tick(a, new Date(OPEN.getTime() + 2 * DAY + 60_000));
    expect(sink.mails).toHaveLength(4);
  });

  it('fires a scheduled reminder once across a restart, also when it was queued but not yet sent', async () => {
    const port = await freePort();
    const dir = tempDir();
    dirs.push(dir);
    let sink = await startSink({ port });
    sinks.push(sink);
    let a = await open(dir, port);
    const study = await scheduledStudy(a, 4);
    await tick(a, new Date(OPEN.getTime() + 60_000));
    await sink.waitFor(4);
    await markSubmitted(a.data.store.db, study.participantIds.P01, study.roundIds.pre, new Date(OPEN.getTime() + DAY));
    await sink.stop(); // the SMTP server is away when the reminders fall due

    const due = new Date(OPEN.getTime() + 7 * DAY + 3_600_000);
    expect(await tick(a, due)).toMatchObject({ mailsQueued: 3 });
    expect(count(a, "select count(*) as n from outbox where status = 'queued'")).toBe(3);
    await a.close(); // restart
    apps.splice(apps.indexOf(a), 1);

    sink = await startSink({ port });
    sinks.push(sink);
    a = await open(dir, port);
    // Before the paused batch's retry time nothing is sent; after it, each reminder once.
    await tick(a, new Date(due.getTime() + 60_000));
    expect(sink.mails).toHaveLength(0);
    expect(await tick(a, new Date(due.getTime() + 6 * 60_000))).toMatchObject({ mailsQueued: 0, resumedBatches: 1 });
    await sink.waitFor(3);
    await tick(a, new Date(due.getTime() + 10 * 60_000));
    await a.close(); // and another restart, later the same day
    apps.splice(apps.indexOf(a), 1);
    a = await open(dir, port);
    await tick(a, new Date(due.getTime() + 5 * 3_600_000));
    await a.app.fieldwork.sender.idle();
    expect(sink.mails.map((m) => m.to[0]).sort()).toEqual(['p2@example.nl', 'p3@example.nl', 'p4@example.nl']);
    expect(sink.mails.every((m) => m.subject.startsWith('Herinnering'))).toBe(true);
    expect(count(a, "select count(*) as n from outbox o join mail_batch b on b.id = o.batch_id where b.kind = 'reminder'")).toBe(3);
  });

  it('never fires twice when two processes tick at the same moment', async () => {
    const sink = await startSink();
    sinks.push(sink);
    const dir = tempDir();
    dirs.push(dir);
    const a = await open(dir, sink.port);
    await scheduledStudy(a, 6);
    await a.close();
    apps.splice(0);
    // Bundled inside the project so that its packages resolve from node_modules.
    const script = path.resolve(HERE, `../../node_modules/.cache/rondo-fieldwork/tick-process-${process.pid}.mjs`);
    await build({
      entryPoints: [path.join(HERE, 'tick-process.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
      absWorkingDir: path.resolve(HERE, '../..'),
    });
    const race = async (at: Date) => {
      const children = [0, 1].map(() =>
        spawn(process.execPath, [script, dir, String(sink.port), at.toISOString()], {
          stdio: ['pipe', 'pipe', 'inherit'],
          cwd: path.resolve(HERE, '../..'),
        }),
      );
      const lines = children.map((c) => readline.createInterface({ input: c.stdout! }));
      const next = (i: number) => new Promise<string>((resolve) => lines[i].once('line', resolve));
      await Promise.all(children.map((_, i) => next(i))); // both are ready …
      const results = children.map((_, i) => next(i));
      for (const c of children) c.stdin!.write('go\n'); // … and tick at once
      return (await Promise.all(results)).map((l) => JSON.parse(l));
    };
    const opening = await race(new Date(OPEN.getTime() + 60_000));
    expect(opening.map((r) => r.opened).sort()).toEqual([0, 1]);
    await sink.waitFor(6);
    await race(new Date(OPEN.getTime() + 7 * DAY + 60_000));
    await sink.waitFor(12);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails).toHaveLength(12);
    expect(new Set(sink.mails.map((m) => `${m.to[0]} ${m.subject}`)).size).toBe(12);
    fs.rmSync(script, { force: true });
    const db = new SQLite(path.join(dir, DB_FILE), { readonly: true });
    expect(db.prepare("select count(*) as n from audit_log where action = 'round.open'").get()).toEqual({ n: 1 });
    expect(db.prepare("select count(*) as n from fieldwork_event where kind = 'open'").get()).toEqual({ n: 1 });
    expect(db.prepare("select count(*) as n from outbox where status = 'sent'").get()).toEqual({ n: 12 });
    db.close();
  });

  it('closes a round on time and cancels what is still waiting for it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const a = await open(dir, await freePort()); // nobody answers there: mail stays queued
    const study = await scheduledStudy(a, 3);
    await tick(a, new Date(OPEN.getTime() + 60_000));
    expect(count(a, "select count(*) as n from outbox where status = 'queued'")).toBe(3);
    const r = await tick(a, new Date(OPEN.getTime() + 31 * DAY));
    expect(r.closed).toBe(1);
    expect(count(a, "select count(*) as n from outbox where status = 'cancelled'")).toBe(3);
    expect(count(a, "select count(*) as n from mail_batch where status = 'cancelled'")).toBe(1);
    expect(count(a, "select count(*) as n from audit_log where action = 'round.close' and actor = 'system'")).toBe(1);
    expect(await tick(a, new Date(OPEN.getTime() + 32 * DAY))).toMatchObject({ closed: 0, mailsQueued: 0 });
    // No reminders in a closed round.
    expect(count(a, "select count(*) as n from outbox o join mail_batch b on b.id = o.batch_id where b.kind = 'reminder'")).toBe(0);
    expect(count(a, 'select count(*) as n from invitation where round_id = ? and sent_at is null', study.roundIds.pre)).toBe(3);
  });

  it('runs in a serving rondo and stops when it closes', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const running = await startServer(
      loadConfig({}, { dataDir: dir, port: 0, host: '127.0.0.1', demo: false, logLevel: 'silent', smtp: null }),
      { quiet: true },
    );
    expect(running.app.fieldwork.scheduler.running).toBe(true);
    await running.close();
    expect(running.app.fieldwork.scheduler.running).toBe(false);
  });

  it('leaves rounds without a schedule alone', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const a = await open(dir, null);
    await createFieldworkStudy(a.data.store.db, people(3));
    expect(await tick(a, new Date('2026-01-01T00:00:00Z'))).toMatchObject({ opened: 0, closed: 0, invitationsCreated: 0, mailsQueued: 0 });
    expect(count(a, 'select count(*) as n from invitation')).toBe(0);
  });
});
