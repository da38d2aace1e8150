import { EOL, type Flavour } from './formats.js';

/**
 * Writing CSV cells. Text cells are always quoted and neutralised against formula injection;
 * numbers are written bare, with the flavour's decimal separator. Nothing here allocates per
 * file: lines are built as strings and handed to a Chunker that yields ~64 kB pieces.
 */

// Spreadsheet programs run a cell that starts with one of these as a formula (OWASP "CSV
// injection"). A leading apostrophe makes Excel and LibreOffice show the text as typed.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Neutralises a text against formula injection by putting an apostrophe in front of a text
 * that starts with = + - @ TAB or CR. Texts that already start with apostrophes followed by
 * such a character get one more, so `unneutralise` can always undo it exactly.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `neutralise`: used when rondo reads back a CSV it (or a careful tool) wrote. */
export function unneutralise(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** A quoted, neutralised text cell; the empty string stays an empty (unquoted) cell. */
export function textCell(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  const safe = neutralise(text);
  return `"${safe.includes('"') ? safe.replace(/"/g, '""') : safe}"`;
}

/** A text cell for PSPP/SPSS, which read one case per line: line breaks become a space. */
export function textCellOneLine(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  return textCell(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
}

/** A number in the flavour's notation; never exponent notation for the values rondo stores. */
export function numberCell(value: number | null | undefined, flavour: Flavour): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const s = Number.isInteger(value) ? String(value) : trimFixed(value);
  return flavour.decimal === ',' ? s.replace('.', ',') : s;
}

function trimFixed(value: number): string {
  const s = String(value);
  if (!/e/i.test(s)) return s;
  return value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

/** One CSV line from already-formatted cells. */
export function line(cells: string[], flavour: Flavour): string {
  return cells.join(flavour.delimiter) + EOL;
}

/** A header line: names are text cells like any other (quoted, neutralised). */
export function headerLine(names: string[], flavour: Flavour): string {
  return line(names.map((n) => textCell(n)), flavour);
}

export const BOM = '\uFEFF';

/**
 * Collects small strings into pieces of about `size` characters, so a stream writes a few
 * hundred large chunks instead of millions of tiny ones.
 */
export class Chunker {
  private parts: string[] = [];
  private length = 0;
  constructor(private readonly size = 65536) {}
  /** Adds text without ever completing a chunk (the next push may). */
  add(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }
  /** Adds text; returns a full chunk when one is ready, else null. */
  push(text: string): string | null {
    this.parts.push(text);
    this.length += text.length;
    if (this.length < this.size) return null;
    return this.flush();
  }
  flush(): string | null {
    if (!this.length) return null;
    const out = this.parts.join('');
    this.parts = [];
    this.length = 0;
    return out;
  }
}
