import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../model/index.js';
import { bowkerExact } from '../stats/index.js';
import { expectClose } from '../stats/reference.testkit.js';
import { analyzeStudy } from './analyze.js';
import type { ItemAnalysis, RoundSummary, StudyAnalysis } from './result.js';
import { cohort, makeInput, type TestResponse } from './testing.js';

// Frozen R values: Rscript fixtures/reference/items.R (R 4.2.2, exactRankTests 0.8-35).
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON fixture
const ref: any = JSON.parse(readFileSync(new URL('../../fixtures/reference/items-reference.json', import.meta.url), 'utf8'));

describe('bowkerExact (exact test of symmetry for a paired single-choice item)', () => {
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON fixture
  it.each(ref.bowker as Record<string, any>[])('matches R: $r', (c) => {
    const res = bowkerExact(c.table);
    expectClose(res.pComputed, c.p, 'p');
    expectClose(res.minAchievableP, c.minAchievableP, 'minimum achievable p');
    expect(res.df).toBe(c.df);
    if (c.df > 0) expectClose(res.statistic, c.statistic, 'statistic');
    if (c.rStatistic !== null) expectClose(res.statistic, c.rStatistic, 'mcnemar.test statistic');
    if (c.pAsymptotic !== null) expectClose(res.pAsymptotic, c.pAsymptotic, 'asymptotic p');
    expect(res.p).toBe(c.minAchievableP > 0.05 ? null : res.pComputed);
  });

  it('is the exact McNemar test when there are two options', () => {
    expect(
      bowkerExact([
        [3, 1],
        [6, 2],
      ]).pComputed,
    ).toBeCloseTo(0.125, 12);
  });

  it('falls back to the χ² p-value, marked approximate, when the exact distribution would be too large', () => {
    const res = bowkerExact(
      [
        [3, 4, 0],
        [0, 2, 1],
        [1, 0, 4],
      ],
      { maxStates: 2 },
    );
    expect(res.notes).toContain('approximate-p');
    expect(res.pComputed).toBe(res.pAsymptotic);
    expectClose(res.pAsymptotic, ref.bowker[0].pAsymptotic, 'asymptotic p');
  });

  it('rejects a table that is not square or holds a negative or fractional count', () => {
    expect(
      bowkerExact([
        [1, 2, 3],
        [4, 5, 6],
      ]).notes,
    ).toEqual(['invalid-input']);
    expect(
      bowkerExact([
        [1, -2],
        [3, 4],
      ]).notes,
    ).toEqual(['invalid-input']);
    expect(
      bowkerExact([
        [1, 2.5],
        [3, 4],
      ]).p,
    ).toBeNull();
  });
});

const options = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: i + 1, label: { nl: `Optie ${i + 1}`, en: `Option ${i + 1}` } }));
const base = { required: false, rounds: ['a', 'b'] };
const ITEMS: Item[] = [
  { ...base, id: 'rating', type: 'rating', measure: 'satisfaction', min: 1, max: 10, text: { nl: 'Rapportcijfer', en: 'Rating' } },
  { ...base, id: 'single', type: 'single', measure: 'satisfaction', options: options(4), text: { nl: 'Eén keuze', en: 'One choice' } },
  {
    ...base,
    id: 'multi',
    type: 'multi',
    measure: 'satisfaction',
    options: options(5),
    maxSelect: 2,
    text: { nl: 'Prioriteiten', en: 'Priorities' },
  },
  { ...base, id: 'number', type: 'number', measure: 'satisfaction', min: 0, max: 100, integer: false, text: { nl: 'Uren', en: 'Hours' } },
] as Item[];

function study(): StudyAnalysis {
  const responses: TestResponse[] = ref.study.responses.map(
    (r: { p: number; round: string; rating: number | null; single: number | null; multi: number[]; number: number | null }) => {
      const answers: TestResponse['answers'] = {};
      if (r.rating !== null) answers.rating = r.rating;
      if (r.single !== null) answers.single = r.single;
      if (r.number !== null) answers.number = r.number;
      r.multi.forEach((chosen, o) => (answers[`multi.o${o + 1}`] = chosen));
      return { p: r.p, round: r.round, answers };
    },
  );
  return analyzeStudy(makeInput({ rounds: ['a', 'b'], items: ITEMS, participants: cohort(14), responses }));
}

const variable = (a: StudyAnalysis, id: string): ItemAnalysis => a.items.find((v) => v.id === id)!;
const inRound = (v: ItemAnalysis, key: string): RoundSummary => v.rounds.find((s) => s.round === key)!;

describe('every item type against R: a two-round study with a rating, a single and a multiple choice and a number', () => {
  const a = study();

  it('summarises a rating per round: distribution, mean with t-interval, median and IQR', () => {
    for (const key of ['a', 'b']) {
      const s = inRound(variable(a, 'rating'), key);
      const r = ref.study.rating[key];
      expect(s.n).toBe(r.n);
      expect(s.distribution!.map((c) => c.count)).toEqual(r.distribution);
      expectClose(s.mean!.estimate, r.mean, `rating ${key} mean`);
      expectClose(s.mean!.sd, r.sd, `rating ${key} sd`);
      expectClose(s.mean!.ci![0], r.ci[0], `rating ${key} lower`);
      expectClose(s.mean!.ci![1], r.ci[1], `rating ${key} upper`);
      expectClose(s.median, r.median, `rating ${key} median`);
      expectClose(s.q1, r.q1, `rating ${key} q1`);
      expectClose(s.q3, r.q3, `rating ${key} q3`);
    }
  });

  it('tests a rating’s paired change with the exact signed-rank test and its rank-biserial effect', () => {
    const c = variable(a, 'rating').changes[0];
    const r = ref.study.rating;
    expect(c.paired).toMatchObject({ n: r.paired.n, improved: r.paired.improved, same: r.paired.same, worse: r.paired.worse });
    expectClose(c.paired!.meanDifference, r.paired.meanDifference, 'mean paired difference');
    expectClose(c.paired!.test!.p, r.paired.p, 'exact signed-rank p');
    expectClose(c.paired!.effect!.estimate, r.paired.rankBiserial, 'rank-biserial');
    expectClose(c.crossSectional!.test!.p, r.crossSectional.p, 'exact Mann–Whitney p');
    expectClose(c.crossSectional!.effect!.estimate, r.crossSectional.cliffsDelta, 'Cliff’s delta');
  });

  it('gives each option of a single choice its share with a Wilson interval, per round', () => {
    for (const key of ['a', 'b']) {
      const s = inRound(variable(a, 'single'), key);
      const r = ref.study.single[key];
      expect(s.n).toBe(r.n);
      expect(s.distribution!.map((c) => c.count)).toEqual(r.counts);
      s.distribution!.forEach((c, j) => {
        expectClose(c.share, r.counts[j] / r.n, `single ${key} share ${j}`);
        expectClose(c.ci![0], r.ci[j][0], `single ${key} option ${j} lower`);
        expectClose(c.ci![1], r.ci[j][1], `single ${key} option ${j} upper`);
      });
    }
  });

  it('tests a single choice’s change: exact Bowker on the pairs, Fisher across rounds, and words the shift', () => {
    const c = variable(a, 'single').changes[0];
    const r = ref.study.single;
    expect(c.paired).toMatchObject({ n: r.paired.n, same: r.paired.same, changed: r.paired.n - r.paired.same, improved: 0, worse: 0 });
    expectClose(c.paired!.test!.minAchievableP, r.paired.minAchievableP, 'Bowker minimum achievable p');
    expectClose(c.paired!.test!.statistic, r.paired.statistic, 'Bowker statistic');
    // R's minimum achievable p is above alpha here: the p-value is withheld (METHODS §3.5).
    expect(r.paired.minAchievableP).toBeGreaterThan(0.05);
    expect(c.paired!.test!.p).toBeNull();
    expect(c.paired!.test!.method).toBe('Exact Bowker test of symmetry');
    expectClose(c.paired!.effect!.estimate, r.paired.shift, 'paired distribution shift');
    expectClose(c.crossSectional!.test!.p, r.crossSectional.p, 'Fisher exact p');
    expectClose(c.crossSectional!.effect!.estimate, r.crossSectional.shift, 'cross-sectional distribution shift');
    expect(c.conclusion).toMatchObject({ evidence: 'not-tested', observed: 'shift', direction: 'none' });
  });

  it('reports each option of a multiple choice as a share with Wilson interval and the exact McNemar change', () => {
    ref.study.multi.forEach((r: Record<string, Record<string, number & number[]>>, o: number) => {
      const v = variable(a, `multi.o${o + 1}`);
      for (const key of ['a', 'b']) {
        const t = inRound(v, key).topBox!;
        expect([t.x, t.n]).toEqual([r[key].x, r[key].n]);
        expectClose(t.ci![0], r[key].ci[0], `multi o${o + 1} ${key} lower`);
        expectClose(t.ci![1], r[key].ci[1], `multi o${o + 1} ${key} upper`);
      }
      const c = v.changes[0];
      expect(c.paired).toMatchObject({ n: r.paired.n, improved: r.paired.improved, worse: r.paired.worse });
      expectClose(c.paired!.test!.minAchievableP, r.paired.minAchievableP, `multi o${o + 1} minimum p`);
      if (r.paired.minAchievableP > 0.05) expect(c.paired!.test!.p).toBeNull();
      else expectClose(c.paired!.test!.p, r.paired.p, `multi o${o + 1} McNemar p`);
      expectClose(c.crossSectional!.test!.p, r.crossSectional.p, `multi o${o + 1} Fisher p`);
    });
  });

  it('ranks the options of a multiple choice by votes per round (the priority vote)', () => {
    const q = a.questions.find((x) => x.item === 'multi')!;
    expect(q).toMatchObject({ type: 'multi', maxSelect: 2, variables: ['multi.o1', 'multi.o2', 'multi.o3', 'multi.o4', 'multi.o5'] });
    for (const [k, key] of ['a', 'b'].entries()) {
      const votes = ref.study.multi.map((r: Record<string, { x: number }>) => r[key].x) as number[];
      const ranking = q.ranking![k];
      expect(ranking.round).toBe(key);
      const shown = ranking.options.map((o) => o.votes);
      expect(shown).toEqual([...shown].sort((x, y) => y! - x!));
      for (const opt of ranking.options) {
        const j = Number(opt.variable.slice('multi.o'.length)) - 1;
        expect(opt.votes).toBe(votes[j]);
        const expectedRank = votes[j] === 0 ? null : 1 + votes.filter((x) => x > votes[j]).length;
        expect(opt.rank).toBe(expectedRank);
      }
    }
  });

  it('summarises a number per round: median and IQR (type 7), mean with t-interval; paired exact signed-rank', () => {
    for (const key of ['a', 'b']) {
      const s = inRound(variable(a, 'number'), key);
      const r = ref.study.number[key];
      expect(s.n).toBe(r.n);
      expectClose(s.median, r.median, `number ${key} median`);
      expectClose(s.q1, r.q1, `number ${key} q1`);
      expectClose(s.q3, r.q3, `number ${key} q3`);
      expectClose(s.mean!.estimate, r.mean, `number ${key} mean`);
      expectClose(s.mean!.ci![0], r.ci[0], `number ${key} lower`);
      expectClose(s.mean!.ci![1], r.ci[1], `number ${key} upper`);
    }
    const c = variable(a, 'number').changes[0];
    expectClose(c.paired!.test!.p, ref.study.number.paired.p, 'number signed-rank p');
    expectClose(c.paired!.effect!.estimate, ref.study.number.paired.rankBiserial, 'number rank-biserial');
  });

  it('puts the paired tests of these questions in the secondary family with R’s Benjamini–Hochberg adjustment', () => {
    const family = a.families.find((f) => f.id === 'secondary')!;
    expect(family.method).toBe('BH');
    const f = ref.study.family;
    expect(family.members.map((m) => m.variable).sort()).toEqual([...f.variables].sort());
    f.variables.forEach((id: string, i: number) => {
      const m = family.members.find((x) => x.variable === id)!;
      expectClose(m.p, f.p[i], `${id} raw p`);
      expectClose(m.pAdjusted, f.pAdjusted[i], `${id} adjusted p`);
    });
    const number = variable(a, 'number').changes[0];
    expect(number.conclusion.evidence).toBe(f.pAdjusted[f.variables.indexOf('number')] < 0.05 ? 'demonstrated' : 'not-demonstrated');
  });

  it('lists every question in questionnaire order with its type', () => {
    expect(a.questions.map((q) => [q.item, q.type])).toEqual([
      ['rating', 'rating'],
      ['single', 'single'],
      ['multi', 'multi'],
      ['number', 'number'],
    ]);
  });
});
