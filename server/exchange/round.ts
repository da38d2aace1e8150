import { BOM, Chunker, headerLine, numberCell, textCell } from './csv.js';
import { ResponseCells } from './cells.js';
import { MISSING_VALUE_CODES } from './formats.js';
import { roundResponses, type ResponseMeta } from './responses.js';
import { exportedIndices, type ExportContext } from './context.js';
import type { ExchangeRound } from './study-data.js';
import { CASE_COLUMNS } from './wide.js';

/**
 * The file of one round: one row per submitted response, the variables asked in that round
 * without a round suffix (`know_signal`), after the case columns and `submitted_at`.
 */
export function* roundCsv(ctx: ExportContext, round: ExchangeRound): Generator<string> {
  const out = new Chunker();
  const layout = roundLayout(ctx, round);
  let chunk = out.push(layout.header);
  if (chunk) yield chunk;
  const cells = new ResponseCells(ctx.sqlite, ctx.variables, ctx.options.openText);
  for (const r of roundResponses(ctx.sqlite, round.id)) {
    ctx.stats.responses++;
    cells.load(r.id, r.keys, r.values);
    ctx.stats.rows++;
    chunk = out.push(roundRow(ctx, layout, r, cells));
    if (chunk) yield chunk;
  }
  ctx.stats.unmapped += cells.unmapped;
  const rest = out.flush();
  if (rest) yield rest;
}

export interface RoundLayout {
  header: string;
  /** Indices (into ctx.variables) of the round's columns. */
  indices: number[];
}

/** The header line (with byte-order mark for the nl flavour) and columns of a round file. */
export function roundLayout(ctx: ExportContext, round: ExchangeRound): RoundLayout {
  const indices = exportedIndices(ctx).filter((i) => ctx.variables[i].rounds.includes(round.key));
  const header = [...CASE_COLUMNS, 'submitted_at', ...indices.map((i) => ctx.variables[i].name)];
  return { header: (ctx.flavour.bom ? BOM : '') + headerLine(header, ctx.flavour), indices };
}

/** One response's line of its round file, from its loaded cells. */
export function roundRow(ctx: ExportContext, layout: RoundLayout, r: ResponseMeta, cells: ResponseCells): string {
  const { flavour } = ctx;
  const row = [textCell(r.participant), r.anonymous ? '1' : '0', textCell(r.organisation), textCell(r.role), textCell(r.team), textCell(r.submittedAt)];
  for (const i of layout.indices) {
    const status = cells.status[i];
    const isText = ctx.variables[i].kind === 'text';
    if (status === 'answered') row.push(isText ? textCell(cells.texts[i]) : numberCell(cells.codes[i], flavour));
    else if (status === 'skipped' || isText) row.push('');
    else row.push(String(MISSING_VALUE_CODES[status]));
  }
  return row.join(flavour.delimiter) + '\r\n';
}

export const roundFileName = (round: ExchangeRound): string => `round-${round.key}.csv`;
