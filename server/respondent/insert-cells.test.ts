import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionSub, partnerSub, toolSub, type AnswerCell } from '../../model/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { openStore, type Store } from '../db/open.js';
import { insertAnswerCells } from './save.js';

/**
 * The answer rows of a save or submission (insertCells): cells of a code only go in as rows of four
 * parameters, the others as rows of eight, in statements of at most 256 rows prepared per shape.
 * Whatever the mix and the number, the rows read back are the cells, with partner and tool ids.
 */
describe('insertCells', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-insert-cells-'));
  let store: Store;
  const sqlite = () => store.sqlite;
  const rows = (id: number) =>
    sqlite()
      .prepare('select item, sub, partner_id, tool_id, code, missing, text from answer where response_id = ? order by item, sub')
      .all(id);
  beforeAll(async () => {
    store = openStore(path.join(dir, 'rondo.sqlite'));
    await migrateToLatest(store, dir);
    // Rows only: no responses, partners or tools for their foreign keys to find.
    store.sqlite.pragma('foreign_keys = OFF');
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A deterministic pseudo-random sequence, so a failure can be repeated. */
  function random(seed: number) {
    let s = seed;
    return (n: number) => {
      s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
      return s % n;
    };
  }

  function cellsOf(count: number, pick: (n: number) => number): AnswerCell[] {
    return Array.from({ length: count }, (_, i) => {
      const item = `item_${i}`;
      switch (pick(7)) {
        case 0:
          return { item, sub: '', missing: pick(2) ? 'dont_know' : 'not_applicable' };
        case 1:
          return { item, sub: '', text: pick(2) ? '' : `tekst ${i}, met komma` };
        case 2:
          return { item, sub: partnerSub(1 + pick(9), 'frequency'), code: pick(5) };
        case 3:
          return { item, sub: toolSub(1 + pick(9)), ...(pick(2) ? { code: 1 } : { missing: 'dont_know' as const }) };
        case 4:
          return { item, sub: optionSub(1 + pick(4)), code: pick(2) };
        default:
          return { item, sub: '', code: pick(2) ? pick(11) : -2.5 };
      }
    });
  }

  const expected = (cells: AnswerCell[]) =>
    cells
      .map((c) => ({
        item: c.item,
        sub: c.sub,
        partner_id: c.sub.startsWith('p') ? Number(c.sub.slice(1, c.sub.indexOf('.'))) : null,
        tool_id: c.sub.startsWith('t') ? Number(c.sub.slice(1)) : null,
        code: c.code ?? null,
        missing: c.missing ?? null,
        text: c.text ?? null,
      }))
      .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : a.sub < b.sub ? -1 : a.sub > b.sub ? 1 : 0));

  it('stores every cell as it was given, for any mix of shapes and up to several statements of rows', () => {
    const pick = random(8);
    // 0 to 700 cells: one statement, several of 256 rows, and chunks that split code-only rows from the rest.
    for (const [id, count] of [0, 1, 2, 41, 42, 255, 256, 257, 300, 513, 700].entries()) {
      const cells = cellsOf(count, pick);
      sqlite().transaction(() => insertAnswerCells(sqlite(), id + 1, cells))();
      expect(rows(id + 1), `${count} cells`).toEqual(expected(cells));
    }
  });

  it('gives the same rows when a prepared statement is used again', () => {
    const pick = random(9);
    const cells = cellsOf(42, pick);
    sqlite().transaction(() => {
      insertAnswerCells(sqlite(), 1001, cells);
      insertAnswerCells(sqlite(), 1002, cells);
    })();
    expect(rows(1002)).toEqual(rows(1001));
    expect(rows(1002)).toEqual(expected(cells));
  });
});
