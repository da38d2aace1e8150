import SQLite, { type Database as SQLiteDatabase } from 'better-sqlite3';
import type { Store } from '../db/open.js';
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
  /** Closes the export's own connection, if it has one (openExport). */
  close?: () => void;
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

/**
 * An export on a read-only connection of its own. An export streams: its statements stay open
 * while the download is read, for as long as a slow client takes, and better-sqlite3 refuses
 * every write on a connection with an open statement ("connection is busy"). On a connection of
 * its own the export reads one consistent snapshot (WAL) while respondents keep saving and
 * submitting on the server's connection. Call `close()` when the export ends or is abandoned.
 */
export function openExport(store: Store, slug: string, options: ExportOptions, now = new Date()): ExportContext {
  const sqlite = new SQLite(store.file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    // SQLite's default 2 MB page cache, not better-sqlite3's 16 MB: an export reads each page
    // once, in order, and the cache only added to its memory (~15 MB at 40,000 participants).
    sqlite.pragma('cache_size = -2000');
    const ctx = exportContext(sqlite, slug, options, now);
    ctx.close = () => {
      try {
        sqlite.close();
      } catch {
        /* already closed */
      }
    };
    return ctx;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/** Indices (into ctx.variables) of the variables an export writes, with or without open text. */
export function exportedIndices(ctx: ExportContext): number[] {
  return ctx.variables.flatMap((v, i) => (v.kind === 'text' && !ctx.options.openText ? [] : [i]));
}

/** Submitted responses of the study: what "responses per second" counts. */
export function submittedCount(ctx: ExportContext): number {
  return ctx.sqlite
    .prepare("select count(*) from response where study_id = ? and status = 'submitted'")
    .pluck()
    .get(ctx.study.id) as number;
}
