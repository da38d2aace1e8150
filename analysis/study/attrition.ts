import { cliffsDelta, manskiBounds, newcombeIndependent, smd, smdProportions, welchT } from '../stats/index.js';
import { rankSumAsymptotic } from './asymptotic.js';
import { cliffsDeltaFromCounts, total, welchFromCounts } from './counts.js';
import { NO_CODE, type PreparedVariable } from './prepare.js';
import { CELL, isEligible, type AnalysisInput } from './input.js';
import type { AttritionAnalysis, AttritionComparison, AttritionVariable, BoundsResult } from './result.js';
import type { Selection } from './selection.js';

/**
 * Heuristic flags for baseline differences between stayers and leavers (METHODS §4.2):
 * |SMD| ≥ 0.3, |difference in proportions| ≥ 15 points, or |Cliff's δ| ≥ 0.33.
 */
export const ATTRITION_FLAGS = { smd: 0.3, difference: 0.15, cliffsDelta: 0.33 } as const;

/** Above this many pairs (m·n), Cliff's δ comes from ranks (O(N log N)) instead of all pairs. */
const CLIFF_PAIRS_MAX = 250_000;

/** Up to this many answers in both groups together, the verified welchT and smd run on the answers. */
const EXPAND_MAX = 2000;

/**
 * Attrition analysis (METHODS §4): among the respondents of the first selected round, those
 * who also responded in a later round (stayers) against those who did not (leavers), on every
 * baseline variable; and worst/best-case bounds for the yes/no items in every round. Effect
 * sizes, not p-values: with a dozen people per group, "no significant difference" would not
 * show the absence of bias.
 */
export function attrition(input: AnalysisInput, sel: Selection, prepared: ReadonlyMap<string, PreparedVariable>): AttritionAnalysis | null {
  if (sel.rounds.length === 0) return null;
  const U = input.units.count;
  const P = input.units.participants;
  const base = sel.rounds[0];
  const comparisons: AttritionComparison[] = [];
  for (const later of sel.rounds.slice(1)) {
    // 1 stayer, 2 leaver, per selected-unit position.
    const group = new Uint8Array(sel.units.length);
    let stayers = 0;
    let leavers = 0;
    sel.units.forEach((u, p) => {
      if (u >= P || !input.status.submitted[base * U + u]) return;
      if (input.status.submitted[later * U + u]) (group[p] = 1), stayers++;
      else (group[p] = 2), leavers++;
    });
    const variables: AttritionVariable[] = [];
    for (const v of input.variables) {
      if (v.kind !== 'ordinal' && v.kind !== 'numeric' && v.kind !== 'binary') continue;
      const prep = prepared.get(v.id);
      if (!prep) continue;
      const compared = prep.categorical ? fromCounts(prep, group) : fromValues(input, sel, v.values, v.state, base, group);
      if (compared.a === 0 && compared.b === 0) continue;
      variables.push(compare(v.id, v.item, v.kind, compared));
    }
    comparisons.push({ round: input.rounds[later].key, stayers, leavers, variables });
  }
  return { baseline: input.rounds[base].key, comparisons, bounds: bounds(input, sel, prepared) };
}

interface Groups {
  a: number;
  b: number;
  /** Categorical: counts per code position and the code values. */
  histA: Float64Array | null;
  histB: Float64Array | null;
  values: Float64Array | null;
  /** The answers themselves (numeric, or expanded from counts for the t-based statistics). */
  arrayA: () => number[];
  arrayB: () => number[];
}

function fromCounts(prep: PreparedVariable, group: Uint8Array): Groups {
  const K = prep.values!.length;
  const histA = new Float64Array(K);
  const histB = new Float64Array(K);
  const idx = prep.rounds[0].idx!;
  for (let p = 0; p < idx.length; p++) {
    const c = idx[p];
    if (c === NO_CODE) continue;
    if (group[p] === 1) histA[c]++;
    else if (group[p] === 2) histB[c]++;
  }
  const expand = (hist: Float64Array) => () => {
    const out: number[] = [];
    hist.forEach((count, k) => {
      for (let i = 0; i < count; i++) out.push(prep.values![k]);
    });
    return out;
  };
  return { a: total(histA), b: total(histB), histA, histB, values: prep.values, arrayA: expand(histA), arrayB: expand(histB) };
}

function fromValues(
  input: AnalysisInput,
  sel: Selection,
  values: Float64Array,
  state: Uint8Array,
  base: number,
  group: Uint8Array,
): Groups {
  const U = input.units.count;
  const a: number[] = [];
  const b: number[] = [];
  sel.units.forEach((u, p) => {
    const i = base * U + u;
    if (state[i] !== CELL.ANSWERED) return;
    if (group[p] === 1) a.push(values[i]);
    else if (group[p] === 2) b.push(values[i]);
  });
  return { a: a.length, b: b.length, histA: null, histB: null, values: null, arrayA: () => a, arrayB: () => b };
}

function compare(variable: string, item: string, kind: 'ordinal' | 'numeric' | 'binary', g: Groups): AttritionVariable {
  const flaggedBy: AttritionVariable['flaggedBy'] = [];
  if (kind === 'binary' && g.histA) {
    const xa = g.histA[1];
    const xb = g.histB![1];
    const d = newcombeIndependent(xa, g.a, xb, g.b);
    const s = smdProportions(xa, g.a, xb, g.b).estimate;
    if (s !== null && Math.abs(s) >= ATTRITION_FLAGS.smd) flaggedBy.push('smd');
    if (d.estimate !== null && Math.abs(d.estimate) >= ATTRITION_FLAGS.difference) flaggedBy.push('difference');
    return {
      variable,
      item,
      kind,
      stayers: { n: g.a, value: g.a ? xa / g.a : null },
      leavers: { n: g.b, value: g.b ? xb / g.b : null },
      difference: { measure: 'difference-in-proportions', estimate: d.estimate, ci: d.ci, method: d.method },
      smd: s,
      cliffsDelta: null,
      flagged: flaggedBy.length > 0,
      flaggedBy,
    };
  }
  let t: { meanX: number | null; meanY: number | null; estimate: number | null; ci: [number, number] | null; method: string };
  let s: number | null;
  let delta: number | null;
  const na = g.a;
  const nb = g.b;
  if (g.histA && na + nb > EXPAND_MAX) {
    // Large groups of scale answers: the same statistics from counts (counts.ts).
    const w = welchFromCounts(g.histA, g.histB!, g.values!);
    t = { ...w, method: 'Welch two-sample t-test' };
    s = w.smd;
    delta = cliffsDeltaFromCounts(g.histA, g.histB!);
  } else {
    const a = g.arrayA();
    const b = g.arrayB();
    t = welchT(a, b);
    s = smd(a, b).estimate;
    delta = g.histA
      ? cliffsDeltaFromCounts(g.histA, g.histB!)
      : a.length * b.length <= CLIFF_PAIRS_MAX
        ? cliffsDelta(a, b).estimate
        : rankSumAsymptotic(a, b).cliffsDelta;
  }
  if (s !== null && Math.abs(s) >= ATTRITION_FLAGS.smd) flaggedBy.push('smd');
  if (delta !== null && Math.abs(delta) >= ATTRITION_FLAGS.cliffsDelta) flaggedBy.push('cliffs-delta');
  return {
    variable,
    item,
    kind,
    stayers: { n: na, value: t.meanX },
    leavers: { n: nb, value: t.meanY },
    difference: { measure: 'mean-difference', estimate: t.estimate, ci: t.ci, method: t.method },
    smd: s,
    cliffsDelta: delta,
    flagged: flaggedBy.length > 0,
    flaggedBy,
  };
}

/**
 * Worst/best-case (Manski) bounds for every yes/no item and tool per selected round: with x
 * yes among n answers and N eligible, the share among all eligible lies in [x/N, (x+N−n)/N]
 * whatever the non-respondents would have said (METHODS §4.4).
 */
function bounds(input: AnalysisInput, sel: Selection, prepared: ReadonlyMap<string, PreparedVariable>): BoundsResult[] {
  const P = input.units.participants;
  const eligible = sel.rounds.map((r) => {
    let n = 0;
    for (const u of sel.units) if (u < P && isEligible(input, r, u)) n++;
    return n;
  });
  const out: BoundsResult[] = [];
  for (const v of input.variables) {
    const prep = prepared.get(v.id);
    if (v.kind !== 'binary' || v.option !== null || !prep?.categorical) continue;
    prep.rounds.forEach((round, k) => {
      const n = total(round.hist!);
      if (n === 0) return;
      const x = round.hist![1];
      const m = manskiBounds(x, n, Math.max(eligible[k], n));
      out.push({ variable: v.id, round: input.rounds[round.r].key, x, n, eligible: eligible[k], bounds: m.bounds });
    });
  }
  return out;
}
