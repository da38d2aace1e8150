import { BOM, numberCell, textCell } from '../csv-cell.js';
import { ByteChunker, headerLine } from './csv.js';
import { ResponseCells } from './cells.js';
import { MISSING_CELL } from './formats.js';
import { roundResponses, type ResponseMeta } from './responses.js';
import { exportedIndices, type ExportContext } from './context.js';
import type { Spool } from './spool.js';
import type { ExchangeRound } from './study-data.js';
import { CASE_COLUMNS } from './wide.js';
import { CaseExtras, caseExtraColumns, hasGroupColumn } from './case-extras.js';

/**
 * The file of one round: one row per submitted response, the variables asked in that round
 * without a round suffix (`know_signal`), after the case columns (the group and the cohort
 * attributes among them, case-extras.ts) and `submitted_at`.
 */
export function* roundCsv(ctx: ExportContext, round: ExchangeRound): Generator<Buffer> {
  const out = new ByteChunker();
  const layout = roundLayout(ctx, round);
  out.text(layout.header);
  const cells = new ResponseCells(ctx.sqlite, ctx.variables, ctx.options.openText);
  for (const r of roundResponses(ctx.sqlite, round.id, ctx.options.openText, new CaseExtras(ctx.sqlite, ctx.study))) {
    ctx.stats.responses++;
    cells.load(r);
    ctx.stats.rows++;
    out.text(roundRow(ctx, layout, r, cells));
    if (out.full) yield* out.take();
  }
  ctx.stats.unmapped += cells.unmapped;
  yield* out.flush();
}

/**
 * Where each response's line is in the spooled round files (the bundle), so the wide file can
 * take a participant's cells from those lines. Two offsets per response and a map from
 * participant to line: a few dozen bytes per response, never the answers themselves.
 */
export class RoundLines {
  private readonly rounds = new Map<
    number,
    { starts: number[]; ends: number[]; byParticipant: Map<number, number>; anonymous: number[] }
  >();

  private of(roundId: number) {
    let r = this.rounds.get(roundId);
    if (!r) this.rounds.set(roundId, (r = { starts: [], ends: [], byParticipant: new Map(), anonymous: [] }));
    return r;
  }

  /** Records a response's line, bytes `start` to `end` of its round file. */
  add(roundId: number, participantId: number | null, start: number, end: number): void {
    const r = this.of(roundId);
    const line = r.starts.length;
    r.starts.push(start);
    r.ends.push(end);
    // Should a participant have two submitted responses in a round, the later one stands (as
    // in wideCases): lines come in response order, so the last one recorded.
    if (participantId === null) r.anonymous.push(line);
    else r.byParticipant.set(participantId, line);
  }

  /** The line of a participant's response in a round: [start, end) in bytes, or undefined. */
  participant(roundId: number, participantId: number): [number, number] | undefined {
    const r = this.rounds.get(roundId);
    const line = r?.byParticipant.get(participantId);
    return line === undefined ? undefined : [r!.starts[line], r!.ends[line]];
  }

  /** The lines of a round's anonymous responses, in response order. */
  anonymous(roundId: number): [number, number][] {
    const r = this.rounds.get(roundId);
    return r ? r.anonymous.map((line) => [r.starts[line], r.ends[line]]) : [];
  }
}

/** The round files of a one-pass export: written into a spool, their lines recorded. */
export interface RoundSink {
  spool: Spool;
  lines: RoundLines;
}

export interface RoundLayout {
  header: string;
  /** Indices (into ctx.variables) of the round's columns. */
  indices: number[];
  /** Whether the case columns include `group` (case-extras.ts). */
  group: boolean;
}

/** The header line (with byte-order mark for the nl flavour) and columns of a round file. */
export function roundLayout(ctx: ExportContext, round: ExchangeRound): RoundLayout {
  const indices = exportedIndices(ctx).filter((i) => ctx.variables[i].rounds.includes(round.key));
  const header = [...CASE_COLUMNS, ...caseExtraColumns(ctx.study), 'submitted_at', ...indices.map((i) => ctx.variables[i].name)];
  return { header: (ctx.flavour.bom ? BOM : '') + headerLine(header, ctx.flavour), indices, group: hasGroupColumn(ctx.study) };
}

/** One response's line of its round file, from its loaded cells. */
export function roundRow(ctx: ExportContext, layout: RoundLayout, r: ResponseMeta, cells: ResponseCells): string {
  const { flavour } = ctx;
  const row = [textCell(r.participant), r.anonymous ? '1' : '0', textCell(r.organisation), textCell(r.role), textCell(r.team)];
  if (layout.group) row.push(textCell(r.group));
  for (const v of r.attributes) row.push(textCell(v));
  row.push(textCell(r.submittedAt));
  for (const i of layout.indices) {
    const status = cells.status[i];
    const isText = ctx.variables[i].kind === 'text';
    if (status === 'answered') row.push(isText ? textCell(cells.texts[i]) : numberCell(cells.codes[i], flavour));
    else if (status === 'skipped' || isText) row.push('');
    else row.push(MISSING_CELL[status]);
  }
  return row.join(flavour.delimiter) + '\r\n';
}

export const roundFileName = (round: ExchangeRound): string => `round-${round.key}.csv`;
