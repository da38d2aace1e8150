#!/usr/bin/env node
// Writes the JSON Schemas of schemas/ from the model (scripts/schemas.ts), through tsx's loader
// like bin/rondo-source.mjs: `npm run schemas`. Commit the result; a test fails when it is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { renderSchemas } = await import('./schemas.ts');
for (const [file, text] of Object.entries(renderSchemas())) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const old = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (old === text) continue;
  fs.writeFileSync(target, text);
  process.stdout.write(`wrote ${file}\n`);
}
