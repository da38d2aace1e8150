import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { KEYS_FROM_ROWS, packCells, valuesFromRows } from './packed-answers.js';

/**
 * packCells (the submission's packed copy, built in JavaScript) against the strings SQLite
 * builds from the answer rows (what packResponses stores): identical for every cell it takes,
 * null for what only SQLite can write.
 */
describe('packCells', () => {
  const sqlite = new SQLite(':memory:');
  sqlite.exec(`create table response (id integer primary key);
    create table answer (response_id integer not null, item text not null, sub text not null default '', partner_id integer,
      tool_id integer, code real, missing text, text text, primary key (response_id, item, sub)) without rowid;`);
  const insert = sqlite.prepare('insert into answer (response_id, item, sub, code, missing, text) values (?, ?, ?, ?, ?, ?)');
  const fromRows = sqlite.prepare(`select ${KEYS_FROM_ROWS} as keys, ${valuesFromRows(true)} as "values" from response r where r.id = ?`);

  type Cell = { item: string; sub: string; code?: number | null; missing?: string | null; text?: string | null };
  const ITEMS = ['a', 'A', 'a_1', 'a_10', 'a_2', 'B', 'b', 'zz', '_x', 'know_problems', 'collab'];
  const SUBS = ['', 'o1', 'o10', 'o2', 'p3.frequency', 'p3.quality', 'p12.frequency', 't1', 't20'];
  const TEXTS = ['', 'kort', 'met, komma', '100% zeker', '%2C letterlijk', 'casuïstiek – ‘quote’ …', '😀 emoji', 'regel\nnieuw', 'e'];

  /** A deterministic pseudo-random sequence, so a failure can be repeated. */
  function random(seed: number) {
    let s = seed;
    return (n: number) => {
      s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
      return s % n;
    };
  }

  it('builds the same address and value strings as SQLite does from the rows, in the rows’ order', () => {
    const pick = random(21);
    for (let id = 1; id <= 400; id++) {
      sqlite.prepare('insert into response (id) values (?)').run(id);
      const cells = new Map<string, Cell>();
      const count = 1 + pick(40);
      for (let i = 0; i < count; i++) {
        const cell: Cell = { item: ITEMS[pick(ITEMS.length)], sub: SUBS[pick(SUBS.length)] };
        const kind = pick(6);
        if (kind <= 2) cell.code = [0, 1, 5, -1, 11, 99, 1_000_000, -0][pick(8)];
        else if (kind === 3) cell.missing = pick(2) ? 'dont_know' : 'not_applicable';
        else if (kind === 4) cell.text = TEXTS[pick(TEXTS.length)];
        cells.set(`${cell.item}|${cell.sub}`, cell);
      }
      const list = [...cells.values()];
      for (const c of list) insert.run(id, c.item, c.sub, c.code ?? null, c.missing ?? null, c.text ?? null);
      expect(packCells(list), `response ${id}`).toEqual(fromRows.get(id));
    }
  });

  it('leaves to SQLite a code that is not a whole number, or too large for JavaScript to write exactly', () => {
    expect(packCells([{ item: 'a', sub: '', code: 1.5 }])).toBeNull();
    expect(packCells([{ item: 'a', sub: '', code: 2 ** 60 }])).toBeNull();
    expect(packCells([{ item: 'a', sub: '', code: 3 }])).toEqual({ keys: 'a|', values: '3' });
  });
});
