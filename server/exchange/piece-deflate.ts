import zlib from 'node:zlib';
import type { Deflated } from './zip.js';

/**
 * The bundle's long.csv, deflated here as it is written, from the pieces its lines are made of.
 *
 * Each line of the long file is a response's head (participant, round) and a variable's tail (its
 * names, status and value), and the export has both cached. zlib would be handed the ~95 MB of
 * lines (10,000 participants) and search them for the matches the export already knows: that was
 * ~0.2 s of a pool thread, plus ~0.1 s of this thread putting the lines together, taking their
 * CRC-32 and feeding the stream. Here a piece written before, no more than deflate's window
 * (32 kB) back, becomes one match ("copy n bytes from d back"); anything else literals. Each block
 * of 65,536 such tokens gets Huffman codes of its own (a dynamic block, RFC 1951 3.2.7), so what
 * recurs, a head's match to the line before, costs a bit or two. The result is ~10% smaller than
 * zlib's level 2 (8.2 MB against 9.1 at 10,000 participants).
 *
 * The bytes are never put together: the CRC-32 is carried over from each piece's own. CRC-32 is
 * affine in its register: appending n bytes maps the register linearly (four 256-entry tables per
 * length, made once) and adds the piece's own CRC from a zero register.
 *
 * (An earlier version ran this on a worker thread; its heap and buffers cost 30–55 MB of the
 * export's peak for little gain, as the export's thread was the slower one. See docs/benchmarks.md.)
 */

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
/** Output buffers of this size: room for a block's worst case (BLOCK tokens of at most 6 bytes) and its codes. */
const OUT = 1 << 19;
const NEVER = -0x40000000;
/** Tokens per block: a block's codes are made for its own symbols (~30,000 lines of the long file). */
const BLOCK = 1 << 16;
/** A token is a literal byte (below 256) or a match: MATCH | length << 15 | distance - 1. */
const MATCH = 1 << 24;

/** CRC-32 (reflected, 0xEDB88320) byte table. */
const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

/**
 * The CRC-32 register after `bytes` from a zero register: here for a short piece (a head, a tail:
 * ~20 ns), through zlib for a long one (a call to zlib costs ~0.3 µs, 30,000 heads ~10 ms).
 */
function registerOf(bytes: Uint8Array): number {
  if (bytes.length > 64) return ~zlib.crc32(bytes, 0xffffffff) >>> 0;
  let r = 0;
  for (let k = 0; k < bytes.length; k++) r = CRC_TABLE[(r ^ bytes[k]) & 255] ^ (r >>> 8);
  return r >>> 0;
}

const shifts = new Map<number, Uint32Array>();

/**
 * The register after `n` zero bytes, as four tables by register byte: r' = t[r & 255] ^
 * t[256 + (r >>> 8 & 255)] ^ t[512 + …] ^ t[768 + (r >>> 24)]. One table per length, kept.
 */
function shiftTable(n: number): Uint32Array {
  let t = shifts.get(n);
  if (t) return t;
  const basis = new Uint32Array(32);
  for (let j = 0; j < 32; j++) {
    let v = (1 << j) >>> 0;
    for (let k = 0; k < n; k++) v = CRC_TABLE[v & 255] ^ (v >>> 8);
    basis[j] = v >>> 0;
  }
  t = new Uint32Array(1024);
  for (let k = 0; k < 4; k++)
    for (let b = 1; b < 256; b++) t[k * 256 + b] = t[k * 256 + (b & (b - 1))] ^ basis[8 * k + 31 - Math.clz32(b & -b)];
  shifts.set(n, t);
  return t;
}

/**
 * Bytes that recur in a file: a cached line part. A piece may consist of smaller pieces that
 * recur more often (a variable's tail: its names and status, then its value): when the whole was
 * not written within deflate's window, its parts may have been.
 */
export class Piece {
  /** Where it was last written (an offset in the file), and by which deflater. */
  at = NEVER;
  by: PieceDeflater | null = null;
  /** Its CRC-32 register from zero, and the register's map for its length: set by a deflater when first written. */
  crc = 0;
  shift: Uint32Array | null = null;

  constructor(
    readonly bytes: Buffer,
    readonly parts: readonly Piece[] | null = null,
  ) {}
}

/** Whatever writes a file of pieces: its bytes (ByteChunker, csv.ts) or their deflate stream (PieceDeflater). */
export interface PieceSink {
  /** Two pieces, one after the other (a line: its head and its tail). */
  pair(a: Piece, b: Piece): void;
  bytes(b: Uint8Array): void;
  text(s: string): void;
  /** Whether output is waiting to be taken. */
  readonly full: boolean;
  take(): Buffer[];
  /** The file is complete: everything left. */
  flush(): Buffer[];
}

/** A Huffman code of `length` bits, reversed: deflate writes codes from their first bit, into bytes from the low bit. */
function reversed(code: number, length: number): number {
  let r = 0;
  for (let i = 0; i < length; i++) r = (r << 1) | ((code >>> i) & 1);
  return r;
}

// Length symbols 257–285 (RFC 1951 3.2.5): base length and extra bits, by symbol - 257.
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/** Per match length 3–258: its symbol (257–285). 258 has a symbol of its own: 284's range ends at 257. */
const LENGTH_SYMBOL = new Uint16Array(MAX_MATCH + 1);
for (let s = 0; s < LENGTH_BASE.length; s++) {
  const end = s + 1 < LENGTH_BASE.length ? LENGTH_BASE[s + 1] : MAX_MATCH + 1;
  for (let n = LENGTH_BASE[s]; n < end; n++) LENGTH_SYMBOL[n] = 257 + s;
}
// Distance symbols 0–29: base distance and extra bits.
const DISTANCE_BASE = new Uint16Array(30);
const DISTANCE_EXTRA = new Uint8Array(30);
/** Per distance 1–32768: its symbol. */
const DISTANCE_SYMBOL = new Uint8Array(WINDOW + 1);
{
  let d = 1;
  for (let s = 0; s < 30; s++) {
    DISTANCE_EXTRA[s] = s < 4 ? 0 : (s >> 1) - 1;
    DISTANCE_BASE[s] = d;
    for (let k = 0; k < 1 << DISTANCE_EXTRA[s]; k++) DISTANCE_SYMBOL[d++] = s;
  }
}
/** The order in which a dynamic block's header gives the code lengths of the code-length alphabet. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * Huffman code lengths of at most `limit` bits for the symbols' frequencies (a symbol never seen
 * gets none), into `lengths`. Should a code come out longer, the frequencies are halved (not below
 * one) and the code made again: with a block's few hundred symbols that converges in a step or two.
 */
function codeLengths(frequencies: ArrayLike<number>, limit: number, lengths: Uint8Array): void {
  let f = Array.from(frequencies);
  for (;;) {
    const symbols: number[] = [];
    for (let i = 0; i < f.length; i++) if (f[i] > 0) symbols.push(i);
    lengths.fill(0);
    symbols.sort((a, b) => f[a] - f[b] || a - b);
    const n = symbols.length;
    // Two queues: the leaves by weight, then the nodes made, which come out in order of weight.
    const weight = new Float64Array(2 * n);
    const parent = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) weight[i] = f[symbols[i]];
    let leaf = 0;
    let node = n;
    const lightest = (made: number) => (leaf < n && (node >= made || weight[leaf] <= weight[node]) ? leaf++ : node++);
    for (let made = n; made < 2 * n - 1; made++) {
      const a = lightest(made);
      const b = lightest(made);
      weight[made] = weight[a] + weight[b];
      parent[a] = parent[b] = made;
    }
    const depth = new Uint8Array(2 * n);
    let longest = 0;
    for (let i = 2 * n - 3; i >= 0; i--) depth[i] = depth[parent[i]] + 1;
    for (let i = 0; i < n; i++) longest = Math.max(longest, (lengths[symbols[i]] = depth[i]));
    if (longest <= limit) return;
    f = f.map((x) => (x === 0 ? 0 : Math.max(1, x >> 1)));
  }
}

/** The canonical codes (RFC 1951 3.2.2) of code lengths, reversed for writing, into `codes`. */
function canonicalCodes(lengths: Uint8Array, codes: Uint16Array): void {
  const count = new Uint16Array(16);
  for (const l of lengths) if (l) count[l]++;
  const next = new Uint16Array(16);
  for (let bits = 1, code = 0; bits < 16; bits++) {
    code = (code + count[bits - 1]) << 1;
    next[bits] = code;
  }
  for (let i = 0; i < lengths.length; i++) if (lengths[i]) codes[i] = reversed(next[lengths[i]]++, lengths[i]);
}

/** At least two codes: a code of one symbol would need a length of zero (zlib does the same). */
function atLeastTwo(frequencies: Uint32Array): void {
  let used = 0;
  for (const f of frequencies) if (f > 0) used++;
  for (let i = 0; used < 2; i++) if (!frequencies[i]) (frequencies[i] = 1), used++;
}

/**
 * Writes a raw deflate stream of the pieces, bytes and text it is given, and knows the CRC-32 and
 * size of what it inflates to (`deflated()`).
 *
 * Tokens are gathered a block at a time, then written in Huffman codes made for that block's own
 * symbols. (Codes made once, from the first block, and used to the end of the file saved ~5% of the
 * deflater's time but made long.csv 12% larger: the file's first lines are mostly new pieces.)
 */
export class PieceDeflater implements PieceSink {
  private out = Buffer.allocUnsafe(OUT);
  private o = 0;
  private bits = 0;
  private count = 0;
  private ready: Buffer[] = [];
  /** CRC-32 register of the bytes so far (its complement is their CRC-32), and their number. */
  private register = 0xffffffff;
  private size = 0;
  private ended = false;
  // The block being gathered: its tokens and how often each symbol occurs in them.
  private readonly tokens = new Uint32Array(BLOCK);
  private t = 0;
  private readonly literalFrequency = new Uint32Array(286);
  private readonly distanceFrequency = new Uint32Array(30);
  // The codes of the block being written; per match length, its code and extra bits together.
  private readonly literalLength = new Uint8Array(286);
  private readonly literalCode = new Uint16Array(286);
  private readonly distanceLength = new Uint8Array(30);
  private readonly distanceCode = new Uint16Array(30);
  private readonly matchBits = new Uint32Array(MAX_MATCH + 1);
  private readonly matchCount = new Uint8Array(MAX_MATCH + 1);

  get full(): boolean {
    return this.ready.length > 0;
  }

  pair(a: Piece, b: Piece): void {
    this.piece(a);
    this.piece(b);
  }

  private piece(p: Piece): void {
    const shift = p.shift ?? this.first(p);
    const n = p.bytes.length;
    const at = this.size;
    const distance = p.by === this ? at - p.at : WINDOW + 1;
    // The common case: one match.
    if (distance <= WINDOW && n >= MIN_MATCH && n <= MAX_MATCH) this.match(n, distance);
    else this.seldom(p, n, at, distance);
    // The parts are here too, and nearer than wherever they were.
    const parts = p.parts;
    if (parts !== null)
      for (let k = 0, q = at; k < parts.length; k++) {
        parts[k].at = q;
        parts[k].by = this;
        q += parts[k].bytes.length;
      }
    p.at = at;
    p.by = this;
    this.size = at + n;
    const r = this.register;
    this.register =
      (shift[r & 255] ^ shift[256 + ((r >>> 8) & 255)] ^ shift[512 + ((r >>> 16) & 255)] ^ shift[768 + (r >>> 24)] ^ p.crc) >>> 0;
  }

  /** Bytes as they are (literals). */
  bytes(b: Uint8Array): void {
    if (!b.length) return;
    for (let k = 0; k < b.length; k++) this.literal(b[k]);
    this.size += b.length;
    this.register = ~zlib.crc32(b, ~this.register >>> 0) >>> 0;
  }

  text(s: string): void {
    this.bytes(Buffer.from(s, 'utf8'));
  }

  take(): Buffer[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Ends the stream: the last block, then the last byte; everything not yet taken. */
  flush(): Buffer[] {
    if (!this.ended) {
      this.ended = true;
      this.block(true);
      if (this.count > 0) this.put(0, 8 - this.count);
      if (this.o > 0) this.cut();
    }
    return this.take();
  }

  /** The CRC-32 and size of the bytes written, once the stream has ended. */
  deflated(): Deflated {
    if (!this.ended) throw new Error('the deflate stream has not ended');
    return { crc: ~this.register >>> 0, size: this.size };
  }

  /** A piece written for the first time: its CRC from a zero register and its length's map. */
  private first(p: Piece): Uint32Array {
    p.crc = registerOf(p.bytes);
    p.shift = shiftTable(p.bytes.length);
    for (const part of p.parts ?? []) part.shift ?? this.first(part);
    return p.shift;
  }

  /** A piece that is not one match: a long one, one written too long ago (then its parts), or new. */
  private seldom(p: Piece, n: number, at: number, distance: number): void {
    if (distance <= WINDOW && n >= MIN_MATCH) this.matches(n, distance);
    else if (p.parts === null) this.literals(p.bytes);
    else
      for (let k = 0, q = at; k < p.parts.length; k++) {
        const part = p.parts[k];
        const length = part.bytes.length;
        const d = part.by === this ? q - part.at : WINDOW + 1;
        if (d <= WINDOW && length >= MIN_MATCH) this.matches(length, d);
        else this.literals(part.bytes);
        q += length;
      }
  }

  /** `n` bytes from `distance` back, in matches of at most MAX_MATCH. */
  private matches(n: number, distance: number): void {
    while (n > 0) {
      // A remainder shorter than a match is left to the next one.
      const length = n <= MAX_MATCH ? n : n - MAX_MATCH < MIN_MATCH ? n - MIN_MATCH : MAX_MATCH;
      this.match(length, distance);
      n -= length;
    }
  }

  private literals(b: Uint8Array): void {
    for (let k = 0; k < b.length; k++) this.literal(b[k]);
  }

  /** One match of MIN_MATCH to MAX_MATCH bytes. */
  private match(n: number, distance: number): void {
    if (this.t === BLOCK) this.block(false);
    this.tokens[this.t++] = MATCH | (n << 15) | (distance - 1);
    this.literalFrequency[LENGTH_SYMBOL[n]]++;
    this.distanceFrequency[DISTANCE_SYMBOL[distance]]++;
  }

  private literal(b: number): void {
    if (this.t === BLOCK) this.block(false);
    this.tokens[this.t++] = b;
    this.literalFrequency[b]++;
  }

  /** Writes the block gathered (dynamic Huffman codes, RFC 1951 3.2.7), hands it over, and starts the next. */
  private block(last: boolean): void {
    this.header(last);
    this.tokensOut();
    this.put(this.literalCode[256], this.literalLength[256]);
    this.t = 0;
    this.literalFrequency.fill(0);
    this.distanceFrequency.fill(0);
    if (this.o > 0) this.cut();
  }

  /**
   * Makes the codes of the block from its symbols' frequencies and writes the block's header: the
   * code lengths, run-length coded. Sets the codes (and per match length its bits) for the block.
   */
  private header(last: boolean): void {
    const lf = this.literalFrequency;
    const df = this.distanceFrequency;
    lf[256] = 1; // the end of the block
    atLeastTwo(lf);
    atLeastTwo(df);
    codeLengths(lf, 15, this.literalLength);
    codeLengths(df, 15, this.distanceLength);
    canonicalCodes(this.literalLength, this.literalCode);
    canonicalCodes(this.distanceLength, this.distanceCode);
    let hlit = 286;
    while (hlit > 257 && !this.literalLength[hlit - 1]) hlit--;
    let hdist = 30;
    while (hdist > 1 && !this.distanceLength[hdist - 1]) hdist--;
    // The code lengths, run-length coded (16: the last length 3–6 times; 17, 18: 3–10, 11–138 zeros).
    const all = [...this.literalLength.subarray(0, hlit), ...this.distanceLength.subarray(0, hdist)];
    const runs: [symbol: number, extra: number, bits: number][] = [];
    for (let i = 0; i < all.length; ) {
      const l = all[i];
      let n = 1;
      while (i + n < all.length && all[i + n] === l) n++;
      i += n;
      if (l === 0) {
        while (n >= 11) runs.push([18, Math.min(n, 138) - 11, 7]), (n -= Math.min(n, 138));
        if (n >= 3) runs.push([17, n - 3, 3]), (n = 0);
      } else {
        runs.push([l, 0, 0]), n--;
        while (n >= 3) runs.push([16, Math.min(n, 6) - 3, 2]), (n -= Math.min(n, 6));
      }
      for (; n > 0; n--) runs.push([l, 0, 0]);
    }
    const clf = new Uint32Array(19);
    for (const [symbol] of runs) clf[symbol]++;
    atLeastTwo(clf);
    const cll = new Uint8Array(19);
    const clc = new Uint16Array(19);
    codeLengths(clf, 7, cll);
    canonicalCodes(cll, clc);
    let hclen = 19;
    while (hclen > 4 && !cll[CODE_LENGTH_ORDER[hclen - 1]]) hclen--;
    this.room(64 + runs.length * 3 + this.t * 6);
    this.put(last ? 1 : 0, 1);
    this.put(2, 2); // BTYPE 10: dynamic codes
    this.put(hlit - 257, 5);
    this.put(hdist - 1, 5);
    this.put(hclen - 4, 4);
    for (let i = 0; i < hclen; i++) this.put(cll[CODE_LENGTH_ORDER[i]], 3);
    for (const [symbol, extra, bits] of runs) {
      this.put(clc[symbol], cll[symbol]);
      if (bits) this.put(extra, bits);
    }
    for (let n = MIN_MATCH; n <= MAX_MATCH; n++) {
      const ls = LENGTH_SYMBOL[n];
      this.matchBits[n] = this.literalCode[ls] | ((n - LENGTH_BASE[ls - 257]) << this.literalLength[ls]);
      this.matchCount[n] = this.literalLength[ls] + LENGTH_EXTRA[ls - 257];
    }
  }

  /** The gathered tokens in the block's codes. */
  private tokensOut(): void {
    const { tokens, literalCode, literalLength, distanceCode, distanceLength, matchBits, matchCount, out } = this;
    let acc = this.bits;
    let c = this.count;
    let o = this.o;
    for (let k = 0; k < this.t; k++) {
      const token = tokens[k];
      if (token < 256) {
        acc |= literalCode[token] << c;
        c += literalLength[token];
      } else {
        const n = (token >>> 15) & 511;
        const distance = (token & 32767) + 1;
        acc |= matchBits[n] << c;
        c += matchCount[n];
        for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc & 255;
        const ds = DISTANCE_SYMBOL[distance];
        acc |= distanceCode[ds] << c;
        c += distanceLength[ds];
        for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc & 255;
        acc |= (distance - DISTANCE_BASE[ds]) << c;
        c += DISTANCE_EXTRA[ds];
      }
      for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc & 255;
    }
    this.bits = acc;
    this.count = c;
    this.o = o;
  }

  /** Appends `count` bits (at most 24), low bit first; whole bytes go out. */
  private put(bits: number, count: number): void {
    let acc = this.bits | (bits << this.count);
    let c = this.count + count;
    let o = this.o;
    const out = this.out;
    for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc & 255;
    this.bits = acc;
    this.count = c;
    this.o = o;
  }

  /** Makes room for `bytes` more: a bigger buffer for once if need be (a block is written whole). */
  private room(bytes: number): void {
    if (this.o + bytes <= this.out.length) return;
    if (this.o > 0) this.cut();
    if (bytes > this.out.length) this.out = Buffer.allocUnsafe(bytes);
  }

  /** Hands over the bytes written (a copy: the buffer is filled again). */
  private cut(): void {
    this.ready.push(Buffer.from(this.out.subarray(0, this.o)));
    this.o = 0;
  }
}
