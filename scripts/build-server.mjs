// Compiles the server and the command line from TypeScript into JavaScript in dist/server with
// esbuild, so that production runs plain JavaScript and no TypeScript loader (bin/rondo.mjs runs
// dist/server/cli.js). Run by `npm install` / `npm ci` (prepare, also with --omit=dev: esbuild is
// a production dependency) and by the test setup, so tests that start the CLI run the current code.
//
// - One ES module bundle from server/cli/index.ts, split into chunks at every dynamic import(),
//   so a command, the PDF renderer or an export is read only when it is used. The chunks sit
//   directly in dist/server, beside cli.js: server/paths.ts finds the package root from there.
// - The packages from node_modules are bundled too: Node then reads a few large files instead
//   of some two thousand small ones (kysely, TypeBox and Fastify are hundreds of modules each),
//   which halves the CPU time of a start. One stays external: better-sqlite3 (native code).
// - Files read at run time as they are (the common-password list, the SQL worker, package.json,
//   dist/web, the Arimo fonts) are found through server/paths.ts or node_modules, not copied.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/server');

// The migrations are entry points of their own, dist/server/migrations/<name>.js: the server
// loads them by name from that folder (server/db/migrate.ts). Built together with the server,
// they share its chunks (kysely) instead of each carrying a copy.
const migrations = fs.readdirSync(path.join(root, 'migrations')).filter((f) => /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/.test(f));
const { outputFiles } = await build({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS packages in the bundle call require(): give each ES module output one.
  banner: {
    js: "import { createRequire as __rondoCreateRequire } from 'node:module';\nconst require = __rondoCreateRequire(import.meta.url);",
  },
  // For `node --enable-source-maps`: stack traces that name the TypeScript source lines.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  entryPoints: {
    cli: path.join(root, 'server/cli/index.ts'),
    ...Object.fromEntries(migrations.map((f) => [`migrations/${f.replace(/\.ts$/, '')}`, path.join(root, 'migrations', f)])),
  },
  // Native code.
  external: ['better-sqlite3'],
  outdir: out,
  splitting: true,
  chunkNames: '[name]-[hash]',
  write: false,
});

// V8 keeps a module's source text for as long as the module lives (it compiles each function from
// it when first called), and keeps a string with one character beyond Latin-1 at two bytes per
// character. esbuild's ASCII charset (its default) escapes strings, templates, regular expressions
// and names, but not the comments it keeps (doc comments inside expressions, licence notes): one
// '—' in a comment made the 2.8 MB chunk of `rondo serve` a 5.5 MB string in the heap. Each such
// character becomes '?', one per UTF-16 unit, so the columns of the source maps stay right.
for (const file of outputFiles) {
  if (!file.path.endsWith('.js') || !/[^\x00-\x7f]/.test(file.text)) continue;
  file.contents = Buffer.from(file.text.replace(/[^\x00-\x7f]/g, '?'), 'latin1');
}

// Written file by file, each through a rename, and only when it changed; files of an earlier build
// are removed last. A server or a test run that is using dist/server meanwhile (a second test run
// in the same checkout) never reads a half-written or missing file of an unchanged build.
let written = 0;
for (const file of outputFiles) {
  if (fs.existsSync(file.path) && Buffer.compare(fs.readFileSync(file.path), file.contents) === 0) continue;
  fs.mkdirSync(path.dirname(file.path), { recursive: true });
  const tmp = `${file.path}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, file.contents);
  fs.renameSync(tmp, file.path);
  written++;
}
const keep = new Set(outputFiles.map((f) => f.path));
for (const entry of fs.readdirSync(out, { recursive: true, withFileTypes: true })) {
  const file = path.join(entry.parentPath ?? entry.path, entry.name);
  if (entry.isFile() && !keep.has(file) && !file.endsWith('.tmp')) fs.rmSync(file);
}

const js = outputFiles.filter((f) => f.path.endsWith('.js'));
const kib = js.reduce((n, f) => n + f.contents.length, 0) / 1024;
console.log(
  `server built in ${path.relative(root, out)}: ${js.length} modules, ${kib.toFixed(0)} KiB, ${migrations.length} migrations; ${written} files changed`,
);
