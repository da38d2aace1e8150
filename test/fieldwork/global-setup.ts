import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts/build-web.mjs')], { stdio: 'pipe' });
  } catch (err) {
    const text = String((err as { stderr?: Buffer }).stderr ?? err).split('\n').find((l) => l.includes('ERROR')) ?? 'unknown error';
    process.stderr.write(`web build failed (${text.trim()}); server tests run, browser tests may fail\n`);
  }
}
