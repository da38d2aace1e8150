#!/usr/bin/env node
// rondo's command line. TypeScript runs through tsx's loader: no build step for the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/index.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
