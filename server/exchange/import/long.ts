import type { ExchangeStudy } from '../study-data.js';
import { exchangeVariables, type ExchangeVariable } from '../variables.js';
import type { ImportTable } from './parse.js';
import type { ProblemList } from './problems.js';

/**
 * The long shape: one row per answer (participant, round, variable or item/partner/…, value),
 * as rondo's long export writes it (server/exchange/long.ts) and as R's `pivot_longer` gives
 * it. The import turns the rows of one round into a wide table, one row per participant and
 * one column per variable, and plans that as any wide file: the same checks, the same counts.
 */

/** Whether a header is the long shape: a participant, a round, a value, and what the value answers. */
export function isLongShape(headers: readonly string[]): boolean {
  const h = new Set(headers.map((x) => x.toLowerCase()));
  return h.has('round') && h.has('value') && (h.has('variable') || h.has('item'));
}

/** The long table of one round as a wide table, and how many rows of other rounds it left out. */
export interface LongPivot {
  table: ImportTable;
  /** The columns of the wide table that hold variables (named after them). */
  variables: string[];
  otherRoundRows: number;
}

/**
 * Pivots the rows of round `roundKey`: rows are grouped by the participant column (rows of an
 * anonymous response by its own participant cell, as the export writes `anon:<id>`), cells go
 * to the variable's column; a status of skipped or not_asked is no answer, the text column
 * holds an open answer. The wide row takes the row number of the group's first long row.
 */
export function pivotLong(
  source: ImportTable,
  study: ExchangeStudy,
  roundKey: string,
  participantColumn: string,
  problems: ProblemList,
): LongPivot | null {
  const at = (name: string) => source.headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const col = {
    participant: source.headers.indexOf(participantColumn),
    anonymous: at('anonymous'),
    round: at('round'),
    variable: at('variable'),
    item: at('item'),
    partner: at('partner'),
    facet: at('facet'),
    tool: at('tool'),
    option: at('option'),
    status: at('status'),
    value: at('value'),
    text: at('text'),
  };
  if (col.participant < 0) {
    problems.error('LONG_COLUMNS', `The long file has no participant column "${participantColumn}".`, { row: 1 });
    return null;
  }
  const variables = exchangeVariables(study);
  const byName = new Map(variables.map((v) => [v.name, v]));
  const byAddress = new Map<string, ExchangeVariable>();
  for (const v of variables) {
    const option = v.option === undefined ? '' : String(v.option);
    const facet = v.partner?.facet ?? '';
    const tools = v.tool ? [v.tool.name, String(v.tool.number)] : [''];
    const partners = v.partner ? [v.partner.name, String(v.partner.number)] : [''];
    for (const p of partners) for (const t of tools) byAddress.set(address(v.item.id, p, facet, t, option), v);
  }
  const cell = (row: string[], i: number) => (i < 0 ? '' : (row[i] ?? '').trim());
  const variableOf = (row: string[]): ExchangeVariable | undefined =>
    col.variable >= 0
      ? byName.get(cell(row, col.variable))
      : byAddress.get(
          address(cell(row, col.item), cell(row, col.partner), cell(row, col.facet), cell(row, col.tool), cell(row, col.option)),
        );

  const columns = new Map<string, number>();
  const groups = new Map<string, { row: number; cells: Map<number, string>; anonymous: string }>();
  const unknown = new Map<string, { count: number; row: number }>();
  let otherRoundRows = 0;
  for (let r = 0; r < source.rows.length; r++) {
    const row = source.rows[r];
    const rowNo = source.rowNumbers[r];
    if (cell(row, col.round) !== roundKey) {
      otherRoundRows++;
      continue;
    }
    const v = variableOf(row);
    if (!v) {
      const name = col.variable >= 0 ? cell(row, col.variable) : [cell(row, col.item), cell(row, col.partner)].filter(Boolean).join(' / ');
      const u = unknown.get(name);
      if (u) u.count++;
      else unknown.set(name, { count: 1, row: rowNo });
      continue;
    }
    let c = columns.get(v.name);
    if (c === undefined) columns.set(v.name, (c = columns.size));
    const who = cell(row, col.participant);
    let group = groups.get(who);
    if (!group) groups.set(who, (group = { row: rowNo, cells: new Map(), anonymous: cell(row, col.anonymous) }));
    if (group.cells.has(c)) {
      problems.error('LONG_DUPLICATE_CELL', `Row ${rowNo}: participant "${who}" has a second value for ${v.name} in round "${roundKey}".`, {
        row: rowNo,
        column: source.headers[col.variable >= 0 ? col.variable : col.item],
        value: v.name,
      });
      continue;
    }
    const status = cell(row, col.status);
    const value =
      status === 'skipped' || status === 'not_asked'
        ? ''
        : v.kind === 'text' && col.text >= 0 && cell(row, col.value) === ''
          ? (row[col.text] ?? '')
          : (row[col.value] ?? '');
    group.cells.set(c, value);
  }
  for (const [name, u] of unknown)
    problems.error(
      'LONG_UNKNOWN_VARIABLE',
      `"${name}" (${u.count} row${u.count === 1 ? '' : 's'} of round "${roundKey}", first in row ${u.row}) is not a variable ` +
        `of this study.`,
      { row: u.row, value: name },
    );
  const names = [...columns.keys()];
  const headers = [participantColumn, 'anonymous', ...names];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (const [who, g] of groups) {
    const row = [who, g.anonymous, ...names.map(() => '')];
    for (const [c, value] of g.cells) row[2 + c] = value;
    rows.push(row);
    rowNumbers.push(g.row);
  }
  return { table: { headers, rows, rowNumbers }, variables: names, otherRoundRows };
}

const address = (item: string, partner: string, facet: string, tool: string, option: string) =>
  `${item}\u0001${partner}\u0001${facet}\u0001${tool}\u0001${option}`;
