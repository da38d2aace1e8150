import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { main } from '../../server/cli/index.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { MONITOR_SLUG, seedMonitor } from './monitor.js';

let t: TestApp;
let researcher: LoggedIn;
let trainer: LoggedIn;

beforeAll(async () => {
  t = await buildTestApp();
  await seedMonitor(t.data.store);
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: MONITOR_SLUG });
  trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer', study: MONITOR_SLUG });
}, 60_000);
afterAll(() => t?.close());

const analysis = async (who: LoggedIn, query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/api/studies/${MONITOR_SLUG}/analysis${query}`, headers: { cookie: who.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json() as StudyAnalysis;
};

describe('GET /analysis of a half-yearly network monitor (Dutch only): every item type', () => {
  it('lists every question in questionnaire order with its type and variables', async () => {
    const a = await analysis(researcher);
    expect(a.questions.map((q) => [q.item, q.type, q.variables.length])).toEqual([
      ['nw_cijfer', 'rating', 1],
      ['nw_overleg', 'single', 1],
      ['nw_prioriteit', 'multi', 5],
      ['nw_uren', 'number', 1],
    ]);
    expect(a.questions.find((q) => q.item === 'nw_uren')!.unit).toEqual({ nl: 'uur per maand' });
  });

  it('ranks the priority vote by votes per round, equal votes sharing a rank', async () => {
    const q = (await analysis(researcher)).questions.find((x) => x.item === 'nw_prioriteit')!;
    expect(q.maxSelect).toBe(3);
    const [a, b] = q.ranking!;
    expect(a.n).toBe(14);
    expect(a.options.map((o) => [o.variable, o.votes, o.rank])).toEqual([
      ['nw_prioriteit.o1', 12, 1],
      ['nw_prioriteit.o2', 6, 2],
      ['nw_prioriteit.o4', 6, 2],
      ['nw_prioriteit.o3', 5, 4],
      ['nw_prioriteit.o5', 2, 5],
    ]);
    expect(b.n).toBe(12);
    expect(b.options.map((o) => [o.variable, o.votes, o.rank])).toEqual([
      ['nw_prioriteit.o2', 12, 1],
      ['nw_prioriteit.o5', 11, 2],
      ['nw_prioriteit.o3', 4, 3],
      ['nw_prioriteit.o4', 3, 4],
      ['nw_prioriteit.o1', 0, null],
    ]);
    expect(b.options[0].ci![1]).toBe(1);
  });

  it('gives a single choice a Wilson interval per option and withholds the Bowker p it cannot reach alpha with', async () => {
    const v = (await analysis(researcher)).items.find((i) => i.id === 'nw_overleg')!;
    const [a] = v.rounds;
    expect(a.distribution!.map((c) => c.count)).toEqual([2, 6, 4, 2]);
    expect(a.distribution!.every((c) => c.ci && c.ci[0] < c.share! && c.share! < c.ci[1])).toBe(true);
    const change = v.changes[0];
    expect(change.paired).toMatchObject({ n: 10, same: 3, changed: 7 });
    // Discordant pairs 3, 1, 2 and 1: the least likely split has p = 0.25 · 0.5 = 0.125 > 0.05.
    expect(change.paired!.test).toMatchObject({ method: 'Exact Bowker test of symmetry', p: null, minAchievableP: 0.125 });
    expect(change.conclusion).toMatchObject({ evidence: 'not-tested', observed: 'shift', basis: 'paired' });
  });

  it('tests the rating and the number with the exact signed-rank test in the secondary family', async () => {
    const a = await analysis(researcher);
    const cijfer = a.items.find((i) => i.id === 'nw_cijfer')!;
    expect(cijfer.rounds.map((r) => r.n)).toEqual([13, 12]);
    expect(cijfer.changes[0].paired).toMatchObject({ n: 10, improved: 9, same: 1, worse: 0 });
    expect(cijfer.changes[0].paired!.test!.family).toBe('secondary');
    expect(cijfer.changes[0].conclusion.direction).toBe('increase');
    const uren = a.items.find((i) => i.id === 'nw_uren')!;
    expect(uren.rounds[0]).toMatchObject({ n: 13, median: 3, q1: 2, q3: 5 });
    expect(uren.rounds[0].mean!.ci![0]).toBeLessThan(uren.rounds[0].mean!.estimate!);
  });

  it('hides small shares from trainers (aggregate) but keeps the counts and the ranking by count', async () => {
    const a = await analysis(trainer);
    expect(a.audience).toBe('aggregate');
    const q = a.questions.find((x) => x.item === 'nw_prioriteit')!;
    expect(q.ranking![0].options[0]).toMatchObject({ votes: 12, rank: 1 });
  });
});

describe('rondo analyze on the monitor', () => {
  const run = async (...args: string[]) => {
    let out = '';
    const code = await main(['analyze', '--study', MONITOR_SLUG, ...args, '--data', t.dir], {
      out: (s) => (out += s),
      err: () => {},
      env: {},
    });
    return { code, out };
  };

  it('prints the questions block: rating, single choice per option, the priority vote ranked, the number', async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out).toContain('Questions (ratings, single and multiple choice, numbers; 95% intervals)');
    expect(out).toMatch(/nw_cijfer \(rating\): Welk rapportcijfer/);
    expect(out).toMatch(/h2026a n=13: mean 6\.00 \(\d\.\d\d–\d\.\d\d\), median 6 \(IQR 5–7\)/);
    expect(out).toContain('nw_prioriteit (multi, choose up to 3)');
    expect(out).toMatch(
      /h2026b n=12, ranked by votes: 1\. Snellere toegang tot specialistische jeugdhulp 12 \(100%, \d+–100%\); 2\. Privacyafspraken/,
    );
    expect(out).toMatch(/nw_overleg \(single\)[^\n]*\n {6}h2026a n=14: Vast casusoverleg[^\n]* 2 \(14%, \d+–\d+%\)/);
    expect(out).toMatch(/h2026a→h2026b: not tested \(too few observations for a test\); \d+% of answers moved option/);
    expect(out).toMatch(/nw_uren \(number\)[^\n]*\n {6}h2026a n=13: mean [\d.]+ uur per maand/);
  });

  it('carries the questions in --json', async () => {
    const { code, out } = await run('--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as StudyAnalysis;
    expect(json.questions.map((q) => q.item)).toEqual(['nw_cijfer', 'nw_overleg', 'nw_prioriteit', 'nw_uren']);
  });
});
