// Where a server's CPU went: the self time of a .cpuprofile (bench/respondent.ts --profile DIR writes one per
// server process) summed by file or package and by function, largest first, with the milliseconds per request
// when --requests N is given (the count the benchmark reported for that server).
//
//   node bench/profile-summary.mjs DIR/CPU.….cpuprofile [--top 40] [--requests N]
//
// Native work a JavaScript function calls (SQLite's statements, JSON.parse) counts as that function's self time.
import fs from 'node:fs';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs FILE.cpuprofile [--top 40] [--requests N]\n');
  process.exit(2);
}
const option = (name, fallback) => (rest.includes(`--${name}`) ? Number(rest[rest.indexOf(`--${name}`) + 1]) : fallback);
const top = option('top', 40);
const requests = option('requests', 0);

const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfTime = new Map();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + profile.timeDeltas[i]));

const byFile = new Map();
const byFunction = new Map();
let total = 0;
for (const [id, micros] of selfTime) {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  const where = url.replace(/^.*node_modules\//, 'node_modules/').replace(/^file:\/\/.*?\/(server|model|bench|web)\//, '$1/');
  const pkg = where.startsWith('node_modules/')
    ? where
        .split('/')
        .slice(0, where.startsWith('node_modules/@') ? 3 : 2)
        .join('/')
    : where;
  const add = (map, key) => map.set(key, (map.get(key) ?? 0) + micros);
  add(byFile, pkg || functionName);
  add(byFunction, `${functionName || '(anonymous)'} ${where}${where ? `:${lineNumber + 1}` : ''}`);
  total += micros;
}

const show = (title, map) => {
  process.stdout.write(`${title}\n`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const share = `${((micros / total) * 100).toFixed(1)}%`.padStart(6);
    const ms = `${(micros / 1000).toFixed(0)} ms`.padStart(9);
    const each = requests ? `${(micros / requests).toFixed(1)} µs/request`.padStart(17) : '';
    process.stdout.write(`${share}${ms}${each}  ${name}\n`);
  }
};
process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
show('by file or package:', byFile);
show('by function:', byFunction);
