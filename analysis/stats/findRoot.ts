/**
 * Safeguarded Newton iteration for an increasing function g on [lo, hi]
 * with g(lo) ≤ 0 ≤ g(hi) (internal; used to invert distribution functions
 * for `qt` and `qbeta`, as METHODS §7.3 allows). A Newton step that leaves
 * the current bracket is replaced by bisection, so it always converges;
 * it stops when the step is below ~1 ulp.
 */
export function findRoot(g: (x: number) => number, dg: (x: number) => number, lo: number, hi: number, start: number): number {
  let x = start > lo && start < hi ? start : (lo + hi) / 2;
  for (let i = 0; i < 2000; i++) {
    const gx = g(x);
    if (gx === 0) return x;
    if (gx < 0) lo = x;
    else hi = x;
    const slope = dg(x);
    let next = x - gx / slope;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = lo + (hi - lo) / 2;
    if (Math.abs(next - x) <= 4e-16 * Math.abs(x) || hi - lo <= 4e-16 * Math.abs(x) || next === x) return next;
    x = next;
  }
  return x;
}
