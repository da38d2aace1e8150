import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ByteChunker } from './csv.js';

/**
 * Side files of a one-pass export: while the bundle writes long.csv it also writes the round
 * files, and while it writes wide.csv the one-line copy for SPSS, into temporary files that
 * become the later zip entries. Memory stays flat (the side files are on disk). `dispose()`
 * removes whatever is left.
 */
export class Spool {
  private dir: string | null = null;
  private readonly open = new Map<string, { fd: number; out: ByteChunker }>();

  private file(name: string): { fd: number; out: ByteChunker } {
    let f = this.open.get(name);
    if (!f) {
      this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-export-'));
      // A ring of buffers: each piece is written out (synchronously) as soon as it is cut, so
      // the buffer can be filled again (no 64 kB of garbage per piece: ~50 MB at 40,000 participants).
      f = { fd: fs.openSync(path.join(this.dir, name), 'w', 0o600), out: new ByteChunker(65536, 3) };
      this.open.set(name, f);
    }
    return f;
  }

  /** Appends text to a side file (created on the first write). */
  write(name: string, text: string): void {
    const f = this.file(name);
    f.out.text(text);
    if (f.out.full) for (const chunk of f.out.take()) fs.writeSync(f.fd, chunk);
  }

  /** Appends bytes to a side file (created on the first write); they are copied. */
  writeBytes(name: string, bytes: Uint8Array): void {
    const f = this.file(name);
    f.out.bytes(bytes);
    if (f.out.full) for (const chunk of f.out.take()) fs.writeSync(f.fd, chunk);
  }

  /** Bytes written to a side file so far: the offset the next write starts at. */
  position(name: string): number {
    return this.open.get(name)?.out.written ?? 0;
  }

  /** Ends a side file. */
  end(name: string): void {
    const f = this.open.get(name);
    if (!f) return;
    for (const chunk of f.out.flush()) fs.writeSync(f.fd, chunk);
    fs.closeSync(f.fd);
    this.open.delete(name);
  }

  /** Whether a side file was written (and not yet read). */
  has(name: string): boolean {
    return this.open.has(name) || (this.dir !== null && fs.existsSync(path.join(this.dir, name)));
  }

  /**
   * Reads a finished side file in 256 kB pieces, then removes it. Each piece is read into the
   * same buffer: it is valid until the next is asked for (a zip entry with `inFlight` 0).
   */
  *read(name: string): Generator<Buffer> {
    this.end(name);
    const file = path.join(this.dir!, name);
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.allocUnsafe(1 << 18);
    try {
      let n: number;
      do {
        n = fs.readSync(fd, buf, 0, buf.length, null);
        if (n > 0) yield buf.subarray(0, n);
      } while (n > 0);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(file, { force: true });
    }
  }

  dispose(): void {
    for (const f of this.open.values()) fs.closeSync(f.fd);
    this.open.clear();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
