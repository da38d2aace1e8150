#!/usr/bin/env node
// Runs one benchmark: `node bin/bench.mjs <name> [options]` runs bench/<name>.ts through tsx's
// loader (as bin/rondo-source.mjs runs the CLI; tsx is a dev dependency), passing the options on.
// Figures go in docs/benchmarks.md.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bench');
const available = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: node bin/bench.mjs <name> [options]\nbenchmarks: ${available.join(', ')}\n`);
  process.exit(2);
}
register();
const file = path.join(benchDir, `${name}.ts`);
process.argv = [process.argv[0], file, ...rest];
await import(pathToFileURL(file).href);
