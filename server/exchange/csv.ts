import { textCell } from '../csv-cell.js';
import { EOL, type Flavour } from './formats.js';
import type { Piece, PieceSink } from './piece-deflate.js';

/**
 * Writing the exports' CSV lines. Cells come from ../csv-cell.ts (text quoted and neutralised
 * against formula injection, numbers bare, here with the flavour's decimal separator).
 * Nothing here allocates per file: lines are built as strings (or cached as bytes) and handed
 * to a ByteChunker that yields ~64 kB Buffers (Chunker, the string version, for the small
 * files).
 */

/** A text cell for PSPP/SPSS, which read one case per line: line breaks become a space. */
export function textCellOneLine(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  return textCell(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
}

/** One CSV line from already-formatted cells. */
export function line(cells: string[], flavour: Flavour): string {
  return cells.join(flavour.delimiter) + EOL;
}

/** A header line: names are text cells like any other (quoted, neutralised). */
export function headerLine(names: string[], flavour: Flavour): string {
  return line(
    names.map((n) => textCell(n)),
    flavour,
  );
}

/**
 * Collects small strings into pieces of about `size` characters, so a stream writes a few
 * hundred large chunks instead of millions of tiny ones.
 */
export class Chunker {
  private parts: string[] = [];
  private length = 0;
  constructor(private readonly size = 65536) {}
  /** Adds text without ever completing a chunk (the next push may). */
  add(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }
  /** Adds text; returns a full chunk when one is ready, else null. */
  push(text: string): string | null {
    this.parts.push(text);
    this.length += text.length;
    if (this.length < this.size) return null;
    return this.flush();
  }
  flush(): string | null {
    if (!this.length) return null;
    const out = this.parts.join('');
    this.parts = [];
    this.length = 0;
    return out;
  }
}

/**
 * A ring of buffers for a ByteChunker whose pieces go to a zip entry: `inFlight` pieces with the
 * deflater (1 MB of 256 kB pieces, as the zip's look-ahead), the piece being taken, the piece
 * being written and one of margin.
 */
export const RING = { buffers: 7, inFlight: 4 } as const;

/**
 * Collects an export's bytes into Buffers of about `size` bytes. Lines go in as strings
 * (encoded straight into the buffer, no intermediate join) or as ready-made bytes (a cached
 * row part: copied, not encoded again). Completed pieces wait in `ready` until `take()`.
 * Profile of the long export: joining millions of small strings and encoding the result cost
 * ~25% of its time; copying cached bytes costs a third of that.
 */
export class ByteChunker implements PieceSink {
  private buf: Buffer;
  private pos = 0;
  private ready: Buffer[] = [];
  private readonly ring: Buffer[] = [];
  private turn = 0;
  /** Bytes written so far, chunks taken included. */
  written = 0;
  /**
   * With `ring` buffers the pieces are written into them in turn instead of a new buffer each
   * (no garbage: for the bundle's wide.csv and .sav ~10 MB of dead buffers per 10,000 participants): piece
   * k's bytes are written over once piece k + ring - 1 is cut. The writer must take the pieces
   * as they are completed (after each row); a zip entry then keeps at most RING.inFlight pieces
   * with its deflater (ZipEntry.inFlight), which leaves a piece of margin.
   */
  constructor(
    private readonly size = 65536,
    private readonly ringSize = 0,
  ) {
    this.buf = this.fresh(size);
  }

  private fresh(bytes: number): Buffer {
    if (!this.ringSize || bytes > this.size) return Buffer.allocUnsafe(Math.max(this.size, bytes));
    const b = (this.ring[this.turn] ??= Buffer.allocUnsafe(this.size));
    this.turn = (this.turn + 1) % this.ringSize;
    return b;
  }

  /** Whether a completed piece is waiting. */
  get full(): boolean {
    return this.ready.length > 0;
  }

  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    if (this.pos > 0) this.ready.push(this.buf.subarray(0, this.pos));
    this.buf = this.fresh(bytes);
    this.pos = 0;
  }

  /** Appends text as UTF-8. */
  text(s: string): void {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    this.room(s.length * 3);
    const n = this.buf.write(s, this.pos);
    this.pos += n;
    this.written += n;
    if (this.pos >= this.size) this.cut();
  }

  /** Appends two cached pieces' bytes. */
  pair(a: Piece, b: Piece): void {
    this.bytes(a.bytes);
    this.bytes(b.bytes);
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    this.buf.set(b, this.pos);
    this.pos += n;
    this.written += n;
    if (this.pos >= this.size) this.cut();
  }

  private cut(): void {
    this.ready.push(this.buf.subarray(0, this.pos));
    this.buf = this.fresh(this.size);
    this.pos = 0;
  }

  /** The completed pieces, handed over (the caller owns them). */
  take(): Buffer[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Every piece left, the unfinished one included. */
  flush(): Buffer[] {
    if (this.pos > 0) this.cut();
    return this.take();
  }
}
