import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cases, expectClose } from './reference.testkit.js';
import { binomTest } from './binomTest.js';
import { chiSquare2x2 } from './chiSquare2x2.js';
import { chiSquareRxC } from './chiSquareRxC.js';
import { fisherExact2x2 } from './fisherExact2x2.js';
import { fisherExact2xK } from './fisherExact2xK.js';
import { mcnemarAsymptotic } from './mcnemarAsymptotic.js';
import { mcnemarExact } from './mcnemarExact.js';
import { mcnemarMidP } from './mcnemarMidP.js';
import { signTest } from './signTest.js';

describe('binomTest', () => {
  it.each(cases('binomTest'))('matches R $r', (c) => {
    const r = binomTest(c.x, c.n, { p0: c.p0 });
    expectClose(r.pComputed, c.p, `${c.r} p`);
    expectClose(r.ci?.[0], c.lower, `${c.r} lower`);
    expectClose(r.ci?.[1], c.upper, `${c.r} upper`);
    expectClose(r.minAchievableP, c.minAchievableP, `${c.r} min p`);
  });
  it('withholds p when no outcome could reach alpha (n = 4)', () => {
    const r = binomTest(4, 4);
    expect(r.p).toBeNull();
    expect(r.notes).toContain('too-few-observations');
    expect(r.pComputed).toBeCloseTo(0.125, 14);
  });
});

describe('McNemar tests', () => {
  it.each(cases('mcnemar'))('match R for yesNo $yesNo, noYes $noYes ($r)', (c) => {
    const counts = { yesYes: c.yesYes, yesNo: c.yesNo, noYes: c.noYes, noNo: c.noNo };
    const discordant = c.yesNo + c.noYes;
    expectClose(mcnemarExact(counts).pComputed, discordant === 0 ? 1 : c.exact, `${c.r} exact`);
    expectClose(mcnemarMidP(counts).pComputed, discordant === 0 ? 1 : c.midp, `${c.r} mid-p`);
    expectClose(mcnemarAsymptotic(counts).pComputed, c.chisqCorrected, `${c.r} corrected`);
    expectClose(mcnemarAsymptotic(counts, { correct: false }).pComputed, c.chisqUncorrected, `${c.r} uncorrected`);
    expectClose(mcnemarAsymptotic(counts).statistic, c.statCorrected, `${c.r} statistic`);
  });
  it('gives the guide’s example b = 1, c = 6: exact 0.125, mid-p 0.0703, χ² 0.1306 / 0.0588', () => {
    const counts = { yesYes: 3, yesNo: 1, noYes: 6, noNo: 2 };
    expect(mcnemarExact(counts).p).toBeCloseTo(0.125, 14);
    expect(mcnemarMidP(counts).p).toBeCloseTo(0.0703125, 14);
    expect(mcnemarAsymptotic(counts).p).toBeCloseTo(0.13057, 5);
    expect(mcnemarAsymptotic(counts, { correct: false }).p).toBeCloseTo(0.058782, 6);
  });
  it('withholds the exact p with 5 or fewer discordant pairs (min p 0.0625) but still reports the change', () => {
    const r = mcnemarExact({ yesYes: 4, yesNo: 0, noYes: 5, noNo: 3 });
    expect(r).toMatchObject({ p: null, minAchievableP: 0.0625, discordant: 5 });
    expect(r.notes).toContain('too-few-observations');
    expect(r.estimate).toBeCloseTo(5 / 12, 15);
  });
});

describe('signTest', () => {
  it.each(cases('signTest'))('matches R binom.test on the signs for $label', (c) => {
    const r = signTest(c.x, c.y);
    expect(r.improved).toBe(c.positive);
    expect(r.improved + r.worse).toBe(c.nonZero);
    if (c.nonZero === 0) return expect(r.p).toBeNull();
    expectClose(r.pComputed, c.p, `${c.r} p`);
    expectClose(r.ci?.[0], c.lower, `${c.r} lower`);
    expectClose(r.ci?.[1], c.upper, `${c.r} upper`);
  });
  it('gives 0.1797 for 7 positive vs 2 negative differences', () => {
    expect(signTest([1, 1, 1, 1, 1, 1, 1, -1, -1]).p).toBeCloseTo(0.1796875, 14);
  });
});

describe('fisherExact2x2 and chiSquare2x2', () => {
  it.each(cases('fisher2x2'))('match R for $table ($r)', (c) => {
    expectClose(fisherExact2x2(c.table).pComputed, c.p, `${c.r} fisher`);
    expectClose(chiSquare2x2(c.table).p, c.chisq, `${c.r} chisq`);
    expectClose(chiSquare2x2(c.table).statistic, c.chisqStat, `${c.r} X2`);
    expectClose(chiSquare2x2(c.table, { correct: true }).p, c.chisqYates, `${c.r} Yates`);
  });
  it('gives p = 0.1279 for 9 of 11 vs 10 of 21', () => {
    expect(
      fisherExact2x2([
        [9, 2],
        [10, 11],
      ]).p,
    ).toBeCloseTo(0.127945, 6);
  });
  it('gives the same p when the groups are swapped, and the difference flips sign', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 4, maxLength: 4 }), ([a, b, c, d]) => {
        const one = fisherExact2x2([
          [a, b],
          [c, d],
        ]);
        const two = fisherExact2x2([
          [c, d],
          [a, b],
        ]);
        expect(two.pComputed).toBeCloseTo(one.pComputed!, 12);
        if (one.estimate !== null) expect(two.estimate).toBeCloseTo(-one.estimate, 15);
        expect(one.pComputed).toBeGreaterThanOrEqual(0);
        expect(one.pComputed).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('flags low expected counts and refuses empty margins', () => {
    expect(
      chiSquare2x2([
        [9, 2],
        [10, 11],
      ]).notes,
    ).toContain('low-expected-counts');
    expect(
      chiSquare2x2([
        [0, 0],
        [3, 4],
      ]).notes,
    ).toContain('not-estimable');
  });
});

describe('fisherExact2xK and chiSquareRxC', () => {
  it.each(cases('fisher2xK'))('match R for $table', (c) => {
    expectClose(fisherExact2xK(c.table).pComputed, c.p, `${c.r} fisher`);
    expectClose(chiSquareRxC(c.table).p, c.chisq, `${c.r} chisq`);
  });
  it.each(cases('chiSquareRxC'))('Pearson χ² matches R for the 3×3 table $table', (c) => {
    const r = chiSquareRxC(c.table);
    expectClose(r.statistic, c.statistic, `${c.r} statistic`);
    expectClose(r.p, c.p, `${c.r} p`);
  });
  it('gives p = 0.570254 for the guide’s 2×5 table and accepts it transposed', () => {
    const rows = [
      [2, 5, 6, 5, 3],
      [0, 1, 3, 5, 3],
    ];
    expect(fisherExact2xK(rows).p).toBeCloseTo(0.570254, 6);
    expect(fisherExact2xK(rows[0].map((v, j) => [v, rows[1][j]])).p).toBeCloseTo(0.570254, 6);
  });
  it('agrees with the 2×2 test on a 2×2 table', () => {
    expect(
      fisherExact2xK([
        [9, 2],
        [10, 11],
      ]).pComputed,
    ).toBeCloseTo(
      fisherExact2x2([
        [9, 2],
        [10, 11],
      ]).pComputed!,
      12,
    );
  });
});
