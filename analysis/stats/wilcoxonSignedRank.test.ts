import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cases, expectClose } from './reference.testkit.js';
import { wilcoxonSignedRank } from './wilcoxonSignedRank.js';

describe('wilcoxonSignedRank', () => {
  it.each(cases('wilcoxonSignedRank'))('matches R for $label (Wilcoxon zero method)', (c) => {
    const r = wilcoxonSignedRank(c.x, c.y);
    expect(r.V).toBe(c.V);
    expect({ improved: r.improved, same: r.same, worse: r.worse }).toEqual({ improved: c.improved, same: c.same, worse: c.worse });
    expectClose(r.pExact, c.pExact, `${c.label}: wilcox.exact(paired = TRUE)`);
    if (c.pExactBrute !== null) expectClose(r.pExact, c.pExactBrute, `${c.label}: all 2^n sign vectors`);
    if (c.pExactUntied !== null) expectClose(r.pExact, c.pExactUntied, `${c.label}: wilcox.test(exact = TRUE)`);
    expectClose(r.pApprox, c.pApproxCorrected, `${c.label}: wilcox.test(correct = TRUE)`);
    expectClose(wilcoxonSignedRank(c.x, c.y, { correct: false }).pApprox, c.pApproxUncorrected, `${c.label}: correct = FALSE`);
    expectClose(r.minAchievableP, c.minAchievableP, `${c.label}: 2 / 2^n`);
    expectClose(r.rankBiserial, c.rankBiserial, `${c.label}: r_c`);
    expectClose(r.hodgesLehmann, c.hodgesLehmann, `${c.label}: median of Walsh averages`);
    if (c.hodgesLehmannExactR !== null) expectClose(r.hodgesLehmann, c.hodgesLehmannExactR, `${c.label}: wilcox.test(conf.int = TRUE)`);
  });

  it.each(cases('wilcoxonSignedRank'))('matches the R reference for $label with Pratt’s zero method', (c) => {
    const r = wilcoxonSignedRank(c.x, c.y, { zeroMethod: 'pratt' });
    expect(r.V).toBe(c.pratt.V);
    if (c.pratt.pExactBrute !== null) expectClose(r.pExact, c.pratt.pExactBrute, `${c.label}: Pratt brute force`);
    expectClose(r.pApprox, c.pratt.pApproxCorrected, `${c.label}: Pratt approximation`);
    expectClose(
      wilcoxonSignedRank(c.x, c.y, { zeroMethod: 'pratt', correct: false }).pApprox,
      c.pratt.pApproxUncorrected,
      `${c.label}: Pratt, correct = FALSE`,
    );
    expectClose(r.rankBiserial, c.pratt.rankBiserial, `${c.label}: Pratt r_c`);
  });

  it('reproduces the guide’s paired example: V = 31.5, exact 0.0703 where the approximation says 0.041', () => {
    const c = cases('wilcoxonSignedRank')[0];
    const r = wilcoxonSignedRank(c.x, c.y);
    expect(r).toMatchObject({ V: 31.5, pExact: 0.0703125, rankBiserial: 0.75, improved: 7, same: 2, worse: 1 });
    expect(r.pApprox).toBeCloseTo(0.041077, 6);
    expect(r.p).toBe(0.0703125);
  });

  it('reproduces the Bortz example: V = 13, exact 0.13672, approximate 0.14358', () => {
    const c = cases('wilcoxonSignedRank')[1];
    const r = wilcoxonSignedRank(c.x, c.y);
    expect(r.V).toBe(13);
    expect(r.pExact).toBeCloseTo(0.13671875, 12);
    expect(r.pApprox).toBeCloseTo(0.14358, 5);
  });

  it('withholds p with fewer than 6 non-zero differences', () => {
    const r = wilcoxonSignedRank([2, 3, 4, 5, 6], [1, 1, 1, 1, 1]);
    expect(r).toMatchObject({ p: null, minAchievableP: 0.0625, pExact: 0.0625 });
    expect(r.notes).toContain('too-few-observations');
  });

  it('keeps p-values in [0, 1], flips the sign of r_c when the rounds are swapped, and keeps p', () => {
    const pairs = fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(pairs, (ps) => {
        const x = ps.map((p) => p[0]);
        const y = ps.map((p) => p[1]);
        const a = wilcoxonSignedRank(x, y);
        const b = wilcoxonSignedRank(y, x);
        expect(b.pExact).toBeCloseTo(a.pExact!, 12);
        if (a.rankBiserial !== null) expect(b.rankBiserial).toBeCloseTo(-a.rankBiserial, 12);
        for (const p of [a.pExact, a.pApprox]) if (p !== null) expect(p >= 0 && p <= 1).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
