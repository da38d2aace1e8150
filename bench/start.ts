import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FACTSHEET_CHROMIUM_ARGS } from '../server/factsheet/pdf.js';
import { serverNodeFlags } from './server-flags.js';

/**
 * Benchmark of rondo's start (issue 21): each figure is the wall time of a fresh process, as an
 * operator or a script meets it.
 *
 * - start → /healthz: `rondo serve` on a data directory that already holds the demo, from spawn
 *   to the first 200 of /healthz;
 * - idle memory: the server's resident set one second after that;
 * - first start → /healthz: the same on an empty data directory (creates the demo and an admin);
 * - `rondo --help`;
 * - the demo factsheet: `rondo factsheet --study 1000-kansen --lang nl --out F.pdf` (Chromium).
 *
 * It runs the compiled CLI (bin/rondo.mjs, what `npm start` runs) and, in the same run and
 * interleaved with it, the TypeScript source through tsx (bin/rondo-source.mjs, what `npm run dev`
 * runs), so a busy machine slows both alike; `serve` gets npm start's Node flags in both
 * (bench/server-flags.ts). The bare baseline runs in the same turns: a Fastify + better-sqlite3
 * server and nothing else (bench/bare-start.mjs) for the start and the idle memory, and Node
 * alone (`node -e ''`) for `--help`, and Chromium alone printing a one-line page to PDF for the
 * factsheet; the report gives rondo/bare for each (the figures of one
 * machine are not another's: the ratios travel). `--bin FILE` times another entry instead (e.g. an
 * older checkout's bin/rondo.mjs). Prints the median and the range of --runs runs (default 5),
 * and the median CPU time of the process (user + system, all threads, from /proc): on a machine
 * that other work keeps busy the wall clock says little, the CPU time much more.
 *
 *   npm run bench -- start [--runs N] [--bin FILE]… [--no-pdf] [--port N]
 *
 * `--port N` starts the servers on port N (one at a time) instead of a free port the system picks.
 */
const { values } = parseArgs({
  options: { runs: { type: 'string' }, bin: { type: 'string', multiple: true }, 'no-pdf': { type: 'boolean' }, port: { type: 'string' } },
  allowPositionals: false,
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(values.runs ?? 5);
const entries = values.bin?.length
  ? values.bin.map((b) => ({ name: path.relative(root, path.resolve(b)) || b, bin: path.resolve(b) }))
  : [
      { name: 'compiled (bin/rondo.mjs)', bin: path.join(root, 'bin/rondo.mjs') },
      { name: 'source through tsx (bin/rondo-source.mjs)', bin: path.join(root, 'bin/rondo-source.mjs') },
    ];
const CHROMIUM = '/usr/bin/chromium';
const pdf = !values['no-pdf'] && fs.existsSync(CHROMIUM);
const BARE = path.join(root, 'bench/bare-start.mjs');

/** The environment of an operator's shell, without this shell's rondo settings. */
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RONDO_') && k !== 'PORT')),
  RONDO_LOG_LEVEL: 'warn',
};

interface Timing {
  wall: number;
  cpu: number;
}

const TICK = 10; // ms per clock tick in /proc (USER_HZ = 100 on Linux)

/** CPU time of a process from /proc/PID/stat: user + system of all its threads, in ms. */
function cpuOf(pid: number | 'self', children = false): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime are fields 14 and 15 of stat(5), cutime and cstime (waited-for children) 16 and 17.
  const [u, s] = children ? [fields[13], fields[14]] : [fields[11], fields[12]];
  return (Number(u) + Number(s)) * TICK;
}

/** Runs `node bin args` (`node args` for a null bin) to its end: wall and CPU time. */
function run(bin: string | null, args: string[]): Timing {
  return runExecutable(process.execPath, bin === null ? args : [bin, ...args]);
}

/** Runs a program to its end: wall time, and CPU time with its children's. */
function runExecutable(file: string, args: string[]): Timing {
  const c0 = cpuOf('self', true);
  const t0 = performance.now();
  const r = spawnSync(file, args, { env, encoding: 'utf8', timeout: 120_000 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return { wall, cpu: cpuOf('self', true) - c0 };
}

/**
 * The factsheet's bare baseline: Chromium alone, with the factsheet's switches, printing a one-line
 * page to PDF (`--print-to-pdf`) and exiting: the least any PDF drawn by Chromium costs on this machine.
 */
function bareChromiumPdf(dir: string): Timing {
  const page = path.join(dir, 'page.html');
  fs.writeFileSync(page, '<!doctype html><meta charset="utf-8"><title>x</title><p>Een regel.</p>');
  const profile = fs.mkdtempSync(path.join(dir, 'profile-'));
  try {
    return runExecutable(CHROMIUM, [
      ...FACTSHEET_CHROMIUM_ARGS,
      `--user-data-dir=${profile}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${path.join(dir, 'bare.pdf')}`,
      pathToFileURL(page).href,
    ]);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Starts `rondo serve`, waits for /healthz, reads the resident set after a second idle, stops it. */
async function serve(bin: string, dataDir: string): Promise<{ healthz: Timing; rssMb: number }> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [...serverNodeFlags(), bin, 'serve', '--data', dataDir, '--port', values.port ?? '0', '--host', '127.0.0.1'],
    { env },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 60 s: ${out}`)), 60_000);
      child.stdout.on('data', (b) => {
        out += b;
        const m = /is running at (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.stderr.on('data', (b) => (out += b));
      void exited.then((code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    const health = await fetch(`${url}/healthz`);
    if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
    await health.arrayBuffer();
    const healthz = { wall: performance.now() - t0, cpu: cpuOf(child.pid!) };
    await new Promise((r) => setTimeout(r, 1000));
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssMb = Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
    return { healthz, rssMb };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

type Figure = 'start → /healthz' | 'idle memory (MB)' | 'first start → /healthz' | 'rondo --help' | 'demo factsheet PDF';
const figures: Figure[] = [
  'start → /healthz',
  'idle memory (MB)',
  'first start → /healthz',
  'rondo --help',
  ...(pdf ? (['demo factsheet PDF'] as const) : []),
];
const results = entries.map(() => new Map<Figure, Timing[]>(figures.map((f) => [f, []])));
// The bare baseline's figures: the bare server's start and idle memory, Node's own start for
// --help, Chromium printing a one-line page for the factsheet.
const bare = new Map<Figure, Timing[]>([
  ['start → /healthz', []],
  ['idle memory (MB)', []],
  ['rondo --help', []],
]);
if (pdf) bare.set('demo factsheet PDF', []);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-bench-start-'));
try {
  // One data directory with the demo per entry, made before timing (the first start of each is
  // also what loads the entry's files into the page cache).
  const demoDirs = entries.map((e, i) => {
    const d = path.join(work, `demo-${i}`);
    run(e.bin, ['demo', '--data', d]);
    return d;
  });
  for (let r = 0; r < runs; r++) {
    for (const [i, e] of entries.entries()) {
      const into = results[i];
      const warm = await serve(e.bin, demoDirs[i]);
      into.get('start → /healthz')!.push(warm.healthz);
      into.get('idle memory (MB)')!.push({ wall: warm.rssMb, cpu: NaN });
      const first = fs.mkdtempSync(path.join(work, 'first-'));
      into.get('first start → /healthz')!.push((await serve(e.bin, first)).healthz);
      fs.rmSync(first, { recursive: true, force: true });
      into.get('rondo --help')!.push(run(e.bin, ['--help']));
      if (i === 0) {
        const b = await serve(BARE, path.join(work, 'bare'));
        bare.get('start → /healthz')!.push(b.healthz);
        bare.get('idle memory (MB)')!.push({ wall: b.rssMb, cpu: NaN });
        bare.get('rondo --help')!.push(run(null, ['-e', '']));
        if (pdf) bare.get('demo factsheet PDF')!.push(bareChromiumPdf(work));
      }
      if (pdf)
        into
          .get('demo factsheet PDF')!
          .push(
            run(e.bin, ['factsheet', '--data', demoDirs[i], '--study', '1000-kansen', '--lang', 'nl', '--out', path.join(work, 'f.pdf')]),
          );
    }
    process.stderr.write(`run ${r + 1}/${runs} done\n`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cell = (f: Figure, ts: Timing[]) => {
  const xs = ts.map((t) => t.wall);
  const range = `${Math.round(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;
  return f === 'idle memory (MB)' ? range : `${range} ms, CPU ${Math.round(median(ts.map((t) => t.cpu)))} ms`;
};
const ratio = (f: Figure) => {
  const a = median(results[0].get(f)!.map((t) => t.wall));
  const b = median(bare.get(f)!.map((t) => t.wall));
  return `${(a / b).toFixed(1)}×`;
};
const bareCell = (f: Figure) => (bare.has(f) ? cell(f, bare.get(f)!) : '–');
const lines = [
  `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism?.() ?? os.cpus().length}, Node ${process.version}, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
  `wall clock: median (min–max) of ${runs} runs; CPU: median${pdf ? '' : '; no PDF (Chromium missing or --no-pdf)'}`,
  '',
  `| figure | ${entries.map((e) => e.name).join(' | ')} | ` +
    'bare (Fastify + better-sqlite3; --help: Node alone; PDF: Chromium printing one line) |',
  `|---|${entries.map(() => '---|').join('')}---|`,
  ...figures.map((f) => `| ${f} | ${results.map((r) => cell(f, r.get(f)!)).join(' | ')} | ${bareCell(f)} |`),
  '',
  `${entries[0].name} / bare, same run: start → /healthz ${ratio('start → /healthz')}, ` +
    `idle memory ${ratio('idle memory (MB)')}, --help ${ratio('rondo --help')}` +
    (pdf ? `, demo factsheet PDF ${ratio('demo factsheet PDF')}` : ''),
];
process.stdout.write(lines.join('\n') + '\n');
