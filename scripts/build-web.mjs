// Bundles the browser code in web/ into dist/web with esbuild: one bundle per entry point,
// minified, ES2022, no source of a third party loaded at run time. Run by `npm install`
// (prepare) and by the test setup.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
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
// Precompressed copies next to each text asset (x.js.br, x.js.gz), served by negotiation on
// Accept-Encoding (server/static-assets.ts): compressed once at build time at the
// highest levels, never per request. Tiny files stay uncompressed.
const COMPRESSIBLE = /\.(js|css|svg|json|map)$/;
const MIN_BYTES = 512;
function textAssets(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return textAssets(p);
    return COMPRESSIBLE.test(e.name) ? [p] : [];
  });
}
let compressed = 0;
for (const file of textAssets(out)) {
  const bytes = fs.readFileSync(file);
  if (bytes.length < MIN_BYTES) continue;
  const br = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const gz = zlib.gzipSync(bytes, { level: zlib.constants.Z_BEST_COMPRESSION });
  if (br.length < bytes.length) fs.writeFileSync(`${file}.br`, br);
  if (gz.length < bytes.length) fs.writeFileSync(`${file}.gz`, gz);
  compressed++;
}
console.log(`web assets built in ${path.relative(root, out)} (${entries.length} bundles, ${compressed} precompressed)`);
