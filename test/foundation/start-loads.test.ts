import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';

/**
 * What the compiled CLI (bin/rondo.mjs, what `npm start` runs) loads before it has work to do
 * (issue 21, deliverable 5): `rondo --help` no command and no package, `rondo serve` on a data
 * directory that holds the demo none of the code that only some requests or the first start need
 * (mail, single sign-on, PDF, the export producers, the demo),
 * and no Intl formatter (the first one reads megabytes of ICU data). Each loaded source file is
 * read from the chunks the process parsed: esbuild starts every module in a chunk with a
 * `// path/of/the/source.ts` line.
 */
const BIN = path.resolve('bin/rondo.mjs');
const PRELOAD = path.resolve('test/helpers/loaded-scripts.mjs');
const SERVER_DIST = path.resolve('dist/server');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const env = (out: string) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RONDO_') && k !== 'PORT')),
  RONDO_LOG_LEVEL: 'warn',
  TEST_LOADED_SCRIPTS: out,
});

interface Loaded {
  /** Source files in the compiled chunks parsed, and files parsed from node_modules, relative to the root. */
  sources: string[];
  intl: string[];
}

function loaded(out: string): Loaded {
  const { scripts, intl } = JSON.parse(fs.readFileSync(out, 'utf8')) as { scripts: string[]; intl: string[] };
  const sources = new Set<string>();
  for (const url of scripts) {
    const file = url.startsWith('file:') ? new URL(url).pathname : url;
    if (file.startsWith(`${SERVER_DIST}/`) && file.endsWith('.js')) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/^\/\/ ((?:node_modules|server|model|analysis|content|migrations)\/\S+)$/gm))
        sources.add(m[1]);
    } else if (file.includes('/node_modules/')) sources.add(file.slice(file.lastIndexOf('/node_modules/') + 1));
  }
  return { sources: [...sources], intl };
}

/** The packages among loaded sources: node_modules/<name> or node_modules/@scope/<name>. */
const packages = (sources: string[]) =>
  [...new Set(sources.flatMap((s) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)?.[1] ?? []))].sort();

describe('what the compiled CLI loads', () => {
  it('rondo --help loads no command and no package', () => {
    const out = path.join(tempDir('rondo-loads-'), 'loaded.json');
    dirs.push(path.dirname(out));
    const r = spawnSync(process.execPath, ['--import', PRELOAD, BIN, '--help'], { env: env(out), encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('rondo <command>');
    const { sources, intl } = loaded(out);
    expect(sources).toContain('server/cli/index.ts');
    expect(sources.filter((s) => !['server/cli/index.ts', 'server/cli/command.ts'].includes(s))).toEqual([]);
    expect(intl).toEqual([]);
  });

  it('rondo serve on a data directory with the demo loads only what serving needs, and makes no Intl object', async () => {
    const data = tempDir('rondo-loads-');
    dirs.push(data);
    const out = path.join(data, 'loaded.json');
    expect(spawnSync(process.execPath, [BIN, 'demo', '--data', data], { env: env(out), timeout: 60_000 }).status).toBe(0);
    const child = spawn(process.execPath, ['--import', PRELOAD, BIN, 'serve', '--data', data, '--port', '0', '--host', '127.0.0.1'], {
      env: env(out),
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      let text = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (b) => {
          text += b;
          const m = /is running at (http:\/\/\S+)/.exec(text);
          if (m) resolve(m[1]);
        });
        child.stderr.on('data', (b) => (text += b));
        void exited.then((code) => reject(new Error(`server exited with ${code}: ${text}`)));
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      fs.rmSync(out, { force: true });
      child.kill('SIGUSR2');
      for (let i = 0; i < 100 && !fs.existsSync(out); i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const { sources, intl } = loaded(out);
    expect(sources).toEqual(expect.arrayContaining(['server/app.ts', 'server/routes/index.ts', 'node_modules/fastify/fastify.js']));
    // Mail, legacy encodings, single sign-on, the QR encoder and the PDF renderer's driver load at first use.
    for (const p of ['nodemailer', 'iconv-lite', 'openid-client', 'oauth4webapi', 'qrcode-generator', 'playwright-core'])
      expect(packages(sources)).not.toContain(p);
    // The demo's code is read only by the start that creates it; a migration's only when it is pending.
    expect(sources.filter((s) => /^(content\/demo\/|migrations\/|server\/studies\/demo|server\/programmes\/demo)/.test(s))).toEqual([]);
    // The export producers (CSV, .sav, .xlsx, zip) load at the first download.
    expect(
      sources.filter((s) =>
        /^server\/exchange\/(export|long|wide|round|zip|spss|r-script|codebook|sav\/|xlsx\/export|xlsx\/workbook)/.test(s),
      ),
    ).toEqual([]);
    expect(intl).toEqual([]);
  });
});
