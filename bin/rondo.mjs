#!/usr/bin/env node
// rondo's command line: runs the server and the CLI compiled to JavaScript in dist/server
// (scripts/build-server.mjs, run by `npm install`/`npm ci`). `npm run dev` runs the TypeScript
// source instead (bin/rondo-source.mjs). For stack traces that name the TypeScript source lines,
// run with NODE_OPTIONS=--enable-source-maps (off by default: it slows the start).
import fs from 'node:fs';

const cli = new URL('../dist/server/cli.js', import.meta.url);
if (!fs.existsSync(cli)) {
  process.stderr.write('rondo: the server is not built (dist/server/cli.js is missing); run `npm run build`\n');
  process.exit(1);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
