import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/app.js';

export const BIN = path.resolve('bin/rondo.mjs');

/** The environment without any RONDO_* setting of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RONDO_') && k !== 'PORT'));
  return { ...clean, RONDO_LOG_LEVEL: 'warn', RONDO_DEMO: '0', ...extra };
}

/** Runs the CLI as a user would, in a child process. */
export function rondo(
  args: string[],
  env: Record<string, string> = {},
  timeout = 60_000,
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: cleanEnv(env), encoding: 'utf8', timeout });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export interface ChildServer {
  child: ChildProcess;
  /** http://127.0.0.1:PORT — the tests talk to the loopback address only. */
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `rondo serve --port 0` on a data directory and resolves once it prints its address. */
export function serve(dataDir: string, env: Record<string, string> = {}, timeoutMs = 30_000): Promise<ChildServer> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', '0', '--host', '127.0.0.1'], { env: cleanEnv(env) });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms: ${out}`));
    }, timeoutMs);
    child.stdout!.on('data', (b) => {
      out += b;
      const m = /is running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}`, output: () => out, exited });
      }
    });
    child.stderr!.on('data', (b) => (out += b));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it started: ${out}`));
    });
  });
}

/** SIGKILL: no shutdown hooks, no checkpoint, the process is simply gone. */
export async function kill9(s: ChildServer): Promise<void> {
  s.child.kill('SIGKILL');
  await s.exited;
}

export async function stop(s: ChildServer): Promise<number | null> {
  s.child.kill('SIGTERM');
  return s.exited;
}

/** Temporary directories for one test file, removed by `cleanUp`. */
export function tempDirs() {
  const dirs: string[] = [];
  return {
    make(prefix = 'rondo-trust-'): string {
      const d = tempDir(prefix);
      dirs.push(d);
      return d;
    },
    cleanUp(): void {
      for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}
