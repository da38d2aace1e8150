import Papa from 'papaparse';
import type { ProblemList } from './problems.js';

export interface ParsedCsv extends ImportTable {
  delimiter: string;
}

/** Header names that must never become keys of a JavaScript object. */
export const RESERVED_HEADERS = new Set(['__proto__', 'constructor', 'prototype', 'hasownproperty', 'tostring', 'valueof']);

/**
 * Parses CSV text with PapaParse into rows of strings, never throwing: quoting errors, ragged
 * rows and bad headers go to the problem list with their row and column.
 */
export function parseCsv(text: string, delimiter: 'auto' | ',' | ';' | '\t', problems: ProblemList): ParsedCsv | null {
  const layout = firstLine(text);
  const result = Papa.parse<string[]>(text, {
    delimiter: delimiter === 'auto' ? layout.delimiter : delimiter,
    newline: layout.newline,
    delimitersToGuess: [';', ',', '\t', '|'],
    header: false,
    skipEmptyLines: 'greedy',
    dynamicTyping: false,
  });
  const data = result.data;
  if (!data.length) {
    problems.error('NO_ROWS', 'The file has no rows.');
    return null;
  }
  for (const e of result.errors) {
    if (e.code === 'UndetectableDelimiter') continue; // a file with one column; fine
    if (e.code === 'TooFewFields' || e.code === 'TooManyFields') continue; // checked below with names
    problems.error('PARSE', `${e.message}${e.code === 'MissingQuotes' ? ' (a quote opened in this row is never closed)' : ''}`, {
      row: e.row === undefined ? null : e.row + 1,
    });
  }
  const table = tableFromRows(data, problems);
  return table && { ...table, delimiter: result.meta.delimiter };
}

/** A file read into cells: what the import plans from, whatever the file's format (CSV, a spreadsheet's sheet). */
export interface ImportTable {
  /** Header texts, trimmed, in file order. */
  headers: string[];
  /** Data rows; each has exactly headers.length cells (short rows are reported, not padded). */
  rows: string[][];
  /** Spreadsheet row number of each data row (header = 1). */
  rowNumbers: number[];
}

/**
 * The import's entry for any tabular file: the first row is the header, the rest are data rows,
 * every cell a string. Checks the header (names, duplicates, reserved words, the column limit)
 * and the row lengths, with problems by row and column; never throws. A reader of another
 * format (.xlsx) hands its sheet's rows here, and the plan takes the result as `PlanInput.table`.
 * `rowNumbers`: each row's number as the source shows it (default: its position, header = 1).
 */
export function tableFromRows(data: string[][], problems: ProblemList, rowNumbers?: readonly number[]): ImportTable | null {
  if (!data.length) {
    problems.error('NO_ROWS', 'The file has no rows.');
    return null;
  }
  if (!withinColumnLimit(data[0], problems)) return null;
  const numberOf = (r: number) => rowNumbers?.[r] ?? r + 1;
  const headers = data[0].map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const letter = columnLetter(i);
    if (h === '') {
      let hasData = false;
      for (let r = 1; r < data.length && !hasData; r++) hasData = (data[r][i] ?? '').trim() !== '';
      if (hasData)
        problems.error('EMPTY_HEADER', `Column ${letter} has no name but holds data; give it a name.`, {
          row: numberOf(0),
          column: letter,
        });
      return;
    }
    if (RESERVED_HEADERS.has(h.toLowerCase())) {
      problems.error('RESERVED_HEADER', `Column ${letter} is named "${h}", which is not allowed as a column name; rename it.`, {
        row: numberOf(0),
        column: h,
      });
    }
    const first = seen.get(h);
    if (first !== undefined) {
      problems.error('DUPLICATE_HEADER', `Columns ${columnLetter(first)} and ${letter} are both named "${h}"; rename one of them.`, {
        row: numberOf(0),
        column: h,
      });
    } else seen.set(h, i);
  });
  const rows: string[][] = [];
  const numbers: number[] = [];
  for (let r = 1; r < data.length; r++) {
    const row = data[r];
    const rowNumber = numberOf(r);
    if (row.length < headers.length) {
      problems.error('RAGGED_ROW', `Row ${rowNumber} has ${row.length} cells; the header has ${headers.length}.`, { row: rowNumber });
      continue;
    }
    if (row.length > headers.length) {
      // Spreadsheets often end rows with empty cells; only extra cells with content are wrong.
      const extra = row.slice(headers.length).findIndex((c) => c.trim() !== '');
      if (extra >= 0) {
        problems.error(
          'RAGGED_ROW',
          `Row ${rowNumber} has ${row.length} cells; the header has ${headers.length} (cell ${columnLetter(headers.length + extra)} has no column).`,
          { row: rowNumber },
        );
        continue;
      }
      row.length = headers.length;
    }
    rows.push(row);
    numbers.push(rowNumber);
  }
  if (!rows.length && !problems.errors) problems.error('NO_ROWS', 'The file has a header but no data rows.');
  return { headers, rows, rowNumbers: numbers };
}

/** Spreadsheet column letter of a 0-based index: A … Z, AA … */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * The line ending and the likely delimiter, from the header line read with quotes in mind.
 * PapaParse's own guesses ignore quotes, so open answers with line breaks or semicolons in the
 * first rows could mislead them.
 */
export function firstLine(text: string): { newline: '\r\n' | '\n' | '\r' | undefined; delimiter: string } {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  let newline: '\r\n' | '\n' | '\r' | undefined;
  for (let i = 0; i < text.length && i < 1 << 20; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      newline = c === '\r' ? (text[i + 1] === '\n' ? '\r\n' : '\r') : '\n';
      break;
    } else if (!quoted && c in counts) counts[c]++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return { newline, delimiter: best[1] > 0 ? best[0] : '' };
}

/**
 * The most columns an import file may have. Work per column (matching headers to questions,
 * checking them) would otherwise grow with whatever a file holds; a wide file of one round
 * has one column per question, partner facet or option, far fewer than this.
 */
export const MAX_IMPORT_COLUMNS = 2000;

/** False, with a problem that says so, when a header row has more columns than an import may. */
export function withinColumnLimit(header: readonly string[] | undefined, problems: ProblemList): boolean {
  if (!header || header.length <= MAX_IMPORT_COLUMNS) return true;
  problems.error(
    'TOO_MANY_COLUMNS',
    `The file has ${header.length.toLocaleString('en')} columns; an import can have at most ${MAX_IMPORT_COLUMNS.toLocaleString('en')}. Leave out the columns that are not answers of this round.`,
    { row: 1 },
  );
  return false;
}

/** All rows as strings, read as parseCsv reads them, for previews and suggestions. */
export function rawRows(text: string): string[][] {
  const layout = firstLine(text);
  const rows = Papa.parse<string[]>(text, { delimiter: layout.delimiter, newline: layout.newline, skipEmptyLines: 'greedy' }).data;
  if (rows[0]?.[0]) rows[0][0] = rows[0][0].replace(/^\uFEFF/, '');
  return rows;
}
