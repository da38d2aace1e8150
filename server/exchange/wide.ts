import { BOM, neutralise, numberCell, textCell, unneutralise } from '../csv-cell.js';
import { ByteChunker, headerLine, textCellOneLine } from './csv.js';
import { ResponseCells } from './cells.js';
import { MISSING_CELL } from './formats.js';
import { wideCases } from './responses.js';
import { exportedIndices, type ExportContext } from './context.js';
import { wideName } from './variables.js';
import type { Spool } from './spool.js';
import type { Cell } from './xlsx/csv-cells.js';
import { caseExtraColumns, hasGroupColumn } from './case-extras.js';

/** The participant columns that open the wide and round files. */
export const CASE_COLUMNS = ['participant', 'anonymous', 'organisation', 'role', 'team'] as const;
/** The wide file's case columns: those, and the round from which a participant left the study. */
export const WIDE_CASE_COLUMNS = [...CASE_COLUMNS, 'left_from'] as const;

/**
 * The case columns after `left_from`: `group` when the study defines respondent groups, then the
 * study's cohort attributes (their key is the column name); case-extras.ts.
 */
export function attributeColumns(ctx: ExportContext): string[] {
  return caseExtraColumns(ctx.study);
}

/** The number of case columns: the fixed ones, the group and the study's cohort attributes. */
export function caseColumnCount(ctx: ExportContext): number {
  return WIDE_CASE_COLUMNS.length + attributeColumns(ctx).length;
}

export interface WideColumn {
  name: string;
  /** Index into ctx.variables, or -1 for a case or flag column. */
  variable: number;
  roundId: number;
  kind: 'case' | 'invited' | 'responded' | 'submitted' | 'categorical' | 'numeric' | 'text';
}

/**
 * The columns of the wide file: the case columns, `invited_<round>`, `responded_<round>` and
 * `submitted_<round>` (ISO-8601 UTC) per round, then each variable in questionnaire order with one column per round it is asked
 * in (`know_signal_pre`, `know_signal_mid`, …).
 */
export function wideColumns(ctx: ExportContext): WideColumn[] {
  const cols: WideColumn[] = [...WIDE_CASE_COLUMNS, ...attributeColumns(ctx)].map((name) => ({
    name,
    variable: -1,
    roundId: 0,
    kind: 'case' as const,
  }));
  for (const r of ctx.study.rounds) {
    cols.push({ name: `invited_${r.key}`, variable: -1, roundId: r.id, kind: 'invited' });
    cols.push({ name: `responded_${r.key}`, variable: -1, roundId: r.id, kind: 'responded' });
    cols.push({ name: `submitted_${r.key}`, variable: -1, roundId: r.id, kind: 'submitted' });
  }
  const roundId = new Map(ctx.study.rounds.map((r) => [r.key, r.id]));
  for (const i of exportedIndices(ctx)) {
    const v = ctx.variables[i];
    for (const key of v.rounds) cols.push({ name: wideName(v, key), variable: i, roundId: roundId.get(key)!, kind: v.kind });
  }
  const seen = new Set<string>();
  for (const c of cols) {
    if (seen.has(c.name))
      throw new Error(`the wide file would have the column "${c.name}" twice; rename the questionnaire item that produces it`);
    seen.add(c.name);
  }
  return cols;
}

/**
 * The wide file: one row per participant. With `oneLine` (the copy SPSS reads) line breaks in
 * open answers become spaces, because SPSS and PSPP read one case per line.
 */
export function* wideCsv(
  ctx: ExportContext,
  opts: { oneLine?: boolean; oneLineCopy?: { spool: Spool; name: string } } = {},
): Generator<Buffer> {
  const { flavour } = ctx;
  const text = opts.oneLine ? textCellOneLine : textCell;
  const columns = wideColumns(ctx);
  const out = new ByteChunker();
  const header =
    (flavour.bom ? BOM : '') +
    headerLine(
      columns.map((c) => c.name),
      flavour,
    );
  out.text(header);
  // The bundle writes the one-line copy for SPSS in the same pass: rows differ only in text
  // cells that hold a line break.
  const copy = opts.oneLineCopy;
  copy?.spool.write(copy.name, header);
  const breaks: number[] = [];
  const raw: string[] = [];
  // One reader per round: the columns go variable by variable across rounds.
  const readers = new Map(ctx.study.rounds.map((r) => [r.id, new ResponseCells(ctx.sqlite, ctx.variables, ctx.options.openText)]));
  const widths = ctx.stats.textWidths;
  const width = (name: string, cell: string) => {
    // The quoted cell's byte length bounds the value's (quotes and doubled quotes only add).
    const bytes = Buffer.byteLength(cell);
    if (bytes > (widths.get(name) ?? 0)) widths.set(name, bytes);
  };
  const roundOrder = ctx.study.rounds.map((r) => r.id);
  const cases = caseColumnCount(ctx);
  const group = hasGroupColumn(ctx.study);
  for (const c of wideCases(ctx.sqlite, ctx.study, ctx.options.openText)) {
    breaks.length = 0;
    raw.length = 0;
    const row: string[] = [
      text(c.participant),
      c.anonymous ? '1' : '0',
      text(c.organisation),
      text(c.role),
      text(c.team),
      text(c.leftFrom),
      ...(group ? [text(c.group)] : []),
      ...c.attributes.map((v) => text(v)),
    ];
    if (copy)
      for (const [k, v] of [
        [0, c.participant],
        [2, c.organisation],
        [3, c.role],
        [4, c.team],
      ] as const)
        if (/[\r\n\u2028\u2029]/.test(v)) breaks.push(k), raw.push(v);
    for (let k = 0; k < cases; k++) if (k !== 1) width(columns[k].name, row[k]);
    for (const id of roundOrder) {
      const response = c.responses.get(id);
      row.push(c.invited.has(id) ? '1' : '0', response ? '1' : '0', text(response?.submittedAt));
    }
    for (const [roundId, response] of c.responses) {
      readers.get(roundId)?.load(response, c.group);
      ctx.stats.responses++;
    }
    for (let k = row.length; k < columns.length; k++) {
      const col = columns[k];
      if (!c.responses.has(col.roundId)) {
        row.push('');
        continue;
      }
      const cells = readers.get(col.roundId)!;
      const i = col.variable;
      const status = cells.status[i];
      if (status === 'answered') {
        if (col.kind === 'text') {
          const value = cells.texts[i];
          const cell = text(value);
          width(col.name, cell);
          if (copy && value && /[\r\n\u2028\u2029]/.test(value)) breaks.push(row.length), raw.push(value);
          row.push(cell);
        } else row.push(numberCell(cells.codes[i], flavour));
      } else if (status === 'skipped' || col.kind === 'text') row.push('');
      else row.push(MISSING_CELL[status]);
    }
    ctx.stats.rows++;
    const line = row.join(flavour.delimiter) + '\r\n';
    if (copy) {
      if (!breaks.length) copy.spool.write(copy.name, line);
      else {
        breaks.forEach((k, j) => (row[k] = textCellOneLine(raw[j])));
        copy.spool.write(copy.name, row.join(flavour.delimiter) + '\r\n');
      }
    }
    out.text(line);
    if (out.full) yield* out.take();
  }
  ctx.stats.unmapped = [...readers.values()].reduce((n, r) => n + r.unmapped, 0);
  yield* out.flush();
}

/**
 * The wide file's rows as typed cells (the header first), exactly what `typedRows` reads back
 * from `wideCsv` with the `intl` flavour, without writing and parsing the CSV: the .sav's
 * path. String widths are counted in ctx.stats.textWidths as `wideCsv` counts them (the quoted
 * cell's bytes), so both give the same dictionary. The row array is reused: copy what you keep.
 */
export function* wideCells(ctx: ExportContext): Generator<Cell[]> {
  const columns = wideColumns(ctx);
  yield columns.map((c) => c.name);
  const readers = new Map(ctx.study.rounds.map((r) => [r.id, new ResponseCells(ctx.sqlite, ctx.variables, ctx.options.openText)]));
  const widths = ctx.stats.textWidths;
  // The cell as the CSV reader gives it back, its quoted cell's bytes counted as the column's width.
  const text = (name: string | null, value: string | null | undefined): string | null => {
    if (value === null || value === undefined || value === '') return null;
    if (name !== null) {
      const bytes = Buffer.byteLength(textCell(value));
      if (bytes > (widths.get(name) ?? 0)) widths.set(name, bytes);
    }
    return unneutralise(neutralise(value));
  };
  const missing = Object.fromEntries(Object.entries(MISSING_CELL).map(([k, v]) => [k, Number(v)])) as Record<string, number>;
  const roundOrder = ctx.study.rounds.map((r) => r.id);
  const row: Cell[] = new Array(columns.length).fill(null);
  const group = hasGroupColumn(ctx.study);
  for (const c of wideCases(ctx.sqlite, ctx.study, ctx.options.openText)) {
    row[0] = text('participant', c.participant);
    row[1] = c.anonymous ? 1 : 0;
    row[2] = text('organisation', c.organisation);
    row[3] = text('role', c.role);
    row[4] = text('team', c.team);
    row[5] = text('left_from', c.leftFrom);
    let k = WIDE_CASE_COLUMNS.length;
    if (group) (row[k] = text(columns[k].name, c.group)), k++;
    for (const v of c.attributes) (row[k] = text(columns[k].name, v)), k++;
    for (const id of roundOrder) {
      const response = c.responses.get(id);
      row[k++] = c.invited.has(id) ? 1 : 0;
      row[k++] = response ? 1 : 0;
      row[k++] = text(null, response?.submittedAt);
    }
    for (const [roundId, response] of c.responses) {
      readers.get(roundId)?.load(response, c.group);
      ctx.stats.responses++;
    }
    for (; k < columns.length; k++) {
      const col = columns[k];
      if (!c.responses.has(col.roundId)) {
        row[k] = null;
        continue;
      }
      const cells = readers.get(col.roundId)!;
      const i = col.variable;
      const status = cells.status[i];
      if (status === 'answered') {
        if (col.kind === 'text') row[k] = text(col.name, cells.texts[i]);
        else row[k] = typedNumber(cells.codes[i]);
      } else if (status === 'skipped' || col.kind === 'text') row[k] = null;
      else row[k] = missing[status];
    }
    ctx.stats.rows++;
    yield row;
  }
  ctx.stats.unmapped = [...readers.values()].reduce((n, r) => n + r.unmapped, 0);
}

/** A code as its CSV cell reads back: a whole number as itself, anything else through its text. */
function typedNumber(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  const cell = numberCell(value);
  return cell === '' ? null : Number(cell);
}
