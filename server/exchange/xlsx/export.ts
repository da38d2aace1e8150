import { pick } from '../../../model/index.js';
import { caseColumns, codebookCsv, missingKinds } from '../codebook.js';
import type { ExportContext } from '../context.js';
import { FLAVOUR, MISSING_VALUE_CODES, missingLabels, type XlsxFormat } from '../formats.js';
import { longParts } from '../long.js';
import { roundCsv } from '../round.js';
import { wideCsv } from '../wide.js';
import { typedRows, type Cell } from './csv-cells.js';
import { xlsxChunks, type SheetSource } from './workbook.js';

/**
 * An export as one Excel workbook: the format's values (a sheet per round for `round`), then
 * `value_labels` (every code of every variable with its Dutch and English label, the
 * missing-value codes included) and `codebook`. The cells are the CSV export's own (read back
 * typed from its `intl` rows, csv-cells.ts), so the workbook and the CSV cannot disagree; the
 * long sheet's come straight from the responses (longParts, as longCells), tested equal to its CSV read back.
 */
export function xlsxExport(source: ExportContext, format: XlsxFormat, mtime = new Date()): AsyncGenerator<Buffer> {
  // The rows are read back from plain CSV: a point for decimals, no byte-order mark. The
  // counters (ctx.stats) stay the caller's.
  const ctx: ExportContext = { ...source, flavour: FLAVOUR.intl };
  const values: SheetSource[] =
    format === 'long'
      ? [{ name: 'long', rows: () => longParts(ctx) }]
      : format === 'wide'
        ? [{ name: 'wide', rows: () => typedRows(wideCsv(ctx)) }]
        : format === 'round'
          ? ctx.study.rounds.map((r) => ({ name: sheetName(r.key), rows: () => typedRows(roundCsv(ctx, r)) }))
          : [];
  return xlsxChunks(
    [...values, { name: 'value_labels', rows: () => valueLabelRows(ctx) }, { name: 'codebook', rows: () => typedRows(codebookCsv(ctx)) }],
    mtime,
  );
}

/** A sheet name Excel accepts: no : \ / ? * [ ], at most 31 characters. */
export function sheetName(text: string): string {
  return text.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'sheet';
}

export const VALUE_LABEL_COLUMNS = ['variable', 'code', 'label_nl', 'label_en', 'missing'] as const;

/**
 * One row per code of each variable (base names, as in the codebook), and per value of the group and of a cohort
 * attribute with a list; missing-value codes marked 1 in `missing`.
 */
export function* valueLabelRows(ctx: ExportContext): Generator<Cell[]> {
  yield [...VALUE_LABEL_COLUMNS];
  for (const c of caseColumns(ctx)) {
    // The group's keys and a cohort attribute's allowed values are text codes with their labels.
    for (const v of c.values ?? []) yield [c.name, v.value, pick(v.label, 'nl'), pick(v.label, 'en'), 0];
    if (c.kind !== 'flag') continue;
    yield [c.name, 1, 'Ja', 'Yes', 0];
    yield [c.name, 0, 'Nee', 'No', 0];
  }
  const labels = missingLabels(ctx.study);
  for (const v of ctx.variables) {
    if (v.kind === 'text') continue;
    for (const p of v.values) yield [v.name, p.code, pick(p.label, 'nl'), pick(p.label, 'en'), 0];
    for (const k of missingKinds(v)) yield [v.name, MISSING_VALUE_CODES[k], labels[k].nl, labels[k].en, 1];
  }
}
