// Bundles the browser code in web/ into dist/web with esbuild: one bundle per entry point,
// minified, ES2022, no source of a third party loaded at run time. Run by `npm install`
// (prepare) and by the test setup.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/web');
const entries = fs
  .readdirSync(path.join(root, 'web'))
  .filter((f) => /^entry-[a-z-]+\.ts$/.test(f))
  .map((f) => path.join(root, 'web', f));

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
if (entries.length) {
  await build({
    entryPoints: entries,
    outdir: out,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
}
for (const f of fs.readdirSync(path.join(root, 'web'))) {
  if (f.endsWith('.css') || f.endsWith('.svg')) fs.copyFileSync(path.join(root, 'web', f), path.join(out, f));
}
console.log(`web assets built in ${path.relative(root, out)} (${entries.length} bundles)`);
