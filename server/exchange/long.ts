import { BOM, numberCell, textCell } from '../csv-cell.js';
import { ByteChunker, headerLine } from './csv.js';
import { ResponseCells, type CellStatus } from './cells.js';
import { Piece, type PieceDeflater, type PieceSink } from './piece-deflate.js';
import { MISSING_VALUE_CODES } from './formats.js';
import { submittedResponses, type ResponseMeta } from './responses.js';
import { exportedIndices, type ExportContext } from './context.js';
import { roundFileName, roundLayout, roundLine, type RoundSink } from './round.js';
import { LineBytes } from './kept-rounds.js';
import { typedCell, type Cell } from './xlsx/csv-cells.js';
import { Part, PartRows } from './xlsx/workbook.js';
import { CaseExtras } from './case-extras.js';

/** An empty piece: a pause for the zip that copies the deflated file (zip.ts). */
const PAUSE = Buffer.alloc(0);

export const LONG_COLUMNS = [
  'participant',
  'anonymous',
  'round',
  'variable',
  'item',
  'partner',
  'facet',
  'tool',
  'option',
  'status',
  'value',
] as const;

/** The long file's columns: LONG_COLUMNS with the group and the cohort attributes (case-extras.ts) after `anonymous`. */
export function longColumns(extras: CaseExtras, openText: boolean): string[] {
  return [...LONG_COLUMNS.slice(0, 2), ...extras.columns, ...LONG_COLUMNS.slice(2), ...(openText ? ['text'] : [])];
}

/** A response's group and attribute cells of the long file, each followed by the delimiter ('' for a study with neither). */
function extraCells(r: ResponseMeta, extras: CaseExtras, d: string): string {
  if (!extras.columns.length) return '';
  return extras
    .cells(r.group, r.attributes)
    .map((v) => textCell(v) + d)
    .join('');
}

/**
 * The long file: one row per submitted response × variable asked in its round, so every
 * denominator can be rebuilt from it (status answered / dont_know / not_applicable / skipped /
 * not_asked). `value` holds the code, the missing-value code, or nothing for a skipped item;
 * with open text a `text` column holds the answer to open questions.
 *
 * With `rounds` (the bundle) the round files are written in the same pass, into the spool, from
 * each response's round cells kept as bytes in `rounds.kept` (`rounds.lines` says which response
 * is whose), so that the wide file can be built from them without reading the answers a second
 * time (wide-from-rounds.ts), and the file is deflated as it is written (`deflater`,
 * piece-deflate.ts): its lines are pieces that recur.
 */
export function* longCsv(ctx: ExportContext, rounds?: RoundSink, deflater?: PieceDeflater): Generator<Buffer> {
  const { flavour, study } = ctx;
  // Pieces of 256 kB: a quarter of the hand-overs to the socket.
  const out: PieceSink = deflater ?? new ByteChunker(1 << 18);
  const extras = new CaseExtras(ctx.sqlite, study);
  out.text((flavour.bom ? BOM : '') + headerLine(longColumns(extras, ctx.options.openText), flavour));

  const cells = new ResponseCells(ctx.sqlite, ctx.variables, ctx.options.openText);
  const indices = exportedIndices(ctx);
  const roundOf = new Map(study.rounds.map((r) => [r.id, r]));
  const d = flavour.delimiter;
  // The constant part of each variable's row, then its status, formatted once.
  const fixed = ctx.variables.map((v) =>
    [
      textCell(v.name),
      textCell(v.item.id),
      textCell(v.partner?.name),
      textCell(v.partner?.facet),
      textCell(v.tool?.name),
      v.option === undefined ? '' : String(v.option),
    ].join(d),
  );
  const prefixes = ctx.variables.map(() => new Map<CellStatus, Piece>());
  const prefix = (i: number, status: CellStatus): Piece => {
    let p = prefixes[i].get(status);
    if (p === undefined) prefixes[i].set(status, (p = new Piece(Buffer.from(`${fixed[i]}${d}${status}${d}`, 'utf8'))));
    return p;
  };
  const isText = ctx.variables.map((v) => v.kind === 'text');
  const asked = new Map(study.rounds.map((r) => [r.id, indices.filter((i) => ctx.variables[i].rounds.includes(r.key))]));
  // The part of a row after the participant and round repeats across responses: it is cached per
  // variable and value, so a row is two pieces that already exist (two copies of their bytes, or
  // for the deflater two matches). A tail is its variable's prefix and its value's end of line,
  // which recur more often still.
  const tails = ctx.variables.map(() => new Map<number | string, Piece>());
  const smallTails = ctx.variables.map(() => new Array<Piece | undefined>(256));
  const ends = new Map<string, Piece>();
  const textSep = ctx.options.openText ? d : '';
  const tail = (i: number, status: CellStatus, code: number | null): Piece => {
    const value = status === 'answered' ? numberCell(code, flavour) : status === 'skipped' ? '' : String(MISSING_VALUE_CODES[status]);
    const eol = `${value}${textSep}\r\n`;
    let end = ends.get(eol);
    if (end === undefined) {
      end = new Piece(Buffer.from(eol, 'utf8'));
      // Bounded, as the tails are: a decimal answer may end a line differently for every response.
      if (ends.size < 4096) ends.set(eol, end);
    }
    const head = prefix(i, status);
    return new Piece(Buffer.concat([head.bytes, end.bytes]), [head, end]);
  };
  const layouts = new Map(study.rounds.map((r) => [r.id, rounds ? roundLayout(ctx, r) : null]));
  // A response's lines, in a function of their own rather than in this generator's loop: V8
  // optimises a generator only between its yields (one per ~250 responses here), a function
  // called for every response soon (the first export in a process was ~20% slower).
  const writeLines = (head: Piece, lines: number[]): void => {
    for (const i of lines) {
      const status = cells.status[i];
      if (isText[i] && status === 'answered') {
        out.pair(head, prefix(i, status));
        out.text(`${d}${textCell(cells.texts[i])}\r\n`);
        continue;
      }
      const code = cells.codes[i];
      // Small whole codes (nearly all) index an array; other values and statuses a map.
      const small = status === 'answered' && Number.isInteger(code) && code! >= 0 && code! < 256 ? code! : -1;
      let piece = small >= 0 ? smallTails[i][small] : undefined;
      if (piece === undefined) {
        const key = status === 'answered' ? code! : status;
        const cache = tails[i];
        piece = cache.get(key);
        if (piece === undefined) {
          piece = tail(i, status, code);
          if (small >= 0) smallTails[i][small] = piece;
          else if (cache.size < 256) cache.set(key, piece);
        }
      }
      out.pair(head, piece);
    }
  };
  let spooling = -1;
  let rows = 0;
  let responses = 0;
  const line = new LineBytes();
  for (const r of submittedResponses(ctx.sqlite, study, ctx.options.openText, extras)) {
    ctx.stats.responses++;
    cells.load(r, r.group);
    const round = roundOf.get(r.roundId)!;
    if (rounds) {
      // The round files are in the same order as the long file: round, then response.
      const name = roundFileName(round);
      const layout = layouts.get(r.roundId)!;
      if (spooling !== r.roundId) rounds.spool.write(name, layout.header), (spooling = r.roundId);
      // The response's cells kept (for the wide file), its round line written from them.
      const submitted = textCell(r.submittedAt);
      const participant = textCell(r.participant);
      const caseCells = r.anonymous ? [participant, ...extras.cells(r.group, r.attributes).map((v) => textCell(v))] : null;
      const n = rounds.kept.add(ctx, r.roundId, layout, cells, submitted, caseCells);
      rounds.lines.add(r.roundId, r.participantId);
      roundLine(line, ctx, layout, r, participant, submitted, rounds.kept, n);
      rounds.spool.writeBytes(name, line.bytes());
    }
    const head = new Piece(
      Buffer.from(`${textCell(r.participant)}${d}${r.anonymous ? 1 : 0}${d}${extraCells(r, extras, d)}${textCell(round.key)}${d}`, 'utf8'),
    );
    const lines = asked.get(r.roundId)!;
    rows += lines.length;
    writeLines(head, lines);
    if (out.full) yield* out.take();
    // Deflated here, the file has output only every ~500 responses: a pause every 64 (~2 ms) lets
    // a server answer its other requests meanwhile (zip.ts).
    else if (deflater && ++responses % 64 === 0) yield PAUSE;
  }
  ctx.stats.rows += rows;
  ctx.stats.unmapped = cells.unmapped;
  // Rounds without responses still get their file with its header.
  if (rounds)
    for (const round of study.rounds)
      if (!rounds.spool.has(roundFileName(round))) rounds.spool.write(roundFileName(round), layouts.get(round.id)!.header);
  yield* out.flush();
}

/**
 * The long file's rows as typed cells (the header first), exactly what `typedRows` reads back
 * from `longCsv` with the `intl` flavour, without writing and parsing the CSV. Each cell is typed
 * from the text longCsv writes for it (typedCell), once per variable, value and status where
 * they repeat.
 */
export function* longCells(ctx: ExportContext): Generator<Cell[]> {
  for (const row of longParts(ctx)) {
    if (row instanceof PartRows) yield* row.cells();
    else yield row;
  }
}

/**
 * The long rows for the workbook (longCells' rows, the header a plain row): a response's rows
 * are one PartRows, its part (participant, anonymous, round) then per variable a part with the
 * variable's cells, status and value. A part that repeats is the same Part, so the sheet writer
 * renders it once (workbook.ts): nearly every row is a few copies of bytes that already exist.
 */
export function* longParts(ctx: ExportContext): Generator<Cell[] | PartRows> {
  const { study } = ctx;
  const open = ctx.options.openText;
  const extras = new CaseExtras(ctx.sqlite, study);
  yield longColumns(extras, open);
  const typed = (cell: string): Cell => typedCell(cell, false);
  const cells = new ResponseCells(ctx.sqlite, ctx.variables, open);
  const indices = exportedIndices(ctx);
  const roundOf = new Map(study.rounds.map((r) => [r.id, r]));
  const fixed = ctx.variables.map((v) =>
    [
      textCell(v.name),
      textCell(v.item.id),
      textCell(v.partner?.name),
      textCell(v.partner?.facet),
      textCell(v.tool?.name),
      v.option === undefined ? '' : String(v.option),
    ].map(typed),
  );
  const isText = ctx.variables.map((v) => v.kind === 'text');
  const asked = new Map(study.rounds.map((r) => [r.id, indices.filter((i) => ctx.variables[i].rounds.includes(r.key))]));
  const statuses = new Map<string, Cell>();
  const statusCell = (status: string) => {
    let cell = statuses.get(status);
    if (cell === undefined) statuses.set(status, (cell = typed(status)));
    return cell;
  };
  // The variable's part repeats across responses: one array per variable and value (small
  // whole codes index an array, other values and statuses a bounded map), as longCsv's tails.
  const smallTails = ctx.variables.map(() => new Array<Part | undefined>(256));
  const tails = ctx.variables.map(() => new Map<number | string, Part>());
  const tail = (i: number, status: string, value: Cell, text: Cell = null): Part => {
    const f = fixed[i];
    const part: Cell[] = [f[0], f[1], f[2], f[3], f[4], f[5], statusCell(status), value];
    if (open) part.push(text);
    return new Part(part);
  };
  for (const r of submittedResponses(ctx.sqlite, study, open, extras)) {
    ctx.stats.responses++;
    cells.load(r, r.group);
    const head = new Part([
      typed(textCell(r.participant)),
      r.anonymous ? 1 : 0,
      ...extras.cells(r.group, r.attributes).map((v) => typed(textCell(v))),
      typed(textCell(roundOf.get(r.roundId)!.key)),
    ]);
    const rest: Part[] = [];
    for (const i of asked.get(r.roundId)!) {
      const status = cells.status[i];
      ctx.stats.rows++;
      let part: Part | undefined;
      if (isText[i] && status === 'answered') part = tail(i, status, null, typed(textCell(cells.texts[i])));
      else if (status === 'answered') {
        const code = cells.codes[i];
        const small = Number.isInteger(code) && code! >= 0 && code! < 256 ? code! : -1;
        part = small >= 0 ? smallTails[i][small] : tails[i].get(code!);
        if (part === undefined) {
          part = tail(i, status, code === 0 ? 0 : Number.isInteger(code) ? code : typed(numberCell(code)));
          if (small >= 0) smallTails[i][small] = part;
          else if (tails[i].size < 256) tails[i].set(code!, part);
        }
      } else {
        part = tails[i].get(status);
        if (part === undefined) {
          part = tail(i, status, status === 'skipped' ? null : MISSING_VALUE_CODES[status]);
          if (tails[i].size < 256) tails[i].set(status, part);
        }
      }
      rest.push(part);
    }
    yield new PartRows(head, rest);
  }
  ctx.stats.unmapped = cells.unmapped;
}
