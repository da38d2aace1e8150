import { describe, expect, it } from 'vitest';
import { quantile as ssQuantile } from 'simple-statistics';
import { cases, expectClose } from './reference.testkit.js';
import { iqr } from './iqr.js';
import { median } from './median.js';
import { medianCI } from './medianCI.js';
import { midranks } from './midranks.js';
import { quantile7 } from './quantile7.js';

describe('midranks, quantile7, median, iqr and medianCI', () => {
  it.each(cases('oneSample'))('match R for $label', (c) => {
    expect(midranks(c.x)).toEqual(c.ranks);
    expectClose(quantile7(c.x, 0.1), c.q10, `${c.label}: quantile(x, 0.1)`);
    expectClose(quantile7(c.x, 0.25), c.q25, `${c.label}: quantile(x, 0.25)`);
    expectClose(quantile7(c.x, 0.75), c.q75, `${c.label}: quantile(x, 0.75)`);
    expectClose(median(c.x), c.median, `${c.label}: median(x)`);
    expectClose(iqr(c.x), c.iqr, `${c.label}: IQR(x)`);
    const ci = medianCI(c.x);
    expect(ci.k).toBe(c.medianCIk);
    expectClose(ci.ci?.[0] ?? null, c.medianCIlower, `${c.label}: sort(x)[k]`);
    expectClose(ci.ci?.[1] ?? null, c.medianCIupper, `${c.label}: sort(x)[n-k+1]`);
    expectClose(ci.coverage, c.medianCIcoverage, `${c.label}: coverage`);
  });
  it('agrees with simple-statistics 7.12.1 quantile, which is R type 7', () => {
    for (const c of cases('oneSample'))
      for (const p of [0.1, 0.25, 0.5, 0.75]) expect(quantile7(c.x, p)).toBeCloseTo(ssQuantile(c.x, p), 12);
  });
  it('gives R’s textbook values: quantile(1:4, .25) = 1.75, IQR(1:8) = 3.5, rank ties averaged', () => {
    expect(quantile7([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(iqr([1, 2, 3, 4, 5, 6, 7, 8])).toBe(3.5);
    expect(midranks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
  });
  it('uses k = 3 with 96.1% coverage at n = 12 and has no median CI at n ≤ 5', () => {
    expect(medianCI([5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 11, 12])).toMatchObject({ k: 3, ci: [3, 10] });
    expect(medianCI([5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 11, 12]).coverage).toBeCloseTo(0.961, 3);
    expect(medianCI([1, 2, 3, 4, 5])).toMatchObject({ ci: null, notes: ['too-few-observations'] });
  });
  it('returns null for an empty sample and ignores missing values', () => {
    expect(quantile7([], 0.5)).toBeNull();
    expect(median([null, 3, Number.NaN, 5])).toBe(4);
    expect(iqr([])).toBeNull();
  });
});
