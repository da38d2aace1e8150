import {
  bowkerExact,
  chiSquare2x2,
  chiSquareRxC,
  cochranQ,
  fisherExact2x2,
  fisherExact2xK,
  friedman,
  mannWhitney,
  mcnemarExact,
  minAchievableP,
  newcombeIndependent,
  newcombePaired,
  wilcoxonSignedRank,
  type StatResult,
} from '../stats/index.js';
import { rankSumAsymptotic, signedRankAsymptotic, type AsymptoticResult } from './asymptotic.js';
import { cochranWeighted, friedmanWeighted, momentsFromCounts, rankSumFromCounts, signedRankFromJoint, total } from './counts.js';
import { CELL, type AnalysisInput } from './input.js';
import { answersOf, NO_CODE, pairsOf, type PreparedVariable } from './prepare.js';
import type { ChangeResult, Conclusion, CrossSectionalChange, Effect, OverallTest, PairedChange, TestResult } from './result.js';
import type { Selection } from './selection.js';

/**
 * Up to these sizes the verified exact tests of analysis/stats run (exact conditional
 * p-values, the minimum-achievable-p rule); above them the large-sample versions (counts.ts,
 * asymptotic.ts), where the normal and χ² approximations are accurate and the exact
 * computations would cost seconds per analysis (R itself leaves the exact signed-rank and
 * rank-sum tests at n = 50). Measured on the 2-core machine: exact Mann–Whitney with ties takes
 * ~2 ms at 34 answers and ~5 ms at 40–50, times some 300 item × round-pair comparisons, so the
 * secondary, cross-sectional test stops at 40; the paired signed-rank test costs ~1 ms at 60
 * pairs. Fisher's exact test stays exact up to `fisher` answers, then Pearson's χ² (every
 * expected count is far above 5 by then).
 */
export const EXACT_LIMITS = { pairs: 60, twoSample: 40, blocks: 30, fisher: 1000 } as const;

/**
 * Complete cases up to which the exact Friedman / Cochran distribution runs, by number of
 * rounds k: its state space grows steeply with k (measured ≤ ~10 ms per test at these sizes).
 */
export function exactBlocks(k: number, binary: boolean): number {
  if (binary) return k <= 5 ? EXACT_LIMITS.blocks : 0;
  return k <= 3 ? EXACT_LIMITS.blocks : k === 4 ? 12 : k === 5 ? 5 : 0;
}

const RANK_BISERIAL = 'Matched-pairs rank-biserial correlation';
const CLIFF = 'Cliff’s delta';

function testFrom(r: StatResult & { minAchievableP?: number | null }): TestResult {
  return {
    method: r.method,
    n: r.n,
    statistic: r.statistic,
    p: r.p,
    pAdjusted: null,
    family: null,
    exact: !r.notes.includes('approximate-p') && !r.method.includes('χ²') && !r.method.includes('chi-squared'),
    minAchievableP: r.minAchievableP ?? null,
    notes: [...r.notes],
  };
}

function testFromAsymptotic(r: AsymptoticResult, minP: number | null): TestResult {
  return {
    method: r.method,
    n: r.n,
    statistic: r.statistic,
    p: r.p,
    pAdjusted: null,
    family: null,
    exact: false,
    minAchievableP: minP,
    notes: [...r.notes],
  };
}

const meanOf = (a: ArrayLike<number>) => {
  if (a.length === 0) return null;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
};

/** Paired analysis of the same units in two prepared rounds (METHODS §3.3). */
export function pairedChange(input: AnalysisInput, sel: Selection, prep: PreparedVariable, ka: number, kb: number): PairedChange | null {
  const v = prep.v;
  if (v.kind === 'nominal' && prep.categorical) return pairedNominalChange(input, sel, prep, ka, kb);
  if (v.kind !== 'ordinal' && v.kind !== 'numeric' && v.kind !== 'binary') return null;
  const alpha = input.study.settings.alpha;
  const empty: PairedChange = { n: 0, improved: 0, same: 0, worse: 0, meanDifference: null, effect: null, test: null };

  if (v.kind === 'binary' && prep.categorical) {
    const { n, joint } = pairsOf(input, sel, prep, ka, kb, 0);
    if (n === 0) return empty;
    // values are [0, 1]: joint[earlier * 2 + later]
    const counts = { noNo: joint![0], noYes: joint![1], yesNo: joint![2], yesYes: joint![3] };
    const diff = newcombePaired(counts);
    return {
      n,
      improved: counts.noYes,
      same: counts.yesYes + counts.noNo,
      worse: counts.yesNo,
      meanDifference: (counts.noYes - counts.yesNo) / n,
      effect: { measure: 'difference-in-proportions', estimate: diff.estimate, ci: diff.ci, method: diff.method },
      test: testFrom(mcnemarExact(counts, { alpha })),
    };
  }

  const pairs = pairsOf(input, sel, prep, ka, kb, EXACT_LIMITS.pairs);
  const n = pairs.n;
  if (n === 0) return empty;
  let meanDifference: number;
  if (pairs.joint) {
    const K = prep.values!.length;
    let s = 0;
    for (let e = 0; e < K; e++) for (let l = 0; l < K; l++) s += pairs.joint[e * K + l] * (prep.values![l] - prep.values![e]);
    meanDifference = s / n;
  } else {
    let s = 0;
    for (let i = 0; i < n; i++) s += pairs.later![i] - pairs.earlier![i];
    meanDifference = s / n;
  }
  if (n <= EXACT_LIMITS.pairs) {
    const w = wilcoxonSignedRank(Array.from(pairs.later!), Array.from(pairs.earlier!), { alpha });
    return {
      n,
      improved: w.improved,
      same: w.same,
      worse: w.worse,
      meanDifference,
      effect: { measure: 'rank-biserial', estimate: w.rankBiserial, ci: null, method: RANK_BISERIAL },
      test: testFrom(w),
    };
  }
  let w: ReturnType<typeof signedRankFromJoint>;
  if (pairs.joint) w = signedRankFromJoint(pairs.joint, prep.values!);
  else {
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = pairs.later![i] - pairs.earlier![i];
    w = signedRankAsymptotic(d);
  }
  return {
    n,
    improved: w.improved,
    same: w.same,
    worse: w.worse,
    meanDifference,
    effect: { measure: 'rank-biserial', estimate: w.rankBiserial, ci: null, method: RANK_BISERIAL },
    test: testFromAsymptotic(w, minAchievableP({ test: 'signed-rank', nonZero: w.improved + w.worse })),
  };
}

/**
 * How far two distributions over the same nominal options lie apart: the total variation
 * distance ½·Σ|pⱼ − qⱼ|, the share of answers that would have to move to another option to
 * turn the earlier distribution into the later one (0 = identical, 1 = no overlap). Descriptive,
 * without interval; the test beside it decides.
 */
export function distributionShift(earlier: readonly number[], later: readonly number[]): Effect {
  const ne = earlier.reduce((x, y) => x + y, 0);
  const nl = later.reduce((x, y) => x + y, 0);
  let d = 0;
  for (let j = 0; j < earlier.length; j++) d += Math.abs(later[j] / nl - earlier[j] / ne);
  return { measure: 'distribution-shift', estimate: d / 2, ci: null, method: 'Total variation distance between the distributions' };
}

/**
 * Paired change of a single-choice (nominal) item: the earlier × later table of the units who
 * answered both rounds, tested with the exact Bowker test of symmetry (two options: exact
 * McNemar). Nominal options have no up or down, so `improved` and `worse` stay 0 and
 * `changed` counts the units whose answer moved; there is no single effect size (the shares
 * per option and round, with their intervals, show where the answers went).
 */
function pairedNominalChange(input: AnalysisInput, sel: Selection, prep: PreparedVariable, ka: number, kb: number): PairedChange {
  const { n, joint } = pairsOf(input, sel, prep, ka, kb, 0);
  const K = prep.values!.length;
  const table = Array.from({ length: K }, (_, e) => Array.from(joint!.subarray(e * K, e * K + K)));
  let same = 0;
  for (let e = 0; e < K; e++) same += table[e][e];
  const earlier = table.map((row) => row.reduce((x, y) => x + y, 0));
  const later = table[0].map((_, l) => table.reduce((x, row) => x + row[l], 0));
  const effect = n === 0 ? null : distributionShift(earlier, later);
  const base = { n, improved: 0, same, worse: 0, changed: n - same, meanDifference: null, effect };
  if (n === 0) return { ...base, test: null };
  return { ...base, test: testFrom(bowkerExact(table, { alpha: input.study.settings.alpha })) };
}

/**
 * Cross-sectional comparison of everyone who answered in each round (METHODS §3.2):
 * secondary, because respondents overlap and differ between rounds.
 */
export function crossSectionalChange(input: AnalysisInput, prep: PreparedVariable, ka: number, kb: number): CrossSectionalChange | null {
  const v = prep.v;
  if (v.kind === 'nominal' && prep.categorical) return crossSectionalNominal(input, prep, ka, kb);
  if (v.kind !== 'ordinal' && v.kind !== 'numeric' && v.kind !== 'binary') return null;
  const alpha = input.study.settings.alpha;
  const a = prep.rounds[ka];
  const b = prep.rounds[kb];
  const nFrom = prep.categorical ? total(a.hist!) : a.answers!.length;
  const nTo = prep.categorical ? total(b.hist!) : b.answers!.length;
  const base = { nFrom, nTo, overlapping: true as const };
  if (nTo === 0 || nFrom === 0) return { ...base, meanDifference: null, effect: null, test: null };

  if (v.kind === 'binary' && prep.categorical) {
    const xl = b.hist![1];
    const xe = a.hist![1];
    const diff = newcombeIndependent(xl, nTo, xe, nFrom);
    const table = [
      [xl, nTo - xl],
      [xe, nFrom - xe],
    ];
    const test =
      nTo + nFrom <= EXACT_LIMITS.fisher ? testFrom(fisherExact2x2(table, { alpha })) : { ...testFrom(chiSquare2x2(table)), exact: false };
    return {
      ...base,
      meanDifference: xl / nTo - xe / nFrom,
      effect: { measure: 'difference-in-proportions', estimate: diff.estimate, ci: diff.ci, method: diff.method },
      test,
    };
  }
  const meanDifference = prep.categorical
    ? momentsFromCounts(b.hist!, prep.values!).mean! - momentsFromCounts(a.hist!, prep.values!).mean!
    : meanOf(b.answers!)! - meanOf(a.answers!)!;
  if (nTo + nFrom <= EXACT_LIMITS.twoSample) {
    const mw = mannWhitney(Array.from(answersOf(prep, kb)), Array.from(answersOf(prep, ka)), { alpha });
    return {
      ...base,
      meanDifference,
      effect: { measure: 'cliffs-delta', estimate: mw.cliffsDelta, ci: null, method: CLIFF },
      test: testFrom(mw),
    };
  }
  const mw = prep.categorical ? rankSumFromCounts(b.hist!, a.hist!) : rankSumAsymptotic(b.answers!, a.answers!);
  return {
    ...base,
    meanDifference,
    effect: { measure: 'cliffs-delta', estimate: mw.cliffsDelta, ci: null, method: CLIFF },
    test: testFromAsymptotic(mw, minAchievableP({ test: 'mann-whitney', m: nTo, n: nFrom })),
  };
}

/**
 * Cross-sectional comparison of a single-choice item: the rounds × options table of everyone
 * who answered, with Fisher's exact test (METHODS §3.2, nominal r×c: full enumeration), or
 * Pearson's χ² when the table is too large to enumerate. Options nobody chose in either round
 * are left out of the table.
 */
function crossSectionalNominal(input: AnalysisInput, prep: PreparedVariable, ka: number, kb: number): CrossSectionalChange {
  const from = Array.from(prep.rounds[ka].hist!);
  const to = Array.from(prep.rounds[kb].hist!);
  const nFrom = total(prep.rounds[ka].hist!);
  const nTo = total(prep.rounds[kb].hist!);
  const effect = nFrom === 0 || nTo === 0 ? null : distributionShift(from, to);
  const base = { nFrom, nTo, overlapping: true as const, meanDifference: null, effect };
  const used = from.map((_, j) => j).filter((j) => from[j] + to[j] > 0);
  if (nFrom === 0 || nTo === 0 || used.length < 2) return { ...base, test: null };
  const table = [used.map((j) => to[j]), used.map((j) => from[j])];
  const fisher = nFrom + nTo <= EXACT_LIMITS.fisher ? fisherExact2xK(table, { alpha: input.study.settings.alpha, maxTables: 2e5 }) : null;
  const test = fisher && fisher.pComputed !== null ? testFrom(fisher) : { ...testFrom(chiSquareRxC(table)), exact: false };
  return { ...base, test };
}

/** Friedman (ordinal, numeric) or Cochran's Q (binary) over prepared rounds `ks`, on complete cases (METHODS §3.4). */
export function overallTest(input: AnalysisInput, sel: Selection, prep: PreparedVariable, ks: number[]): OverallTest | null {
  const v = prep.v;
  if (ks.length < 3 || (v.kind !== 'ordinal' && v.kind !== 'numeric' && v.kind !== 'binary')) return null;
  const alpha = input.study.settings.alpha;
  const k = ks.length;
  // Complete cases as distinct rows with counts: for scale items most rows repeat.
  const rowIndex = new Map<string, number>();
  const distinct: number[][] = [];
  const weights: number[] = [];
  const add = (row: number[]) => {
    const key = row.join(',');
    const at = rowIndex.get(key);
    if (at !== undefined) weights[at]++;
    else rowIndex.set(key, distinct.length), distinct.push(row), weights.push(1);
  };
  if (prep.categorical) {
    const idxs = ks.map((j) => prep.rounds[j].idx!);
    const values = prep.values!;
    const K = values.length;
    // Pattern number Σ code position · K^j: counted in a typed array while it stays small, built
    // one round at a time (a pass over one array each; −1: not a complete case).
    const patterns = K ** k <= 1 << 16 ? new Float64Array(K ** k) : null;
    if (patterns) {
      const len = sel.units.length;
      const pattern = new Int32Array(len);
      for (const idx of idxs) {
        for (let p = 0; p < len; p++) {
          const x = idx[p];
          if (x === NO_CODE) pattern[p] = -1;
          else if (pattern[p] >= 0) pattern[p] = pattern[p] * K + x;
        }
      }
      for (let p = 0; p < len; p++) if (pattern[p] >= 0) patterns[pattern[p]]++;
    } else {
      for (let p = 0; p < sel.units.length; p++) if (idxs.every((idx) => idx[p] !== NO_CODE)) add(idxs.map((idx) => values[idx[p]]));
    }
    if (patterns) {
      patterns.forEach((count, pattern) => {
        if (!count) return;
        const row = new Array<number>(k);
        for (let j = k - 1; j >= 0; j--) (row[j] = values[pattern % K]), (pattern = Math.floor(pattern / K));
        rowIndex.set(row.join(','), distinct.length);
        distinct.push(row);
        weights.push(count);
      });
    }
  } else {
    const U = input.units.count;
    const bases = ks.map((j) => prep.rounds[j].r * U);
    for (const u of sel.units) {
      let j = 0;
      while (j < k && v.state[bases[j] + u] === CELL.ANSWERED) j++;
      if (j < k) continue;
      add(bases.map((b) => v.values[b + u]));
    }
  }
  let n = 0;
  for (const w of weights) n += w;
  const keys = ks.map((j) => input.rounds[prep.rounds[j].r].key);
  if (n === 0) return { rounds: keys, n, test: null, effect: null, reason: 'too-few-observations' };
  const rows =
    n <= exactBlocks(k, v.kind === 'binary') ? distinct.flatMap((row, i) => Array.from({ length: weights[i] }, () => row)) : null;
  if (v.kind === 'binary') {
    const test = rows ? testFrom(cochranQ(rows, { alpha })) : testFromAsymptotic(cochranWeighted(distinct, weights, k), null);
    return { rounds: keys, n, test, effect: null, reason: null };
  }
  if (rows) {
    const f = friedman(rows, { alpha });
    return {
      rounds: keys,
      n,
      test: testFrom(f),
      effect: { measure: 'kendall-w', estimate: f.kendallW, ci: null, method: "Kendall's W" },
      reason: null,
    };
  }
  const f = friedmanWeighted(distinct, weights, k);
  return {
    rounds: keys,
    n,
    test: testFromAsymptotic(f, minAchievableP({ test: 'friedman', blocks: n, k })),
    effect: { measure: 'kendall-w', estimate: f.kendallW, ci: null, method: "Kendall's W" },
    reason: null,
  };
}

/** Every pair of the prepared rounds `asked` (positions in prep.rounds), earlier → later. */
export function changesFor(input: AnalysisInput, sel: Selection, prep: PreparedVariable, asked: number[]): ChangeResult[] {
  const out: ChangeResult[] = [];
  const primary = sel.info.primary;
  for (let a = 0; a < asked.length; a++) {
    for (let b = a + 1; b < asked.length; b++) {
      const ka = asked[a];
      const kb = asked[b];
      const from = input.rounds[prep.rounds[ka].r].key;
      const to = input.rounds[prep.rounds[kb].r].key;
      out.push({
        from,
        to,
        // The pre-specified primary contrast: first vs last selected round with responses (METHODS §3.1; selection.ts).
        primary: primary !== null && from === primary.from && to === primary.to,
        paired: pairedChange(input, sel, prep, ka, kb),
        crossSectional: crossSectionalChange(input, prep, ka, kb),
        conclusion: { direction: 'none', evidence: 'not-tested', basis: null, observed: 'none', reason: null },
      });
    }
  }
  return out;
}

/**
 * The conclusion of a change once p-values are adjusted (METHODS §3.6, one decision rule): an
 * increase or a decrease when the test is significant after adjustment (adjusted p < alpha). The
 * interval beside it is the unadjusted precision of the estimate, not a second criterion, so the
 * dashboard, the factsheet and their legends all follow the same test.
 * The paired analysis is the basis whenever there are pairs; the cross-sectional one only
 * when nobody is linked across the two rounds.
 */
export function conclude(change: ChangeResult, alpha: number, nominal = false): Conclusion {
  const paired = change.paired && change.paired.n > 0 ? change.paired : null;
  const basis = paired ? 'paired' : change.crossSectional && change.crossSectional.test ? 'cross-sectional' : null;
  const part = paired ?? change.crossSectional;
  if (!part || !basis) {
    return {
      direction: 'none',
      evidence: 'not-tested',
      basis: null,
      observed: 'none',
      reason: change.paired || change.crossSectional ? 'too-few-pairs' : 'kind-not-tested',
    };
  }
  const effect: Effect | null = part.effect;
  const signal = effect?.estimate ?? part.meanDifference ?? 0;
  // A single-choice item has no up or down: any movement between options is a shift.
  const observed = nominal ? (signal > 0 ? 'shift' : 'none') : signal > 0 ? 'increase' : signal < 0 ? 'decrease' : 'none';
  const test = part.test;
  if (!test || test.p === null) return { direction: 'none', evidence: 'not-tested', basis, observed, reason: 'too-few-observations' };
  const p = test.pAdjusted ?? test.p;
  const demonstrated = p < alpha && observed !== 'none';
  return {
    direction: demonstrated ? observed : 'none',
    evidence: demonstrated ? 'demonstrated' : 'not-demonstrated',
    basis,
    observed,
    reason: null,
  };
}
