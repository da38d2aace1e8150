import { describe, expect, it } from 'vitest';
import { cliffsDelta, cochranQ, friedman, mannWhitney, quantile7, smd, tInterval, welchT, wilcoxonSignedRank } from '../stats/index.js';
import { Random } from '../../content/demo/random.js';
import { rankSumAsymptotic, signedRankAsymptotic } from './asymptotic.js';
import {
  cliffsDeltaFromCounts,
  cochranWeighted,
  friedmanWeighted,
  quantileFromCounts,
  rankSumFromCounts,
  signedRankFromJoint,
  tIntervalFromCounts,
  welchFromCounts,
} from './counts.js';

/**
 * The count-based and sort-based large-sample statistics must give the numbers of the verified
 * array functions in analysis/stats (which are checked against R). Random samples with heavy
 * ties, zeros and small n, seeded so failures reproduce.
 */
const close = (a: number | null | undefined, b: number | null | undefined) => {
  if (a === null || a === undefined || b === null || b === undefined) return expect(a ?? null).toBe(b ?? null);
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
};

const VALUES = [1, 2, 3, 4, 5];
const rnd = new Random(7);
const sample = (n: number, skew = 0) => Array.from({ length: n }, () => Math.min(5, Math.max(1, 1 + Math.floor(rnd.next() * 5 + skew))));
const countsOf = (xs: number[]) => VALUES.map((v) => xs.filter((x) => x === v).length);
const cases = Array.from({ length: 40 }, (_, i) => 2 + ((i * 7) % 45));

describe('count-based descriptives', () => {
  it('give the t-interval of tInterval, clipped the same way', () => {
    for (const n of cases) {
      const xs = sample(n);
      const t = tInterval(xs, { range: [1, 5] });
      const c = tIntervalFromCounts(countsOf(xs), VALUES, [1, 5]);
      close(c.estimate, t.estimate);
      close(c.sd, t.sd);
      close(c.ci?.[0], t.ci?.[0]);
      close(c.ci?.[1], t.ci?.[1]);
      expect(c.clipped).toBe(t.notes.includes('clipped'));
    }
  });

  it('give the type-7 quantiles of quantile7 exactly', () => {
    for (const n of [1, 2, 3, 4, ...cases]) {
      const xs = sample(n);
      for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(quantileFromCounts(countsOf(xs), VALUES, p)).toBe(quantile7(xs, p));
    }
    expect(quantileFromCounts([0, 0, 0, 0, 0], VALUES, 0.5)).toBeNull();
  });
});

describe('count-based and sort-based rank tests', () => {
  it('reproduce the signed-rank statistic, approximate p and rank-biserial', () => {
    for (const n of cases) {
      const before = sample(n);
      const after = sample(n, 0.8);
      const w = wilcoxonSignedRank(after, before, { exact: false });
      const joint = new Array(25).fill(0);
      before.forEach((b, i) => joint[(b - 1) * 5 + (after[i] - 1)]++);
      const j = signedRankFromJoint(joint, VALUES);
      const s = signedRankAsymptotic(after.map((a, i) => a - before[i]));
      for (const r of [j, s]) {
        close(r.statistic, w.V);
        close(r.p, w.pApprox);
        close(r.rankBiserial, w.rankBiserial);
        expect([r.improved, r.same, r.worse]).toEqual([w.improved, w.same, w.worse]);
      }
    }
  });

  it('reproduce the rank-sum U, approximate p and Cliff’s delta', () => {
    // mannWhitney always computes its exact distribution too: keep n moderate for speed.
    for (const n of cases.filter((n) => n <= 26)) {
      const x = sample(n, 0.5);
      const y = sample(Math.max(1, n - 3));
      const mw = mannWhitney(x, y, { exact: false });
      for (const r of [rankSumFromCounts(countsOf(x), countsOf(y)), rankSumAsymptotic(x, y)]) {
        close(r.statistic, mw.U);
        close(r.p, mw.pApprox);
        close(r.cliffsDelta, mw.cliffsDelta);
      }
      close(cliffsDeltaFromCounts(countsOf(x), countsOf(y)), cliffsDelta(x, y).estimate);
    }
  });

  it('reproduce Friedman’s and Cochran’s χ² from distinct rows with counts', () => {
    for (const n of [3, 5, 8, 12, 20]) {
      const rows = Array.from({ length: n }, () => sample(3));
      const f = friedman(rows);
      const distinct = new Map<string, { row: number[]; w: number }>();
      for (const r of rows) {
        const e = distinct.get(r.join()) ?? { row: r, w: 0 };
        e.w++;
        distinct.set(r.join(), e);
      }
      const list = [...distinct.values()];
      const fw = friedmanWeighted(
        list.map((e) => e.row),
        list.map((e) => e.w),
        3,
      );
      close(fw.statistic, f.statistic ?? 0);
      close(fw.p, f.pApprox);
      const binary = rows.map((r) => r.map((x) => (x > 3 ? 1 : 0)));
      const q = cochranQ(binary);
      const cw = cochranWeighted(
        binary,
        binary.map(() => 1),
        3,
      );
      close(cw.p, q.pApprox);
    }
  });

  it('reproduce Welch’s interval and the SMD', () => {
    for (const n of cases.filter((n) => n > 3)) {
      const a = sample(n, 0.4);
      const b = sample(n + 2);
      const t = welchT(a, b);
      const w = welchFromCounts(countsOf(a), countsOf(b), VALUES);
      close(w.estimate, t.estimate);
      close(w.ci?.[0], t.ci?.[0]);
      close(w.ci?.[1], t.ci?.[1]);
      close(w.smd, smd(a, b).estimate);
    }
  });
});
