import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { tempDir } from '../helpers/app.js';

const BIN = path.resolve('bin/rondo.mjs');
const dirs: string[] = [];
const dir = () => {
  const d = tempDir('rondo-cli-');
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Runs the CLI as a user would, in a child process, with a clean RONDO_* environment. */
function rondo(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RONDO_') && k !== 'PORT'));
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...clean, RONDO_LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts `rondo serve` and resolves once it prints its address. */
function serve(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RONDO_') && k !== 'PORT'));
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', '0'], {
    env: { ...clean, RONDO_LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (b) => {
      out += b;
      const m = /is running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], out: () => out });
      }
    });
    child.stderr!.on('data', (b) => (out += b));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('rondo serve', () => {
  it('creates the demo study and an admin account once, and a second start duplicates nothing', async () => {
    const d = dir();
    const first = await serve(d);
    expect(first.out()).toContain('created the demo study "1000 Kansen — IMH training"');
    const password = /password: (\S+)/.exec(first.out())?.[1];
    expect(password).toMatch(/^[A-Za-z0-9-]{20,}$/);
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });
    const login = await fetch(`${first.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@rondo.local', password }),
    });
    expect(login.status).toBe(200);
    expect(await stop(first.child)).toBe(0);

    const second = await serve(d);
    expect(second.out()).not.toContain('created the demo study');
    expect(second.out()).not.toMatch(/password: /);
    expect(await stop(second.child)).toBe(0);

    const db = new SQLite(path.join(d, 'rondo.sqlite'), { readonly: true });
    // Issue 17: the demo also has three IMH networks (two member accounts each, 33 participants) and the
    // demo programme's regional representative, besides 1000 Kansen (34 participants) and the administrator.
    expect(db.prepare('select count(*) n from study').get()).toEqual({ n: 4 });
    expect(db.prepare('select count(*) n from user').get()).toEqual({ n: 8 });
    expect(db.prepare('select count(*) n from participant').get()).toEqual({ n: 67 });
    expect(db.prepare('select count(*) n from programme').get()).toEqual({ n: 1 });
    // Its representative, and the administrator as its coordinator.
    expect(db.prepare('select role from programme_member order by role').pluck().all()).toEqual(['coordinator', 'representative']);
    db.close();
  });

  it('never stores the admin password in clear text', async () => {
    const d = dir();
    const s = await serve(d);
    const password = /password: (\S+)/.exec(s.out())![1];
    await stop(s.child);
    const bytes = fs.readFileSync(path.join(d, 'rondo.sqlite'));
    expect(bytes.includes(Buffer.from(password))).toBe(false);
  });

  it('skips the demo study with --no-demo', async () => {
    const d = dir();
    const s = await serve(d, { RONDO_DEMO: '0' });
    expect(s.out()).not.toContain('demo study');
    await stop(s.child);
  });

  it('stops with a message naming a bad PORT', () => {
    const r = rondo(['serve', '--data', dir()], { PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('rondo serve: PORT: "eighty" is not a port number (0–65535)');
  });

  it('stops with a message naming an unknown setting', () => {
    const r = rondo(['serve', '--data', dir()], { RONDO_DATADIR: '/tmp/x' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^rondo serve: RONDO_DATADIR: unknown setting/);
  });

  it('stops with a clear message when the database file is not SQLite', () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'rondo.sqlite'), 'not a database at all, just text');
    const r = rondo(['serve', '--data', d, '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not an SQLite database; rondo left it unchanged/);
    expect(fs.readFileSync(path.join(d, 'rondo.sqlite'), 'utf8')).toBe('not a database at all, just text');
  });
});

describe('the rondo CLI', () => {
  it('lists its commands with --help', () => {
    const r = rondo(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['serve', 'demo', 'migrate', 'backup', 'user']) expect(r.out).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('explains every command with --help', () => {
    for (const c of ['serve', 'demo', 'migrate', 'backup', 'user']) {
      const r = rondo([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.out, c).toMatch(new RegExp(`^rondo ${c}`));
    }
  });

  it('refuses an unknown command and an unknown option with one line and a non-zero exit', () => {
    const unknown = rondo(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err.trim()).toBe('rondo: unknown command "frobnicate"; see rondo --help');
    const option = rondo(['migrate', '--colour']);
    expect(option.code).toBe(2);
    expect(option.err.trim().split('\n')).toHaveLength(1);
    expect(option.err).toContain('--colour');
  });

  it('creates the demo once in a data directory', () => {
    const d = dir();
    expect(rondo(['demo', '--data', d]).out).toContain('created the demo study');
    const again = rondo(['demo', '--data', d]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('already exists; nothing changed');
  });

  it('migrates, and says so when there is nothing to do', () => {
    const d = dir();
    expect(rondo(['migrate', '--data', d]).out).toMatch(/^applied /);
    expect(rondo(['migrate', '--data', d]).out.trim()).toBe('the database is up to date');
  });

  it('adds a user with a role and a generated password, and refuses bad input', () => {
    const d = dir();
    rondo(['demo', '--data', d]);
    // With the demo networks there is more than one study: name it.
    const ok = rondo(['user', 'add', '--email', 'Trainer@Example.nl', '--role', 'trainer', '--study', '1000-kansen', '--data', d]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/created trainer@example.nl as trainer of 1000-kansen\npassword \(shown once\): \S{20,}/);
    expect(rondo(['user', 'add', '--email', 'trainer@example.nl', '--role', 'trainer', '--study', '1000-kansen', '--data', d]).err).toMatch(
      /already exists/,
    );
    expect(rondo(['user', 'add', '--email', 'x@example.nl', '--role', 'boss', '--data', d])).toMatchObject({ code: 2 });
    expect(rondo(['user', 'add', '--email', 'not an address', '--role', 'manager', '--study', '1000-kansen', '--data', d]).err).toMatch(
      /not a valid e-mail address/,
    );
  });

  it('takes an online backup while the server runs', async () => {
    const d = dir();
    const s = await serve(d);
    const out = path.join(dir(), 'backup.sqlite');
    const r = rondo(['backup', '--out', out, '--data', d]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/integrity ok/);
    const db = new SQLite(out, { readonly: true });
    expect(db.prepare('select count(*) n from participant').get()).toEqual({ n: 67 });
    db.close();
    expect(rondo(['backup', '--out', out, '--data', d]).err).toMatch(/already exists/);
    await stop(s.child);
  });
});
