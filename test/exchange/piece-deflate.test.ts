import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Random } from '../../content/demo/random.js';
import { Piece, PieceDeflater } from '../../server/exchange/piece-deflate.js';

/**
 * The bundle's long.csv is deflated by hand (piece-deflate.ts), from the pieces its lines are made
 * of. Whatever it is given, zlib must inflate it to exactly those bytes, and the CRC-32 and size it
 * reports must be those of the bytes.
 */
function deflateAll(write: (out: PieceDeflater, expected: Buffer[]) => void): {
  inflated: Buffer;
  expected: Buffer;
  out: PieceDeflater;
  compressed: number;
} {
  const out = new PieceDeflater();
  const expected: Buffer[] = [];
  const chunks: Buffer[] = [];
  write(out, expected);
  chunks.push(...out.take(), ...out.flush());
  const compressed = Buffer.concat(chunks);
  return { inflated: zlib.inflateRawSync(compressed), expected: Buffer.concat(expected), out, compressed: compressed.length };
}

describe('the piece deflater', () => {
  it('writes pieces near and far, long and short, with parts, literals and text that zlib inflates exactly', () => {
    const random = new Random(7);
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => 32 + random.int(0, 94)));
    const parts = [bytes(12), bytes(1), bytes(2), bytes(3)].map((b) => new Piece(b));
    const pieces = [
      ...[0, 1, 2, 3, 4, 40, 257, 258, 259, 260, 261, 517, 600, 5000].map((n) => new Piece(bytes(n))),
      new Piece(Buffer.concat([parts[0].bytes, parts[3].bytes]), [parts[0], parts[3]]),
      new Piece(Buffer.concat([parts[1].bytes, parts[0].bytes, parts[2].bytes]), [parts[1], parts[0], parts[2]]),
      ...parts,
    ];
    const { inflated, expected, out } = deflateAll((sink, written) => {
      for (let k = 0; k < 40_000; k++) {
        const roll = random.int(0, 99);
        if (roll < 2) {
          // Filler that pushes earlier pieces out of the 32 kB window.
          const filler = bytes(random.int(1000, 40_000));
          sink.bytes(filler);
          written.push(filler);
        } else if (roll < 4) {
          const text = `"Één ‘antwoord’ — ${k}"\r\n`;
          sink.text(text);
          written.push(Buffer.from(text, 'utf8'));
        } else {
          const a = pieces[random.int(0, pieces.length - 1)];
          const b = pieces[random.int(0, pieces.length - 1)];
          sink.pair(a, b);
          written.push(a.bytes, b.bytes);
        }
      }
    });
    expect(inflated.length).toBe(expected.length);
    expect(inflated.equals(expected)).toBe(true);
    expect(out.deflated()).toEqual({ crc: zlib.crc32(expected), size: expected.length });
  });

  it("compresses lines of recurring pieces better than zlib's level 2, over many blocks", () => {
    // 300,000 lines: a head per "response" of 60 lines, a tail per variable and value.
    const random = new Random(11);
    const ends = [1, 2, 3, 4, 5].map((v) => new Piece(Buffer.from(`${v},\r\n`)));
    const prefixes = Array.from({ length: 60 }, (_, i) => new Piece(Buffer.from(`"var_${i}","item_${i}",,,,,answered,`)));
    const tails = prefixes.map((p) => ends.map((e) => new Piece(Buffer.concat([p.bytes, e.bytes]), [p, e])));
    const { inflated, expected, out, compressed } = deflateAll((sink, written) => {
      for (let r = 0; r < 5000; r++) {
        const head = new Piece(Buffer.from(`"p${r}",0,"pre",`));
        for (let i = 0; i < 60; i++) {
          const tail = tails[i][random.int(0, 4)];
          sink.pair(head, tail);
          written.push(head.bytes, tail.bytes);
        }
      }
    });
    expect(inflated.equals(expected)).toBe(true);
    expect(out.deflated().crc).toBe(zlib.crc32(expected));
    expect(compressed).toBeLessThan(zlib.deflateRawSync(expected, { level: 2 }).length);
  });

  it('writes a piece used by an earlier deflater as new, not as a match into that other stream', () => {
    const shared = new Piece(Buffer.from('"shared piece";answered;3;\r\n'));
    const filler = new Piece(Buffer.from('x'.repeat(200)));
    for (let run = 0; run < 3; run++) {
      const { inflated, expected, out } = deflateAll((sink, written) => {
        // Every run writes a different amount before the shared piece, so its offset differs.
        for (let k = 0; k < 2 - run; k++) sink.pair(filler, filler), written.push(filler.bytes, filler.bytes);
        sink.pair(shared, shared);
        written.push(shared.bytes, shared.bytes);
      });
      expect(inflated.equals(expected)).toBe(true);
      expect(out.deflated()).toEqual({ crc: zlib.crc32(expected), size: expected.length });
    }
  });

  it('ends an empty stream as a valid one, and says it has not ended before it has', () => {
    const out = new PieceDeflater();
    expect(() => out.deflated()).toThrow(/not ended/);
    const compressed = Buffer.concat(out.flush());
    expect(zlib.inflateRawSync(compressed).length).toBe(0);
    expect(out.deflated()).toEqual({ crc: 0, size: 0 });
    expect(out.flush()).toEqual([]);
  });
});
