import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberList, readNumberList } from './number-list.js';

// A number list must give, field by field, the values better-sqlite3 hands over row by row (NULL as NaN).
const db = new Database(':memory:');
db.exec('create table t (a, b, c)');
const insert = db.prepare('insert into t values (?, ?, ?)');
const list = db.prepare(`select ${numberList(['a', 'b', 'c'])} from t`).pluck();
const rows = db.prepare('select a, b, c from t order by rowid').raw();

function listed(): number[] {
  const out: number[] = [];
  readNumberList(list.get() as string | null, out);
  return out;
}
function fromRows(): number[] {
  return (rows.all() as (number | null)[][]).flat().map((x) => x ?? NaN);
}
function fill(values: (number | bigint | null)[][]): void {
  db.exec('delete from t');
  db.transaction(() => values.forEach((row) => insert.run(...row)))();
}

describe('readNumberList', () => {
  it.each([
    [
      'whole numbers, negatives and zero',
      [
        [1, -2, 0],
        [1_700_000_000_000, -1_000, 42],
      ],
    ],
    [
      'NULLs, also in the first and last field',
      [
        [null, 2, null],
        [null, null, null],
      ],
    ],
    [
      'decimals and large numbers, as SQLite writes a REAL',
      [
        [1.5, -0.25, 1e20],
        [4.000000000000001, -1e-7, 2 ** 53],
      ],
    ],
    ['integers of 16 digits or more', [[2n ** 53n + 1n, -(10n ** 17n), 9_007_199_254_740_991n]]],
  ])('reads %s as better-sqlite3 does', (_, values) => {
    fill(values as (number | bigint | null)[][]);
    expect(listed()).toEqual(fromRows());
    expect(listed()).toHaveLength(values.length * 3);
  });

  it('reads no rows as nothing, and a row of one NULL as one NaN', () => {
    const out: number[] = [];
    readNumberList(null, out);
    expect(out).toEqual([]);
    readNumberList('', out);
    expect(out).toEqual([NaN]);
  });

  it('reads any rows of integers, decimals and NULLs as better-sqlite3 does', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
      fc.maxSafeInteger(),
      fc
        .double({ noNaN: true, noDefaultInfinity: true })
        // The one difference: SQLite writes a REAL −0 as 0.0 (the loader's columns are integers).
        .filter((x) => !Object.is(x, -0)),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { maxLength: 20 }), (values) => {
        fill(values);
        expect(listed()).toEqual(fromRows());
      }),
      { numRuns: 200 },
    );
  });
});
