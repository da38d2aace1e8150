import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as stats from './index.js';
import type { StatResult } from './result.js';
import { NOTE_CODES } from './result.js';

/** Every number anywhere in a result must be finite: no NaN, no Infinity. */
function expectNoNaN(result: unknown, where: string): void {
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number') expect(Number.isFinite(value), `${where}${path} = ${value}`).toBe(true);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  walk(result, '');
}

function expectWellFormed(result: StatResult, where: string): void {
  expectNoNaN(result, where);
  expect(typeof result.method).toBe('string');
  for (const note of result.notes) expect(NOTE_CODES, where).toContain(note);
  if (result.p !== null) expect(result.p >= 0 && result.p <= 1, `${where}: p = ${result.p}`).toBe(true);
  if (result.ci !== null && result.estimate !== null && !result.notes.includes('clipped')) {
    expect(result.ci[0], where).toBeLessThanOrEqual(result.estimate + 1e-12);
    expect(result.ci[1], where).toBeGreaterThanOrEqual(result.estimate - 1e-12);
  }
}

const samples: Record<string, number[]> = {
  empty: [],
  single: [4],
  identical: [3, 3, 3, 3],
  twoValues: [1, 5],
};

describe('edge cases: results with notes, never NaN, never a throw', () => {
  for (const [name, x] of Object.entries(samples)) {
    for (const [yName, y] of Object.entries(samples)) {
      it(`two-sample functions handle ${name} vs ${yName}`, () => {
        for (const f of [stats.mannWhitney, stats.welchT, stats.studentT, stats.cohenD, stats.hedgesG, stats.cliffsDelta, stats.smd]) {
          expectWellFormed(f(x, y), `${f.name}(${name}, ${yName})`);
        }
      });
    }
    it(`one-sample and paired functions handle ${name}`, () => {
      for (const f of [stats.tInterval, stats.medianCI]) expectWellFormed(f(x), `${f.name}(${name})`);
      for (const f of [stats.wilcoxonSignedRank, stats.signTest, stats.pairedT, stats.cohenDz]) {
        expectWellFormed(f(x, x), `${f.name}(${name}, same)`);
      }
    });
  }

  it('returns notes for n = 0 in every count-based function', () => {
    const zero = { yesYes: 0, yesNo: 0, noYes: 0, noNo: 0 };
    const results: StatResult[] = [
      stats.wilson(0, 0),
      stats.clopperPearson(0, 0),
      stats.binomTest(0, 0),
      stats.newcombeIndependent(0, 0, 0, 0),
      stats.newcombePaired(zero),
      stats.mcnemarExact(zero),
      stats.mcnemarMidP(zero),
      stats.mcnemarAsymptotic(zero),
      stats.fisherExact2x2([
        [0, 0],
        [0, 0],
      ]),
      stats.chiSquare2x2([
        [0, 0],
        [0, 0],
      ]),
      stats.friedman([]),
      stats.cochranQ([]),
      stats.smdProportions(0, 0, 0, 0),
      stats.manskiBounds(0, 0, 0),
    ];
    for (const r of results) {
      expectWellFormed(r, r.method);
      expect(r.notes.length, r.method).toBeGreaterThan(0);
      expect(r.p, r.method).toBeNull();
    }
  });

  it('turns malformed input into the note invalid-input', () => {
    expect(stats.wilson(-1, 5).notes).toEqual(['invalid-input']);
    expect(stats.binomTest(3, 2).notes).toEqual(['invalid-input']);
    expect(stats.fisherExact2x2([[1, 2, 3]]).notes).toEqual(['invalid-input']);
    expect(stats.wilcoxonSignedRank([1, 2], [1]).notes).toEqual(['invalid-input']);
    expect(
      stats.friedman([
        [1, 2, 3],
        [1, 2],
      ]).notes,
    ).toEqual(['invalid-input']);
    expect(stats.manskiBounds(5, 3, 10).notes).toEqual(['invalid-input']);
  });

  it('all-zero paired differences give counts, V = 0 and no p-value', () => {
    const r = stats.wilcoxonSignedRank([2, 3, 4], [2, 3, 4]);
    expect(r).toMatchObject({ same: 3, improved: 0, worse: 0, V: 0, p: null, rankBiserial: null });
    expect(r.notes).toEqual(expect.arrayContaining(['zeros-dropped', 'too-few-observations', 'not-estimable']));
  });

  it('random small Likert data never produce NaN in any rank or count test', () => {
    const likert = fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null)), { minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(likert, likert, (x, y) => {
        expectWellFormed(stats.mannWhitney(x, y), 'mannWhitney');
        const n = Math.min(x.length, y.length);
        expectWellFormed(stats.wilcoxonSignedRank(x.slice(0, n), y.slice(0, n)), 'wilcoxonSignedRank');
        expectWellFormed(stats.wilcoxonSignedRank(x.slice(0, n), y.slice(0, n), { zeroMethod: 'pratt' }), 'pratt');
        expectWellFormed(stats.tInterval(x, { range: [1, 5] }), 'tInterval');
        const rows = x.slice(0, 6).map((v, i) => [v, y[i] ?? null, x[(i + 1) % x.length] ?? null]);
        expectWellFormed(stats.friedman(rows), 'friedman');
        expectWellFormed(stats.cochranQ(rows.map((r) => r.map((v) => (v === null ? null : v > 3 ? 1 : 0)))), 'cochranQ');
      }),
      { numRuns: 100 },
    );
  });
});

describe('minAchievableP, manskiBounds and smdProportions', () => {
  it('matches R for the planned designs of METHODS §3.5', async () => {
    const { cases, expectClose, reference } = await import('./reference.testkit.js');
    const ref = reference.minAchievableP;
    for (const c of ref.sign) expectClose(stats.minAchievableP({ test: 'sign', discordant: c.k }), c.value, c.r);
    for (const c of ref.mannWhitney) expectClose(stats.minAchievableP({ test: 'mann-whitney', m: c.m, n: c.n }), c.value, c.r);
    for (const c of ref.friedman) expectClose(stats.minAchievableP({ test: 'friedman', blocks: c.blocks, k: c.k }), c.value, c.r);
    for (const c of cases('manskiBounds')) {
      const b = stats.manskiBounds(c.x, c.respondents, c.N).bounds!;
      expectClose(b[0], c.lower, c.r);
      expectClose(b[1], c.upper, c.r);
    }
    for (const c of cases('smdProportions')) expectClose(stats.smdProportions(c.x1, c.n1, c.x2, c.n2).estimate, c.estimate, c.r);
  });
  it('says a signed-rank test needs 6 non-zero differences and McNemar 6 discordant pairs', () => {
    expect(stats.minAchievableP({ test: 'signed-rank', nonZero: 5 })).toBe(0.0625);
    expect(stats.minAchievableP({ test: 'signed-rank', nonZero: 6 })).toBe(0.03125);
    expect(stats.minAchievableP({ test: 'mcnemar', discordant: 6 })).toBe(0.03125);
  });
  it('gives 26%–91% for 9 yes of 12 respondents among 34 eligible', () => {
    const r = stats.manskiBounds(9, 12, 34);
    expect(r.bounds!.map((v) => Math.round(v * 100))).toEqual([26, 91]);
    expect(r.estimate).toBe(0.75);
  });
});
