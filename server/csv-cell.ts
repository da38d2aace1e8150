/**
 * One CSV cell, written the same way in every CSV rondo makes: the data exports, the
 * mail merge and the privacy exports (audit trail, access log).
 *
 * - A text is quoted, with its quotes doubled (RFC 4180); line breaks stay.
 * - A text a spreadsheet would run as a formula gets an apostrophe in front (FORMULA_START).
 * - A number is written bare and never neutralised: `-3` in a numeric column is a number to
 *   SPSS, R and Excel, not a formula, and must stay one.
 * - No value (null, undefined or the empty text) is an empty, unquoted cell.
 */

// Excel, LibreOffice and Google Sheets run a cell as a formula when it starts with
// = + - or @, a tab or a carriage return (OWASP "CSV injection"); OWASP ASVS 5.0 (1.2.10)
// adds NUL. White space in front of = + - @ is looked through as well, to be safe with a
// program that trims it first. A leading apostrophe makes the spreadsheet show the text as
// typed. Apostrophes already in front are looked through too, so a text that looks
// neutralised gets one more and `unneutralise` undoes `neutralise` exactly.
const FORMULA_START = /^'*(?:\s*[=+\-@]|[\t\r\0])/;

/** Puts an apostrophe in front of a text that a spreadsheet would run as a formula. */
export function neutralise(text: string): string {
  // Nearly every text starts with a letter or a digit, which no formula does: no expression to run
  // (an export neutralises a few texts per response, ~0.3 µs each through the expression).
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `neutralise`: used when rondo reads back a CSV it (or a careful tool) wrote. */
export function unneutralise(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** A quoted, neutralised text cell; no text is an empty (unquoted) cell. */
export function textCell(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  const safe = neutralise(text);
  return `"${safe.includes('"') ? safe.replace(/"/g, '""') : safe}"`;
}

// The text of the small whole numbers nearly every cell holds, made once (an export writes
// millions of them).
const SMALL_INTEGERS = Array.from({ length: 256 }, (_, i) => String(i));

const POINT = { decimal: '.' } as const;

/**
 * A number, bare, with the given decimal separator (a point unless told); never exponent
 * notation for the values rondo stores; no value, or not a finite number, is an empty cell.
 */
export function numberCell(value: number | null | undefined, notation: { readonly decimal: ',' | '.' } = POINT): string {
  if (value === null || value === undefined) return '';
  if (Number.isInteger(value)) return value >= 0 && value < 256 ? SMALL_INTEGERS[value] : String(value);
  if (!Number.isFinite(value)) return '';
  const s = trimFixed(value);
  return notation.decimal === ',' ? s.replace('.', ',') : s;
}

function trimFixed(value: number): string {
  const s = String(value);
  if (!/e/i.test(s)) return s;
  return value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

/** A cell for a value of either kind: a number as `numberCell`, a text as `textCell`. */
export function csvCell(value: string | number | null | undefined): string {
  return typeof value === 'number' ? numberCell(value) : textCell(value);
}

/** One RFC 4180 line (comma between cells, CRLF at the end) of values of either kind. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** Byte order mark: Excel reads UTF-8 CSV as UTF-8 only with it (names like Zoë). */
export const BOM = '\uFEFF';
