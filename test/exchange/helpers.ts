import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { openData, type OpenedData } from '../../server/data.js';
import { exportContext } from '../../server/exchange/context.js';
import { exportFiles, zipStream } from '../../server/exchange/export.js';
import type { ExportFormat, ExportOptions } from '../../server/exchange/formats.js';
import { rawRows } from '../../server/exchange/import/parse.js';

/** A migrated rondo data directory in a temporary folder; `close()` removes it. */
export async function tempData(): Promise<OpenedData & { dir: string; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-exchange-'));
  const data = await openData(dir);
  return {
    ...data,
    dir,
    async close() {
      await data.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const testContext = (data: OpenedData, slug: string, options: Partial<ExportOptions>) =>
  exportContext(data.store.sqlite, slug, { flavour: 'intl', openText: false, lang: 'nl', ...options }, new Date('2026-11-23T12:00:00Z'));

/**
 * Every file of an export, as text, by path (the CSV formats: an .xlsx comes asynchronously, and
 * the bundle's side files wait for their deflaters: bundleText).
 */
export function exportText(
  data: OpenedData,
  slug: string,
  format: ExportFormat,
  options: Partial<ExportOptions> = {},
  contacts = false,
): Record<string, string> {
  const ctx = testContext(data, slug, options);
  const out: Record<string, string> = {};
  const files = exportFiles(ctx, format, { contacts });
  try {
    // Each piece copied as it comes: a file with `inFlight` fills its buffers again.
    for (const f of files) {
      const pieces: Buffer[] = [];
      const content = f.produce();
      if (Symbol.asyncIterator in content) throw new Error(`${f.path} comes asynchronously: read the bundle with bundleText`);
      for (const c of content) pieces.push(Buffer.from(c));
      out[f.path] = Buffer.concat(pieces).toString('utf8');
    }
  } finally {
    files.cleanup?.();
  }
  return out;
}

/**
 * Every file of the bundle, by path, as the zip the export streams (zipStream) holds it: unzipped,
 * each file's CRC-32 and size checked against the zip's central directory.
 */
export async function bundleFiles(
  data: OpenedData,
  slug: string,
  options: Partial<ExportOptions> = {},
  contacts = false,
): Promise<Record<string, Buffer>> {
  const zip = await collect(zipStream(exportFiles(testContext(data, slug, options), 'bundle', { contacts })));
  const sums = centralDirectory(zip);
  const out: Record<string, Buffer> = {};
  for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(zip)))) {
    const entry = Buffer.from(bytes);
    if (sums.get(name)?.crc !== zlib.crc32(entry) || sums.get(name)?.size !== entry.length)
      throw new Error(`${name}: the CRC-32 or size in the zip is wrong`);
    out[name] = entry;
  }
  return out;
}

/** Every file of the bundle, as text, by path (bundleFiles). */
export async function bundleText(
  data: OpenedData,
  slug: string,
  options: Partial<ExportOptions> = {},
  contacts = false,
): Promise<Record<string, string>> {
  const files = await bundleFiles(data, slug, options, contacts);
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, bytes.toString('utf8')]));
}

/** Each entry's CRC-32 and size from a zip's central directory (no ZIP64: the tests' zips are small). */
function centralDirectory(zip: Buffer): Map<string, { crc: number; size: number }> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out = new Map<string, { crc: number; size: number }>();
  for (let at = zip.readUInt32LE(eocd + 16), k = zip.readUInt16LE(eocd + 10); k > 0; k--) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    out.set(name, { crc: zip.readUInt32LE(at + 16), size: zip.readUInt32LE(at + 24) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

/** A CSV's rows as arrays of cells (through the importer's own reader). */
export const rowsOf = (csv: string): string[][] => rawRows(csv.replace(/^\uFEFF/, ''));

/** Collects a stream into a buffer. */
export async function collect(stream: Readable | NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer | string>) parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(parts);
}
