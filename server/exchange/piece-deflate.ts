import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ROOT } from '../paths.js';
import type { Deflated } from './zip.js';

/**
 * The bundle's long.csv deflated on a thread of its own (piece-worker.mjs): this thread says what
 * the file is made of, in pieces it has cached (a response's head, a variable's tail), and the
 * worker writes the deflate stream, as matches to each piece's last copy. The file's bytes are
 * never put together, and zlib never searches them: for 10,000 participants that was ~0.18 s on
 * libuv's pool, plus ~0.1 s on this thread to copy the lines into buffers and hand them over;
 * telling the worker costs ~5 ns a piece. The zip entry copies the worker's output as it comes.
 */

/**
 * Bytes that recur in a file: a cached line part. A piece may consist of smaller pieces that
 * recur more often (a variable's tail: its names and status, then its value): when the whole was
 * not written within deflate's window, its parts may have been.
 */
export class Piece {
  /** Its number for the worker, once defined there (-1: not yet). */
  id = -1;
  constructor(
    readonly bytes: Buffer,
    readonly parts?: readonly Piece[],
  ) {}
}

/** What a writer of file pieces offers: cached pieces, bytes, text (ByteChunker and PieceDeflater). */
export interface PieceSink {
  piece(p: Piece): void;
  /** Two pieces, one after the other (a line: its head and its tail). */
  pair(a: Piece, b: Piece): void;
  bytes(b: Uint8Array): void;
  text(s: string): void;
  /** Whether output is waiting to be taken. */
  full: boolean;
  take(): Buffer[];
  /** The file is complete: everything left that can be handed over now. */
  flush(): Buffer[];
}

// Ops, as piece-worker.mjs reads them.
const DEFINE = -1;
const LITERAL = -2;
/** Ops and bytes per message: ~30,000 lines of the long file. */
const INTS = 1 << 16;
const BYTES = 1 << 18;
/** At most this many messages wait for the worker; then this thread waits (it is rarely ahead). */
const AHEAD = 8;
/** How long to wait for the worker before the export fails (it takes milliseconds a message). */
const PATIENCE_MS = 15_000;

type Reply = { chunks?: ArrayBuffer[]; lengths?: number[]; done?: true; crc?: number; size?: number; error?: string };

/** A raw deflate stream of pieces, made by a worker thread; `deflated()` gives its CRC-32 and size once done. */
export class PieceDeflater implements PieceSink {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [messages sent, messages done]: shared with the worker, which counts and wakes this thread. */
  private readonly progress = new Int32Array(new SharedArrayBuffer(8));
  // Each message's ops and bytes go in ArrayBuffers of their own, transferred (new ones are quick
  // to hand over: ~6 µs; a slice or a Buffer's memory ~0.1–0.5 ms).
  private ints = new Int32Array(new ArrayBuffer(INTS * 4));
  private n = 0;
  private buf = new Uint8Array(new ArrayBuffer(BYTES));
  private b = 0;
  private pieces = 0;
  private received: Buffer[] = [];
  private sums: Deflated | null = null;
  private failure: Error | null = null;
  full = false;

  constructor(private readonly patienceMs = PATIENCE_MS) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(path.join(ROOT, 'server/exchange/piece-worker.mjs'), {
      workerData: { port: port2, progress: this.progress },
      transferList: [port2],
    });
    this.worker.unref();
    this.worker.once('error', (err) => (this.failure ??= err));
  }

  piece(p: Piece): void {
    if (p.id < 0) this.define(p);
    if (this.n === INTS) this.send(false);
    this.ints[this.n++] = p.id;
  }

  pair(a: Piece, b: Piece): void {
    if (a.id < 0) this.define(a);
    if (b.id < 0) this.define(b);
    if (this.n + 2 > INTS) this.send(false);
    this.ints[this.n++] = a.id;
    this.ints[this.n++] = b.id;
  }

  bytes(b: Uint8Array): void {
    for (let start = 0; start < b.length; start += BYTES) {
      const part = b.subarray(start, Math.min(b.length, start + BYTES));
      if (this.n + 2 > INTS || this.b + part.length > BYTES) this.send(false);
      this.ints[this.n++] = LITERAL;
      this.ints[this.n++] = part.length;
      this.buf.set(part, this.b);
      this.b += part.length;
    }
  }

  text(s: string): void {
    this.bytes(Buffer.from(s, 'utf8'));
  }

  take(): Buffer[] {
    const out = this.received;
    this.received = [];
    this.full = false;
    return out;
  }

  /** Sends the last ops and waits (asleep) for the worker's last output: it is at most a message or two behind. */
  flush(): Buffer[] {
    this.send(true);
    this.lag(0);
    this.receive();
    if (this.sums === null) throw new Error('long.csv: the deflating worker did not finish');
    return this.take();
  }

  deflated(): Deflated {
    if (!this.sums) throw new Error('long.csv: the deflate stream has not ended');
    return this.sums;
  }

  /** Stops the worker (at the end of the export, or when it is abandoned). */
  close(): void {
    this.port.close();
    void this.worker.terminate();
  }

  private define(p: Piece): void {
    const parts = p.parts ?? [];
    for (const part of parts) if (part.id < 0) this.define(part);
    if (this.n + 4 + parts.length > INTS || this.b + p.bytes.length > BYTES) this.send(false);
    p.id = this.pieces++;
    this.ints[this.n++] = DEFINE;
    this.ints[this.n++] = p.id;
    this.ints[this.n++] = parts.length;
    for (const part of parts) this.ints[this.n++] = part.id;
    this.ints[this.n++] = p.bytes.length;
    this.buf.set(p.bytes, this.b);
    this.b += p.bytes.length;
  }

  /** Hands the ops so far to the worker (transferred, not copied), then takes what it has sent back. */
  private send(end: boolean): void {
    // Not too far ahead of the worker.
    this.lag(AHEAD - 1);
    const sent = this.progress[0];
    const ints = this.ints.buffer as ArrayBuffer;
    const bytes = this.buf.buffer as ArrayBuffer;
    this.progress[0] = sent + 1;
    this.port.postMessage({ ints, n: this.n, bytes, b: this.b, end }, [ints, bytes]);
    this.ints = new Int32Array(new ArrayBuffer(INTS * 4));
    this.buf = new Uint8Array(new ArrayBuffer(BYTES));
    this.n = 0;
    this.b = 0;
    this.receive();
  }

  /** Waits (asleep) until at most `messages` sent are not yet done by the worker. */
  private lag(messages: number): void {
    for (;;) {
      const done = Atomics.load(this.progress, 1);
      if (this.progress[0] - done <= messages) return;
      if (Atomics.wait(this.progress, 1, done, this.patienceMs) === 'timed-out')
        throw new Error('long.csv: the deflating worker does not answer');
    }
  }

  private receive(): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) this.accept(m.message as Reply);
    if (this.failure) throw this.failure;
  }

  private accept(m: Reply): void {
    if (m.error !== undefined) this.failure ??= new Error(`long.csv: ${m.error}`);
    m.chunks?.forEach((chunk, k) => this.received.push(Buffer.from(chunk, 0, m.lengths![k])));
    if (m.done) this.sums = { crc: m.crc!, size: m.size! };
    this.full = this.received.length > 0;
  }
}
