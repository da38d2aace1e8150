import { BOM, textCell, unneutralise } from '../csv-cell.js';
import { ByteChunker, headerLine, RING, textCellOneLine } from './csv.js';
import { studyParticipants } from './responses.js';
import type { ExportContext } from './context.js';
import { roundFileName, roundLayout, type RoundSink } from './round.js';
import type { Spool } from './spool.js';
import { CASE_COLUMNS, WIDE_CASE_COLUMNS, caseColumnCount, wideColumns } from './wide.js';
import { CaseExtras } from './case-extras.js';
import type { CellStore } from './sav/export.js';
import { typedCell, type Cell } from './xlsx/csv-cells.js';

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/**
 * The bundle's wide file, byte for byte the one `wideCsv` writes, built from the round files
 * the same export has just spooled (longCsv with a RoundSink) instead of from SQLite: a wide
 * cell is exactly the round file's cell of that variable (same formatting rules), so each
 * participant's row is put together from their lines in the round files, read back by offset.
 * The bundle reads the answers once instead of twice (the answers query is most of an
 * export's time). With `copy` the one-line copy for SPSS is written on the side, as wideCsv does;
 * with `typed` the rows are kept as typed cells (what the CSV reads back as), for the .sav.
 */
export function* wideFromRounds(
  ctx: ExportContext,
  sink: RoundSink,
  copy?: { spool: Spool; name: string },
  typed?: CellStore,
): Generator<Buffer> {
  const { flavour } = ctx;
  const d = flavour.delimiter;
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

  // A round file's line: the case columns, the group and attributes (extras), submitted_at, the variables.
  const extras = new CaseExtras(ctx.sqlite, ctx.study);
  const SUBMITTED_AT = CASE_COLUMNS.length + extras.columns.length;
  const ROUND_CASE_CELLS = SUBMITTED_AT + 1;
  const rounds = ctx.study.rounds.map((r) => {
    const layout = roundLayout(ctx, r);
    return {
      id: r.id,
      read: sink.spool.reader(roundFileName(r)),
      cellOf: new Map(layout.indices.map((v, k) => [v, ROUND_CASE_CELLS + k])),
      cells: [] as string[],
      has: false,
    };
  });
  const roundIndex = new Map(ctx.study.rounds.map((r, k) => [r.id, k]));
  const cases = caseColumnCount(ctx);
  const firstVariable = cases + 3 * rounds.length;
  // For each variable column: which round's line, which cell of it, whether it is text.
  const colRound = columns.map((c, k) => (k < firstVariable ? -1 : roundIndex.get(c.roundId)!));
  const colCell = columns.map((c, k) => (k < firstVariable ? -1 : rounds[colRound[k]].cellOf.get(c.variable)!));
  const colText = columns.map((c) => c.kind === 'text');

  const widths = ctx.stats.textWidths;
  const width = (name: string, cell: string) => {
    if (!cell) return;
    const bytes = Buffer.byteLength(cell);
    if (bytes > (widths.get(name) ?? 0)) widths.set(name, bytes);
  };
  const load = (k: number, at: [number, number] | undefined) => {
    const round = rounds[k];
    round.has = at !== undefined;
    if (at) splitLine(round.read(at[0], at[1] - at[0]), d, round.cells), ctx.stats.responses++;
  };
  const row: string[] = [];
  const breaks: number[] = [];
  const cells: Cell[] = [];
  const comma = flavour.decimal === ',';

  const rawCase: string[] = [];
  const emit = (invited: (round: number) => boolean) => {
    for (let k = 0; k < cases; k++) if (k !== 1) width(columns[k].name, row[k]);
    for (let k = 0; k < rounds.length; k++) {
      const r = rounds[k];
      row.push(invited(k) ? '1' : '0', r.has ? '1' : '0', r.has ? r.cells[SUBMITTED_AT] : '');
    }
    for (let k = row.length; k < columns.length; k++) {
      const r = rounds[colRound[k]];
      const cell = r.has ? r.cells[colCell[k]] : '';
      if (colText[k] && cell) {
        width(columns[k].name, cell);
        if (copy && LINE_BREAK.test(cell)) breaks.push(k);
      }
      row.push(cell);
    }
    ctx.stats.rows++;
    if (typed) {
      for (let k = 0; k < row.length; k++) cells[k] = typedCell(row[k], comma);
      typed.add(cells);
    }
    const line = row.join(d) + '\r\n';
    out.text(line);
    if (copy) {
      if (!breaks.length) copy.spool.write(copy.name, line);
      else {
        for (const k of breaks) row[k] = textCellOneLine(k < WIDE_CASE_COLUMNS.length ? rawCase[k] : unquote(row[k]));
        copy.spool.write(copy.name, row.join(d) + '\r\n');
      }
    }
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
    for (let k = 0; k < rounds.length; k++) load(k, sink.lines.participant(rounds[k].id, p.id));
    emit((k) => p.invited.has(rounds[k].id));
    if (out.full) yield* out.take();
  }
  // Then every anonymous response as a case of its own, round by round.
  for (let a = 0; a < rounds.length; a++) {
    for (const at of sink.lines.anonymous(rounds[a].id)) {
      for (let k = 0; k < rounds.length; k++) load(k, k === a ? at : undefined);
      row.length = 0;
      breaks.length = 0;
      row.push(rounds[a].cells[0], '1', '', '', '', '');
      // The group and attributes as the round file has them (the link's group; no attributes).
      for (let k = 0; k < extras.columns.length; k++) row.push(rounds[a].cells[CASE_COLUMNS.length + k]);
      emit(() => false);
      if (out.full) yield* out.take();
    }
  }
  // The lines are read: their offsets go (the bundle's later files do not need them).
  sink.lines.clear();
  yield* out.flush();
}

/**
 * Splits one line of a round file (ending in CRLF) into its cells, as written: a text cell is
 * quoted from its first to its last character (quotes inside doubled), any other cell holds
 * neither quote nor delimiter.
 */
export function splitLine(line: string, delimiter: string, cells: string[]): void {
  cells.length = 0;
  const end = line.length - 2;
  let i = 0;
  for (;;) {
    let j: number;
    if (line.charCodeAt(i) === 34 /* " */) {
      j = i + 1;
      for (;;) {
        j = line.indexOf('"', j);
        if (line.charCodeAt(j + 1) === 34) j += 2;
        else break;
      }
      j++;
    } else {
      j = line.indexOf(delimiter, i);
      if (j < 0 || j > end) j = end;
    }
    cells.push(line.slice(i, j));
    if (j >= end) break;
    i = j + 1;
  }
}

/** The text of a quoted, neutralised cell (textCell's inverse). */
function unquote(cell: string): string {
  return unneutralise(cell.slice(1, -1).replace(/""/g, '"'));
}
