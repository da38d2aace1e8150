import { changesFor, overallTest } from './change.js';
import type { AnalysisInput, Variable } from './input.js';
import { prepare, type PreparedVariable } from './prepare.js';
import type { Flag, VariableAnalysis } from './result.js';
import type { Selection } from './selection.js';
import { summarizeRound } from './summaries.js';

/**
 * Everything about one variable: a summary per selected round, the change for every pair of
 * rounds in which it was asked (paired and cross-sectional) and, with three or more such
 * rounds, the overall Friedman / Cochran test. Conclusions are filled in once p-values are
 * adjusted (analyze.ts).
 */
export function analyzeVariable(
  input: AnalysisInput,
  sel: Selection,
  v: Variable,
  prep: PreparedVariable = prepare(input, sel, v),
): VariableAnalysis {
  const rounds = prep.rounds.map((_, k) => summarizeRound(input, prep, k));
  const asked = rounds.map((r, k) => (r.asked ? k : -1)).filter((k) => k >= 0);
  const flags: Flag[] = v.definitionChanged ? ['definition-changed'] : [];
  return {
    id: v.id,
    exportName: v.exportName,
    item: v.item,
    kind: v.kind,
    measure: v.measure,
    codes: v.codes,
    topBoxCodes: v.topBox,
    rounds,
    changes: changesFor(input, sel, prep, asked),
    overall: overallTest(input, sel, prep, asked),
    flags,
  };
}
