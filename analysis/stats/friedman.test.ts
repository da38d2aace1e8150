import { describe, expect, it } from 'vitest';
import { cases, expectClose } from './reference.testkit.js';
import { blockPermutationDistribution } from './blockPermutationDistribution.js';
import { cochranQ } from './cochranQ.js';
import { friedman } from './friedman.js';

describe('friedman', () => {
  it.each(cases('friedman'))('matches R for $label', (c) => {
    const r = friedman(c.table);
    expect(r.n).toBe(c.n);
    expectClose(r.statistic, c.statistic, `${c.label}: friedman.test statistic`);
    expectClose(r.pApprox, c.pApprox, `${c.label}: friedman.test p`);
    expectClose(r.pExact, c.pExact, `${c.label}: exact DP in ref.R`);
    expectClose(r.minAchievableP, c.minAchievableP, `${c.label}: min achievable p`);
    if (c.pExactBrute !== null) expectClose(r.pExact, c.pExactBrute, `${c.label}: brute force`);
  });
  it('reproduces the guide’s example: χ² = 9.652, χ² p = 0.00802, exact p = 0.00480, on 8 complete cases', () => {
    const r = friedman(cases('friedman')[0].table);
    expect(r.statistic).toBeCloseTo(9.652174, 6);
    expect(r.pApprox).toBeCloseTo(0.0080178, 7);
    expect(r.p).toBeCloseTo(0.004801, 6);
    expect(r.n).toBe(8);
  });
  it('drops incomplete rows and says so', () => {
    const r = friedman([
      [1, 2, 3],
      [2, null, 3],
      [1, 3, 2],
    ]);
    expect(r.n).toBe(2);
    expect(r.nDropped).toBe(1);
    expect(r.notes).toContain('missing-dropped');
  });
  it('is not estimable, without throwing, when every row is tied', () => {
    const r = friedman([
      [3, 3, 3],
      [2, 2, 2],
    ]);
    expect(r.statistic).toBeNull();
    expect(r.notes).toContain('not-estimable');
    expect(r.p).toBeNull();
  });
  it('falls back to χ² with a note when the exact state space is too large', () => {
    // 7 rounds: the second row alone would need 5040 × 5040 state transitions.
    const rows = [3, 5, 7].map((a) => [1, 2, 3, 4, 5, 6, 7].map((v) => (v * a) % 8));
    const r = friedman(rows);
    expect(r.pExact).toBeNull();
    expect(r.p).toBe(r.pApprox);
    expect(r.notes).toContain('approximate-p');
  });
});

describe('cochranQ', () => {
  it.each(cases('cochranQ'))('matches R for $label', (c) => {
    const r = cochranQ(c.table);
    expect(r.n).toBe(c.n);
    expectClose(r.statistic, c.statistic, `${c.label}: Q formula`);
    expectClose(r.statistic, c.friedmanStatistic, `${c.label}: friedman.test on 0/1`);
    expectClose(r.pApprox, c.pApprox, `${c.label}: pchisq`);
    expectClose(r.pExact, c.pExact, `${c.label}: exact DP in ref.R`);
    expectClose(r.minAchievableP, c.minAchievableP, `${c.label}: min achievable p`);
    if (c.pExactBrute !== null) expectClose(r.pExact, c.pExactBrute, `${c.label}: brute force`);
  });
  it('reproduces the guide’s example: Q = 5.2, χ² p = 0.0743 but exact p = 0.1235', () => {
    const r = cochranQ(cases('cochranQ')[0].table);
    expect(r.statistic).toBeCloseTo(5.2, 12);
    expect(r.pApprox).toBeCloseTo(0.074274, 6);
    expect(r.p).toBeCloseTo(0.12346, 5);
  });
  it('rejects values other than 0 and 1', () => {
    expect(cochranQ([[0, 1, 2]]).notes).toEqual(['invalid-input']);
  });
});

describe('blockPermutationDistribution', () => {
  it('is a probability distribution', () => {
    const dist = blockPermutationDistribution([
      [2, 4, 6],
      [3, 3, 6],
      [2, 5, 5],
    ])!;
    const total = [...dist.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 14);
  });
});
