import { BOM, Chunker, headerLine, numberCell, textCell } from './csv.js';
import { ResponseCells } from './cells.js';
import { MISSING_VALUE_CODES } from './formats.js';
import { submittedResponses } from './responses.js';
import { exportedIndices, type ExportContext } from './context.js';
import { roundFileName, roundLayout, roundRow, type RoundLayout } from './round.js';
import type { Spool } from './spool.js';

export const LONG_COLUMNS = ['participant', 'anonymous', 'round', 'variable', 'item', 'partner', 'facet', 'tool', 'option', 'status', 'value'] as const;

/**
 * The long file: one row per submitted response × variable asked in its round, so every
 * denominator can be rebuilt from it (status answered / dont_know / not_applicable / skipped /
 * not_asked). `value` holds the code, the missing-value code, or nothing for a skipped item;
 * with open text a `text` column holds the answer to open questions.
 */
export function* longCsv(ctx: ExportContext, rounds?: Spool): Generator<string> {
  const { flavour, study } = ctx;
  const out = new Chunker();
  const columns: string[] = [...LONG_COLUMNS];
  if (ctx.options.openText) columns.push('text');
  let chunk = out.push((flavour.bom ? BOM : '') + headerLine(columns, flavour));
  if (chunk) yield chunk;

  const cells = new ResponseCells(ctx.sqlite, ctx.variables, ctx.options.openText);
  const indices = exportedIndices(ctx);
  const roundOf = new Map(study.rounds.map((r) => [r.id, r.key]));
  // The constant part of each variable's row, formatted once.
  const fixed = ctx.variables.map((v) =>
    [
      textCell(v.name),
      textCell(v.item.id),
      textCell(v.partner?.name),
      textCell(v.partner?.facet),
      textCell(v.tool?.name),
      v.option === undefined ? '' : String(v.option),
    ].join(flavour.delimiter),
  );
  const asked = new Map(study.rounds.map((r) => [r.key, indices.filter((i) => ctx.variables[i].rounds.includes(r.key))]));
  const tails = ctx.variables.map(() => new Map<number | string, string>());
  const d = flavour.delimiter;
  // With a spool, the round files are written in the same pass (the bundle): same order.
  const layouts = new Map(study.rounds.map((r) => [r.id, rounds ? roundLayout(ctx, r) : null]));
  let spooling = -1;
  for (const r of submittedResponses(ctx.sqlite, study)) {
    ctx.stats.responses++;
    cells.load(r.id, r.keys, r.values);
    const roundKey = roundOf.get(r.roundId)!;
    if (rounds) {
      if (spooling !== r.roundId) spooling = startRound(rounds, ctx, r.roundId, layouts);
      rounds.write(roundFileName(ctx.study.rounds.find((x) => x.id === r.roundId)!), roundRow(ctx, layouts.get(r.roundId)!, r, cells));
    }
    const head = `${textCell(r.participant)}${d}${r.anonymous ? 1 : 0}${d}${textCell(roundKey)}${d}`;
    for (const i of asked.get(roundKey) ?? []) {
      const status = cells.status[i];
      const isText = ctx.variables[i].kind === 'text';
      // The part after the participant and round repeats across responses: cached per
      // variable and value, so a row costs two strings that already exist.
      let tail: string | undefined;
      if (!isText || status !== 'answered') {
        const key = status === 'answered' ? cells.codes[i]! : status;
        const cache = tails[i];
        tail = cache.get(key);
        if (tail === undefined) {
          const value = status === 'answered' ? numberCell(cells.codes[i], flavour) : status === 'skipped' ? '' : String(MISSING_VALUE_CODES[status]);
          tail = `${fixed[i]}${d}${status}${d}${value}${ctx.options.openText ? d : ''}\r\n`;
          if (cache.size < 256) cache.set(key, tail);
        }
      } else tail = `${fixed[i]}${d}${status}${d}${d}${textCell(cells.texts[i])}\r\n`;
      ctx.stats.rows++;
      out.add(head);
      chunk = out.push(tail);
      if (chunk) yield chunk;
    }
  }
  ctx.stats.unmapped = cells.unmapped;
  // Rounds without responses still get their file with its header.
  if (rounds) for (const round of study.rounds) if (!rounds.has(roundFileName(round))) rounds.write(roundFileName(round), layouts.get(round.id)!.header);
  const rest = out.flush();
  if (rest) yield rest;
}

function startRound(spool: Spool, ctx: ExportContext, roundId: number, layouts: Map<number, RoundLayout | null>): number {
  const round = ctx.study.rounds.find((r) => r.id === roundId)!;
  spool.write(roundFileName(round), layouts.get(roundId)!.header);
  return roundId;
}

