import { describe, expect, it } from 'vitest';
import type { Cell } from '../xlsx/csv-cells.js';
import { CellStore } from './export.js';

describe('CellStore', () => {
  it('gives back every row as added: codes in a byte, larger and negative numbers, decimals, texts and empty cells', () => {
    const edge: Cell[] = [127, 128, -126, -127, -128, -99, 0, 32767, -32768, 1e6, 2.5, -0.5, null, '', 'x', 'Organisatie 12'];
    const rows: Cell[][] = [];
    // Past a block of 512 rows, texts repeated (kept once) and long ones, cut from a longer line.
    const line = `"b17";0;"${'lang '.repeat(20)}";"2026-01-02T10:00:00.000Z"`;
    for (let i = 0; i < 1300; i++)
      rows.push([...edge.slice(i % edge.length), ...edge.slice(0, i % edge.length), line.slice(7, 107), `k${i}`, i % 300]);
    const store = new CellStore();
    for (const row of rows) store.add(row);
    expect(store.count).toBe(rows.length);
    const back = Array.from(store.rows(rows[0].length), (r) => [...r]);
    expect(back).toEqual(rows);
  });
});
