import type { Database as SQLiteDatabase } from 'better-sqlite3';
import { KEYS_FROM_ROWS, valuesFromRows } from '../../server/db/packed-answers.js';

/** A response's packed copy (server/db/packed-answers.ts) next to the same strings built from its answer rows. */
export interface PackedCopy {
  id: number;
  status: string;
  layoutKeys: string | null;
  packed: string | null;
  keys: string | null;
  values: string | null;
}

/** The packed copies of the responses `where` selects (SQL on `response r`), in id order. */
export function packedCopies(sqlite: SQLiteDatabase, where: string, ...params: unknown[]): PackedCopy[] {
  return sqlite
    .prepare(
      `select r.id, r.status, l.keys as layoutKeys, r.packed_values as packed, ${KEYS_FROM_ROWS} as keys, ${valuesFromRows(true)} as "values"
       from response r left join answer_layout l on l.id = r.packed_layout_id
       where ${where} order by r.id`,
    )
    .all(...params) as PackedCopy[];
}
