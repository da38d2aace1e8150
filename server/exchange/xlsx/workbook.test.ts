import { describe, expect, it } from 'vitest';
import type { Cell } from './csv-cells.js';
import { Part, PartRow, type Row, xlsxChunks } from './workbook.js';

async function bytesOf(rows: Row[], rowsPerSheet?: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of xlsxChunks([{ name: 'sheet', rows: () => rows }], new Date(0), rowsPerSheet)) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('rows given as parts', () => {
  it('write the same bytes as the same rows given cell by cell, a part rendered once used at other columns and gaps', async () => {
    const head = new Part(['p1', 0, 'pre']);
    const gapped = new Part(['x', null, 'y', '']);
    const numbers = new Part([1, 2.5, Number.NaN, 4]);
    const text = new Part([' two\nlines ', '=SUM(A1)', 'a & <b>', 'x'.repeat(150), '_x0041_', '\u0000']);
    const header: Cell[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n'];
    const parted: Row[] = [
      header,
      new PartRow(head, gapped, numbers),
      new PartRow(head, gapped, numbers),
      new PartRow(gapped, head, numbers), // the same parts at other columns, after a gap
      new PartRow(numbers, gapped),
      ['plain', null, 3],
      new PartRow(head, text),
      new PartRow(new Part([null, null]), head),
      new PartRow(head, text),
    ];
    const plain = parted.map((r) => (r instanceof PartRow ? r.cells() : r));
    expect(plain[1]).toEqual(['p1', 0, 'pre', 'x', null, 'y', '', 1, 2.5, Number.NaN, 4]);
    const [a, b] = [await bytesOf(parted), await bytesOf(plain)];
    expect(a.length).toBeGreaterThan(500);
    expect(a.equals(b)).toBe(true);
    // Past the row limit the parts go on in the next sheet, rendered again for its table.
    expect((await bytesOf(parted, 4)).equals(await bytesOf(plain, 4))).toBe(true);
  });
});
