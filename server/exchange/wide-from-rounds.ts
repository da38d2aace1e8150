import { BOM, textCell, unneutralise } from '../csv-cell.js';
import { ByteChunker, headerLine, RING, textCellOneLine } from './csv.js';
import { studyParticipants } from './responses.js';
import type { ExportContext } from './context.js';
import { roundLayout, type RoundSink } from './round.js';
import type { Spool } from './spool.js';
import { caseColumnCount, wideColumns } from './wide.js';
import { CaseExtras } from './case-extras.js';
import { CellStore } from './sav/export.js';
import type { CaseWriter, SavVariable } from './sav/records.js';
import { typedCell, type Cell } from './xlsx/csv-cells.js';
import { BLOCK, CELL_TEXT, CELL_TYPED, EMPTY, LineBytes, OTHER, type KeptRounds } from './kept-rounds.js';

const EMPTY_BLOCK: Uint8Array = new Uint8Array(0);

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/**
 * The bundle's wide file, byte for byte the one `wideCsv` writes, built from the round files' cells
 * the same export has just kept (longCsv with a RoundSink: kept-rounds.ts) instead of from SQLite:
 * a wide cell is exactly the round file's cell of that variable (same formatting rules), so each
 * participant's row is put together from their responses' kept cells. The bundle reads the answers
 * once instead of twice (the answers query is most of an export's time). With `copy` the one-line
 * copy for SPSS is written on the side, as wideCsv does; with `typed` the rows are kept for the .sav
 * (as their case cells and which response of each round they take: KeptWideRows).
 */
export function* wideFromRounds(
  ctx: ExportContext,
  sink: RoundSink,
  copy?: { spool: Spool; name: string },
  typed?: KeptWideRows,
): Generator<Buffer> {
  const { flavour } = ctx;
  const d = flavour.delimiter;
  const delimiter = d.charCodeAt(0);
  const columns = wideColumns(ctx);
  // The bundle's: a zip entry with RING.inFlight.
  const out = new ByteChunker(1 << 18, RING.buffers);
  const header =
    (flavour.bom ? BOM : '') +
    headerLine(
      columns.map((c) => c.name),
      flavour,
    );
  out.text(header);
  copy?.spool.write(copy.name, header);

  const extras = new CaseExtras(ctx.sqlite, ctx.study);
  const rounds = ctx.study.rounds.map((r) => {
    const layout = roundLayout(ctx, r);
    return {
      id: r.id,
      kept: sink.kept.round(r.id, layout.indices.length),
      cellOf: new Map(layout.indices.map((v, k) => [v, k])),
      /** The participant's response in this row, its number in `kept` (-1: none), and where its cells and other cells are. */
      n: -1,
      codes: EMPTY_BLOCK,
      at: 0,
      other: 0,
    };
  });
  const roundIndex = new Map(ctx.study.rounds.map((r, k) => [r.id, k]));
  const cases = caseColumnCount(ctx);
  const firstVariable = cases + 3 * rounds.length;
  // For each variable column: which round's response, which of its kept cells, whether it is text.
  const colRound = Int32Array.from(columns, (c, k) => (k < firstVariable ? -1 : roundIndex.get(c.roundId)!));
  const colCell = Int32Array.from(columns, (c, k) => (k < firstVariable ? -1 : rounds[colRound[k]].cellOf.get(c.variable)!));
  const colText = columns.map((c) => c.kind === 'text');
  typed?.layout(
    sink.kept,
    rounds.map((r) => r.id),
    firstVariable,
    colRound,
    colCell,
    flavour.decimal === ',',
  );

  const widths = ctx.stats.textWidths;
  const width = (name: string, cell: string) => {
    if (!cell) return;
    const bytes = Buffer.byteLength(cell);
    if (bytes > (widths.get(name) ?? 0)) widths.set(name, bytes);
  };
  const pick = (k: number, n: number | undefined) => {
    const round = rounds[k];
    round.n = n ?? -1;
    if (n === undefined) return;
    round.codes = round.kept.blocks[(n / BLOCK) | 0];
    round.at = (n % BLOCK) * round.kept.width;
    round.other = round.kept.firsts[n];
    ctx.stats.responses++;
  };
  const row: string[] = [];
  const breaks: number[] = [];
  const line = new LineBytes();
  const oneLine = new LineBytes();
  const invitedOf: boolean[] = [];

  const rawCase: string[] = [];
  /** Writes the row's line into `into`; the first time (not `single`) counts widths and notes line breaks. */
  const write = (into: LineBytes, single: boolean): boolean => {
    let broken = false;
    into.pos = 0;
    for (let k = 0; k < cases; k++) {
      if (k) into.byte(delimiter);
      into.text(single && breaks.includes(k) ? textCellOneLine(rawCase[k]) : row[k]);
    }
    for (let k = 0; k < rounds.length; k++) {
      const r = rounds[k];
      into.byte(delimiter);
      into.byte(invitedOf[k] ? 49 : 48);
      into.byte(delimiter);
      into.byte(r.n >= 0 ? 49 : 48);
      into.byte(delimiter);
      if (r.n >= 0) into.text(r.kept.submitted[r.n]);
    }
    for (const r of rounds) r.other = r.n >= 0 ? r.kept.firsts[r.n] : 0;
    // The variable cells straight into the line's buffer: at most a delimiter and three digits
    // (or a missing-value code) each, room made again after a text.
    const last = columns.length;
    into.reserve(4 * (last - firstVariable));
    let buf = into.buf;
    let pos = into.pos;
    for (let k = firstVariable; k < last; k++) {
      buf[pos++] = delimiter;
      const r = rounds[colRound[k]];
      if (r.n < 0) continue;
      const b = r.codes[r.at + colCell[k]];
      if (b < 10) buf[pos++] = 48 + b;
      else if (b < 100) (buf[pos++] = 48 + ((b / 10) | 0)), (buf[pos++] = 48 + (b % 10));
      else if (b < EMPTY) (buf[pos++] = 48 + ((b / 100) | 0)), (buf[pos++] = 48 + (((b / 10) | 0) % 10)), (buf[pos++] = 48 + (b % 10));
      else if (b === EMPTY) continue;
      else if (b !== OTHER) {
        const code = CELL_TEXT[b];
        for (let c = 0; c < code.length; c++) buf[pos++] = code.charCodeAt(c);
      } else {
        let cell = r.kept.others[r.other++];
        if (colText[k]) {
          if (!single) {
            width(columns[k].name, cell);
            if (copy && LINE_BREAK.test(cell)) broken = true;
          } else if (LINE_BREAK.test(cell)) cell = textCellOneLine(unquote(cell));
        }
        into.pos = pos;
        into.text(cell);
        into.reserve(4 * (last - k));
        buf = into.buf;
        pos = into.pos;
      }
    }
    into.pos = pos;
    into.byte(13);
    into.byte(10);
    return broken;
  };
  const emit = () => {
    for (let k = 0; k < cases; k++) if (k !== 1) width(columns[k].name, row[k]);
    ctx.stats.rows++;
    const broken = write(line, false);
    out.bytes(line.bytes());
    if (copy) copy.spool.writeBytes(copy.name, broken || breaks.length ? (write(oneLine, true), oneLine.bytes()) : line.bytes());
    typed?.add(row, cases, invitedOf, rounds);
  };

  for (const p of studyParticipants(ctx.sqlite, ctx.study, extras)) {
    row.length = 0;
    breaks.length = 0;
    row.push(textCell(p.key), '0', textCell(p.organisation), textCell(p.role), textCell(p.team), textCell(p.leftFrom));
    if (extras.hasGroup) row.push(textCell(p.group));
    for (const v of p.attributes) row.push(textCell(v));
    if (copy) {
      rawCase[0] = p.key;
      rawCase[2] = p.organisation;
      rawCase[3] = p.role;
      rawCase[4] = p.team;
      for (const k of [0, 2, 3, 4]) if (LINE_BREAK.test(rawCase[k])) breaks.push(k);
    }
    for (let k = 0; k < rounds.length; k++) {
      pick(k, sink.lines.participant(rounds[k].id, p.id));
      invitedOf[k] = p.invited.has(rounds[k].id);
    }
    emit();
    if (out.full) yield* out.take();
  }
  // Then every anonymous response as a case of its own, round by round.
  for (let a = 0; a < rounds.length; a++) {
    for (const n of sink.lines.anonymous(rounds[a].id)) {
      for (let k = 0; k < rounds.length; k++) pick(k, k === a ? n : undefined), (invitedOf[k] = false);
      row.length = 0;
      breaks.length = 0;
      // The participant cell, the group and attributes as the round file has them (the link's group; no attributes).
      const own = rounds[a].kept.anonymous.get(n)!;
      row.push(own[0], '1', '', '', '', '');
      for (let k = 1; k < own.length; k++) row.push(own[k]);
      emit();
      if (out.full) yield* out.take();
    }
  }
  // The lines are read: their numbers go (the bundle's later files do not need them).
  sink.lines.clear();
  yield* out.flush();
}

/**
 * The bundle's wide rows for its .sav, as the CSV reads them back (typedCell), without keeping
 * them as cells: each row's case and round cells (a CellStore) and which kept response of each
 * round it takes; the variable cells come from the kept responses (kept-rounds.ts) when the rows
 * are read. The kept responses are let go once the rows have been read.
 */
export class KeptWideRows {
  private readonly cases = new CellStore();
  private picks = new Int32Array(4096);
  private kept: KeptRounds | null = null;
  private roundIds: number[] = [];
  private first = 0;
  private colRound = new Int32Array(0);
  private colCell = new Int32Array(0);
  private comma = false;
  private readonly prefix: Cell[] = [];
  count = 0;

  /** The wide file's layout (wideFromRounds): its first variable column, and per column the round and kept cell. */
  layout(kept: KeptRounds, roundIds: number[], first: number, colRound: Int32Array, colCell: Int32Array, comma: boolean): void {
    Object.assign(this, { kept, roundIds, first, colRound, colCell, comma });
  }

  add(
    row: readonly string[],
    cases: number,
    invited: readonly boolean[],
    rounds: readonly { n: number; kept: { submitted: string[] } }[],
  ): void {
    const p = this.prefix;
    p.length = 0;
    for (let k = 0; k < cases; k++) p.push(typedCell(row[k], this.comma));
    for (let k = 0; k < rounds.length; k++) {
      const r = rounds[k];
      p.push(invited[k] ? 1 : 0, r.n >= 0 ? 1 : 0, r.n >= 0 ? typedCell(r.kept.submitted[r.n], this.comma) : null);
    }
    this.cases.add(p);
    const R = rounds.length;
    if ((this.count + 1) * R > this.picks.length) {
      const picks = new Int32Array(this.picks.length * 2);
      picks.set(this.picks);
      this.picks = picks;
    }
    for (let k = 0; k < R; k++) this.picks[this.count * R + k] = rounds[k].n;
    this.count++;
  }

  /**
   * The rows written as cases of the .sav (savFromCells), yielding after each; afterwards the kept
   * responses are let go. A cell is what the CSV reads back as (typedCell), as `rows` of typed cells
   * would give it, but a kept small code of a numeric variable goes in as its code directly.
   */
  *writeCases(writer: CaseWriter, vars: readonly SavVariable[]): Generator<void> {
    const width = vars.length;
    const numeric = vars.map((v) => v.width === 0);
    const kept = this.kept!;
    const rounds = this.roundIds.map((id) => kept.round(id));
    const R = rounds.length;
    const at = new Int32Array(R);
    const other = new Int32Array(R);
    const codes: Uint8Array[] = rounds.map(() => EMPTY_BLOCK);
    const first = Math.min(this.first, width);
    const end = Math.min(width, this.colRound.length);
    let r = 0;
    for (const prefix of this.cases.rows(this.first)) {
      writer.begin();
      for (let k = 0; k < first; k++) writer.value(k, prefix[k]);
      for (let j = 0; j < R; j++) {
        const n = this.picks[r * R + j];
        at[j] = n < 0 ? -1 : (n % BLOCK) * rounds[j].width;
        other[j] = n < 0 ? 0 : rounds[j].firsts[n];
        if (n >= 0) codes[j] = rounds[j].blocks[(n / BLOCK) | 0];
      }
      for (let k = this.first; k < end; k++) {
        const j = this.colRound[k];
        if (at[j] < 0) {
          writer.value(k, null);
          continue;
        }
        const b = codes[j][at[j] + this.colCell[k]];
        if (b <= MAX_SMALL && numeric[k]) writer.small(b);
        else writer.value(k, b === OTHER ? typedCell(rounds[j].others[other[j]++], this.comma) : CELL_TYPED[b]);
      }
      for (let k = Math.max(this.first, end); k < width; k++) writer.value(k, null);
      r++;
      yield;
    }
    kept.clear();
  }
}

/** The largest cell byte that is a whole number a .sav case holds as its code alone (CaseWriter.small). */
const MAX_SMALL = 151;

/** The text of a quoted, neutralised cell (textCell's inverse). */
function unquote(cell: string): string {
  return unneutralise(cell.slice(1, -1).replace(/""/g, '"'));
}
