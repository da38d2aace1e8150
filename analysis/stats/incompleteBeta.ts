import { lgamma } from './lgamma.js';

/**
 * Both tails of the regularised incomplete beta function, I_x(a, b) and
 * 1 − I_x(a, b), each computed directly on the side where the continued
 * fraction converges (internal; use `regularizedBeta`, `pt`, `pf`).
 *
 * `y` is 1 − x supplied by the caller when it can be computed without
 * cancellation (e.g. t²/(df + t²) for Student's t); that keeps the tail
 * near x = 1 accurate. The continued fraction is Lentz's evaluation of the
 * classical expansion (Numerical Recipes §6.4), with the symmetry swap
 * I_x(a, b) = 1 − I_{1−x}(b, a) for x > (a + 1)/(a + b + 2).
 */
export function incompleteBeta(x: number, a: number, b: number, y: number = 1 - x): { lower: number; upper: number } {
  if (!(a > 0 && b > 0) || Number.isNaN(x) || Number.isNaN(y)) return { lower: Number.NaN, upper: Number.NaN };
  if (x <= 0) return { lower: 0, upper: 1 };
  if (y <= 0) return { lower: 1, upper: 0 };
  const logPrefix = a * Math.log(x) + b * Math.log(y) - (lgamma(a) + lgamma(b) - lgamma(a + b));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logPrefix) * betaContinuedFraction(x, a, b)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (Math.exp(logPrefix) * betaContinuedFraction(y, b, a)) / b;
  return { lower: 1 - upper, upper };
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}
