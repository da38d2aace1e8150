import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';

/**
 * The quality bar of issue 19, through the documented command line only (bin/rondo.mjs in a child
 * process, a fresh data directory): the demo study exported as a study file, created again under
 * a new short name, its own exports imported into it, and `rondo analyze --json` of the copy gives
 * the demo's figures — response per round and the percentages of every item, partner and tool.
 */
const BIN = path.resolve('bin/rondo.mjs');
let dir: string;
let data: string;

function rondo(...args: string[]): { code: number | null; out: string; err: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RONDO_') && k !== 'PORT'));
  const r = spawnSync(process.execPath, [BIN, ...args, '--data', data], {
    env: { ...clean, RONDO_LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function ok(...args: string[]): string {
  const r = rondo(...args);
  expect(r.code, `rondo ${args.join(' ')}\n${r.out}\n${r.err}`).toBe(0);
  return r.out;
}

const file = (name: string) => path.join(dir, name);

interface Summary {
  n: number;
  topBox: { estimate: number } | null;
  mean: { estimate: number } | null;
  round: string;
}
interface Variable {
  exportName: string;
  rounds: Summary[];
}
interface Analysis {
  rounds: { key: string; invited: number; submitted: number; responseRate: number | null }[];
  items: Variable[];
  partners: { name: string; frequency: Variable | null; quality: Variable | null }[];
  tools: { name: string; use: Variable }[];
}

/** The figures a reader of the factsheet sees: response per round, and n, top box and mean per variable and round. */
function figures(a: Analysis) {
  const variable = (v: Variable | null) =>
    v && {
      name: v.exportName,
      rounds: v.rounds.map((r) => ({ round: r.round, n: r.n, topBox: r.topBox?.estimate ?? null, mean: r.mean?.estimate ?? null })),
    };
  return {
    response: a.rounds.map((r) => ({ round: r.key, invited: r.invited, submitted: r.submitted, rate: r.responseRate })),
    items: a.items.map(variable),
    partners: a.partners.map((p) => ({ name: p.name, frequency: variable(p.frequency), quality: variable(p.quality) })),
    tools: a.tools.map((t) => ({ name: t.name, use: variable(t.use) })),
  };
}

const analyze = (slug: string) => figures(JSON.parse(ok('analyze', '--study', slug, '--json')) as Analysis);

/** The suggested mapping of the wide file for a round, as `--suggest` prints it, with the researcher's edits. */
function mapping(slug: string, round: string, edit: (m: { participants: Record<string, unknown> }) => void): string {
  const m = JSON.parse(ok('import', 'responses', '--study', slug, '--round', round, '--file', file('wide.csv'), '--suggest'));
  edit(m);
  const target = file(`mapping-${slug}-${round}.json`);
  fs.writeFileSync(target, JSON.stringify(m, null, 2));
  return target;
}

let demo: ReturnType<typeof figures>;

beforeAll(() => {
  dir = tempDir('rondo-quality-bar-');
  data = path.join(dir, 'data');
  ok('demo');
  ok('study', 'export', '--study', '1000-kansen', '--out', file('study.json'));
  ok('export', '--study', '1000-kansen', '--format', 'wide', '--open-text', '--out', file('wide.csv'));
  // The per-round files with the key list (contacts.csv: participant, name, email), for the cohort.
  ok('export', '--study', '1000-kansen', '--format', 'round', '--contacts', '--out', file('rounds'));
  demo = analyze('1000-kansen');
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the demo through the study file and its own exports', () => {
  it('gives the demo’s figures with the response import creating the cohort (the documented round trip)', () => {
    expect(ok('study', 'create', '--from', file('study.json'), '--slug', 'kansen-kopie')).toContain('created study "kansen-kopie"');
    for (const round of ['pre', 'mid', 'post']) {
      const m = mapping('kansen-kopie', round, (x) => (x.participants.create = true));
      expect(ok('import', 'responses', '--study', 'kansen-kopie', '--round', round, '--file', file('wide.csv'), '--mapping', m)).toMatch(
        /imported as batch \d+/,
      );
    }
    const copy = analyze('kansen-kopie');
    expect(copy.response).toEqual(demo.response);
    expect(copy).toEqual(demo);
    // The figures of the closing note of issue 19 (the demo is generated from a fixed seed).
    expect(copy.response.map((r) => `${r.round} ${r.submitted}/${r.invited}`)).toEqual(['pre 21/34', 'mid 22/34', 'post 12/34']);
  }, 300_000);

  it('imports the demo’s contacts file as the cohort of a study made from the study file', () => {
    ok('study', 'create', '--from', file('study.json'), '--slug', 'kansen-cohort');
    expect(ok('cohort', 'import', file('rounds/contacts.csv'), '--study', 'kansen-cohort')).toContain('34 participants added');
  }, 300_000);

  // The cohort keeps the contacts file's own keys (its `participant` column), so the responses of the
  // wide export match by key; the file's invited_<round> columns say who was invited.
  it('then imports the responses of the demo’s wide export by key and gives the demo’s figures (the issue’s path)', () => {
    for (const round of ['pre', 'mid', 'post']) {
      const m = mapping('kansen-cohort', round, () => {});
      ok('import', 'responses', '--study', 'kansen-cohort', '--round', round, '--file', file('wide.csv'), '--mapping', m);
    }
    const copy = analyze('kansen-cohort');
    expect(copy.response).toEqual(demo.response);
    expect(copy.items).toEqual(demo.items);
  }, 300_000);
});
