/**
 * rondo's study analysis: pure functions from a columnar `AnalysisInput` to the
 * `StudyAnalysis` JSON (format rondo.analysis/1, docs/analysis-json.md). No I/O; the server
 * loads the input (server/analysis), the dashboard and the factsheet read the result.
 */
export { analyzeStudy } from './analyze.js';
export type { AnalysisOptions } from './selection.js';
export { InputBuilder } from './builder.js';
export type { InputSpec } from './builder.js';
export { CELL, VARIABLE_KINDS, LOAD_NOTE_CODES, cell, isEligible } from './input.js';
export type { AnalysisInput, Variable, VariableMeta, VariableKind, VariableCode, CellState, LoadNote } from './input.js';
export { deriveVariables, mergeItems } from './variables.js';
export { EXACT_LIMITS } from './change.js';
export { ATTRITION_FLAGS } from './attrition.js';
export { TOP_PARTNERS } from './findings.js';
export { FAMILY_METHOD } from './multiplicity.js';
export { sanitize } from './sanitize.js';
export * from './result.js';
export { INDICATOR_SCORING, analyzeIndicators } from './indicators.js';
export type { IndicatorAnalysis, IndicatorScoring } from './indicators.js';
