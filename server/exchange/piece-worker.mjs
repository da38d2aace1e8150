// A worker thread that deflates a file made of pieces that recur (the bundle's long.csv, see
// piece-deflate.ts): the export's thread sends what the file is made of, as piece numbers, and this
// thread writes the raw deflate stream (RFC 1951) and sends it back. Plain JavaScript so that it
// starts without the TypeScript loader, in the compiled server as in the sources (as sql-worker.mjs).
//
// Why by hand and not zlib: zlib would search ~95 MB of lines (10,000 participants) for matches the
// export knows already: each line is a response's head (participant, round) and a variable's tail
// (its names, status and value), both cached. A piece written before, no more than the window
// (32 kB) back, is written here as one match ("copy n bytes from d back") in a block of fixed
// Huffman codes; anything else as literals. The uncompressed bytes are never put together: the
// CRC-32 is carried over from each piece's own (crc32 is affine in its register: appending n bytes
// is a linear map of the register, applied through four 256-entry tables per length, then the
// piece's own CRC from a zero register). The compressed size is about zlib level 2's.
//
// Messages in: { ints: ArrayBuffer, n, bytes: ArrayBuffer, b, end: boolean } (n ops, b bytes, below); out:
// { chunks: ArrayBuffer[], lengths: number[] } (transferred), with `done: true, crc, size` after `end`; or { error }.
// Ops, in `ints`: n >= 0 writes piece n; DEFINE, id, parts, part ids…, length defines piece `id`
// from the next `length` bytes of `bytes` (and its parts: pieces that recur more often, written
// when the whole was not within the window); LITERAL, length writes the next `length` bytes as
// they are (an open answer, the header).
import { workerData } from 'node:worker_threads';
import zlib from 'node:zlib';

export const DEFINE = -1;
export const LITERAL = -2;

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
/** Output buffers of this many bytes (long.csv deflates to ~11 MB per 10,000 participants). */
const OUT = 1 << 18;
/** A match takes at most 4 bytes, a literal 2: past this offset the buffer is cut first. */
const LIMIT = OUT - 16;
const NEVER = -0x40000000;

/** CRC-32 (reflected, 0xEDB88320) byte table. */
const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

const shifts = new Map();

/**
 * The register after `n` zero bytes, as four tables by register byte: r' = t[r & 255] ^
 * t[256 + (r >>> 8 & 255)] ^ t[512 + …] ^ t[768 + (r >>> 24)]. One table per length, kept.
 */
function shiftTable(n) {
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

/** A Huffman code of `length` bits, reversed: deflate writes codes from their first bit, into bytes from the low bit. */
function reversed(code, length) {
  let r = 0;
  for (let i = 0; i < length; i++) r = (r << 1) | ((code >>> i) & 1);
  return r;
}

/** The fixed literal/length code (RFC 1951 3.2.6) of a symbol: its reversed bits and their count. */
function fixedCode(symbol) {
  if (symbol < 144) return [reversed(0x30 + symbol, 8), 8];
  if (symbol < 256) return [reversed(0x190 + symbol - 144, 9), 9];
  if (symbol < 280) return [reversed(symbol - 256, 7), 7];
  return [reversed(0xc0 + symbol - 280, 8), 8];
}

const LITERAL_BITS = new Uint16Array(256);
const LITERAL_COUNT = new Uint8Array(256);
for (let b = 0; b < 256; b++) [LITERAL_BITS[b], LITERAL_COUNT[b]] = fixedCode(b);

/** Per match length 3–258: its symbol's code and extra bits, together, and their count. */
const LENGTH_BITS = new Uint32Array(MAX_MATCH + 1);
const LENGTH_COUNT = new Uint8Array(MAX_MATCH + 1);
{
  const base = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  const extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  for (let s = 0; s < base.length; s++) {
    const [bits, length] = fixedCode(257 + s);
    // 258 has a symbol of its own (285): 284's range ends at 257.
    const end = s + 1 < base.length ? base[s + 1] : MAX_MATCH + 1;
    for (let n = base[s]; n < end; n++) {
      LENGTH_BITS[n] = bits | ((n - base[s]) << length);
      LENGTH_COUNT[n] = length + extra[s];
    }
  }
}

/** Per distance 1–32768: the fixed five-bit distance code and its extra bits, together, and their count. */
const DISTANCE_BITS = new Uint32Array(WINDOW + 1);
const DISTANCE_COUNT = new Uint8Array(WINDOW + 1);
{
  let d = 1;
  for (let s = 0; s < 30; s++) {
    const extra = s < 4 ? 0 : (s >> 1) - 1;
    const base = d;
    for (let k = 0; k < 1 << extra; k++, d++) {
      DISTANCE_BITS[d] = reversed(s, 5) | ((d - base) << 5);
      DISTANCE_COUNT[d] = 5 + extra;
    }
  }
}

/** Writes a raw deflate stream of the pieces and literals it is given, into ~256 kB buffers. */
export class PieceDeflater {
  // Output in ArrayBuffers of their own, transferred whole with the length used.
  out = new Uint8Array(new ArrayBuffer(OUT));
  o = 0;
  bits = 0;
  count = 0;
  ready = [];
  lengths = [];
  /** CRC-32 register of the bytes so far (its complement is their CRC-32). */
  register = 0xffffffff;
  size = 0;
  // Per piece number: its bytes, CRC from a zero register, shift table, parts and last offset.
  bytesOf = [];
  crcOf = [];
  shiftOf = [];
  partsOf = [];
  at = [];

  constructor() {
    // One block of fixed codes, not the last (BFINAL 0, BTYPE 01); end() closes it and adds an empty last one.
    this.put(0b010, 3);
  }

  define(id, bytes, parts) {
    this.bytesOf[id] = bytes;
    this.crcOf[id] = ~zlib.crc32(bytes, 0xffffffff) >>> 0;
    this.shiftOf[id] = shiftTable(bytes.length);
    this.partsOf[id] = parts;
    this.at[id] = NEVER;
  }

  piece(id) {
    const n = this.bytesOf[id].length;
    const at = this.size;
    const distance = at - this.at[id];
    if (distance <= WINDOW && n >= MIN_MATCH && n <= MAX_MATCH) {
      // The common case, written out: one match, its length's bits then its distance's.
      if (this.o > LIMIT) this.cut();
      const out = this.out;
      let o = this.o;
      let acc = this.bits | (LENGTH_BITS[n] << this.count);
      let c = this.count + LENGTH_COUNT[n];
      for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc;
      acc |= DISTANCE_BITS[distance] << c;
      c += DISTANCE_COUNT[distance];
      for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc;
      this.bits = acc;
      this.count = c;
      this.o = o;
    } else if (distance <= WINDOW && n >= MIN_MATCH) this.match(n, distance);
    else if (this.partsOf[id] === null) this.literals(this.bytesOf[id]);
    else {
      let q = at;
      for (const part of this.partsOf[id]) {
        const length = this.bytesOf[part].length;
        const d = q - this.at[part];
        if (d <= WINDOW && length >= MIN_MATCH) this.match(length, d);
        else this.literals(this.bytesOf[part]);
        q += length;
      }
    }
    // The parts are here too, and nearer than wherever they were.
    const parts = this.partsOf[id];
    if (parts !== null) for (let k = 0, q = at; k < parts.length; q += this.bytesOf[parts[k++]].length) this.at[parts[k]] = q;
    this.at[id] = at;
    this.size = at + n;
    const t = this.shiftOf[id];
    const r = this.register;
    this.register = t[r & 255] ^ t[256 + ((r >>> 8) & 255)] ^ t[512 + ((r >>> 16) & 255)] ^ t[768 + (r >>> 24)] ^ this.crcOf[id];
  }

  /** Bytes as they are (literals). */
  bytes(b) {
    if (!b.length) return;
    this.literals(b);
    this.size += b.length;
    this.register = ~zlib.crc32(b, ~this.register >>> 0);
  }

  /** Ends the stream: the open block, an empty last block, the last byte. */
  end() {
    this.room(8);
    this.put(0, 7); // end of block (symbol 256)
    this.put(0b011, 3); // the last block (BFINAL 1, BTYPE 01) …
    this.put(0, 7); // … empty
    if (this.count > 0) this.put(0, 8 - this.count);
    if (this.o > 0) this.cut();
  }

  /** The buffers completed, and the length used of each. */
  take() {
    const out = { chunks: this.ready, lengths: this.lengths };
    this.ready = [];
    this.lengths = [];
    return out;
  }

  /** The CRC-32 and size of the bytes written. */
  sums() {
    return { crc: ~this.register >>> 0, size: this.size };
  }

  match(n, distance) {
    this.room(4 * Math.ceil(n / (MAX_MATCH - MIN_MATCH)));
    const dBits = DISTANCE_BITS[distance];
    const dCount = DISTANCE_COUNT[distance];
    while (n > 0) {
      // A remainder shorter than a match is left to the next one.
      const length = n <= MAX_MATCH ? n : n - MAX_MATCH < MIN_MATCH ? n - MIN_MATCH : MAX_MATCH;
      this.put(LENGTH_BITS[length], LENGTH_COUNT[length]);
      this.put(dBits, dCount);
      n -= length;
    }
  }

  literals(b) {
    for (let k = 0; k < b.length; k++) {
      if (this.o > LIMIT) this.cut();
      this.put(LITERAL_BITS[b[k]], LITERAL_COUNT[b[k]]);
    }
  }

  /** Appends `count` bits (at most 24), low bit first; whole bytes go out. */
  put(bits, count) {
    let acc = this.bits | (bits << this.count);
    let c = this.count + count;
    let o = this.o;
    const out = this.out;
    for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc;
    this.bits = acc;
    this.count = c;
    this.o = o;
  }

  room(bytes) {
    if (this.o + bytes > LIMIT) this.cut();
  }

  cut() {
    this.ready.push(this.out.buffer);
    this.lengths.push(this.o);
    this.out = new Uint8Array(new ArrayBuffer(OUT));
    this.o = 0;
  }
}

/** Runs the ops of one message (see the top of this file). */
export function apply(deflater, ints, bytes) {
  let b = 0;
  for (let k = 0; k < ints.length; ) {
    const op = ints[k++];
    if (op >= 0) deflater.piece(op);
    else if (op === DEFINE) {
      const id = ints[k++];
      const count = ints[k++];
      const parts = count === 0 ? null : Array.from(ints.subarray(k, k + count));
      k += count;
      const length = ints[k++];
      deflater.define(id, Buffer.from(bytes.subarray(b, b + length)), parts);
      b += length;
    } else {
      const length = ints[k++];
      deflater.bytes(bytes.subarray(b, b + length));
      b += length;
    }
  }
}

// The export's thread sends ops on `port` and counts its messages in progress[0]; each message done
// is counted in progress[1], which wakes that thread should it wait.
if (workerData?.port) {
  const { port, progress } = workerData;
  const deflater = new PieceDeflater();
  port.on('message', (m) => {
    try {
      apply(deflater, new Int32Array(m.ints, 0, m.n), new Uint8Array(m.bytes, 0, m.b));
      if (m.end) deflater.end();
      const out = deflater.take();
      if (out.chunks.length || m.end) port.postMessage(m.end ? { ...out, done: true, ...deflater.sums() } : out, out.chunks);
    } catch (err) {
      port.postMessage({ error: err instanceof Error ? err.message : String(err) });
    } finally {
      Atomics.add(progress, 1, 1);
      Atomics.notify(progress, 1);
    }
  });
}
