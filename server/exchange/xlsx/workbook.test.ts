import { describe, expect, it } from 'vitest';
import type { Cell } from './csv-cells.js';
import { readXlsx } from './read.js';
import { Unpacker, zipParts } from './unzip.js';
import { Part, PartRows, type Row, xlsxChunks } from './workbook.js';

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
      new PartRows(head, [gapped, gapped, numbers]),
      new PartRows(gapped, [head, numbers]), // the same parts at other columns, after a gap
      new PartRows(numbers, []),
      new PartRows(numbers, [gapped]),
      ['plain', null, 3],
      new PartRows(head, [text]),
      new PartRows(new Part([null, null]), [head]),
      new PartRows(head, [text, numbers, text]),
    ];
    const plain = parted.flatMap((r) => (r instanceof PartRows ? r.cells() : [r]));
    expect(plain[3]).toEqual(['p1', 0, 'pre', 1, 2.5, Number.NaN, 4]);
    expect(plain).toHaveLength(13);
    const [a, b] = [await bytesOf(parted), await bytesOf(plain)];
    expect(a.length).toBeGreaterThan(500);
    expect(a.equals(b)).toBe(true);
    // Past the row limit the parts go on in the next sheet, rendered again for its table.
    for (const limit of [2, 3, 4]) expect((await bytesOf(parted, limit)).equals(await bytesOf(plain, limit))).toBe(true);
  });
});

describe('a sheet read as it is unpacked', () => {
  it('reads rows cut across the unpacked pieces, multi-byte text included, as the rows written', async () => {
    const rows: Cell[][] = [['key', 'tekst', 'getal']];
    for (let i = 0; i < 15_000; i++)
      rows.push([`k${i}`, `Zoë’s café ${'é€😀'.repeat(i % 7)} <${Math.sin(i)} ${Math.cos(7 * i)}> & "x"`, i % 3 ? i / 4 : null]);
    const bytes = await bytesOf(rows);
    let pieces = 0;
    new Unpacker(bytes).each(zipParts(bytes).get('xl/worksheets/sheet1.xml')!, () => pieces++);
    expect(pieces).toBeGreaterThan(1);
    const result = readXlsx(bytes);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.table.header).toEqual(['key', 'tekst', 'getal']);
    expect(result.table.rows).toHaveLength(15_000);
    expect(result.table.rows).toEqual(rows.slice(1).map((r) => r.map((c) => (c === null ? '' : String(c)))));
    expect(result.table.rowNumbers.at(-1)).toBe(15_001);
  });
});
