import type { Database as SQLiteDatabase } from 'better-sqlite3';
import { FLAVOUR, type ExportOptions, type Flavour } from './formats.js';
import { loadExchangeStudy, type ExchangeStudy } from './study-data.js';
import { exchangeVariables, type ExchangeVariable } from './variables.js';

/** Counters an export fills while it streams; the SPSS syntax needs the text widths. */
export interface ExportStats {
  responses: number;
  rows: number;
  /** Stored cells that belong to no current variable (an item or partner since removed). */
  unmapped: number;
  /** Widest value in bytes per text column of the wide file, for SPSS string formats. */
  textWidths: Map<string, number>;
}

export interface ExportContext {
  sqlite: SQLiteDatabase;
  study: ExchangeStudy;
  /** Every variable, open text included: routing may depend on any of them. */
  variables: ExchangeVariable[];
  options: ExportOptions;
  flavour: Flavour;
  stats: ExportStats;
  /** When the export was made (ISO-8601 UTC), written into the README and scripts. */
  at: string;
}

export function exportContext(sqlite: SQLiteDatabase, slug: string, options: ExportOptions, now = new Date()): ExportContext {
  const study = loadExchangeStudy(sqlite, slug);
  return {
    sqlite,
    study,
    variables: exchangeVariables(study),
    options,
    flavour: FLAVOUR[options.flavour],
    stats: { responses: 0, rows: 0, unmapped: 0, textWidths: new Map() },
    at: now.toISOString(),
  };
}

/** Indices (into ctx.variables) of the variables an export writes, with or without open text. */
export function exportedIndices(ctx: ExportContext): number[] {
  return ctx.variables.flatMap((v, i) => (v.kind === 'text' && !ctx.options.openText ? [] : [i]));
}

/** Submitted responses of the study: what "responses per second" counts. */
export function submittedCount(ctx: ExportContext): number {
  return ctx.sqlite.prepare("select count(*) from response where study_id = ? and status = 'submitted'").pluck().get(ctx.study.id) as number;
}
