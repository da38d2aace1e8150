#!/usr/bin/env node
// rondo's command line from the TypeScript source, through tsx's loader: no build step, for
// development (`npm run dev`; tsx is a dev dependency). Production runs the compiled server
// (bin/rondo.mjs).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
