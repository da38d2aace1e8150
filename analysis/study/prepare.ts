import { CELL, type AnalysisInput, type Variable } from './input.js';
import type { Selection } from './selection.js';

/** Codes are stored as one byte per selected unit; this marks "no substantive answer". */
export const NO_CODE = 255;

export interface PreparedRound {
  /** Index into input.rounds. */
  r: number;
  /** Selected units that submitted a response in the round. */
  respondents: number;
  /** Selected units per CELL state. */
  stateCounts: Int32Array;
  /** Categorical: the code's position in `values` per selected unit (NO_CODE when not answered). */
  idx: Uint8Array | null;
  /** Categorical: answers per code position. */
  hist: Float64Array | null;
  /** Numeric and text: substantive values, in selected-unit order. */
  answers: Float64Array | null;
}

/**
 * One variable restricted to the selection, in the form the statistics need: for items on a
 * scale (categorical: a code list of at most 254 codes) a code position per unit and a
 * histogram per round, so every later step is a count, not a pass over answers; for numbers
 * the answers themselves.
 */
export interface PreparedVariable {
  v: Variable;
  categorical: boolean;
  /** Categorical: the code values in ascending order. */
  values: Float64Array | null;
  rounds: PreparedRound[];
}

export function prepare(input: AnalysisInput, sel: Selection, v: Variable): PreparedVariable {
  const U = input.units.count;
  const categorical = v.codes !== null && v.kind !== 'text' && v.kind !== 'numeric' && v.codes.length < NO_CODE;
  const values = categorical ? Float64Array.from(v.codes!.map((c) => c.code)).sort() : null;
  const position = new Map<number, number>();
  values?.forEach((x, k) => position.set(x, k));
  // Small non-negative integer codes (every scale in practice) go through a lookup table.
  const max = values && values.length ? values[values.length - 1] : -1;
  const lut = values && values[0] >= 0 && max <= 4096 && values.every(Number.isInteger) ? new Int16Array(max + 1).fill(-1) : null;
  if (lut) values!.forEach((x, k) => (lut[x] = k));
  const units = sel.units;
  const len = units.length;
  const submitted = input.status.submitted;
  const state = v.state;
  const vals = v.values;
  const rounds = sel.rounds.map((r): PreparedRound => {
    const stateCounts = new Int32Array(6);
    const base = r * U;
    let respondents = 0;
    if (!categorical) {
      const answers = new Float64Array(len);
      let a = 0;
      for (let p = 0; p < len; p++) {
        const i = base + units[p];
        respondents += submitted[i];
        const s = state[i];
        stateCounts[s]++;
        if (s === CELL.ANSWERED) answers[a++] = vals[i];
      }
      return { r, respondents, stateCounts, idx: null, hist: null, answers: answers.subarray(0, a) };
    }
    const idx = new Uint8Array(len).fill(NO_CODE);
    const hist = new Float64Array(values!.length);
    for (let p = 0; p < len; p++) {
      const i = base + units[p];
      respondents += submitted[i];
      const s = state[i];
      stateCounts[s]++;
      if (s !== CELL.ANSWERED) continue;
      const x = vals[i];
      let k: number;
      if (lut) {
        const xi = x | 0; // an integer index keeps the typed-array read on the fast path
        k = xi === x && xi >= 0 && xi <= max ? lut[xi] : -1;
      } else k = position.get(x) ?? -1;
      if (k < 0) continue;
      idx[p] = k;
      hist[k]++;
    }
    return { r, respondents, stateCounts, idx, hist, answers: null };
  });
  return { v, categorical, values, rounds };
}

/** The substantive answers of prepared round `k`, in selected-unit order. */
export function answersOf(prep: PreparedVariable, k: number): Float64Array {
  const round = prep.rounds[k];
  if (!prep.categorical) return round.answers!;
  const out = new Float64Array(total(round.hist!));
  let a = 0;
  const idx = round.idx!;
  for (let p = 0; p < idx.length; p++) if (idx[p] !== NO_CODE) out[a++] = prep.values![idx[p]];
  return out;
}

/**
 * Units with a substantive answer in both prepared rounds: for categorical variables the
 * K × K table (earlier row, later column), and the pairs themselves when there are at most
 * `pairsIfAtMost` (always for numeric variables).
 */
export function pairsOf(
  input: AnalysisInput,
  sel: Selection,
  prep: PreparedVariable,
  ka: number,
  kb: number,
  pairsIfAtMost: number,
): { n: number; joint: Float64Array | null; earlier: Float64Array | null; later: Float64Array | null } {
  const units = sel.units;
  if (prep.categorical) {
    const K = prep.values!.length;
    const joint = new Float64Array(K * K);
    const ia = prep.rounds[ka].idx!;
    const ib = prep.rounds[kb].idx!;
    let n = 0;
    for (let p = 0; p < units.length; p++) {
      const e = ia[p];
      const l = ib[p];
      if (e === NO_CODE || l === NO_CODE) continue;
      joint[e * K + l]++;
      n++;
    }
    if (n > pairsIfAtMost) return { n, joint, earlier: null, later: null };
    const earlier = new Float64Array(n);
    const later = new Float64Array(n);
    let q = 0;
    for (let p = 0; p < units.length; p++) {
      const e = ia[p];
      const l = ib[p];
      if (e === NO_CODE || l === NO_CODE) continue;
      earlier[q] = prep.values![e];
      later[q] = prep.values![l];
      q++;
    }
    return { n, joint, earlier, later };
  }
  const U = input.units.count;
  const v = prep.v;
  const ra = prep.rounds[ka].r * U;
  const rb = prep.rounds[kb].r * U;
  const earlier = new Float64Array(units.length);
  const later = new Float64Array(units.length);
  let n = 0;
  for (const u of units) {
    if (v.state[ra + u] !== CELL.ANSWERED || v.state[rb + u] !== CELL.ANSWERED) continue;
    earlier[n] = v.values[ra + u];
    later[n] = v.values[rb + u];
    n++;
  }
  return { n, joint: null, earlier: earlier.subarray(0, n), later: later.subarray(0, n) };
}

const total = (a: ArrayLike<number>) => {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i];
  return n;
};
