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
import { BLOCK, OTHER, type KeptRounds, type LineBytes } from './kept-rounds.js';

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
    cells.load(r, r.group);
    ctx.stats.rows++;
    out.text(roundRow(ctx, layout, r, cells));
    if (out.full) yield* out.take();
  }
  ctx.stats.unmapped += cells.unmapped;
  yield* out.flush();
}

/**
 * Which response of each round a participant gave (the bundle): per round, the participant of each
 * response in the order written (its line: for the bundle also its number among the round's kept
 * cells, kept-rounds.ts), in a typed array (8 bytes a response; a map per round cost ~3 MB more at
 * 40,000 participants), never the answers themselves.
 */
export class RoundLines {
  private readonly rounds = new Map<number, Lines>();

  private of(roundId: number): Lines {
    let r = this.rounds.get(roundId);
    if (!r) this.rounds.set(roundId, (r = new Lines()));
    return r;
  }

  /** Records the round's next response (line 0, 1, 2, … of the round). */
  add(roundId: number, participantId: number | null): void {
    this.of(roundId).add(participantId ?? -1);
  }

  /** The line of a participant's response in a round, or undefined. */
  participant(roundId: number, participantId: number): number | undefined {
    return this.rounds.get(roundId)?.participant(participantId);
  }

  /** The lines of a round's anonymous responses, in response order. */
  anonymous(roundId: number): number[] {
    const r = this.rounds.get(roundId);
    return r ? r.anonymous() : [];
  }

  /** Forgets every line. */
  clear(): void {
    this.rounds.clear();
  }
}

/** One round's lines in the order they were written; participant -1 is an anonymous response. */
class Lines {
  private participants = new Float64Array(1024);
  private count = 0;
  /** Line numbers by participant, then line: made at the first look-up. */
  private order: Int32Array | null = null;

  add(participant: number): void {
    if (this.count === this.participants.length) {
      const grown = new Float64Array(this.count * 2);
      grown.set(this.participants);
      this.participants = grown;
    }
    this.participants[this.count++] = participant;
    this.order = null;
  }

  private sorted(): Int32Array {
    if (this.order) return this.order;
    const p = this.participants;
    const order = new Int32Array(this.count);
    let inOrder = true;
    for (let i = 0; i < this.count; i++) {
      order[i] = i;
      if (i > 0 && p[i] < p[i - 1]) inOrder = false;
    }
    // Lines come in response order, which is mostly participant order already.
    if (!inOrder) order.sort((a, b) => p[a] - p[b] || a - b);
    return (this.order = order);
  }

  participant(id: number): number | undefined {
    const order = this.sorted();
    const p = this.participants;
    // The last line of the participant: should they have two submitted responses in a round,
    // the later one stands (as in wideCases).
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[order[mid]] <= id) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0 || p[order[lo - 1]] !== id) return undefined;
    return order[lo - 1];
  }

  anonymous(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) if (this.participants[i] === -1) out.push(i);
    return out;
  }
}

/**
 * The round files of a one-pass export: written into a spool, each response's cells kept
 * (`kept`), and whose response each line is (`lines`: a response's line is its number in `kept`).
 */
export interface RoundSink {
  spool: Spool;
  lines: RoundLines;
  kept: KeptRounds;
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

/**
 * One response's line of its round file into `line` (emptied first), byte for byte `roundRow`'s,
 * from its cells kept in `kept` as response `n` of its round; `participant` and `submitted` are
 * its cells already formatted.
 */
export function roundLine(
  line: LineBytes,
  ctx: ExportContext,
  layout: RoundLayout,
  r: ResponseMeta,
  participant: string,
  submitted: string,
  kept: KeptRounds,
  n: number,
): void {
  const delimiter = ctx.flavour.delimiter.charCodeAt(0);
  // The case cells one by one into the line (no string of the line's head made first).
  line.pos = 0;
  line.text(participant);
  line.byte(delimiter);
  line.byte(r.anonymous ? 49 : 48);
  line.byte(delimiter);
  line.textCell(r.organisation);
  line.byte(delimiter);
  line.textCell(r.role);
  line.byte(delimiter);
  line.textCell(r.team);
  if (layout.group) line.byte(delimiter), line.textCell(r.group);
  for (const v of r.attributes) line.byte(delimiter), line.textCell(v);
  line.byte(delimiter);
  line.text(submitted);
  const round = kept.round(r.roundId);
  const codes = round.blocks[(n / BLOCK) | 0];
  let other = round.firsts[n];
  for (let at = (n % BLOCK) * round.width, end = at + round.width; at < end; at++) {
    line.byte(delimiter);
    const b = codes[at];
    if (b === OTHER) line.text(round.others[other++]);
    else line.cell(b);
  }
  line.byte(13);
  line.byte(10);
}

export const roundFileName = (round: ExchangeRound): string => `round-${round.key}.csv`;
