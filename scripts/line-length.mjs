#!/usr/bin/env node
// The line-length rule, run by `npm run lint`: no source line over 140 characters.
//
// Biome's formatter wraps code at 140 (biome.json), but it leaves strings, template literals
// and comments alone, and Biome has no line-length lint rule; this script is that rule. Lines
// that were already longer when the rule came in are counted per file in
// scripts/line-length-baseline.json: a file may never gain one, and the counts only go down
// (`--update` lowers them after lines are shortened, and refuses to raise one).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX = 140;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baselineFile = path.join(root, 'scripts/line-length-baseline.json');
const update = process.argv.includes('--update');

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mts', '*.mjs', '*.js'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && fs.existsSync(path.join(root, f)));
const baseline = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) : {};

const counts = {};
const offenders = [];
for (const file of files) {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  const long = lines.flatMap((l, i) => ([...l].length > MAX ? [i + 1] : []));
  if (!long.length) continue;
  counts[file] = long.length;
  if (long.length > (baseline[file] ?? 0))
    offenders.push(`${file}: ${long.length} lines over ${MAX} characters (allowed ${baseline[file] ?? 0}): lines ${long.join(', ')}`);
}

if (update) {
  const raised = Object.keys(counts).filter((f) => counts[f] > (baseline[f] ?? 0) && fs.existsSync(baselineFile));
  if (raised.length) {
    console.error(`line-length: --update lowers counts only; shorten the lines in ${raised.join(', ')}`);
    process.exit(1);
  }
  const sorted = Object.fromEntries(
    Object.keys(counts)
      .sort()
      .map((f) => [f, counts[f]]),
  );
  fs.writeFileSync(baselineFile, JSON.stringify(sorted, null, 2) + '\n');
  console.log(
    `line-length: baseline written, ${Object.values(counts).reduce((a, b) => a + b, 0)} long lines in ${Object.keys(counts).length} files`,
  );
  process.exit(0);
}
if (offenders.length) {
  console.error(`line-length: lines over ${MAX} characters (wrap them; strings can be split with +):\n${offenders.join('\n')}`);
  process.exit(1);
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`line-length: ok (${total} older long lines left in ${Object.keys(counts).length} files; the baseline only goes down)`);
