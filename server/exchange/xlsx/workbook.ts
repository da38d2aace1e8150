import { ByteChunker, RING } from '../csv.js';
import { zipChunks, type ZipEntry } from '../zip.js';
import type { Cell } from './csv-cells.js';
import { xmlText } from './xml.js';

/**
 * A streaming .xlsx writer (Office Open XML, ECMA-376 SpreadsheetML), written by hand: a
 * workbook is a zip of a few small XML parts and one XML part per sheet, and the sheets are
 * written row by row as the export produces them, so memory stays flat however many rows there
 * are. Every value is a typed cell: a number is a number cell (`<v>`), a text a string cell,
 * never a formula, so a text that starts with = + - or @ stays that text. Short texts (variable
 * names, statuses, keys: what repeats) go into the shared-string table, so a row of the long file
 * is a few bytes per cell instead of forty; the table is bounded (SharedStrings), and longer or
 * later texts are inline strings (`t="inlineStr"`), so memory stays flat. Rows and cells carry
 * no references (cellsXml): a row's bytes do not depend on its number, so the long sheet's rows
 * are copies of parts rendered once.
 *
 * The zip is the exports' own writer (../zip.ts: native deflate on libuv's pool, ZIP64 when
 * needed). The sheets go first, the workbook parts that list them last, because a sheet that
 * passes Excel's row limit goes on in a sheet of its own and the number of sheets is known only
 * at the end; a zip's entries are found through its central directory, so their order is free.
 */

/** Rows per sheet: Excel's limit is 1,048,576, the header row included. */
export const MAX_SHEET_ROWS = 1_048_576;
/** Excel holds at most this many characters in a cell. */
export const MAX_CELL_CHARS = 32_767;

export interface SheetSource {
  /** Sheet name: at most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  /** The header row first, then the data rows. */
  rows: () => Iterable<Row>;
}

/** A workbook of the sheets, as the bytes of the .xlsx file. */
export function xlsxChunks(sheets: SheetSource[], mtime = new Date(), rowsPerSheet = MAX_SHEET_ROWS): AsyncGenerator<Buffer> {
  const written: string[] = [];
  const shared = new SharedStrings();
  function* entries(): Generator<ZipEntry> {
    for (const sheet of sheets) {
      const rows = new Rows(sheet.rows()[Symbol.iterator]());
      const header = rows.next(1);
      if (header.done) continue;
      const headerCells = header.value instanceof PartRows ? header.value.cells()[0] : header.value;
      // A sheet past the row limit goes on in "name (2)", "name (3)", … with the header repeated.
      for (let part = 1; ; part++) {
        written.push(part === 1 ? sheet.name : `${sheet.name.slice(0, 25)} (${part})`);
        yield {
          name: `xl/worksheets/sheet${written.length}.xml`,
          data: () => sheetXml(headerCells, rows, rowsPerSheet, shared),
          inFlight: RING.inFlight,
        };
        // Asked once the sheet is written: the zip takes the next entry only then.
        if (rows.done) break;
      }
    }
    if (!written.length) {
      written.push('Sheet1');
      yield { name: 'xl/worksheets/sheet1.xml', data: () => [emptySheet] };
    }
    yield { name: 'xl/sharedStrings.xml', data: () => shared.xml() };
    yield { name: 'xl/workbook.xml', data: () => [workbookXml(written)] };
    yield { name: 'xl/_rels/workbook.xml.rels', data: () => [workbookRels(written.length)] };
    yield { name: 'xl/styles.xml', data: () => [STYLES] };
    yield { name: '[Content_Types].xml', data: () => [contentTypes(written.length)] };
    yield { name: '_rels/.rels', data: () => [ROOT_RELS] };
  }
  return zipChunks(entries(), mtime);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const SHEET_START =
  `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0">` +
  '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>';
const SHEET_END = '</sheetData></worksheet>';
const emptySheet = `${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`;

/**
 * A piece of a data row that repeats, such as a response's first cells or a variable's cells
 * with one value: the sheet writer keeps the bytes it rendered the part to on the part itself,
 * so a part that comes again is a copy (never change its cells once given). The long sheet's
 * rows are two parts each (longParts, ../long.ts): two copies instead of a dozen cells' formatting.
 */
export class Part {
  /** What the writer made of it (for one shared-string table and the empty cells before it). */
  rendered: Rendered | undefined;
  /** Its empty cells at the end, which a row writes only when a value follows them. */
  readonly trailing: number;
  constructor(readonly cells: Cell[]) {
    let end = cells.length;
    while (end > 0 && isEmpty(cells[end - 1])) end--;
    this.trailing = cells.length - end;
  }
}

/**
 * Data rows that begin alike: row j is `first`'s cells then `rest[j]`'s (the long sheet: a
 * response's cells, then one variable's cells with its value). One object for many rows, so the
 * writer loops over them with no object per row or cell.
 */
export class PartRows {
  constructor(
    readonly first: Part,
    readonly rest: Part[],
  ) {}
  /** The rows' cells. */
  cells(): Cell[][] {
    return this.rest.map((p) => [...this.first.cells, ...p.cells]);
  }
}

export type Row = Cell[] | PartRows;

/** An empty cell: written as nothing at the end of a row, as `<c/>` before a value. */
const isEmpty = (v: Cell) => v === null || v === '' || (typeof v === 'number' && !Number.isFinite(v));

const EMPTY_CELL = '<c/>';

/**
 * Cells as XML, `from` to `to`. No cell or row carries its reference (`r`, optional in ECMA-376
 * 18.3.1.4 and 18.3.1.73: a row follows the previous row, a cell the previous cell), so a row's
 * bytes do not depend on its number and a repeating part is copied as it is. An empty cell is
 * `<c/>` (a blank cell): 4 bytes where a reference after a gap took 8–14. Readers (Excel,
 * LibreOffice, openpyxl, ./read.ts) count rows and cells without references.
 */
function cellsXml(cells: Cell[], from: number, to: number, style: 0 | 1, shared: SharedStrings): string {
  let s = '';
  const sAttr = style ? ' s="1"' : '';
  for (let i = from; i < to; i++) {
    const v = cells[i];
    if (isEmpty(v)) s += EMPTY_CELL;
    else if (typeof v === 'number') s += `<c${sAttr}><v>${v}</v></c>`;
    else {
      const text = v as string;
      const k = shared.index(text);
      if (k >= 0) {
        s += `<c${sAttr} t="s"><v>${k}</v></c>`;
        continue;
      }
      const cut = text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
      // Leading or trailing white space or a line break survives only with xml:space="preserve".
      const keep = /^\s|\s$|\n/.test(cut) ? ' xml:space="preserve"' : '';
      s += `<c${sAttr} t="inlineStr"><is><t${keep}>${xmlText(cut)}</t></is></c>`;
    }
  }
  return s;
}

/** One row's cells, its empty cells at the end left out; `style` 1 is the header's bold. */
function rowXml(cells: Cell[], style: 0 | 1, shared: SharedStrings): string {
  let end = cells.length;
  while (end > 0 && isEmpty(cells[end - 1])) end--;
  return `<row>${cellsXml(cells, 0, end, style, shared)}</row>`;
}

/** A part as rendered, for the shared-string table and the empty cells before it. */
interface Rendered {
  bytes: Buffer;
  shared: SharedStrings;
  /** As a row's first part: opens the row, its empty cells at the end left for the next part. */
  open: boolean;
  /** As a later part: the empty cells of the part before it written first, its own at the end left out. */
  before: number;
}

function renderPart(part: Part, open: boolean, before: number, shared: SharedStrings): Rendered {
  const end = part.cells.length - part.trailing;
  const xml = open
    ? `<row>${cellsXml(part.cells, 0, end, 0, shared)}`
    : end > 0
      ? `${EMPTY_CELL.repeat(before)}${cellsXml(part.cells, 0, end, 0, shared)}</row>`
      : '</row>';
  return { bytes: Buffer.from(xml, 'utf8'), shared, open, before };
}

/**
 * The shared-string table, bounded: texts up to SHARED_CHARS characters, the first SHARED_COUNT
 * distinct ones (at most ~13 MB); any other text is written inline where it occurs.
 */
export const SHARED_CHARS = 100;
export const SHARED_COUNT = 65_536;

class SharedStrings {
  private readonly indices = new Map<string, number>();
  private readonly texts: string[] = [];

  /** The text's index in the table, or -1 when it is written inline. */
  index(text: string): number {
    if (text.length > SHARED_CHARS) return -1;
    const k = this.indices.get(text);
    if (k !== undefined) return k;
    if (this.texts.length >= SHARED_COUNT) return -1;
    this.indices.set(text, this.texts.length);
    this.texts.push(text);
    return this.texts.length - 1;
  }

  *xml(): Generator<Buffer> {
    const out = new ByteChunker();
    out.text(`${XML_HEAD}<sst xmlns="${MAIN}" uniqueCount="${this.texts.length}">`);
    for (const text of this.texts) {
      const keep = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
      out.text(`<si><t${keep}>${xmlText(text)}</t></si>`);
      if (out.full) yield* out.take();
    }
    out.text('</sst>');
    yield* out.flush();
  }
}

/**
 * A sheet's rows, with a look ahead: is there a row after the last one a full sheet took? Rows
 * that begin alike are taken at most `max` at a time, the others left for the next sheet.
 */
class Rows {
  private ahead: IteratorResult<Row> | null = null;
  constructor(private readonly source: Iterator<Row>) {}
  next(max = Number.POSITIVE_INFINITY): IteratorResult<Row> {
    let row = this.ahead ?? this.source.next();
    this.ahead = null;
    while (!row.done && row.value instanceof PartRows && !row.value.rest.length) row = this.source.next();
    if (!row.done && row.value instanceof PartRows && row.value.rest.length > max) {
      const { first, rest } = row.value;
      this.ahead = { done: false, value: new PartRows(first, rest.slice(max)) };
      return { done: false, value: new PartRows(first, rest.slice(0, max)) };
    }
    return row;
  }
  get done(): boolean {
    while (this.ahead === null || (!this.ahead.done && this.ahead.value instanceof PartRows && !this.ahead.value.rest.length))
      this.ahead = this.source.next();
    return this.ahead.done === true;
  }
}

function* sheetXml(header: Cell[], rows: Rows, limit: number, shared: SharedStrings): Generator<Buffer> {
  // Pieces of 256 kB: a quarter of the hand-overs to the deflater (each a trip to libuv's pool).
  const out = new ByteChunker(1 << 18, RING.buffers);
  out.text(SHEET_START);
  out.text(rowXml(header, 1, shared));
  const render = (part: Part, open: boolean, before: number): Buffer => {
    const r = part.rendered;
    if (r?.shared === shared && r.open === open && r.before === before) return r.bytes;
    return (part.rendered = renderPart(part, open, before, shared)).bytes;
  };
  let n = 2;
  while (n <= limit) {
    const next = rows.next(limit - n + 1);
    if (next.done) break;
    const row = next.value;
    if (!(row instanceof PartRows)) {
      out.text(rowXml(row, 0, shared));
      n++;
      if (out.full) yield* out.take();
      continue;
    }
    // Each row: the first part's bytes, then the other part's.
    const first = render(row.first, true, 0);
    const before = row.first.trailing;
    for (const part of row.rest) {
      out.bytes(first);
      out.bytes(render(part, false, before));
      n++;
      if (out.full) yield* out.take();
    }
  }
  out.text(SHEET_END);
  yield* out.flush();
}

function workbookXml(names: string[]): string {
  const sheets = names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews>` + `<sheets>${sheets}</sheets></workbook>`
  );
}

function workbookRels(count: number): string {
  const rels: string[] = [];
  for (let i = 1; i <= count; i++) rels.push(`<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`);
  rels.push(`<Relationship Id="rId${count + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  rels.push(`<Relationship Id="rId${count + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
}

function contentTypes(count: number): string {
  const sheets: string[] = [];
  for (let i = 1; i <= count; i++) sheets.push(`<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${SHEET_TYPE}"/>`);
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${SHARED_TYPE}"/>` +
    `${sheets.join('')}</Types>`
  );
}

const SHARED_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

// The least a styles part holds (a font, the two fills Excel insists on, a border, the cell
// formats): format 0 is the default, format 1 the header's bold.
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
