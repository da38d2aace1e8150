import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBenchStudy } from '../../bench/exchange.js';
import { openData } from '../../server/data.js';
import { tempDir } from '../helpers/app.js';

/**
 * `npm run bench -- exchange --compiled` measures `rondo export` from dist/server in a plain Node
 * child (bench/export-cli-child.mjs), as a user runs it. On a small study of the bench's kind, the
 * child writes the export, and its last line reports what the bench prints: time, CPU with the
 * main thread's share, peak RSS and the bytes it wrote. A call without the export's arguments is
 * refused with its usage.
 */
const CHILD = path.resolve('bench/export-cli-child.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the exchange bench, compiled', () => {
  it('exports the bundle through the compiled CLI and reports its figures', async () => {
    const dir = tempDir('rondo-bench-cli-');
    dirs.push(dir);
    const data = await openData(dir);
    writeBenchStudy(data.store.sqlite, 25);
    await data.store.close();
    const out = path.join(dir, 'out', 'bundle.zip');
    fs.mkdirSync(path.dirname(out));
    const args = ['--study', 'bench-exchange', '--format', 'bundle', '--flavour', 'nl', '--open-text'];
    const r = spawnSync(process.execPath, [CHILD, dir, out, '--', ...args], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('75 responses');
    const report = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(report.bytes).toBe(fs.statSync(out).size);
    expect(fs.readFileSync(out).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(report.seconds).toBeGreaterThan(0);
    expect(report.cpuSeconds).toBeGreaterThan(0);
    expect(report.maxRssMb).toBeGreaterThan(20);
    if (process.platform === 'linux') expect(report.mainSeconds + report.otherSeconds).toBeGreaterThan(0);
  });

  it('refuses a call without the export arguments', () => {
    const r = spawnSync(process.execPath, [CHILD, '/nonexistent'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: node bench/export-cli-child.mjs');
  });
});
