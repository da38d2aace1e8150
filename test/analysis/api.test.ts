import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../analysis/study/index.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { loadAnalysisInput } from '../../server/analysis/load-input.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

const URL = '/api/studies/1000-kansen/analysis';
let t: TestApp;
let researcher: LoggedIn;
let trainer: LoggedIn;
let manager: LoggedIn;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
  manager = await loginAs(t, 'manager@example.nl', { role: 'manager' });
}, 60_000);
afterAll(() => t?.close());

const get = (who: LoggedIn | null, query = '') =>
  t.app.inject({ method: 'GET', url: URL + query, headers: who ? { cookie: who.cookie } : {} });

describe('GET /api/studies/:slug/analysis', () => {
  it('gives researchers the full analysis, the same as analyzeStudy', async () => {
    const res = await get(researcher);
    expect(res.statusCode).toBe(200);
    const body = res.json() as StudyAnalysis;
    expect(body.audience).toBe('full');
    expect(body.rounds.map((r) => r.submitted)).toEqual([21, 22, 12]);
    expect(body.response.byOrganisation).not.toBeNull();
    expect(body.attrition).not.toBeNull();
    const direct = analyzeStudy(loadAnalysisInput(t.data.store.sqlite, '1000-kansen')!);
    expect(body).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('applies round, role and panel filters', async () => {
    const rounds = (await get(researcher, '?round=pre&round=post')).json() as StudyAnalysis;
    expect(rounds.selection.rounds).toEqual(['pre', 'post']);
    const panel = (await get(researcher, '?matched=true')).json() as StudyAnalysis;
    expect(panel.selection).toMatchObject({ matched: true, units: 9 });
    const role = (await get(researcher, '?role=ggd-arts')).json() as StudyAnalysis;
    expect(role.selection).toMatchObject({ roles: ['ggd-arts'], units: 4, subgroup: true });
    expect(role.caveats.some((c) => c.code === 'subgroup-too-small')).toBe(true);
    const two = (await get(researcher, '?role=ggd-arts&role=jgz-verpleegkundige')).json() as StudyAnalysis;
    expect(two.selection.units).toBe(14);
  });

  it('gives trainers the aggregate view with suppression and no subgroup detail', async () => {
    const res = await get(trainer);
    expect(res.statusCode).toBe(200);
    const body = res.json() as StudyAnalysis;
    expect(body.audience).toBe('aggregate');
    expect(body.attrition).toBeNull();
    expect(body.response.byRole).toBeNull();
    expect(body.findings.some((f) => f.kind === 'attrition')).toBe(false);
    expect((await get(trainer, '?matched=1')).statusCode).toBe(200);
  });

  it('hides every response pattern, pair and flow count of 1 to 4 from trainers, while researchers see them flagged', async () => {
    const counts = (b: StudyAnalysis) => [
      ...b.response.patterns.map((p) => p.count),
      ...b.response.pairs.map((p) => p.n),
      b.response.complete,
      ...b.response.flow.flatMap((f) => [f.submitted, f.alsoPrevious, f.returning, f.new]),
    ];
    const trainerView = (await get(trainer)).json() as StudyAnalysis;
    expect(counts(trainerView).filter((n) => n !== null && n >= 1 && n <= 4)).toEqual([]);
    expect(trainerView.rounds.map((r) => r.submitted)).toEqual([21, 22, 12]);
    // 101 = 2, 011 = 1, 100 = 2, 010 = 4 hidden, and the pairs pre → post (11) and mid → post
    // (10) with them: 11 − 9 complete would give 101 back.
    expect(trainerView.response.patterns.map((p) => [p.pattern, p.count])).toEqual([
      ['111', 9],
      ['110', 8],
      ['101', null],
      ['011', null],
      ['100', null],
      ['010', null],
      ['001', 0],
      ['000', 8],
    ]);
    expect(trainerView.response.pairs.map((p) => p.n)).toEqual([17, null, null]);
    expect(trainerView.response.flow.map((f) => [f.alsoPrevious, f.returning, f.new])).toEqual([
      [0, 0, 21],
      [17, 0, 5],
      [null, null, 0],
    ]);

    const researcherView = (await get(researcher)).json() as StudyAnalysis;
    expect(researcherView.response.patterns.map((p) => [p.pattern, p.count])).toEqual([
      ['111', 9],
      ['110', 8],
      ['101', 2],
      ['011', 1],
      ['100', 2],
      ['010', 4],
      ['001', 0],
      ['000', 8],
    ]);
    expect(researcherView.response.patterns.filter((p) => p.flags.includes('disclosure-risk')).map((p) => p.pattern)).toEqual([
      '101',
      '011',
      '100',
      '010',
    ]);
    expect(researcherView.response.pairs.map((p) => p.n)).toEqual([17, 11, 10]);
    expect(researcherView.response.complete).toBe(9);
    expect(researcherView.response.flow.map((f) => [f.submitted, f.alsoPrevious, f.returning, f.new])).toEqual([
      [21, 0, 0, 21],
      [22, 17, 0, 5],
      [12, 10, 2, 0],
    ]);
  });

  it('refuses subgroups and the full view to trainers, and everything to managers and strangers', async () => {
    expect((await get(trainer, '?role=gezinscoach')).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await get(trainer, '?organisation=GGD%20Limburg-Noord')).statusCode).toBe(403);
    expect((await get(trainer, '?audience=full')).statusCode).toBe(403);
    expect((await get(manager)).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await get(null)).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets researchers preview what trainers see', async () => {
    const body = (await get(researcher, '?audience=aggregate')).json() as StudyAnalysis;
    expect(body.audience).toBe('aggregate');
    expect(body.attrition).toBeNull();
  });

  it('rejects malformed queries', async () => {
    expect((await get(researcher, '?matched=yes')).json()).toMatchObject({ code: 'VALIDATION' });
    expect((await get(researcher, '?colour=red')).json()).toMatchObject({ code: 'VALIDATION' });
    expect((await get(researcher, '?round=later')).json()).toMatchObject({
      code: 'VALIDATION',
      details: { rounds: ['pre', 'mid', 'post'] },
    });
  });
});
