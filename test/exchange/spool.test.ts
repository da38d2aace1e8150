import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BENCH_SLUG, writeBenchStudy } from '../../bench/exchange.js';
import { exportContext } from '../../server/exchange/context.js';
import { exportFiles, writeExport, zipStream } from '../../server/exchange/export.js';
import { Spool } from '../../server/exchange/spool.js';
import { KeptRounds } from '../../server/exchange/kept-rounds.js';
import { longCsv } from '../../server/exchange/long.js';
import { PieceDeflater } from '../../server/exchange/piece-deflate.js';
import { RoundLines } from '../../server/exchange/round.js';
import { zipReadable } from '../../server/exchange/zip.js';
import { collect, tempData } from './helpers.js';

/**
 * The bundle's side files are deflated while they are written (spool.ts). Each test gets a
 * temporary directory of its own as TMPDIR, where the spool makes its `rondo-export-` folder, so
 * that what an export leaves behind can be seen.
 */
type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
let tmp: string;
const TMPDIR = process.env.TMPDIR;

beforeAll(async () => {
  data = await tempData();
  // Round files of ~630 kB, the SPSS copy and wide.csv ~1.7 MB, long.csv ~29 MB: the side files are
  // several of the deflater's 256 kB pieces, and wide.csv more than the zip deflater takes ahead (1 MB).
  writeBenchStudy(data.store.sqlite, 3000);
});

afterAll(async () => {
  await data?.close();
});

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-spool-test-'));
  process.env.TMPDIR = tmp;
});

afterEach(() => {
  vi.restoreAllMocks();
  if (TMPDIR === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = TMPDIR;
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Everything under the test's TMPDIR. */
const leftovers = () => fs.readdirSync(tmp, { recursive: true });

const bundle = () =>
  exportFiles(
    exportContext(data.store.sqlite, BENCH_SLUG, { flavour: 'nl', openText: true, lang: 'nl' }, new Date('2026-12-06T08:00:00Z')),
    'bundle',
  );

describe('a spool', () => {
  it('deflates each side file while it is written, to the bytes written, with their CRC-32 and size', async () => {
    const spool = new Spool();
    const written: Record<string, Buffer[]> = { 'a.csv': [], 'b.csv': [] };
    // Pieces of odd sizes, two files in turn, past several of the deflater's pieces.
    for (let i = 0; i < 100_000; i++) {
      const name = i % 3 ? 'a.csv' : 'b.csv';
      const text = `${i};"regel ${'é'.repeat(i % 17)}";${i * 7}\r\n`;
      if (i % 2) spool.write(name, text);
      else spool.writeBytes(name, Buffer.from(text));
      written[name].push(Buffer.from(text));
    }
    expect(spool.position('a.csv')).toBe(Buffer.concat(written['a.csv']).length);
    for (const name of ['a.csv', 'b.csv']) {
      const raw = Buffer.concat(written[name]);
      expect(raw.length).toBeGreaterThan(3 << 18);
      const deflated = await gather(spool.deflated(name));
      expect(zlib.inflateRawSync(deflated).equals(raw)).toBe(true);
      expect(spool.sums(name)).toEqual({ crc: zlib.crc32(raw), size: raw.length });
    }
    // Read files are removed; dispose() removes the folder.
    expect(leftovers()).toHaveLength(1);
    spool.dispose();
    await spool.settled();
    expect(leftovers()).toEqual([]);
  });

  it('one file at a time: a file has ended, and is deflated, once the next is begun', async () => {
    const spool = new Spool({ oneAtATime: true });
    const rows = (k: number) => Array.from({ length: 20_000 }, (_, i) => `${k};${i};${i % 7}\r\n`).join('');
    spool.write('round-pre.csv', rows(1));
    spool.write('round-post.csv', rows(2));
    // round-pre.csv (less than one of the deflater's pieces) is complete without being asked for:
    // its deflater takes it whole on its own.
    await vi.waitFor(() => expect(spool.sums('round-pre.csv').size).toBe(rows(1).length), { timeout: 5000 });
    expect(spool.sums('round-post.csv').size).toBe(0);
    expect(zlib.inflateRawSync(await gather(spool.deflated('round-pre.csv'))).toString()).toBe(rows(1));
    expect(() => spool.write('round-pre.csv', rows(1))).toThrow('round-pre.csv has ended');
    expect(zlib.inflateRawSync(await gather(spool.deflated('round-post.csv'))).toString()).toBe(rows(2));
    spool.dispose();
  });

  it('deflates a file of a header only, and an empty one', async () => {
    const spool = new Spool();
    spool.write('kop.csv', 'participant;round\r\n');
    spool.write('leeg.csv', '');
    expect(zlib.inflateRawSync(await gather(spool.deflated('kop.csv'))).toString()).toBe('participant;round\r\n');
    expect(zlib.inflateRawSync(await gather(spool.deflated('leeg.csv'))).length).toBe(0);
    expect(spool.sums('leeg.csv')).toEqual({ crc: 0, size: 0 });
    spool.dispose();
  });
});

describe('the bundle with its side files deflated while written', () => {
  it('is complete, and leaves no temporary file behind', async () => {
    const zip = await collect(zipStream(bundle()));
    expect(zip.length).toBeGreaterThan(1 << 20);
    expect(leftovers()).toEqual([]);
  });

  // Stopped while the round files are written and deflated (long.csv), while the SPSS copy is
  // (wide.csv: the fourth deflater), in a round file's entry (copied) and in the .sav.
  const stops: [string, (read: number, deflaters: number, zip: Buffer) => boolean][] = [
    ['in long.csv', (_, deflaters) => deflaters >= 1],
    ['in wide.csv', (_, deflaters) => deflaters >= 4],
    ['in rounds/round-mid.csv', (read, _, zip) => read > middleOf(zip, 'rounds/round-mid.csv')],
    ['in spss/wide.sav', (read, _, zip) => read > middleOf(zip, 'spss/wide.sav')],
  ];
  it.each(stops)('stopped %s, leaves no file and no deflater running', async (_, stop) => {
    const full = await collect(zipStream(bundle()));
    const made = vi.spyOn(Spool, 'deflater');
    const disposed = vi.spyOn(Spool.prototype, 'dispose');
    const stream = zipStream(bundle());
    let read = 0;
    for await (const chunk of stream) {
      read += (chunk as Buffer).length;
      if (stop(read, made.mock.calls.length, full)) break;
    }
    expect(read).toBeLessThan(full.length);
    // Breaking out of the loop destroyed the stream (with an AbortError), which ends the export once it has closed.
    expect(stream.destroyed).toBe(true);
    if (!stream.closed) await new Promise((resolve) => stream.once('close', resolve));
    expect(disposed).toHaveBeenCalledTimes(1);
    expect(made).toHaveBeenCalled();
    const settled = (disposed.mock.contexts[0] as Spool).settled().then(() => 'settled');
    expect(await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 5000, 'still running'))])).toBe('settled');
    for (const result of made.mock.results) expect((result.value as Transform).destroyed).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('fails cleanly when a side file cannot be deflated: no zip, no temporary file', async () => {
    vi.spyOn(Spool, 'deflater').mockImplementation(
      () =>
        new Transform({
          transform(_chunk, _encoding, callback) {
            callback(new Error('no space left on device'));
          },
        }),
    );
    const disposed = vi.spyOn(Spool.prototype, 'dispose');
    const out = path.join(data.dir, 'bundle.zip');
    await expect(writeExport(bundle(), 'bundle', out)).rejects.toThrow('no space left on device');
    expect(fs.readdirSync(data.dir).filter((f) => f.startsWith('bundle.zip'))).toEqual([]);
    await (disposed.mock.contexts[0] as Spool).settled();
    expect(leftovers()).toEqual([]);
  });
});

describe("the bundle's long.csv, deflated on the export's own thread", () => {
  it('pauses at least every 64 responses, and the zip lets the event loop turn at each pause', async () => {
    const ctx = exportContext(data.store.sqlite, BENCH_SLUG, { flavour: 'nl', openText: true, lang: 'nl' });
    const sink = { spool: new Spool({ oneAtATime: true }), lines: new RoundLines(), kept: new KeptRounds() };
    const pieces = [...longCsv(ctx, sink, new PieceDeflater())];
    sink.spool.dispose();
    await sink.spool.settled();
    // 9,000 responses: output (a block of ~30,000 lines) or an empty piece, a pause, every 64.
    expect(ctx.stats.responses).toBe(9000);
    expect(pieces.length).toBeGreaterThanOrEqual(Math.floor(9000 / 64));
    expect(pieces.filter((p) => p.length === 0).length).toBeGreaterThan(100);

    // The zip copies the pieces, turning the event loop at each empty one (counted by a loop of
    // setImmediate), and leaves them out of the entry.
    const PAUSE = Buffer.alloc(0);
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const a = Buffer.from('abc');
    const zip = await collect(zipReadable([{ name: 'x', data: () => [a, PAUSE, PAUSE, PAUSE, a], deflated: () => ({ crc: 1, size: 2 }) }]));
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(zip.includes(Buffer.from('abcabc'))).toBe(true);
  });
});

/** The offset of the middle of an entry's data in a zip (its local header's offset and compressed size, ZIP32). */
function middleOf(zip: Buffer, name: string): number {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  for (let at = zip.readUInt32LE(eocd + 16), k = zip.readUInt16LE(eocd + 10); k > 0; k--) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) return zip.readUInt32LE(at + 42) + zip.readUInt32LE(at + 20) / 2;
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} is not in the zip`);
}

/** A side file's deflated pieces, together. */
async function gather(pieces: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of pieces) out.push(piece);
  return Buffer.concat(out);
}
