import { StringDecoder } from 'node:string_decoder';
import { XMLParser } from 'fast-xml-parser';
import { columnIndex, columnName, unescapeXstring } from './xml.js';
import { Unpacker, XlsxZipError, zipParts, type ZipPart } from './unzip.js';

/**
 * Reads one sheet of an .xlsx into a header and rows of strings, for the cohort and response
 * imports (the same shape a CSV gives them). Never throws on a bad file: a refusal comes back
 * as `{ ok: false, error }` with a code and, where it applies, the sheet, row and column.
 *
 * - Refused: a file over 25 MB, a workbook with macros (.xlsm, vbaProject.bin), a zip that
 *   unpacks past 256 MB or past 250 times a part's size (unzip.ts), a damaged zip, XML with a
 *   document type declaration (entities are never expanded).
 * - Formula cells give their cached value (the `<v>` the program that saved the file computed);
 *   nothing is ever evaluated. A formula without a cached value is an empty cell, with a note.
 * - Merged cells: the value is in the top-left cell only; each merged range is noted.
 * - Numbers formatted as dates (built-in formats 14–22, 45–47 or a custom date format) become ISO
 *   dates (`2026-03-01`, or `2026-03-01T09:30:00` with a time), in the workbook's 1900 or 1904
 *   date system; other numbers keep their digits. Booleans become 1 and 0.
 * - Shared strings, inline strings and rich text (runs joined; phonetic runs left out).
 */

export const MAX_XLSX_BYTES = 25 * 1024 * 1024;

export const XLSX_ERROR_CODES = ['TOO_LARGE', 'MACROS', 'ZIP_BOMB', 'BROKEN', 'NO_SHEET', 'BAD_XML'] as const;
export type XlsxErrorCode = (typeof XLSX_ERROR_CODES)[number];

export interface XlsxError {
  code: XlsxErrorCode;
  message: string;
  sheet?: string;
  row?: number;
  column?: string;
}

export interface XlsxNote {
  sheet: string;
  /** A cell (`B7`) or a range (`A1:C1`). */
  ref: string;
  message: string;
}

export interface XlsxTable {
  sheet: string;
  /** Every sheet of the workbook, in order: for the screen's choice. */
  sheets: string[];
  header: string[];
  rows: string[][];
  /** The spreadsheet row number of each row in `rows` (the header's is `headerRow`). */
  rowNumbers: number[];
  headerRow: number;
  notes: XlsxNote[];
}

export type XlsxResult = { ok: true; table: XlsxTable } | { ok: false; error: XlsxError };

/** Whether bytes look like a zip (an .xlsx), by their first four bytes. */
export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

class Refused extends Error {
  constructor(readonly error: XlsxError) {
    super(error.message);
  }
}

const refuse = (code: XlsxErrorCode, message: string, at: Omit<XlsxError, 'code' | 'message'> = {}): never => {
  throw new Refused({ code, message, ...at });
};

/** The names of the workbook's sheets, in order. */
export function xlsxSheetNames(bytes: Uint8Array): { ok: true; sheets: string[] } | { ok: false; error: XlsxError } {
  try {
    const book = openBook(bytes);
    return { ok: true, sheets: book.sheets.map((s) => s.name) };
  } catch (err) {
    return { ok: false, error: asError(err) };
  }
}

/** One sheet (by name; the first when none is given) as header and rows of strings. */
export function readXlsx(bytes: Uint8Array, options: { sheet?: string } = {}): XlsxResult {
  try {
    const book = openBook(bytes);
    const sheet = options.sheet === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === options.sheet);
    if (!sheet)
      refuse(
        'NO_SHEET',
        options.sheet === undefined
          ? 'The workbook has no sheets.'
          : `The workbook has no sheet "${options.sheet}" (sheets: ${book.sheets.map((s) => s.name).join(', ')}).`,
      );
    return { ok: true, table: readSheet(book, sheet!) };
  } catch (err) {
    return { ok: false, error: asError(err) };
  }
}

function asError(err: unknown): XlsxError {
  if (err instanceof Refused) return err.error;
  if (err instanceof XlsxZipError) return { code: err.code, message: err.message };
  throw err;
}

interface Book {
  parts: Map<string, ZipPart>;
  unpacker: Unpacker;
  sheets: { name: string; path: string }[];
  strings: string[] | null;
  dateStyles: boolean[];
  date1904: boolean;
}

/** What fast-xml-parser gives: nested objects whose shape the parts' schemas fix, read defensively with `?.`. */
// biome-ignore lint/suspicious/noExplicitAny: parsed XML has no static type; every access below is guarded.
type XmlNode = Record<string, any>;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  removeNSPrefix: true,
  isArray: (name) => ['sheet', 'Relationship', 'numFmt', 'xf', 'Override', 'Default'].includes(name),
});

function text(book: Book, path: string): string | null {
  const part = book.parts.get(path);
  if (!part) return null;
  const s = Buffer.from(book.unpacker.read(part)).toString('utf8');
  // A document type declaration can define entities (billion laughs, external files): never read one.
  if (/<!DOCTYPE/i.test(s.slice(0, 4096)))
    refuse('BAD_XML', `The part ${path} declares a document type, which a spreadsheet never needs; the file is refused.`);
  return s;
}

function parse(book: Book, path: string): XmlNode | null {
  const s = text(book, path);
  if (s === null) return null;
  try {
    return xml.parse(s) as XmlNode;
  } catch (err) {
    return refuse('BAD_XML', `The part ${path} is not well-formed XML (${(err as Error).message}).`);
  }
}

function openBook(bytes: Uint8Array): Book {
  if (bytes.length > MAX_XLSX_BYTES) refuse('TOO_LARGE', `The file is larger than ${MAX_XLSX_BYTES / 1048576} MB.`);
  if (!isZip(bytes)) refuse('BROKEN', 'The file is not an .xlsx workbook (it is not a zip file).');
  const parts = zipParts(bytes);
  const book: Book = { parts, unpacker: new Unpacker(bytes), sheets: [], strings: null, dateStyles: [], date1904: false };
  if ([...parts.keys()].some((n) => /(^|\/)vbaProject\.bin$/i.test(n)))
    refuse('MACROS', 'The workbook contains macros (.xlsm); save it as an Excel workbook without macros (.xlsx) and try again.');
  const types = text(book, '[Content_Types].xml');
  if (types === null) refuse('BROKEN', 'The file is a zip but not an .xlsx workbook ([Content_Types].xml is missing).');
  if (/macroEnabled/i.test(types!))
    refuse('MACROS', 'The workbook is macro-enabled (.xlsm); save it as an Excel workbook without macros (.xlsx) and try again.');
  const workbook = parse(book, 'xl/workbook.xml');
  if (!workbook?.workbook) refuse('BROKEN', 'The file is not an .xlsx workbook (xl/workbook.xml is missing).');
  const rels = parse(book, 'xl/_rels/workbook.xml.rels');
  const target = new Map<string, string>(
    (rels?.Relationships?.Relationship ?? []).map((r: Record<string, string>) => [r.Id, r.Target] as [string, string]),
  );
  const pr = workbook!.workbook.workbookPr;
  book.date1904 = pr?.date1904 === '1' || pr?.date1904 === 'true';
  for (const s of workbook!.workbook.sheets?.sheet ?? []) {
    const t = target.get(s.id);
    if (!t) continue;
    const path = t.startsWith('/') ? t.slice(1) : `xl/${t}`.replace(/\/\.\//g, '/');
    book.sheets.push({ name: String(s.name), path: normalise(path) });
  }
  book.dateStyles = dateStyles(parse(book, 'xl/styles.xml'));
  return book;
}

const normalise = (path: string) => {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
};

/** Built-in number formats that are dates or times (ECMA-376 18.8.30). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a number format code shows a date or time: d, m, y, h or s outside quotes, escapes and colour/locale brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function dateStyles(styles: XmlNode | null): boolean[] {
  const sheet = styles?.styleSheet;
  if (!sheet) return [];
  const custom = new Map<number, string>(
    (sheet.numFmts?.numFmt ?? []).map((f: Record<string, string>) => [Number(f.numFmtId), String(f.formatCode)]),
  );
  return (sheet.cellXfs?.xf ?? []).map((xf: Record<string, string>) => {
    const id = Number(xf.numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id);
  });
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with the predefined entities and character references resolved (nothing else is ever expanded). */
function decode(s: string): string {
  const plain = s.includes('&')
    ? s.replace(ENTITY, (_, name?: string, dec?: string, hex?: string) =>
        name ? NAMED[name] : String.fromCodePoint(dec ? Number(dec) : Number.parseInt(hex!, 16)),
      )
    : s;
  return unescapeXstring(plain);
}

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs joined, phonetic runs (`<rPh>`) left out. */
function itemText(inner: string): string {
  const body = inner.includes('<rPh') ? inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : inner;
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += m[1] ? decode(m[1]) : '';
  return out;
}

function sharedStrings(book: Book): string[] {
  if (book.strings) return book.strings;
  const s = text(book, 'xl/sharedStrings.xml') ?? '';
  const out: string[] = [];
  for (const m of s.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(m[1] ? itemText(m[1]) : '');
  book.strings = out;
  return out;
}

const ATTRIBUTES = new Map(['r', 't', 's'].map((name) => [name, new RegExp(`(?:^|\\s)${name}="([^"]*)"`)]));

/** An attribute of a row or cell element (r, t or s), from the text between its name and `>`. */
const attr = (attrs: string, name: 'r' | 't' | 's'): string | undefined => {
  if (!attrs.includes(`${name}="`)) return undefined;
  return ATTRIBUTES.get(name)!.exec(attrs)?.[1];
};

const two = (n: number) => String(n).padStart(2, '0');

/** A date serial as an ISO date (and time when it has one), in the 1900 or 1904 date system. */
export function serialToIso(serial: number, date1904: boolean): string {
  // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was
  // (serial 60), so from day 61 on the days count from 1899-12-30.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : serial < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const ms = Math.round(serial * 86400) * 1000;
  const d = new Date(epoch + ms);
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const seconds = Math.round(serial * 86400) % 86400;
  if (seconds === 0) return date;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return serial < 1 ? time : `${date}T${time}`;
}

/**
 * The sheet's XML is read as it is unpacked, a row at a time: only the rows' values are kept,
 * never the whole XML (for 10,000 rows × 200 columns that was ~100 MB as bytes and text).
 */
function readSheet(book: Book, sheet: { name: string; path: string }): XlsxTable {
  const part = book.parts.get(sheet.path);
  if (!part) return refuse('BROKEN', `The sheet "${sheet.name}" is missing from the file.`, { sheet: sheet.name });
  const cellNotes: XlsxNote[] = [];
  const note = (ref: string, message: string) => {
    if (cellNotes.length < 200) cellNotes.push({ sheet: sheet.name, ref, message });
  };
  const table: { number: number; cells: string[] }[] = [];
  let lastRow = 0;
  const row = (attrs: string, inner: string | undefined) => {
    const r = attr(attrs, 'r');
    const number = r === undefined ? lastRow + 1 : Number(r);
    if (!Number.isInteger(number) || number <= lastRow)
      refuse('BAD_XML', `Row ${r} of sheet "${sheet.name}" is out of order.`, { sheet: sheet.name, row: number });
    lastRow = number;
    if (!inner) return;
    const cells: string[] = [];
    let col = -1;
    for (const c of inner.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(c[1], 'r');
      col = ref === undefined ? col + 1 : columnIndex(ref);
      if (col < 0 || col > 16383)
        refuse('BAD_XML', `A cell of row ${number} of sheet "${sheet.name}" has the reference "${ref}".`, {
          sheet: sheet.name,
          row: number,
        });
      const value = cellValue(book, c[1], c[2] ?? '', `${columnName(col)}${number}`, note);
      if (value !== '') {
        while (cells.length < col) cells.push('');
        cells[col] = value;
      }
    }
    if (cells.some((v) => v.trim() !== '')) table.push({ number, cells });
  };

  // The text not yet read: a row cut off at the end of an unpacked piece waits for the next.
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let checked = false;
  let inData = false;
  let after = '';
  const rowPattern = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const take = (piece: string, last: boolean) => {
    pending += piece;
    if (!checked) {
      if (pending.length < 4096 && !last) return;
      // A document type declaration can define entities (billion laughs, external files): never read one.
      if (/<!DOCTYPE/i.test(pending.slice(0, 4096)))
        refuse('BAD_XML', `The part ${sheet.path} declares a document type, which a spreadsheet never needs; the file is refused.`);
      checked = true;
    }
    if (!inData) {
      const start = pending.indexOf('<sheetData');
      if (start < 0) {
        // Keep enough to find the element's name when it is cut in two.
        if (pending.length > 64) pending = pending.slice(-64);
        if (!last) return;
        pending = '';
        return;
      }
      inData = true;
      pending = pending.slice(start);
    }
    if (inData) {
      const end = pending.indexOf('</sheetData>');
      const rows = end < 0 ? pending : pending.slice(0, end);
      rowPattern.lastIndex = 0;
      let used = 0;
      for (let m = rowPattern.exec(rows); m; m = rowPattern.exec(rows)) {
        row(m[1], m[2]);
        used = rowPattern.lastIndex;
      }
      if (end >= 0) {
        // The rest of the sheet (merged cells and the like) is small: kept whole.
        after += pending.slice(end);
        pending = '';
        inData = false;
        checked = true;
        sawEnd = true;
      } else pending = pending.slice(used);
    }
  };
  let sawEnd = false;
  book.unpacker.each(part, (chunk) => {
    const piece = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (sawEnd) after += piece;
    else take(piece, false);
  });
  if (sawEnd) after += decoder.end();
  else {
    take(decoder.end(), true);
    // No end of the rows (an empty `<sheetData/>`): what is left may still name merged cells.
    after += pending;
  }
  const notes: XlsxNote[] = [];
  for (const m of after.matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g))
    notes.push({
      sheet: sheet.name,
      ref: m[1],
      message: `Cells ${m[1]} are merged: the value is read from ${m[1].split(':')[0]} only, the other cells are empty.`,
    });
  notes.push(...cellNotes);
  notes.splice(200);

  const sheets = book.sheets.map((s) => s.name);
  if (!table.length) return { sheet: sheet.name, sheets, header: [], rows: [], rowNumbers: [], headerRow: 0, notes };
  const width = Math.max(...table.map((t) => t.cells.length));
  const pad = (cells: string[]) => (cells.length < width ? [...cells, ...Array<string>(width - cells.length).fill('')] : cells);
  const [head, ...rest] = table;
  return {
    sheet: sheet.name,
    sheets,
    header: pad(head.cells).map((h) => h.trim()),
    rows: rest.map((t) => pad(t.cells)),
    rowNumbers: rest.map((t) => t.number),
    headerRow: head.number,
    notes,
  };
}

function cellValue(book: Book, attrs: string, inner: string, ref: string, note: (ref: string, message: string) => void): string {
  const type = attr(attrs, 't') ?? 'n';
  const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  const formula = inner.includes('<f');
  if (type === 'inlineStr') return itemText(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
  if (v === undefined) {
    if (formula) note(ref, `Cell ${ref} holds a formula without a saved result; it is read as empty (formulas are never calculated).`);
    return '';
  }
  switch (type) {
    case 's': {
      const strings = sharedStrings(book);
      const i = Number(v);
      if (!Number.isInteger(i) || i < 0 || i >= strings.length) {
        note(ref, `Cell ${ref} points to shared string ${v}, which does not exist; it is read as empty.`);
        return '';
      }
      return strings[i];
    }
    case 'str':
      return decode(v);
    case 'b':
      return v.trim() === '1' || v.trim() === 'true' ? '1' : '0';
    case 'e':
      note(ref, `Cell ${ref} holds the error ${decode(v)}; it is read as empty.`);
      return '';
    case 'd':
      return decode(v);
    default: {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) return decode(v);
      const style = Number(attr(attrs, 's') ?? 0);
      return book.dateStyles[style] ? serialToIso(n, book.date1904) : String(n);
    }
  }
}
