/**
 * A row-reduced basis of vectors, to ask whether a vector is a linear combination of the rows
 * added so far: whether a suppressed count can be worked out by adding and subtracting counts
 * that are shown (response-suppression.ts). The vectors hold small integers (0/1 memberships),
 * so elimination in doubles with a tolerance is exact enough for the few dozen columns used.
 */
export class Span {
  private readonly rows: { pivot: number; v: Float64Array }[] = [];

  constructor(readonly width: number) {}

  get rank(): number {
    return this.rows.length;
  }

  /** A copy that can grow without changing this one. */
  clone(): Span {
    const s = new Span(this.width);
    for (const r of this.rows) s.rows.push({ pivot: r.pivot, v: r.v });
    return s;
  }

  /** Adds v; returns false when v was already in the span (nothing changes). */
  add(v: ArrayLike<number>): boolean {
    const r = this.reduce(v);
    const pivot = r.findIndex((x) => Math.abs(x) > EPS);
    if (pivot < 0) return false;
    const scale = r[pivot];
    for (let j = 0; j < r.length; j++) r[j] /= scale;
    // Keep the basis fully reduced, so that reduce() needs one pass.
    for (const row of this.rows) {
      const f = row.v[pivot];
      if (Math.abs(f) > EPS) {
        const v2 = Float64Array.from(row.v);
        for (let j = 0; j < v2.length; j++) v2[j] -= f * r[j];
        row.v = v2;
      }
    }
    this.rows.push({ pivot, v: r });
    return true;
  }

  contains(v: ArrayLike<number>): boolean {
    const r = this.reduce(v);
    for (let j = 0; j < r.length; j++) if (Math.abs(r[j]) > EPS) return false;
    return true;
  }

  private reduce(v: ArrayLike<number>): Float64Array {
    const r = Float64Array.from(v as ArrayLike<number>);
    for (const row of this.rows) {
      const f = r[row.pivot];
      if (Math.abs(f) > EPS) for (let j = 0; j < r.length; j++) r[j] -= f * row.v[j];
    }
    return r;
  }
}

const EPS = 1e-9;
