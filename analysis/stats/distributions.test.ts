import { describe, expect, it } from 'vitest';
import { expectClose, reference } from './reference.testkit.js';
import { dbinom } from './dbinom.js';
import { lchoose } from './lchoose.js';
import { lgamma } from './lgamma.js';
import { pbinom } from './pbinom.js';
import { pchisq } from './pchisq.js';
import { pf } from './pf.js';
import { pnorm } from './pnorm.js';
import { pt } from './pt.js';
import { qbeta } from './qbeta.js';
import { qnorm } from './qnorm.js';
import { qt } from './qt.js';
import { regularizedBeta } from './regularizedBeta.js';
import { regularizedGammaP } from './regularizedGammaP.js';
import { regularizedGammaQ } from './regularizedGammaQ.js';

const d = reference.distributions;

describe('pnorm', () => {
  it('matches R pnorm in both tails from z = -37.5 to 37.5 to 1e-14 relative', () => {
    for (const c of d.pnorm) {
      expectClose(pnorm(c.x), c.lower, `pnorm(${c.x})`, 1e-14);
      expectClose(pnorm(c.x, false), c.upper, `pnorm(${c.x}, lower.tail = FALSE)`, 1e-14);
    }
  });
  it('gives the two-sided 5% point its exact tail', () => {
    expect(pnorm(1.959963984540054, false)).toBeCloseTo(0.025, 15);
  });
});

describe('qnorm', () => {
  it('matches R qnorm (AS 241) from p = 1e-300 to 1 - 1e-10 to 1e-15 relative', () => {
    for (const c of d.qnorm) expectClose(qnorm(c.p), c.value, c.r, 1e-15);
  });
  it('returns the hard-coded 97.5% point to within two ulps', () => {
    expect(Math.abs(qnorm(0.975) - 1.959963984540054)).toBeLessThanOrEqual(4.5e-16);
  });
});

describe('pt and qt', () => {
  it('matches R pt in both tails, including fractional Welch degrees of freedom', () => {
    for (const c of d.pt) {
      expectClose(pt(c.x, c.df), c.lower, `${c.r} lower`);
      expectClose(pt(c.x, c.df, false), c.upper, `${c.r} upper`);
    }
  });
  it('matches R qt from p = 1e-10 to 0.995', () => {
    for (const c of d.qt) expectClose(qt(c.p, c.df), c.value, c.r);
  });
});

describe('pchisq and pf', () => {
  it('matches R pchisq in both tails, down to upper tails near 1e-130', () => {
    for (const c of d.pchisq) {
      expectClose(pchisq(c.x, c.df), c.lower, `${c.r} lower`);
      expectClose(pchisq(c.x, c.df, false), c.upper, c.r);
    }
  });
  it('matches R pf in both tails', () => {
    for (const c of d.pf) {
      expectClose(pf(c.x, c.df1, c.df2), c.lower, `${c.r} lower`);
      expectClose(pf(c.x, c.df1, c.df2, false), c.upper, c.r);
    }
  });
});

describe('incomplete gamma and beta', () => {
  it('matches R pgamma for both regularised functions P and Q', () => {
    for (const c of d.pgamma) {
      expectClose(regularizedGammaP(c.a, c.x), c.lower, `${c.r} (P)`);
      expectClose(regularizedGammaQ(c.a, c.x), c.upper, `${c.r} (Q)`);
    }
  });
  it('matches R pbeta in both tails', () => {
    for (const c of d.pbeta) {
      expectClose(regularizedBeta(c.x, c.a, c.b), c.lower, c.r);
      expectClose(regularizedBeta(c.x, c.a, c.b, false), c.upper, `${c.r} upper`);
    }
  });
  it('matches R qbeta', () => {
    for (const c of d.qbeta) expectClose(qbeta(c.p, c.a, c.b), c.value, c.r);
  });
});

describe('lgamma, lchoose, dbinom and pbinom', () => {
  it('matches R lgamma and lchoose', () => {
    for (const c of d.lgamma) expectClose(lgamma(c.x), c.value, c.r, 1e-14);
    for (const c of d.lchoose) expectClose(lchoose(c.n, c.k), c.value, c.r, 1e-13);
  });
  it('matches R dbinom and both tails of pbinom, without truncating the tails', () => {
    for (const c of d.dbinom) {
      expectClose(dbinom(c.x, c.n, c.prob), c.density, c.r);
      expectClose(pbinom(c.x, c.n, c.prob), c.lower, `${c.r} lower`);
      expectClose(pbinom(c.x, c.n, c.prob, false), c.upper, `${c.r} upper`);
    }
  });
});

describe('distribution functions at the edges', () => {
  it('returns NaN, not a throw, for arguments outside the domain', () => {
    expect(qnorm(1.5)).toBeNaN();
    expect(pt(1, 0)).toBeNaN();
    expect(qt(-0.1, 5)).toBeNaN();
    expect(dbinom(1.5, 4, 0.5)).toBeNaN();
  });
  it('handles infinite and boundary arguments like R', () => {
    expect(qnorm(0)).toBe(-Infinity);
    expect(pt(Infinity, 3)).toBe(1);
    expect(pchisq(0, 2, false)).toBe(1);
    expect(pf(0, 2, 3)).toBe(0);
    expect(qbeta(0, 2, 3)).toBe(0);
  });
});

// Keep the fixture honest: every section used here exists.
it('has reference values for every distribution function tested', () => {
  for (const key of ['pnorm', 'qnorm', 'pt', 'qt', 'pchisq', 'pf', 'pgamma', 'pbeta', 'qbeta', 'lgamma', 'lchoose', 'dbinom']) {
    expect(reference.distributions[key]?.length, key).toBeGreaterThan(0);
  }
});
