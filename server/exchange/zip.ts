import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * A streaming zip writer for the exports (PKWARE APPNOTE 6.3: deflate, UTF-8 names, a data
 * descriptor after each entry, ZIP64 records when an entry, an offset or the central directory
 * outgrows 32 bits), laid out as yazl lays it out. rondo had used yazl; for the bundle (~100 MB
 * of CSV for 10,000 participants) yazl cost ~0.3 s of CPU in its JavaScript CRC-32 and, with
 * five piped streams of 16 kB buffers, kept the export waiting for each piece to be deflated.
 * Here the CRC is zlib's native one, and the deflater takes up to 1 MB of input ahead, so the
 * export goes on producing while the previous pieces are deflated on libuv's thread pool. The
 * producer yields to the event loop after each piece it hands over: zlib finishes a piece on the
 * pool but is given the next one only by a callback on the main thread, so a producer that ran
 * on for a whole megabyte kept the deflater idle and then waited for it (a quarter of the
 * bundle's time went to that wait). It also keeps the server answering other requests while an
 * export runs.
 */

export interface ZipEntry {
  name: string;
  /** The entry's content, pulled only when the entry is written (a nested zip, an .xlsx, comes asynchronously). */
  data: () => Iterable<string | Buffer> | AsyncIterable<string | Buffer>;
  /**
   * The source fills its buffers again (a side file read back into one buffer, Spool.read; a
   * ByteChunker with a ring of buffers): at most this many pieces are left with the deflater,
   * not yet deflated, when the next piece is asked for (0: each piece is deflated before the
   * next is taken). Without it every piece is a new buffer, dead once deflated, and they piled
   * up until a collection came (~25 MB of the bundle's peak at 40,000 participants).
   */
  inFlight?: number;
  /**
   * The data is already a raw deflate stream (a side file deflated while it was written,
   * spool.ts; long.csv deflated as it is written, piece-deflate.ts): it is copied as it comes
   * (an empty piece lets the event loop turn), and once it has ended this gives the CRC-32 and
   * size of what it inflates to.
   */
  deflated?: () => Deflated;
}

/** What a raw deflate stream inflates to: its CRC-32 and its size in bytes. */
export interface Deflated {
  crc: number;
  size: number;
}

/**
 * Deflate level 2: the CSVs shrink seven- to ten-fold at a fraction of level 6's time; on the
 * long file level 2 was both faster and ~20% smaller than level 1 (zlib's level 1 matches less).
 */
export const ZIP_LEVEL = 2;
const AHEAD = 1 << 20;

const VERSION_MADE_BY = (3 << 8) | 63; // Unix, spec 6.3
const VERSION_UTF8 = 20;
const VERSION_ZIP64 = 45;
const FLAGS = (1 << 11) /* UTF-8 name */ | (1 << 3); /* sizes in a data descriptor */
const DEFLATE = 8;
const FILE_MODE = 0o100664;
const MAX32 = 0xffffffff;

interface Written {
  name: Buffer;
  offset: number;
  crc: number;
  size: number;
  compressed: number;
}

/** A zip of the entries as a readable stream; destroying it stops the entry being produced. */
export function zipReadable(entries: Iterable<ZipEntry>, mtime = new Date(), level = ZIP_LEVEL): Readable {
  return Readable.from(zipChunks(entries, mtime, level), { objectMode: false });
}

export async function* zipChunks(entries: Iterable<ZipEntry>, mtime: Date, level = ZIP_LEVEL): AsyncGenerator<Buffer> {
  const dos = dosDateTime(mtime);
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const w: Written = { name, offset, crc: 0, size: 0, compressed: 0 };
    const header = localHeader(name, dos);
    offset += header.length;
    yield header;
    for await (const piece of entry.deflated ? copied(entry, w) : deflated(entry, level, w)) {
      offset += piece.length;
      yield piece;
    }
    const descriptor = dataDescriptor(w);
    offset += descriptor.length;
    yield descriptor;
    written.push(w);
  }
  const start = offset;
  const records = written.map((w) => centralRecord(w, dos, mtime));
  for (const r of records) offset += r.length;
  yield Buffer.concat([...records, end(written.length, start, offset - start, offset)]);
}

/** An entry whose content is deflated already: its pieces as they are, then its sums into `w`. */
async function* copied(entry: ZipEntry, w: Written): AsyncGenerator<Buffer> {
  for await (const piece of entry.data()) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    // An empty piece is a pause: a source that deflates on this thread (piece-deflate.ts) has output
    // only every ~30,000 lines, and lets other requests be answered in between.
    if (!chunk.length) {
      await new Promise(setImmediate);
      continue;
    }
    w.compressed += chunk.length;
    yield chunk;
  }
  const { crc, size } = entry.deflated!();
  w.crc = crc;
  w.size = size;
}

/** One entry's content, deflated; counts its size, compressed size and CRC-32 into `w`. */
async function* deflated(entry: ZipEntry, level: number, w: Written): AsyncGenerator<Buffer> {
  // 64 kB output pieces (zlib's default is 16 kB): a quarter of the callbacks.
  const z = zlib.createDeflateRaw({
    level,
    chunkSize: 1 << 16,
    writableHighWaterMark: AHEAD,
    readableHighWaterMark: AHEAD,
  } as zlib.ZlibOptions);
  const data = entry.data();
  const source = Symbol.asyncIterator in data ? data[Symbol.asyncIterator]() : data[Symbol.iterator]();
  // Pieces written and not yet deflated, for a source that reuses its buffers.
  const limit = entry.inFlight;
  let pending = 0;
  // The feeder's one wait at a time (for the deflater to drain, or to take pieces), and whether the
  // entry has been stopped. (An AbortController per entry cost ~1 ms: its abort makes a DOMException.)
  let wake: (() => void) | null = null;
  let stopped = false;
  const sleep = () => new Promise<void>((resolve) => (wake = resolve));
  const rouse = () => wake?.();
  const feeding = (async () => {
    try {
      for (;;) {
        const next = await source.next();
        if (next.done) break;
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
        if (!chunk.length) continue;
        w.crc = zlib.crc32(chunk, w.crc);
        w.size += chunk.length;
        if (limit === undefined) {
          if (z.write(chunk)) await new Promise(setImmediate);
          else {
            z.once('drain', rouse);
            await sleep();
          }
        } else {
          pending++;
          z.write(chunk, () => {
            pending--;
            rouse();
          });
          if (pending <= limit) await new Promise(setImmediate);
          while (pending > limit && !stopped) await sleep();
        }
        wake = null;
        if (stopped) return;
      }
      z.end();
    } catch (err) {
      z.destroy(err as Error);
    }
  })();
  try {
    for await (const piece of z as AsyncIterable<Buffer>) {
      w.compressed += piece.length;
      yield piece;
    }
    await feeding;
  } finally {
    stopped = true;
    rouse();
    source.return?.();
    z.destroy();
  }
}

const u64 = (buf: Buffer, n: number, at: number) => {
  buf.writeUInt32LE(n % 0x100000000, at);
  buf.writeUInt32LE(Math.floor(n / 0x100000000), at + 4);
};

const zip64 = (w: Written) => w.size > MAX32 - 1 || w.compressed > MAX32 - 1 || w.offset > MAX32 - 1;

function localHeader(name: Buffer, dos: { date: number; time: number }): Buffer {
  const b = Buffer.alloc(30 + name.length);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION_UTF8, 4);
  b.writeUInt16LE(FLAGS, 6);
  b.writeUInt16LE(DEFLATE, 8);
  b.writeUInt16LE(dos.time, 10);
  b.writeUInt16LE(dos.date, 12);
  // CRC-32 and sizes (14–25) stay 0: they follow in the data descriptor.
  b.writeUInt16LE(name.length, 26);
  b.writeUInt16LE(0, 28);
  name.copy(b, 30);
  return b;
}

function dataDescriptor(w: Written): Buffer {
  if (!zip64(w)) {
    const b = Buffer.alloc(16);
    b.writeUInt32LE(0x08074b50, 0);
    b.writeUInt32LE(w.crc >>> 0, 4);
    b.writeUInt32LE(w.compressed, 8);
    b.writeUInt32LE(w.size, 12);
    return b;
  }
  const b = Buffer.alloc(24);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(w.crc >>> 0, 4);
  u64(b, w.compressed, 8);
  u64(b, w.size, 16);
  return b;
}

function centralRecord(w: Written, dos: { date: number; time: number }, mtime: Date): Buffer {
  const big = zip64(w);
  // Info-ZIP's "UT" extra field: the modification time in UTC (the DOS time is local).
  const ut = Buffer.alloc(9);
  ut.writeUInt16LE(0x5455, 0);
  ut.writeUInt16LE(5, 2);
  ut.writeUInt8(0b11, 4);
  ut.writeInt32LE(Math.max(-0x80000000, Math.min(0x7fffffff, Math.floor(mtime.getTime() / 1000))), 5);
  let extra = ut;
  if (big) {
    const z = Buffer.alloc(28);
    z.writeUInt16LE(0x0001, 0);
    z.writeUInt16LE(24, 2);
    u64(z, w.size, 4);
    u64(z, w.compressed, 12);
    u64(z, w.offset, 20);
    extra = Buffer.concat([ut, z]);
  }
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION_MADE_BY, 4);
  b.writeUInt16LE(big ? VERSION_ZIP64 : VERSION_UTF8, 6);
  b.writeUInt16LE(FLAGS, 8);
  b.writeUInt16LE(DEFLATE, 10);
  b.writeUInt16LE(dos.time, 12);
  b.writeUInt16LE(dos.date, 14);
  b.writeUInt32LE(w.crc >>> 0, 16);
  b.writeUInt32LE(big ? MAX32 : w.compressed, 20);
  b.writeUInt32LE(big ? MAX32 : w.size, 24);
  b.writeUInt16LE(w.name.length, 28);
  b.writeUInt16LE(extra.length, 30);
  b.writeUInt16LE(0, 32); // comment
  b.writeUInt16LE(0, 34); // disk
  b.writeUInt16LE(0, 36); // internal attributes
  b.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
  b.writeUInt32LE(big ? MAX32 : w.offset, 42);
  return Buffer.concat([b, w.name, extra]);
}

/** End of central directory, preceded by the ZIP64 record and locator when needed. */
function end(entries: number, start: number, size: number, at: number): Buffer {
  const big = entries >= 0xffff || size >= MAX32 || start >= MAX32;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(big && entries >= 0xffff ? 0xffff : entries, 8);
  eocd.writeUInt16LE(big && entries >= 0xffff ? 0xffff : entries, 10);
  eocd.writeUInt32LE(size >= MAX32 ? MAX32 : size, 12);
  eocd.writeUInt32LE(start >= MAX32 ? MAX32 : start, 16);
  if (!big) return eocd;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  u64(record, 56 - 12, 4);
  record.writeUInt16LE(VERSION_MADE_BY, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  u64(record, entries, 24);
  u64(record, entries, 32);
  u64(record, size, 40);
  u64(record, start, 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  u64(locator, at, 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, eocd]);
}

/** MS-DOS date and time (local time, two-second resolution), clamped to 1980–2107. */
function dosDateTime(d: Date): { date: number; time: number } {
  const min = new Date(1980, 0, 1);
  const max = new Date(2107, 11, 31, 23, 59, 58);
  const t = d < min ? min : d > max ? max : d;
  return {
    date: (t.getDate() & 0x1f) | (((t.getMonth() + 1) & 0xf) << 5) | (((t.getFullYear() - 1980) & 0x7f) << 9),
    time: Math.floor(t.getSeconds() / 2) | ((t.getMinutes() & 0x3f) << 5) | ((t.getHours() & 0x1f) << 11),
  };
}
