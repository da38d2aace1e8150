import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cases, expectClose } from './reference.testkit.js';
import { pAdjust, P_ADJUST_METHODS } from './pAdjust.js';

describe('pAdjust', () => {
  it.each(cases('pAdjust'))('matches R $r for holm, BH and bonferroni', (c) => {
    for (const method of P_ADJUST_METHODS) {
      const adjusted = pAdjust(c.p, method);
      c[method].forEach((expected: number | null, i: number) => expectClose(adjusted[i], expected, `${c.r} ${method}[${i}]`));
    }
  });
  it('reproduces the guide’s example for Holm and BH', () => {
    const p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.049, 0.5];
    pAdjust(p, 'holm').forEach((v, i) => expect(v).toBeCloseTo([0.06, 0.16, 0.15, 0.035, 0.4, 0.16, 0.5][i], 12));
    pAdjust(p, 'BH').forEach((v, i) => expect(v).toBeCloseTo([0.035, 0.0686, 0.0686, 0.035, 0.2333333, 0.0686, 0.5][i], 6));
  });
  it('keeps missing p-values missing and leaves them out of m, as R does', () => {
    expect(pAdjust([0.01, null, 0.04], 'bonferroni')).toEqual([0.02, null, 0.08]);
  });
  it('never lowers a p-value and never exceeds 1', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (p) => {
        for (const method of P_ADJUST_METHODS) {
          pAdjust(p, method).forEach((v, i) => {
            expect(v!).toBeGreaterThanOrEqual(p[i] - 1e-15);
            expect(v!).toBeLessThanOrEqual(1);
          });
        }
      }),
    );
  });
});
