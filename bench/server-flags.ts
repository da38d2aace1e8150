import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Node flags `npm start` runs rondo's server with (package.json's start script, `node [flags]
 * bin/rondo.mjs serve`). The benches that start the server pass them too, so they measure the
 * server as it runs; the Dockerfile and the deploy guide's unit carry the same flags
 * (test/foundation/server-flags.test.ts).
 */
export function serverNodeFlags(): string[] {
  const start = String(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start);
  const words = start.trim().split(/\s+/);
  const bin = words.indexOf('bin/rondo.mjs');
  if (words[0] !== 'node' || bin < 0 || words[bin + 1] !== 'serve') {
    throw new Error(`package.json's start script is not "node [flags] bin/rondo.mjs serve": ${start}`);
  }
  return words.slice(1, bin);
}
