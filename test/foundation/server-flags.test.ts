import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../../bench/server-flags.js';

/**
 * The Node flags the server runs with (`--max-semi-space-size=8`; docs/benchmarks.md, "On a quiet
 * machine, end of session 12") are written in three places an operator starts it from:
 * package.json's start script, the Dockerfile's CMD and the deploy guide's systemd unit. They must
 * say the same, and Node must accept them (a flag it does not know stops `npm start` before rondo
 * runs).
 */
describe("the server's Node flags", () => {
  const flags = serverNodeFlags();

  it('npm start gives the server flags, and this Node accepts them', () => {
    expect(flags).toContain('--max-semi-space-size=8');
    const r = spawnSync(process.execPath, [...flags, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it("the Dockerfile's CMD runs the server with the same flags", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(fs.readFileSync('Dockerfile', 'utf8'));
    const words = JSON.parse(cmd![1]) as string[];
    expect(words).toEqual(['node', ...flags, 'bin/rondo.mjs', 'serve']);
  });

  it("the deploy guide's systemd unit runs the server with the same flags", () => {
    const exec = /^ExecStart=\/usr\/bin\/node (.*) ?bin\/rondo\.mjs serve$/m.exec(fs.readFileSync('docs/deploy.md', 'utf8'));
    expect(exec![1].trim().split(/\s+/)).toEqual(flags);
  });
});
