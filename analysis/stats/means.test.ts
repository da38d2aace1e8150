import { describe, expect, it } from 'vitest';
import { cases, expectClose } from './reference.testkit.js';
import { cohenD } from './cohenD.js';
import { cohenDz } from './cohenDz.js';
import { hedgesG } from './hedgesG.js';
import { pairedT } from './pairedT.js';
import { smd } from './smd.js';
import { studentT } from './studentT.js';
import { tInterval } from './tInterval.js';
import { welchT } from './welchT.js';

describe('tInterval', () => {
  it.each(cases('oneSample'))('matches R t.test for $label', (c) => {
    const r95 = tInterval(c.x);
    expectClose(r95.estimate, c.mean, `${c.label}: mean`);
    expectClose(r95.sd, c.sd, `${c.label}: sd`);
    expectClose(r95.ci?.[0] ?? null, c.lower95, `${c.label}: t.test(x)$conf.int[1]`);
    expectClose(r95.ci?.[1] ?? null, c.upper95, `${c.label}: t.test(x)$conf.int[2]`);
    const r90 = tInterval(c.x, { confLevel: 0.9 });
    expectClose(r90.ci?.[0] ?? null, c.lower90, `${c.label}: conf.level = 0.9`);
    expectClose(r90.ci?.[1] ?? null, c.upper90, `${c.label}: conf.level = 0.9`);
    const tested = tInterval(c.x, { mu: 3 });
    expectClose(tested.statistic, c.tMu3, `${c.label}: t.test(x, mu = 3) statistic`);
    expectClose(tested.p, c.pMu3, `${c.label}: t.test(x, mu = 3) p`);
  });
  it('gives 2.78–3.50 for round 1 of the guide’s example', () => {
    const { ci } = tInterval(cases('oneSample')[0].x);
    expect(ci![0]).toBeCloseTo(2.781968, 6);
    expect(ci![1]).toBeCloseTo(3.503747, 6);
  });
  it('clips the interval to the scale range and says so', () => {
    const r = tInterval([5, 5, 4, 5, 5], { range: [1, 5] });
    expect(r.ci![1]).toBe(5);
    expect(r.ciUnclipped![1]).toBeGreaterThan(5);
    expect(r.notes).toContain('clipped');
  });
  it('has no interval for a single observation or identical values, and never returns NaN', () => {
    expect(tInterval([4])).toMatchObject({ estimate: 4, ci: null, notes: ['too-few-observations'] });
    expect(tInterval([4, 4, 4])).toMatchObject({ estimate: 4, ci: null, notes: ['not-estimable'] });
    expect(tInterval([])).toMatchObject({ estimate: null, ci: null, n: 0 });
  });
});

describe('welchT, studentT, cohenD, hedgesG and smd', () => {
  it.each(cases('twoSample'))('match R for $label', (c) => {
    const w = welchT(c.x, c.y);
    expectClose(w.statistic, c.welchT, `${c.label}: Welch t`);
    expectClose(w.df, c.welchDf, `${c.label}: Welch df`);
    expectClose(w.p, c.welchP, `${c.label}: Welch p`);
    expectClose(w.ci?.[0] ?? null, c.welchLower, `${c.label}: Welch CI`);
    expectClose(w.ci?.[1] ?? null, c.welchUpper, `${c.label}: Welch CI`);
    const s = studentT(c.x, c.y);
    expectClose(s.statistic, c.studentT, `${c.label}: Student t`);
    expectClose(s.p, c.studentP, `${c.label}: Student p`);
    expectClose(s.ci?.[0] ?? null, c.studentLower, `${c.label}: Student CI`);
    expectClose(s.ci?.[1] ?? null, c.studentUpper, `${c.label}: Student CI`);
    expectClose(cohenD(c.x, c.y).estimate, c.cohenD, `${c.label}: Cohen's d`);
    expectClose(hedgesG(c.x, c.y).estimate, c.hedgesG, `${c.label}: Hedges' g`);
    expectClose(smd(c.x, c.y).estimate, c.smd, `${c.label}: SMD`);
  });
  it('reproduces the guide: Welch p = 0.006037, d = 1.030, Student t = −2.545875', () => {
    const [first] = cases('twoSample');
    expect(welchT(first.x, first.y).p).toBeCloseTo(0.0060371, 7);
    expect(cohenD(first.x, first.y).estimate).toBeCloseTo(1.0303, 4);
    expect(studentT([1, 2, 3, 4], [3, 4, 5, 6, 7]).statistic).toBeCloseTo(-2.545875, 6);
  });
});

describe('pairedT and cohenDz', () => {
  it.each(cases('pairedT'))('match R for $label', (c) => {
    const r = pairedT(c.x, c.y);
    expectClose(r.estimate, c.mean, `${c.label}: mean difference`);
    expectClose(r.statistic, c.t, `${c.label}: t`);
    expectClose(r.p, c.p, `${c.label}: p`);
    expectClose(r.ci?.[0] ?? null, c.lower, `${c.label}: CI`);
    expectClose(r.ci?.[1] ?? null, c.upper, `${c.label}: CI`);
    expectClose(cohenDz(c.x, c.y).estimate, c.dz, `${c.label}: d_z`);
  });
  it('reproduces the guide: paired p = 0.0238564 and d_z = 0.858', () => {
    const [first] = cases('pairedT');
    expect(pairedT(first.x, first.y).p).toBeCloseTo(0.0238564, 7);
    expect(cohenDz(first.x, first.y).estimate).toBeCloseTo(0.8581, 4);
  });
});
