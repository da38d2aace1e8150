// One export through rondo's compiled command line (dist/server/cli.js), in this process and without
// TypeScript's loader: `rondo export` as a user runs it. bench/exchange.ts --compiled runs it once per
// format and reads the last line, JSON like its own child's: seconds, CPU (every thread, and the main
// thread against the others), peak RSS and the bytes written. The command's modules are loaded first
// (`rondo export --help`); the time is then the command's run: opening the data directory and the
// study, the audit entry and the export.
//
//   node bench/export-cli-child.mjs DATA_DIR OUT -- <rondo export's arguments>
import fs from 'node:fs';
import path from 'node:path';
import { threadSeconds, threadTicks } from './threads.mjs';

const [dataDir, out, dashes, ...exportArgs] = process.argv.slice(2);
if (!dataDir || !out || dashes !== '--') {
  process.stderr.write('usage: node bench/export-cli-child.mjs DATA_DIR OUT -- <rondo export arguments>\n');
  process.exit(2);
}
const cli = new URL('../dist/server/cli.js', import.meta.url);
if (!fs.existsSync(cli)) {
  process.stderr.write('bench: dist/server/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}
const { main } = await import(cli.href);
const io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), env: process.env };
await main(['export', '--help'], { ...io, out: () => {} });

const sizeOf = (p) =>
  fs.statSync(p).isDirectory() ? fs.readdirSync(p).reduce((n, f) => n + sizeOf(path.join(p, f)), 0) : fs.statSync(p).size;

const threads0 = threadTicks();
const t0 = performance.now();
const c0 = process.cpuUsage();
const code = await main(['export', ...exportArgs, '--out', out, '--data', dataDir], io);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
const threads = threadTicks();
if (code !== 0) {
  process.stderr.write(`bench: rondo export ended with ${code}\n`);
  process.exit(1);
}
process.stdout.write(
  `\n${JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    userSeconds: cpu.user / 1e6,
    systemSeconds: cpu.system / 1e6,
    ...threadSeconds(threads0, threads),
    bytes: sizeOf(out),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
