import { pick, type LocalText } from '../../../model/index.js';
import { caseColumns } from '../codebook.js';
import type { ExportContext } from '../context.js';
import { FLAVOUR, MISSING_VALUE_CODES, missingLabels as studyMissingLabels, type MissingKind } from '../formats.js';
import { wideCells, wideColumns, type WideColumn } from '../wide.js';
import type { Cell } from '../xlsx/csv-cells.js';
import { CaseWriter, dictionary, MAX_STRING, type SavVariable } from './records.js';
import { KeptStrings } from '../kept-strings.js';

/**
 * The wide file as an SPSS system file (.sav): one case per participant, the wide export's
 * variable names (long names, record 7 subtype 13), variable labels and value labels in the
 * export's label language, the missing-value codes declared missing, measurement levels, UTF-8.
 * What the .sps syntax of the `spss` export applies to the CSV, already applied.
 *
 * A string's width is part of the dictionary, which comes before the data, so the wide rows
 * (typed cells, wideCells: what the CSV export holds, without writing and parsing it) are kept
 * compactly in memory while their widths are counted, then written as cases. Strings wider than
 * 255 bytes are very long strings (segments of 255 bytes); SPSS's limit is 32,767 bytes, and an
 * open answer longer than that would be cut, but rondo's open questions allow far fewer characters.
 */
export function* savExport(ctx: ExportContext): Generator<Buffer> {
  // A context of its own: string widths counted afresh.
  const own: ExportContext = { ...ctx, flavour: FLAVOUR.intl, stats: { ...ctx.stats, textWidths: new Map() } };
  const rows = new CellStore();
  let header = true;
  for (const row of wideCells(own)) {
    if (header) header = false;
    else rows.add(row);
  }
  ctx.stats.responses = own.stats.responses;
  ctx.stats.unmapped = own.stats.unmapped;
  yield* savFromCells(own, rows, rows.count);
}

const NONE = -128;
const OTHER = -127;

/** Rows a block of the store holds: blocks of their own, so the store grows without copying. */
const BLOCK_ROWS = 512;

/**
 * Rows of typed cells, compactly: a small whole number (a code, -126 to 127) in a byte, no value
 * as NONE, anything else (a text, a decimal, a larger number) as OTHER with the value in its
 * block's list, in cell order. 10,000 wide rows of 560 cells take 6 MB instead of the 45 MB of
 * arrays; at 40,000 participants a map from cell to value took ~30 MB more than these lists.
 */
export class CellStore {
  private readonly blocks: Int8Array[] = [];
  private readonly others: Cell[][] = [];
  /** Distinct short texts kept once (organisations, roles, times: what repeats across cases). */
  private readonly texts = new KeptStrings();
  private width = -1;
  count = 0;

  add(row: readonly Cell[]): void {
    if (this.width < 0) this.width = row.length;
    const width = this.width;
    const inBlock = this.count % BLOCK_ROWS;
    if (inBlock === 0) this.blocks.push(new Int8Array(width * BLOCK_ROWS)), this.others.push([]);
    const small = this.blocks[this.blocks.length - 1];
    const others = this.others[this.others.length - 1];
    for (let i = 0, at = inBlock * width; i < width; i++, at++) {
      const v = row[i];
      if (v === null) small[at] = NONE;
      else if (typeof v === 'number' && Number.isInteger(v) && v > OTHER && v <= 127) small[at] = v;
      else {
        small[at] = OTHER;
        others.push(typeof v === 'string' ? this.texts.keep(v) : v);
      }
    }
    this.count++;
  }

  /** The rows again, in one reused array of `width` cells. */
  *rows(width: number): Generator<Cell[]> {
    const row: Cell[] = new Array(width).fill(null);
    let other = 0;
    for (let r = 0; r < this.count; r++) {
      const b = Math.floor(r / BLOCK_ROWS);
      const small = this.blocks[b];
      const others = this.others[b];
      if (r % BLOCK_ROWS === 0) other = 0;
      const start = (r % BLOCK_ROWS) * this.width;
      for (let i = 0; i < this.width; i++) {
        const v = small[start + i];
        const cell = v === NONE ? null : v === OTHER ? others[other++] : v;
        if (i < width) row[i] = cell;
      }
      yield row;
    }
  }
}

/** Wide rows kept as typed cells (CellStore), read in one reused array of `width` cells. */
export interface CellRows {
  rows(width: number): Iterable<Cell[]>;
}

/** Wide rows that write themselves as cases (the bundle's KeptWideRows), yielding after each case. */
export interface CaseRows {
  writeCases(writer: CaseWriter, vars: readonly SavVariable[]): Iterable<void>;
}

/**
 * The .sav from wide rows already kept in this export (the bundle's, KeptWideRows: what its wide.csv
 * reads back as, their string widths in ctx.stats). `cases` is the number of rows, or -1 when not
 * counted (the file format allows that). A piece of the cases is valid until the next is asked
 * for (the export file has `inFlight` 0).
 */
export function* savFromCells(ctx: ExportContext, rows: CellRows | CaseRows, cases = -1): Generator<Buffer> {
  const vars = savVariables(ctx);
  yield dictionary(vars, { at: new Date(ctx.at), label: `rondo ${ctx.study.slug}`, cases });
  const writer = new CaseWriter(vars);
  for (const _ of 'writeCases' in rows ? rows.writeCases(writer, vars) : addEach(rows.rows(vars.length), writer)) {
    const piece = writer.take();
    if (piece) yield piece;
  }
  yield writer.end();
}

/** Each row added to the writer as a case, yielding after each. */
function* addEach(rows: Iterable<Cell[]>, writer: CaseWriter): Generator<void> {
  for (const row of rows) {
    writer.add(row);
    yield;
  }
}

const ORDINAL_TYPES = new Set(['likert', 'frequency', 'rating', 'partnerGrid', 'toolGrid']);
const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);

/**
 * A valid, unique SPSS name for an export name: the name itself when it is one (rondo's are
 * lower-case letters, digits and underscores), else cut to 64 bytes, a reserved word given
 * an underscore, and a number added until it is unique (SPSS compares names case-insensitively).
 */
export function spssName(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9_.@#$\u00C0-\uFFFF]/g, '_').replace(/\.$/, '_');
  if (!/^[A-Za-z@\u00C0-\uFFFF]/.test(base)) base = `v${base}`;
  if (RESERVED.has(base.toUpperCase())) base += '_';
  base = Buffer.from(base, 'utf8')
    .subarray(0, 64)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  let out = base;
  for (let n = 2; taken.has(out.toUpperCase()); n++) out = `${base.slice(0, 60)}_${n}`;
  taken.add(out.toUpperCase());
  return out;
}

/** The short (8-byte) names of the variable records: upper case, unique, derived from the long name. */
function shortName(name: string, taken: Set<string>): string {
  const base = name
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '_')
    .slice(0, 8);
  let out = /^[A-Z]/.test(base) ? base : `V${base.slice(0, 7)}`;
  for (let n = 1; taken.has(out); n++) out = `V${n.toString(36).toUpperCase()}`.padEnd(2, '_').slice(0, 8);
  taken.add(out);
  return out;
}

/** The variables of the .sav, in the wide file's column order. */
export function savVariables(ctx: ExportContext): SavVariable[] {
  const lang = ctx.options.lang;
  const label = (t: LocalText) => pick(t, lang);
  const caseLabels = new Map(caseColumns(ctx).map((c) => [c.name, label(c.label)]));
  // The group's and the cohort attributes' values with their labels (codebook.ts caseColumns).
  const caseValues = new Map(
    caseColumns(ctx).flatMap((c) => (c.values ? [[c.name, c.values.map((v) => ({ value: v.value, label: label(v.label) }))]] : [])),
  );
  const roundLabel = new Map(ctx.study.rounds.map((r) => [r.id, label(r.label)]));
  const yesNo = [
    { value: 1, label: lang === 'nl' ? 'Ja' : 'Yes' },
    { value: 0, label: lang === 'nl' ? 'Nee' : 'No' },
  ];
  const missingLabels = (Object.keys(MISSING_VALUE_CODES) as MissingKind[]).map((k) => ({
    value: MISSING_VALUE_CODES[k],
    label: studyMissingLabels(ctx.study)[k][lang],
  }));
  const names = new Set<string>();
  const shorts = new Set<string>();
  const width = (c: WideColumn) => Math.min(MAX_STRING, Math.max(1, ctx.stats.textWidths.get(c.name) ?? 1));
  return wideColumns(ctx).map((c): SavVariable => {
    const name = spssName(c.name, names);
    const base = { name, short: shortName(name, shorts), missing: [] as number[] };
    if (c.variable < 0) {
      const text = caseLabels.get(c.name) ?? '';
      if (c.kind === 'submitted') return { ...base, width: 24, label: text, valueLabels: [], measure: 'nominal' };
      if (c.kind === 'case' && c.name !== 'anonymous') {
        const values = caseValues.get(c.name);
        return {
          ...base,
          width: width(c),
          label: text,
          valueLabels: [],
          ...(values ? { stringValueLabels: values } : {}),
          measure: 'nominal',
        };
      }
      return { ...base, width: 0, format: { width: 1, decimals: 0 }, label: text, valueLabels: yesNo, measure: 'nominal' };
    }
    const v = ctx.variables[c.variable];
    const text = `${roundLabel.get(c.roundId)}: ${label(v.label)}`;
    if (c.kind === 'text') return { ...base, width: width(c), label: text, valueLabels: [], measure: 'nominal' };
    const decimal = v.item.type === 'number' && !v.item.integer;
    return {
      ...base,
      width: 0,
      format: decimal ? { width: 10, decimals: 2 } : { width: 8, decimals: 0 },
      label: text,
      valueLabels: [...v.values.map((p) => ({ value: p.code, label: label(p.label) })), ...missingLabels],
      // The same three codes for every answer variable, as the .sps syntax declares them.
      missing: missingLabels.map((m) => m.value),
      measure: v.item.type === 'number' ? 'scale' : ORDINAL_TYPES.has(v.item.type) ? 'ordinal' : 'nominal',
    };
  });
}
