import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Chunker } from './csv.js';

/**
 * Side files of a one-pass export: while the bundle writes long.csv it also writes the round
 * files, and while it writes wide.csv the one-line copy for SPSS, into temporary files that
 * become the later zip entries. One read of the data instead of two, and memory stays flat
 * (the side files are on disk). `dispose()` removes whatever is left.
 */
export class Spool {
  private dir: string | null = null;
  private readonly open = new Map<string, { fd: number; chunker: Chunker }>();

  write(name: string, text: string): void {
    let f = this.open.get(name);
    if (!f) {
      this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-export-'));
      f = { fd: fs.openSync(path.join(this.dir, name), 'w', 0o600), chunker: new Chunker() };
      this.open.set(name, f);
    }
    const chunk = f.chunker.push(text);
    if (chunk) fs.writeSync(f.fd, chunk);
  }

  /** Ends a side file. */
  end(name: string): void {
    const f = this.open.get(name);
    if (!f) return;
    const rest = f.chunker.flush();
    if (rest) fs.writeSync(f.fd, rest);
    fs.closeSync(f.fd);
    this.open.delete(name);
  }

  /** Whether a side file was written (and not yet read). */
  has(name: string): boolean {
    return this.dir !== null && fs.existsSync(path.join(this.dir, name));
  }

  /** Reads a finished side file in 64 kB pieces, then removes it. */
  *read(name: string): Generator<Buffer> {
    this.end(name);
    const file = path.join(this.dir!, name);
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(65536);
      let n: number;
      while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) yield Buffer.from(buf.subarray(0, n));
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
