import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cases, expectClose } from './reference.testkit.js';
import { clopperPearson } from './clopperPearson.js';
import { newcombeIndependent } from './newcombeIndependent.js';
import { newcombePaired } from './newcombePaired.js';
import { wilson } from './wilson.js';

describe('wilson', () => {
  it.each(cases('wilson'))('matches R for $x of $n at level $confLevel ($r)', (c) => {
    const result = wilson(c.x, c.n, { confLevel: c.confLevel });
    expectClose(result.ci?.[0], c.lower, `${c.r} lower`);
    expectClose(result.ci?.[1], c.upper, `${c.r} upper`);
  });
  it('gives 52%–95% for 9 of 11, the guide’s "82%" example', () => {
    const { ci } = wilson(9, 11);
    expect(ci?.map((v) => Math.round(v * 100))).toEqual([52, 95]);
  });
  it('puts the limit exactly at 0 for x = 0 and exactly at 1 for x = n', () => {
    expect(wilson(0, 12).ci?.[0]).toBe(0);
    expect(wilson(12, 12).ci?.[1]).toBe(1);
  });
  it('is not estimable for n = 0 and flags invalid counts without throwing', () => {
    expect(wilson(0, 0)).toMatchObject({ estimate: null, ci: null, notes: ['not-estimable'] });
    expect(wilson(5, 3).notes).toEqual(['invalid-input']);
    expect(wilson(1.5, 3).notes).toEqual(['invalid-input']);
  });
  it('is symmetric: the interval for x successes mirrors the one for n − x', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        ([n, x]) => {
          const a = wilson(x, n).ci!;
          const b = wilson(n - x, n).ci!;
          expect(a[0]).toBeCloseTo(1 - b[1], 12);
          expect(a[1]).toBeCloseTo(1 - b[0], 12);
        },
      ),
    );
  });
  it('always contains the observed proportion and stays inside [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        ([n, x]) => {
          const r = wilson(x, n);
          expect(r.ci![0]).toBeGreaterThanOrEqual(0);
          expect(r.ci![1]).toBeLessThanOrEqual(1);
          expect(r.ci![0]).toBeLessThanOrEqual(r.estimate!);
          expect(r.ci![1]).toBeGreaterThanOrEqual(r.estimate!);
        },
      ),
    );
  });
});

describe('clopperPearson', () => {
  it.each(cases('clopperPearson'))('matches R for $x of $n at level $confLevel ($r)', (c) => {
    const result = clopperPearson(c.x, c.n, { confLevel: c.confLevel });
    expectClose(result.ci?.[0], c.lower, `${c.r} lower`);
    expectClose(result.ci?.[1], c.upper, `${c.r} upper`);
  });
  it('is wider than Wilson for 9 of 11 (it is conservative)', () => {
    const cp = clopperPearson(9, 11).ci!;
    const w = wilson(9, 11).ci!;
    expect(cp[0]).toBeLessThan(w[0]);
    expect(cp[1]).toBeGreaterThan(w[1]);
  });
});

describe('newcombeIndependent', () => {
  it.each(cases('newcombeIndependent'))('matches the R formula for $x1/$n1 − $x2/$n2', (c) => {
    const r = newcombeIndependent(c.x1, c.n1, c.x2, c.n2);
    expectClose(r.estimate, c.estimate, `${c.r} estimate`);
    expectClose(r.ci?.[0], c.lower, `${c.r} lower`);
    expectClose(r.ci?.[1], c.upper, `${c.r} upper`);
  });
  it('reproduces Newcombe’s published example 56/70 − 48/80: 0.0524 to 0.3339', () => {
    const { ci } = newcombeIndependent(56, 70, 48, 80);
    expect(ci![0]).toBeCloseTo(0.0524, 4);
    expect(ci![1]).toBeCloseTo(0.3339, 4);
  });
  it('includes 0 for 9 of 11 vs 10 of 21 where the Wald interval does not (−0.015 to 0.575)', () => {
    const { ci } = newcombeIndependent(9, 11, 10, 21);
    expect(ci![0]).toBeCloseTo(-0.0146, 4);
    expect(ci![1]).toBeCloseTo(0.5747, 4);
  });
  it('is not estimable when a group is empty', () => {
    expect(newcombeIndependent(0, 0, 3, 5)).toMatchObject({ estimate: null, ci: null, notes: ['not-estimable'] });
  });
});

describe('newcombePaired', () => {
  it.each(cases('newcombePaired'))('matches the R formula for yesYes $yesYes, noYes $noYes, yesNo $yesNo, noNo $noNo', (c) => {
    const r = newcombePaired({ yesYes: c.yesYes, yesNo: c.yesNo, noYes: c.noYes, noNo: c.noNo });
    if (c.yesYes + c.yesNo + c.noYes + c.noNo === 0) return;
    expectClose(r.estimate, c.estimate, `${c.r} estimate`);
    expectClose(r.ci?.[0], c.lower, `${c.r} lower`);
    expectClose(r.ci?.[1], c.upper, `${c.r} upper`);
    expectClose(r.psi, c.psi, `${c.r} psi`);
  });
  it('reproduces the contingencytables test case [[59, 6], [16, 80]]: −0.0621 (−0.1186 to −0.0046)', () => {
    const r = newcombePaired({ yesYes: 59, noYes: 6, yesNo: 16, noNo: 80 });
    expect(r.estimate).toBeCloseTo(-0.0621, 4);
    expect(r.ci![0]).toBeCloseTo(-0.1186, 4);
    expect(r.ci![1]).toBeCloseTo(-0.0046, 4);
  });
  it('reports change as later minus earlier', () => {
    expect(newcombePaired({ yesYes: 3, yesNo: 1, noYes: 6, noNo: 2 }).estimate).toBeCloseTo(5 / 12, 15);
  });
  it('always contains its estimate', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 4, maxLength: 4 }), ([a, b, c, d]) => {
        const r = newcombePaired({ yesYes: a, yesNo: b, noYes: c, noNo: d });
        if (a + b + c + d === 0) return expect(r.notes).toContain('not-estimable');
        expect(r.ci![0]).toBeLessThanOrEqual(r.estimate! + 1e-12);
        expect(r.ci![1]).toBeGreaterThanOrEqual(r.estimate! - 1e-12);
      }),
    );
  });
});
