import { StringDecoder } from 'node:string_decoder';
import { unneutralise } from '../../csv-cell.js';
import { FLAVOUR, type Flavour } from '../formats.js';

/** One cell of an export row, typed: a number, a text, or nothing (an empty cell). */
export type Cell = number | string | null;

/**
 * Reads the CSV that rondo's exports write back into typed cells, so the Excel and SPSS files
 * are made from exactly the rows the CSV export holds. That CSV is regular by construction
 * (server/csv-cell.ts): a free text is quoted (and neutralised with an apostrophe against
 * formulas, undone here: a typed cell cannot become a formula), a number is bare with the
 * flavour's decimal separator, an empty cell is no value, and a few fixed words (long.csv's
 * `status`) are bare. So a quoted cell is a text, a bare one a number unless it is not one.
 * Chunks go in as they come; a row split across chunks waits for the rest.
 */
export class CsvCells {
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private readonly delimiter: number;
  private readonly comma: boolean;

  constructor(flavour: Pick<Flavour, 'delimiter' | 'decimal'> = FLAVOUR.intl) {
    this.delimiter = flavour.delimiter.charCodeAt(0);
    this.comma = flavour.decimal === ',';
  }

  /** The complete rows in `chunk` (and what was left of the previous ones). */
  push(chunk: Buffer | string): Cell[][] {
    const text = this.carry + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const rows: Cell[][] = [];
    let at = 0;
    for (;;) {
      const row: Cell[] = [];
      const next = readRow(text, at, row, this.delimiter, this.comma);
      if (next < 0) break;
      if (row.length) rows.push(row);
      at = next;
    }
    this.carry = text.slice(at);
    return rows;
  }

  /** The last row, should the text not end with a line break. */
  end(): Cell[][] {
    const text = this.carry + this.decoder.end();
    this.carry = '';
    if (!text) return [];
    const row: Cell[] = [];
    readRow(text + '\r\n', 0, row, this.delimiter, this.comma);
    return row.length ? [row] : [];
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Reads one row from `at` into `row`; returns where the next row starts, or -1 when the row is not complete yet. */
function readRow(text: string, at: number, row: Cell[], delimiter: number, comma: boolean): number {
  const n = text.length;
  if (at >= n) return -1;
  let i = at;
  if (i === 0 && text.charCodeAt(0) === 0xfeff) i++;
  // An empty line (only the end of the text ends with one) is no row.
  if (text.charCodeAt(i) === CR || text.charCodeAt(i) === LF) {
    const after = text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    return after <= n ? after : -1;
  }
  for (;;) {
    let cell: Cell;
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0 || q + 1 >= n) return -1;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      cell = unneutralise(value);
    } else if (isEnd(text.charCodeAt(i), delimiter)) {
      cell = null;
    } else {
      // Nearly every cell is a small whole number: read its digits without making a string.
      let j = i;
      const negative = text.charCodeAt(j) === 45;
      if (negative) j++;
      const digits = j;
      let value = 0;
      for (let c = text.charCodeAt(j); c >= 48 && c <= 57 && j - digits < 15; c = text.charCodeAt(++j)) value = value * 10 + (c - 48);
      if (j > digits && j < n && isEnd(text.charCodeAt(j), delimiter)) {
        row.push(negative && value !== 0 ? -value : value);
        i = j;
        const c = text.charCodeAt(i);
        if (c === delimiter) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n) return -1;
          return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        }
        return i + 1;
      }
      j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delimiter || c === CR || c === LF) break;
        j++;
      }
      if (j >= n) return -1;
      cell = j === i ? null : bare(text.slice(i, j), comma);
      i = j;
    }
    row.push(cell);
    if (i >= n) return -1;
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= n) return -1;
      return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    }
    if (c === LF) return i + 1;
    throw new Error(`unexpected character at ${i} of an export line`);
  }
}

/** A bare cell: a number, or (a few fixed words such as long.csv's `status`) a text. */
function bare(cell: string, comma: boolean): Cell {
  const n = Number(comma && cell.includes(',') ? cell.replace(',', '.') : cell);
  // Number() allows white space around the digits; a cell with it is no number of ours.
  return Number.isFinite(n) && cell.charCodeAt(0) > 32 && cell.charCodeAt(cell.length - 1) > 32 ? n : cell;
}

const isEnd = (c: number, delimiter: number) => c === delimiter || c === CR || c === LF;

/** Every row of an export's CSV chunks, typed. */
export function* typedRows(chunks: Iterable<Buffer | string>, flavour?: Pick<Flavour, 'delimiter' | 'decimal'>): Generator<Cell[]> {
  const reader = new CsvCells(flavour);
  for (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.end();
}

/**
 * One cell as rondo's CSV writes it (unquoted by nothing yet: a whole cell between delimiters),
 * typed as readRow types it: a quoted text, a bare number (or fixed word), an empty cell no value.
 */
export function typedCell(cell: string, comma: boolean): Cell {
  const n = cell.length;
  if (n === 0) return null;
  if (cell.charCodeAt(0) === QUOTE) return unneutralise(cell.slice(1, -1).replace(/""/g, '"'));
  // A small whole number, read without making another string (readRow's fast path).
  let j = 0;
  const negative = cell.charCodeAt(0) === 45;
  if (negative) j++;
  const digits = j;
  let value = 0;
  for (let c = cell.charCodeAt(j); c >= 48 && c <= 57 && j - digits < 15; c = cell.charCodeAt(++j)) value = value * 10 + (c - 48);
  if (j > digits && j === n) return negative && value !== 0 ? -value : value;
  return bare(cell, comma);
}
