import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';

/**
 * A submitted response's answers, packed once when it is stored (migration 0009): the string
 * of its cell addresses (`item|sub`, comma-separated, in the answer table's key order) kept
 * once per distinct string in `answer_layout`, and the string of its values on the response
 * (`packed_values`: the code, `d` don't know, `n` not applicable, `t` and the text with `%` and
 * `,` written as `%25` and `%2C`, `e` nothing; comma-separated, same order).
 *
 * The answer rows stay the record; this is a copy for reading. Building the two strings from
 * the answer rows costs ~80% of a full export's database time (1.8 million rows for 10,000
 * participants × 3 rounds × 60 items: ~400 ms, against ~60 ms to read the copies), and a
 * submitted response never changes.
 *
 * A copy is either exact or absent. Who keeps it so:
 * - the writers that insert answer rows — the respondent's draft save and submission
 *   (server/respondent/save.ts), the import (exchange/import/commit.ts), the demo
 *   (studies/demo.ts, demo-networks.ts) — insert them only into a draft or a response they have
 *   just created, and write the copy after them or, for a new submission, with the response row
 *   itself from the very cells they insert; a draft save also clears the copy (a draft has none);
 * - triggers on `answer` clear the copy when a row is changed or removed (an erasure, a repair by
 *   hand). Inserting a row fires nothing since migration 20261208_0001 (the trigger cost a
 *   submission a quarter of its 42-row insert): a repair by hand that adds rows to a submitted
 *   response must clear its copy too (`update response set packed_layout_id = null,
 *   packed_values = null where id = …`).
 * Readers fall back to building the strings from the rows where there is no copy
 * (packedAnswerColumns).
 *
 * Why two strings per response at all: crossing from SQLite into JavaScript once per answer row
 * costs more than the whole export otherwise (4–5 s for those 1.8 million rows); two strings
 * per response cross 60 times less often, and most responses share their address string, so
 * its layout is worked out once (exchange/cells.ts ResponseCells). Built from the rows, two
 * correlated subqueries cost ~8% less than joining the answers and grouping by response, and
 * the texts inline less than a query for the texts of each response that has any.
 */

/** The address string of response `r`'s answers, from the rows. Item names and sub addresses never hold `|` or `,`. */
export const KEYS_FROM_ROWS = `(select group_concat(a.item || '|' || a.sub) from answer a where a.response_id = r.id)`;

/**
 * The value string of response `r`'s answers, from the rows. A whole code is cast to an
 * integer first: SQLite writes an INTEGER as text several times faster than a REAL, and nearly
 * every code is whole; others pass through SQLite's text form of a REAL (15 significant
 * digits). Without `withTexts` a text is only marked (`t`), which is all an export without
 * open text needs. Both strings read the response's rows in the answer table's key order, so
 * the n-th address belongs to the n-th value.
 */
export function valuesFromRows(withTexts = true): string {
  const text = withTexts ? `'t' || replace(replace(a.text, '%', '%25'), ',', '%2C')` : `substr(a.text, 1, 0) || 't'`;
  return `(select group_concat(coalesce(iif(a.code = cast(a.code as integer), cast(a.code as integer), a.code), substr(a.missing, 1, 1), ${text}, 'e')) from answer a where a.response_id = r.id)`;
}

/**
 * SQL for three columns of response `r` (alias `r` in the FROM clause): the id of its packed
 * layout, its address string when there is no packed copy (else null), and its value string
 * (the packed copy, else built from the rows). The packed values always carry the texts;
 * readers that do not want them ignore them.
 */
export function packedAnswerColumns(withTexts: boolean): string {
  return `r.packed_layout_id, iif(r.packed_values is null, ${KEYS_FROM_ROWS}, null), coalesce(r.packed_values, ${valuesFromRows(withTexts)})`;
}

// The two statements that pack the submitted responses with ids from the first parameter to the
// second: their address strings into answer_layout (once each), then their layout ids and value
// strings onto the responses. Layouts are never deleted: they hold item names and sub addresses
// (`collab|p3.frequency`), nothing of a respondent.
const SELECTED = `r.id between ? and ? and r.status = 'submitted'`;
const PACK = [
  `insert or ignore into answer_layout (keys) select k from (select ${KEYS_FROM_ROWS} as k from response r where ${SELECTED}) where k is not null`,
  `update response as r set packed_layout_id = (select l.id from answer_layout l where l.keys = ${KEYS_FROM_ROWS}), packed_values = ${valuesFromRows(true)} where ${SELECTED}`,
] as const;

const prepared = new WeakMap<SQLiteDatabase, Statement[]>();

/**
 * Packs the submitted responses with ids `first` to `last` (one submission, or the responses an
 * import just wrote) inside the caller's write transaction, after their answers are written.
 */
export function packResponses(sqlite: SQLiteDatabase, first: number, last = first): void {
  let statements = prepared.get(sqlite);
  if (!statements) prepared.set(sqlite, (statements = PACK.map((text) => sqlite.prepare(text))));
  for (const st of statements) st.run(first, last);
}

/** packResponses through kysely, for writers that hold a kysely transaction (the demo). */
export async function packResponsesIn(db: Kysely<any>, first: number, last = first): Promise<void> {
  for (const text of PACK) await db.executeQuery(CompiledQuery.raw(text, [first, last]));
}

/** The address string of a packed layout (answer_layout), by id. */
export function layoutKeys(sqlite: SQLiteDatabase): (id: number) => string {
  const get = sqlite.prepare('select keys from answer_layout where id = ?').pluck();
  return (id) => {
    const keys = get.get(id) as string | undefined;
    if (keys === undefined) throw new Error(`answer layout ${id} is missing`);
    return keys;
  };
}

/** The packed strings of one response's cells, as packResponses would build them from the rows; null when only SQLite can say. */
export function packCells(
  cells: readonly { item: string; sub: string; code?: number | null; missing?: string | null; text?: string | null }[],
): {
  keys: string;
  values: string;
} | null {
  const sorted = cells.slice();
  for (const c of sorted) {
    // SQLite orders the rows by the bytes of their UTF-8 (BINARY): JavaScript's order is the same
    // for text without surrogates. A code that is not a safe integer is written by SQLite's own
    // REAL-to-text rule, which JavaScript does not share.
    if (NOT_PLAIN.test(c.item) || NOT_PLAIN.test(c.sub)) return null;
    if (c.code != null && !Number.isSafeInteger(c.code)) return null;
  }
  sorted.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : a.sub < b.sub ? -1 : a.sub > b.sub ? 1 : 0));
  let keys = '';
  let values = '';
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i];
    const sep = i ? ',' : '';
    keys += `${sep}${c.item}|${c.sub}`;
    const value =
      c.code != null
        ? String(c.code)
        : c.missing != null
          ? c.missing.slice(0, 1)
          : c.text != null
            ? `t${c.text.replace(/%/g, '%25').replace(/,/g, '%2C')}`
            : 'e';
    values += sep + value;
  }
  return { keys, values };
}
const NOT_PLAIN = /[\ud800-\udfff]/;

/** A response's packed copy as it is stored: the id of its address string in answer_layout, and its value string. */
export interface PackedCopy {
  layoutId: number;
  values: string;
}

const packStatements = new WeakMap<SQLiteDatabase, { layout: Statement; layoutId: Statement; update: Statement }>();
function packStatementsOf(sqlite: SQLiteDatabase) {
  let st = packStatements.get(sqlite);
  if (!st) {
    st = {
      layout: sqlite.prepare('insert or ignore into answer_layout (keys) values (?)'),
      layoutId: sqlite.prepare('select id from answer_layout where keys = ?').pluck(),
      update: sqlite.prepare(`update response set packed_layout_id = ?, packed_values = ? where id = ? and status = 'submitted'`),
    };
    packStatements.set(sqlite, st);
  }
  return st;
}

/**
 * The packed copy of a response with these cells (packCells), its address string stored in
 * answer_layout if it is new, inside the caller's write transaction; null when only SQLite can
 * pack them (then packResponses after the rows are written) or there are no cells. `memo` (the
 * write queue's, WriteQueue.memo) keeps the layout ids looked up in this one transaction, so the
 * submissions committed together look their shared layout up once.
 */
export function packedCopy(sqlite: SQLiteDatabase, cells: Parameters<typeof packCells>[0], memo?: Map<string, unknown>): PackedCopy | null {
  const packed = cells.length ? packCells(cells) : null;
  if (!packed) return null;
  const remembered = memo?.get(`answer_layout ${packed.keys}`) as number | undefined;
  if (remembered !== undefined) return { layoutId: remembered, values: packed.values };
  const st = packStatementsOf(sqlite);
  // Most submissions share their layout with earlier ones: look it up first, insert only a new one.
  let layoutId = st.layoutId.get(packed.keys) as number | undefined;
  if (layoutId === undefined) {
    st.layout.run(packed.keys);
    layoutId = st.layoutId.get(packed.keys) as number;
  }
  memo?.set(`answer_layout ${packed.keys}`, layoutId);
  return { layoutId, values: packed.values };
}

/**
 * Packs one submitted response from the cells just written for it (packedCopy), inside the caller's
 * write transaction: the same copy packResponses builds from the rows, without reading them back.
 * Falls back to packResponses when packCells cannot build it.
 */
export function packResponseCells(sqlite: SQLiteDatabase, responseId: number, cells: Parameters<typeof packCells>[0]): void {
  const copy = packedCopy(sqlite, cells);
  if (copy) packStatementsOf(sqlite).update.run(copy.layoutId, copy.values, responseId);
  else packResponses(sqlite, responseId);
}
