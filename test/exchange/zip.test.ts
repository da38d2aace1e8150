import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { ByteChunker, RING } from '../../server/exchange/csv.js';
import { zipReadable } from '../../server/exchange/zip.js';
import { collect } from './helpers.js';

/** Entries of a zip through its central directory: name, CRC-32 and the inflated content. */
function readZip(zip: Buffer): { name: string; crc: number; content: Buffer }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out: { name: string; crc: number; content: Buffer }[] = [];
  for (let at = zip.readUInt32LE(eocd + 16), n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const content = zlib.inflateRawSync(zip.subarray(start, start + compressed));
    expect(content.length).toBe(zip.readUInt32LE(at + 24));
    // The data descriptor after the data repeats CRC-32 and sizes.
    expect([zip.readUInt32LE(start + compressed), zip.readUInt32LE(start + compressed + 4)]).toEqual([0x08074b50, crc]);
    out.push({ name, crc, content });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe('the zip writer', () => {
  const big = Buffer.alloc(3 << 20, 'participant;round;variable;1\r\n');
  const entries = [
    { name: 'README.md', data: () => ['# één\n', 'twee\n'] },
    { name: 'leeg.csv', data: () => [] },
    {
      name: 'map/groot.csv',
      data: () =>
        (function* () {
          for (let i = 0; i < big.length; i += 65536) yield big.subarray(i, i + 65536);
        })(),
    },
    { name: 'café.txt', data: () => [Buffer.from('ok')] },
  ];

  it('writes every entry in order with its name, content and CRC-32', async () => {
    const zip = await collect(zipReadable(entries, new Date('2026-11-23T12:00:00Z')));
    const read = readZip(zip);
    expect(read.map((e) => e.name)).toEqual(['README.md', 'leeg.csv', 'map/groot.csv', 'café.txt']);
    expect(read[0].content.toString('utf8')).toBe('# één\ntwee\n');
    expect(read[1].content.length).toBe(0);
    expect(read[2].content.equals(big)).toBe(true);
    expect(read[2].crc).toBe(zlib.crc32(big));
    expect(read[3].content.toString()).toBe('ok');
  });

  it('deflates every piece of a source that fills its buffers again before they are written over', async () => {
    // Rows of varied bytes (nothing for deflate to lean on), as long.csv writes them: into a
    // ring of buffers (ByteChunker), or read back into one buffer (inFlight 0, Spool.read).
    const rows = Array.from({ length: 60_000 }, (_, i) => `p${i};${(i * 7919) % 10007};${Math.sin(i).toFixed(9)}\r\n`);
    const expected = Buffer.from(rows.join(''));
    const ring = function* () {
      const out = new ByteChunker(1 << 14, RING.buffers);
      for (const row of rows) {
        out.text(row);
        if (out.full) yield* out.take();
      }
      yield* out.flush();
    };
    const oneBuffer = function* () {
      const buf = Buffer.alloc(1 << 14);
      for (let at = 0; at < expected.length; at += buf.length) {
        const n = expected.copy(buf, 0, at, at + buf.length);
        yield buf.subarray(0, n);
        buf.fill(0x21); // written over as soon as the next piece is asked for
      }
    };
    const zip = await collect(
      zipReadable([
        { name: 'ring.csv', data: ring, inFlight: RING.inFlight },
        { name: 'one.csv', data: oneBuffer, inFlight: 0 },
      ]),
    );
    expect(expected.length).toBeGreaterThan(40 * (1 << 14));
    for (const entry of readZip(zip)) {
      expect([entry.name, entry.content.equals(expected)]).toEqual([entry.name, true]);
      expect(entry.crc).toBe(zlib.crc32(expected));
    }
  });

  it.skipIf(!fs.existsSync('/usr/bin/unzip'))('is a zip that Info-ZIP unzip tests without errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-zip-'));
    try {
      const file = path.join(dir, 'x.zip');
      fs.writeFileSync(file, await collect(zipReadable(entries)));
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops producing an entry when the stream is destroyed', async () => {
    let produced = 0;
    let closed = false;
    const endless = function* () {
      try {
        for (;;) {
          produced++;
          yield Buffer.alloc(65536, produced);
        }
      } finally {
        closed = true;
      }
    };
    const stream = zipReadable([{ name: 'endless.csv', data: endless }]);
    for await (const _ of stream) {
      stream.destroy();
      break;
    }
    // Closing runs on a later turn; poll instead of a fixed wait, which a loaded machine outlasts.
    await vi.waitFor(() => expect(closed).toBe(true), { timeout: 5000, interval: 10 });
    expect(produced).toBeLessThan(100);
  });

  it('passes on an error of an entry as an error of the stream', async () => {
    const failing = function* () {
      yield 'a';
      throw new Error('the export broke');
    };
    await expect(collect(zipReadable([{ name: 'x.csv', data: failing }]))).rejects.toThrow('the export broke');
  });
});
