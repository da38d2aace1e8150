import { decodeCsv } from '../import/decode.js';
import { rawRows, tableFromRows, type ImportTable } from '../import/parse.js';
import type { ProblemList } from '../import/problems.js';
import { isZip, readXlsx, type XlsxError, type XlsxTable } from './read.js';

/**
 * What the imports need from an .xlsx: the rows of the chosen sheet as the CSV readers would
 * give them. The response import takes rows and their spreadsheet row numbers (its
 * `tableFromRows`); the cohort import reads text, so it gets the sheet as CSV text with one line
 * per spreadsheet row from the header on (empty rows stay empty lines, so row numbers agree).
 */

export type SheetRead = { ok: true; table: XlsxTable } | { ok: false; message: string; error: XlsxError };

/** Reads the sheet when the bytes are a zip (an .xlsx); null when they are not, so the caller reads CSV. */
export function readSheetIfXlsx(bytes: Uint8Array, sheet?: string): SheetRead | null {
  if (!isZip(bytes)) return null;
  const result = readXlsx(bytes, { sheet });
  return result.ok ? result : { ok: false, error: result.error, message: xlsxErrorText(result.error) };
}

/** One line saying what is wrong and where: `Sheet "Blad1", row 4, column C: …`. */
export function xlsxErrorText(error: XlsxError): string {
  const at = [
    error.sheet === undefined ? '' : `Sheet "${error.sheet}"`,
    error.row === undefined ? '' : `row ${error.row}`,
    error.column === undefined ? '' : `column ${error.column}`,
  ].filter(Boolean);
  return at.length ? `${at.join(', ')}: ${error.message}` : error.message;
}

/** The header and data rows with their spreadsheet row numbers, header first. */
export function sheetRows(table: XlsxTable): { rows: string[][]; rowNumbers: number[] } {
  return { rows: [table.header, ...table.rows], rowNumbers: [table.headerRow, ...table.rowNumbers] };
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The sheet as comma-separated text: the header on line 1, each row on the line of its spreadsheet row (counted from the header). */
export function sheetAsCsv(table: XlsxTable): string {
  const lines = [table.header.map(csvCell).join(',')];
  table.rows.forEach((row, k) => {
    while (lines.length < table.rowNumbers[k] - table.headerRow) lines.push('');
    lines.push(row.map(csvCell).join(','));
  });
  return lines.join('\r\n') + '\r\n';
}

/** A refused workbook as the import's problem: a damaged zip is NOT_CSV and a large one FILE_TOO_LARGE, as for any file; the rest XLSX. */
function refused(read: { error: XlsxError; message: string }, problems: ProblemList): null {
  const code = read.error.code === 'BROKEN' ? 'NOT_CSV' : read.error.code === 'TOO_LARGE' ? 'FILE_TOO_LARGE' : 'XLSX';
  problems.error(code, read.message, { row: read.error.row ?? null, column: read.error.column ?? null });
  return null;
}

/**
 * The response import's table of an .xlsx (its chosen sheet, through the import's own
 * `tableFromRows`, which checks the header and the rows); null when the bytes are no zip (the
 * import reads them as CSV) or when the workbook is refused (the reason is in `problems`, code
 * XLSX). Merged cells and formulas without a saved value become warnings (XLSX_NOTE).
 */
export function xlsxTable(bytes: Uint8Array, sheet: string | undefined, problems: ProblemList): ImportTable | null {
  const read = readSheetIfXlsx(bytes, sheet);
  if (!read) return null;
  if (!read.ok) return refused(read, problems);
  for (const n of read.table.notes) problems.warning('XLSX_NOTE', `Sheet "${n.sheet}": ${n.message}`, { column: n.ref });
  const { rows, rowNumbers } = sheetRows(read.table);
  return tableFromRows(rows, problems, rowNumbers);
}

/** Header and rows of an upload, CSV or .xlsx, as the suggestion reads them; null with problems when unreadable. */
export function uploadRows(
  bytes: Buffer,
  sheet: string | undefined,
  problems: ProblemList,
): { rows: string[][]; sheets?: string[] } | null {
  const read = readSheetIfXlsx(bytes, sheet);
  if (read && !read.ok) return refused(read, problems);
  if (read) return { rows: [read.table.header, ...read.table.rows], sheets: read.table.sheets };
  const decoded = decodeCsv(bytes, 'auto', problems);
  return decoded ? { rows: rawRows(decoded.text) } : null;
}
