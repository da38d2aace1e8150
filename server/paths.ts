import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where rondo's own files are at run time. rondo runs either from its TypeScript source (tests,
 * `npm run dev`: this file is server/paths.ts) or compiled by scripts/build-server.mjs into
 * dist/server (production, `npm start`: this code sits in a file directly in dist/server). A
 * module that reads a file of the package at run time finds it from here, never from its own
 * import.meta.url, which in the compiled server is the bundle's, not the source file's.
 */
const here = fileURLToPath(import.meta.url);

/** True in the compiled server, false when running from the TypeScript source. */
export const COMPILED = !here.endsWith('.ts');

/** The package root: package.json, dist/, server/. */
export const ROOT = path.resolve(path.dirname(here), COMPILED ? '../..' : '..');

/** The compiled server (scripts/build-server.mjs). */
export const SERVER_DIST = path.join(ROOT, 'dist/server');

/** The browser bundles (scripts/build-web.mjs), served at /assets/. */
export const WEB_DIST = path.join(ROOT, 'dist/web');

/** The migrations: the TypeScript files in migrations/, or their compiled copies beside the compiled server. */
export const MIGRATIONS_DIR = COMPILED ? path.join(SERVER_DIST, 'migrations') : path.join(ROOT, 'migrations');
