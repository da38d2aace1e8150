import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../analysis/study/index.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { loadAnalysisInput, loadAnalysisInputFast } from '../../server/analysis/load-input.js';
import { SqlWorkers } from '../../server/analysis/sql-workers.js';
import { main } from '../../server/cli/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/**
 * The 1000 Kansen demo through the real loader on a real database must tell the published
 * factsheet's story (issue 6, "Demo numbers that must come out").
 */
let t: TestApp;
let a: StudyAnalysis;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  a = analyzeStudy(loadAnalysisInput(t.data.store.sqlite, '1000-kansen')!);
}, 60_000);
afterAll(() => t?.close());

describe('the 1000 Kansen demo analysis', () => {
  it('invites 34 in every round and has 21, 22 and 12 submitted', () => {
    expect(a.format).toBe('rondo.analysis/1');
    expect(a.rounds.map((r) => r.key)).toEqual(['pre', 'mid', 'post']);
    expect(a.rounds.map((r) => r.invited)).toEqual([34, 34, 34]);
    expect(a.rounds.map((r) => r.submitted)).toEqual([21, 22, 12]);
    expect(a.rounds.map((r) => r.responseRate)).toEqual([21 / 34, 22 / 34, 12 / 34]);
    expect(a.rounds[0].responseRate).toBeCloseTo(0.6176, 4);
    expect(a.rounds[1].responseRate).toBeCloseTo(0.6471, 4);
    expect(a.rounds[2].responseRate).toBeCloseTo(0.3529, 4);
    expect(a.response.patterns.find((p) => p.pattern === '111')?.count).toBe(9);
  });

  it('has 9 of 11 mostly able to answer help questions after the training', () => {
    const help = a.items.find((i) => i.id === 'help_questions')!;
    const post = help.rounds.find((r) => r.round === 'post')!;
    expect(post.topBox).toMatchObject({ x: 9, n: 11 });
    expect(post.dontKnow).toBe(1);
    expect(post.topBox?.ci?.[0]).toBeCloseTo(0.523019, 6);
    expect(post.topBox?.ci?.[1]).toBeCloseTo(0.948632, 6);
    const share = a.findings.find((f) => f.id === 'share:help_questions:post')!;
    expect(share.numbers).toMatchObject({ x: 9, n: 11 });
  });

  it('finds the largest increases in collaboration frequency with the three partners of the factsheet', () => {
    const top = a.partnerRanking!.order.slice(0, 3).map((i) => a.partners[i].name);
    expect(top[0]).toBe('POH GGZ Jeugd');
    expect(new Set(top)).toEqual(new Set(['POH GGZ Jeugd', 'Voorschoolse intern begeleiders', 'Specialistische ondersteuning jeugd']));
    for (const i of a.partnerRanking!.order.slice(0, 3)) {
      expect(a.partners[i].increase.conclusion).toMatchObject({ direction: 'increase', evidence: 'demonstrated', basis: 'paired' });
    }
    const finding = a.findings.find((f) => f.kind === 'partner-ranking')!;
    expect((finding.numbers.top as { name: string }[]).map((p) => p.name)).toEqual(top);
    expect(finding.evidence.strength).toBe('demonstrated');
  });

  it('carries the round-3 response caveat in the findings', () => {
    const caveat = a.findings.find((f) => f.kind === 'response-caveat')!;
    expect(caveat.subject).toMatchObject({ round: 'post', caveat: 'low-response' });
    expect(caveat.numbers).toMatchObject({ submitted: 12, invited: 34, threshold: 0.5 });
    expect(a.findings.filter((f) => f.kind === 'response-caveat')).toHaveLength(1);
  });

  it('shows competence to signal peaking in the mid round and the beslisboom as the least used tool', () => {
    expect(a.trends.find((tr) => tr.variable === 'comp_signal')).toMatchObject({ peak: ['mid'], shape: 'peak' });
    const least = a.findings.find((f) => f.kind === 'least-used-tool')!;
    expect(least.subject).toMatchObject({ round: 'post', names: ['IMH beslisboom'] });
    for (const tool of a.tools) {
      const [mid, post] = tool.use.rounds.filter((r) => r.asked);
      expect(post.topBox!.estimate!).toBeGreaterThan(mid.topBox!.estimate!);
    }
    expect(a.tools[0].use.rounds[0]).toMatchObject({ round: 'pre', asked: false, reason: 'not-asked' });
  });

  it('never calls a change an increase without demonstrated evidence, and has no NaN', () => {
    const changes = [...a.items, ...a.tools.map((x) => x.use), ...a.partners.flatMap((p) => [p.frequency!, p.quality!])].flatMap(
      (v) => v.changes,
    );
    for (const c of changes) {
      if (c.conclusion.direction !== 'none') expect(c.conclusion.evidence).toBe('demonstrated');
    }
    expect(a.notes.nonFinite).toBe(0);
    expect(JSON.stringify(a)).not.toMatch(/NaN|Infinity/);
  });

  it('loads the same input through the worker threads', async () => {
    const workers = new SqlWorkers(2);
    try {
      const fast = await loadAnalysisInputFast(t.data.store.sqlite, '1000-kansen', workers, { parallelFrom: 0 });
      expect(JSON.stringify(analyzeStudy(fast!))).toBe(JSON.stringify(a));
    } finally {
      await workers.close();
    }
  });
});

describe('rondo analyze', () => {
  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(['analyze', ...args, '--data', t.dir], { out: (s) => (out += s), err: (s) => (err += s), env: {} });
    return { code, out, err };
  };

  it('prints the full result as JSON', async () => {
    const r = await run('--study', '1000-kansen', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as StudyAnalysis;
    expect(json.rounds.map((x) => x.submitted)).toEqual([21, 22, 12]);
    expect(json.findings).toEqual(a.findings);
  });

  it('prints a readable summary with filters', async () => {
    const r = await run('--study', '1000-kansen', '--round', 'pre', '--round', 'post', '--filter', 'role=gezinscoach', '--matched');
    expect(r.code).toBe(0);
    expect(r.out).toContain('rounds pre, post; role gezinscoach; matched panel only');
    expect(r.out).toContain('Response');
  });

  it('explains what is wrong in one line', async () => {
    expect(await run('--study', 'nope')).toMatchObject({ code: 1, err: expect.stringContaining('no study "nope" (studies: 1000-kansen)') });
    expect(await run('--study', '1000-kansen', '--round', 'later')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown round "later"'),
    });
    expect(await run('--study', '1000-kansen', '--filter', 'team=x')).toMatchObject({ code: 2 });
    expect(await run()).toMatchObject({ code: 2, err: expect.stringContaining('--study is required') });
  });
});

describe('the demo factsheet’s attrition caveat', () => {
  it('names the questions the drop-outs differed on and which way (METHODS §4.5)', async () => {
    const { factsheetDataFromAnalysis } = await import('../../analysis/findings/source.js');
    const { deriveStatements } = await import('../../analysis/findings/statements.js');
    const { writeStatement, DEFAULT_TERMS } = await import('../../analysis/findings/sentences.js');
    const study = { slug: '1000-kansen', title: a.study.title, description: {}, languages: ['nl', 'en'], colophon: {} };
    const data = factsheetDataFromAnalysis(a, { study: study as never, isDemo: true });
    // Those who left after the pre-training round had fewer years' experience and answered the knowledge items higher.
    expect(data.attrition?.named?.map((x) => [(x.label.en ?? '').slice(0, 24), x.leavers])).toEqual([
      ['For how many years have ', 'lower'],
      ['Have you taken a course ', 'lower'],
      ['I know where to turn wit', 'higher'],
      ['Chain care around the yo', 'higher'],
      ['Are you mostly able to a', 'higher'],
      ['How often do you discuss', 'higher'],
    ]);
    const caveat = deriveStatements(data).find((s) => s.key === 'research.attrition')!.finding;
    const ctx = { lang: 'nl' as const, minPercent: 10, smallBelow: 30, terms: DEFAULT_TERMS };
    const text = writeStatement(caveat, ctx);
    expect(text).toContain('(op 6 vragen: op 2 lager en op 4 hoger): de respondenten in de nameting zijn mogelijk niet representatief.');
    // A short label the factsheet gives a question names it, one per direction (a question's full text would not fit a caveat).
    const labels = { know_where: { nl: 'Weet waar terecht met vragen', en: 'Knows where to turn' } };
    expect(writeStatement(caveat, { ...ctx, labels })).toContain(
      '(op 6 vragen: op 2 lager; op 4 hoger, waaronder ‘Weet waar terecht met vragen’)',
    );
    expect(writeStatement(caveat, { ...ctx, lang: 'en', labels })).toContain(
      '(on 6 questions: lower on 2; higher on 4, including ‘Knows where to turn’)',
    );
  });
});
