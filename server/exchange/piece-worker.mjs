// A worker thread that deflates a file made of pieces that recur (the bundle's long.csv, see
// piece-deflate.ts): the export's thread sends what the file is made of, as piece numbers, and this
// thread writes the raw deflate stream (RFC 1951) and sends it back. Plain JavaScript so that it
// starts without the TypeScript loader, in the compiled server as in the sources (as sql-worker.mjs).
//
// Why by hand and not zlib: zlib would search ~95 MB of lines (10,000 participants) for matches the
// export knows already: each line is a response's head (participant, round) and a variable's tail
// (its names, status and value), both cached. A piece written before, no more than the window
// (32 kB) back, is written here as one match ("copy n bytes from d back"); anything else as
// literals. Each block of 65,536 of these gets Huffman codes of its own (a dynamic block), so that
// what recurs (a head's match to the line before) costs a bit or two. The uncompressed bytes are
// never put together: the CRC-32 is carried over from each piece's own (crc32 is affine in its register: appending n bytes
// is a linear map of the register, applied through four 256-entry tables per length, then the
// piece's own CRC from a zero register). The result is ~10% smaller than zlib's level 2 (long.csv
// of 10,000 participants: 8.2 MB against 9.1), at a fraction of its time.
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
function codeLengths(frequencies, limit, lengths) {
  let f = Array.from(frequencies);
  for (;;) {
    const symbols = [];
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
    const lightest = (made) => (leaf < n && (node >= made || weight[leaf] <= weight[node]) ? leaf++ : node++);
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
function canonicalCodes(lengths, codes) {
  const count = new Uint16Array(16);
  for (const l of lengths) if (l) count[l]++;
  const next = new Uint16Array(16);
  for (let bits = 1, code = 0; bits < 16; bits++) {
    code = (code + count[bits - 1]) << 1;
    next[bits] = code;
  }
  for (let i = 0; i < lengths.length; i++) if (lengths[i]) codes[i] = reversed(next[lengths[i]]++, lengths[i]);
}

/** Tokens per block: a block's codes are made for its own symbols (~32,000 lines of the long file). */
const BLOCK = 1 << 16;
/** A token is a literal byte (below 256) or a match: MATCH | length << 15 | distance - 1. */
const MATCH = 1 << 24;

/**
 * Writes a raw deflate stream of the pieces and literals it is given, into ~256 kB buffers, in
 * blocks with Huffman codes of their own (what recurs in a block, a head's match to the line
 * before, gets a code of a bit or two).
 */
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
  // The block being gathered: its tokens and how often each symbol occurs in them.
  tokens = new Uint32Array(BLOCK);
  t = 0;
  literalFrequency = new Uint32Array(286);
  distanceFrequency = new Uint32Array(30);
  // The codes of the block being written.
  literalLength = new Uint8Array(286);
  literalCode = new Uint16Array(286);
  distanceLength = new Uint8Array(30);
  distanceCode = new Uint16Array(30);

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
      // The common case, written out: one match.
      if (this.t === BLOCK) this.block(false);
      this.tokens[this.t++] = MATCH | (n << 15) | (distance - 1);
      this.literalFrequency[LENGTH_SYMBOL[n]]++;
      this.distanceFrequency[DISTANCE_SYMBOL[distance]]++;
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

  /** Ends the stream: the last block, then the last byte. */
  end() {
    this.block(true);
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
    while (n > 0) {
      // A remainder shorter than a match is left to the next one.
      const length = n <= MAX_MATCH ? n : n - MAX_MATCH < MIN_MATCH ? n - MIN_MATCH : MAX_MATCH;
      if (this.t === BLOCK) this.block(false);
      this.tokens[this.t++] = MATCH | (length << 15) | (distance - 1);
      this.literalFrequency[LENGTH_SYMBOL[length]]++;
      this.distanceFrequency[DISTANCE_SYMBOL[distance]]++;
      n -= length;
    }
  }

  literals(b) {
    for (let k = 0; k < b.length; k++) {
      if (this.t === BLOCK) this.block(false);
      this.tokens[this.t++] = b[k];
      this.literalFrequency[b[k]]++;
    }
  }

  /** Writes the block gathered (dynamic Huffman codes, RFC 1951 3.2.7), then starts the next. */
  block(last) {
    const lf = this.literalFrequency;
    const df = this.distanceFrequency;
    lf[256] = 1; // the end of the block
    // At least two codes each, as zlib has it: a code of one symbol would need a length of zero.
    for (let i = 0, used = lf.reduce((n, f) => n + (f > 0 ? 1 : 0), 0); used < 2; i++) if (!lf[i]) (lf[i] = 1), used++;
    for (let i = 0, used = df.reduce((n, f) => n + (f > 0 ? 1 : 0), 0); used < 2; i++) if (!df[i]) (df[i] = 1), used++;
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
    const runs = [];
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
    for (let i = 0, used = clf.reduce((n, f) => n + (f > 0 ? 1 : 0), 0); used < 2; i++) if (!clf[i]) (clf[i] = 1), used++;
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
    this.tokensOut();
    this.put(this.literalCode[256], this.literalLength[256]);
    this.t = 0;
    lf.fill(0);
    df.fill(0);
  }

  /** The block's tokens in its codes. */
  tokensOut() {
    const { tokens, literalCode, literalLength, distanceCode, distanceLength, out } = this;
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
        const ls = LENGTH_SYMBOL[n];
        acc |= literalCode[ls] << c;
        c += literalLength[ls];
        for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc;
        acc |= (n - LENGTH_BASE[ls - 257]) << c;
        c += LENGTH_EXTRA[ls - 257];
        const ds = DISTANCE_SYMBOL[distance];
        acc |= distanceCode[ds] << c;
        c += distanceLength[ds];
        for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc;
        acc |= (distance - DISTANCE_BASE[ds]) << c;
        c += DISTANCE_EXTRA[ds];
      }
      for (; c >= 8; c -= 8, acc >>>= 8) out[o++] = acc;
    }
    this.bits = acc;
    this.count = c;
    this.o = o;
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

  /** Makes room for `bytes` more: a bigger buffer for once if need be (a block is written whole). */
  room(bytes) {
    if (this.o + bytes <= this.out.length) return;
    if (this.o > 0) this.cut();
    if (bytes > this.out.length) this.out = new Uint8Array(new ArrayBuffer(bytes));
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
