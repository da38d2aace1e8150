import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the web bundles and the compiled server once before the tests, so browser tests see the
 * current browser code and tests that start `bin/rondo.mjs` in a child process run the current
 * server (production runs the same compiled JavaScript).
 */
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web.mjs')], { stdio: 'pipe' });
  execFileSync(process.execPath, [path.join(root, 'scripts/build-server.mjs')], { stdio: 'pipe' });
}
