import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { ByteChunker } from './csv.js';
import { ZIP_LEVEL, type Deflated } from './zip.js';

/**
 * What the deflater of a side file takes at a time: it waits for this much more of the file
 * (or its end) before reading, so a file costs a few callbacks per 256 kB on the main thread.
 */
const PIECE = 1 << 18;

/** One side file: written raw on the main thread, deflated behind the writer on libuv's pool. */
interface SideFile {
  /** The raw file; `name.deflated` beside it is the raw deflate stream. */
  file: string;
  /** The raw file, open for writing (-1 once ended). */
  fd: number;
  /** The pieces being cut (let go once the file has ended: its ring is 192 kB). */
  out: ByteChunker | null;
  /** Bytes written to the raw file (on disk) and bytes the deflater has read of them. */
  written: number;
  taken: number;
  ended: boolean;
  /** What the bytes deflated so far inflate to. */
  sums: Deflated;
  deflater: Transform;
  /** Called when the deflater may go on (a piece is there, the file has ended, the spool is disposed). */
  wake: (() => void) | null;
  /** Settles when the deflated file is complete (or the deflater failed or was stopped). */
  done: Promise<void>;
  /** Why the deflater failed, once it has. */
  failure?: unknown;
  /** Stops the deflater (dispose()): every wait of its ends. */
  stop: (reason: Error) => void;
}

const noop = () => {};

/**
 * Side files of a one-pass export: while the bundle writes long.csv it also writes the round
 * files, and while it writes wide.csv the one-line copy for SPSS, into temporary files that
 * become the later zip entries. Each is deflated while it is written: the main thread writes
 * the raw bytes to disk and a deflater reads them back behind it, 256 kB at a time, and deflates
 * them on libuv's thread pool into a second file (zip.ts ZIP_LEVEL, the CRC-32 taken on the raw
 * pieces), in parallel with what the main thread does next. When the zip reaches the entry its
 * deflated bytes are ready and are copied as they are (`deflated`, `sums`). Until then the bundle
 * sat idle while one pool thread deflated them. Memory stays flat: both files are on disk, and a
 * deflater holds one piece and zlib's state (~0.5 MB) until its file has ended and been deflated.
 * `dispose()` stops the deflaters and removes whatever is left.
 */
export class Spool {
  /**
   * The deflater of a side file (a raw deflate stream). A static method so that a test can make
   * it fail.
   */
  static deflater(): Transform {
    // 64 kB output pieces (zlib's default is 16 kB): a quarter of the callbacks.
    return zlib.createDeflateRaw({ level: ZIP_LEVEL, chunkSize: 1 << 16 });
  }

  private dir: string | null = null;
  private readonly files = new Map<string, SideFile>();
  private last: SideFile | null = null;
  private disposed = false;

  /**
   * With `oneAtATime` the side files are written one after another (the bundle's are: the round
   * files in round order while long.csv is written, then the SPSS copy), so a file has ended as
   * soon as the next is begun: its deflater finishes it then, and only one waits for more.
   */
  constructor(private readonly options: { oneAtATime?: boolean } = {}) {}

  private file(name: string): SideFile {
    let f = this.files.get(name);
    if (f?.ended) throw new Error(`${name} has ended: it is not written to again`);
    if (f) return f;
    if (this.disposed) throw new Error(`the export has ended: ${name} is not written`);
    if (this.options.oneAtATime && this.last) this.endFile(this.last);
    this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-export-'));
    const file = path.join(this.dir, name);
    // Every file is created here, synchronously, so that dispose() never races a deflater
    // creating one in a directory being removed.
    const fd = fs.openSync(file, 'w', 0o600);
    const raw = fs.openSync(file, 'r');
    const deflated = fs.openSync(`${file}.deflated`, 'w', 0o600);
    f = {
      file,
      fd,
      // A ring of buffers: each piece is written out (synchronously) as soon as it is cut, so
      // the buffer can be filled again (no 64 kB of garbage per piece: ~50 MB at 40,000 participants).
      out: new ByteChunker(65536, 3),
      written: 0,
      taken: 0,
      ended: false,
      sums: { crc: 0, size: 0 },
      deflater: Spool.deflater(),
      wake: null,
      done: Promise.resolve(),
      stop: noop,
    };
    f.done = this.deflate(f, raw, deflated);
    // The failure is the export's: the next write throws it, or the entry (deflated() rethrows it).
    f.done.catch((err) => (f.failure = err));
    this.files.set(name, f);
    this.last = f;
    return f;
  }

  /** Writes the completed pieces out, and lets the deflater go on once a piece is there. */
  private flush(f: SideFile, pieces: Buffer[]): void {
    if (f.failure) throw f.failure;
    for (const chunk of pieces) {
      fs.writeSync(f.fd, chunk);
      f.written += chunk.length;
    }
    if (f.written - f.taken >= PIECE) f.wake?.();
  }

  /** Appends text to a side file (created on the first write). */
  write(name: string, text: string): void {
    const f = this.file(name);
    const out = f.out!;
    out.text(text);
    if (out.full) this.flush(f, out.take());
  }

  /** Appends bytes to a side file (created on the first write); they are copied. */
  writeBytes(name: string, bytes: Uint8Array): void {
    const f = this.file(name);
    const out = f.out!;
    out.bytes(bytes);
    if (out.full) this.flush(f, out.take());
  }

  /** Bytes written to a side file so far: the offset the next write starts at. */
  position(name: string): number {
    const f = this.files.get(name);
    return f?.out?.written ?? f?.written ?? 0;
  }

  /** Ends a side file: its deflater finishes it in the background. */
  end(name: string): void {
    const f = this.files.get(name);
    if (f) this.endFile(f);
  }

  private endFile(f: SideFile): void {
    if (f.ended) return;
    this.flush(f, f.out!.flush());
    f.out = null;
    fs.closeSync(f.fd);
    f.fd = -1;
    f.ended = true;
    f.wake?.();
  }

  /** Whether a side file was written. */
  has(name: string): boolean {
    return this.files.has(name);
  }

  /**
   * A side file, ended if it was not, as its raw deflate stream once the deflater has finished
   * (its failure thrown here); the file is removed once read. Each piece is a buffer of its own.
   */
  async *deflated(name: string): AsyncGenerator<Buffer> {
    const f = this.files.get(name);
    if (!f) throw new Error(`${name} was not written`);
    this.end(name);
    await f.done;
    const file = `${f.file}.deflated`;
    try {
      yield* fs.createReadStream(file, { highWaterMark: PIECE }) as AsyncIterable<Buffer>;
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  /** What a side file's deflate stream inflates to (complete once `deflated` has ended). */
  sums(name: string): Deflated {
    const f = this.files.get(name);
    if (!f) throw new Error(`${name} was not written`);
    return { ...f.sums };
  }

  /**
   * Deflates a side file behind its writer: reads what has been written, a piece at a time, and
   * hands it to the deflater, whose output goes to `deflatedFd`; the next piece is read into the
   * same buffer once zlib is done with it (the deflater keeps up with the writer without reading
   * ahead). Every wait ends early when the deflater fails or is stopped (dispose()), and the
   * error settles `done`; a stopped deflater does not wait for its streams to close.
   */
  private async deflate(f: SideFile, rawFd: number, deflatedFd: number): Promise<void> {
    const z = f.deflater;
    const out = fs.createWriteStream('', { fd: deflatedFd });
    const writing = pipeline(z, out);
    const failed = new Promise<never>((_, reject) => {
      writing.catch(reject);
      f.stop = reject;
    });
    failed.catch(noop);
    let buf: Buffer | null = null;
    let reading: Promise<unknown> = Promise.resolve();
    try {
      for (;;) {
        while (!f.ended && f.written - f.taken < PIECE) {
          await Promise.race([new Promise<void>((resolve) => (f.wake = resolve)), failed]);
          f.wake = null;
        }
        if (f.taken === f.written) break;
        buf ??= Buffer.allocUnsafe(PIECE);
        const bytes = read(rawFd, buf, Math.min(PIECE, f.written - f.taken), f.taken);
        reading = bytes;
        const n = await Promise.race([bytes, failed]);
        if (n === 0) throw new Error(`${path.basename(f.file)} is shorter on disk than was written`);
        const piece = buf.subarray(0, n);
        f.taken += n;
        f.sums.crc = zlib.crc32(piece, f.sums.crc);
        f.sums.size += n;
        const deflating = new Promise<void>((resolve, reject) => z.write(piece, (err) => (err ? reject(err) : resolve())));
        deflating.catch(noop);
        await Promise.race([deflating, failed]);
      }
      z.end();
      await Promise.race([writing, failed]);
      fs.rmSync(f.file, { force: true });
    } finally {
      z.destroy();
      out.destroy();
      // A read still under way has the descriptor: it is closed once the read is over.
      await reading.catch(noop);
      fs.closeSync(rawFd);
    }
  }

  /** Stops the deflaters and removes the side files. */
  dispose(): void {
    this.disposed = true;
    for (const f of this.files.values()) {
      if (f.fd >= 0) fs.closeSync(f.fd);
      f.fd = -1;
      f.stop(new Error('the export has ended'));
      f.deflater.destroy();
    }
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  /** Settles once every deflater has stopped (finished, failed or stopped by dispose()). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.files.values()].map((f) => f.done));
  }
}

/** Reads `length` bytes at `position` into `buf` (on libuv's pool); the bytes read. */
const read = (fd: number, buf: Buffer, length: number, position: number) =>
  new Promise<number>((resolve, reject) => fs.read(fd, buf, 0, length, position, (err, n) => (err ? reject(err) : resolve(n))));
