import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { openData, type OpenedData } from '../../server/data.js';
import { exportContext } from '../../server/exchange/context.js';
import { exportFiles } from '../../server/exchange/export.js';
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

/** Every file of an export, as text, by path (the CSV formats: an .xlsx comes asynchronously). */
export function exportText(
  data: OpenedData,
  slug: string,
  format: ExportFormat,
  options: Partial<ExportOptions> = {},
  contacts = false,
): Record<string, string> {
  const ctx = exportContext(
    data.store.sqlite,
    slug,
    { flavour: 'intl', openText: false, lang: 'nl', ...options },
    new Date('2026-11-23T12:00:00Z'),
  );
  const out: Record<string, string> = {};
  const files = exportFiles(ctx, format, { contacts });
  try {
    // Each piece copied as it comes: a file with `inFlight` fills its buffers again. A file
    // deflated as it is made (the bundle's long.csv) is inflated, and its sums checked.
    for (const f of files) {
      const pieces: Buffer[] = [];
      for (const c of f.produce() as Iterable<string | Buffer>) pieces.push(Buffer.from(c));
      const bytes = f.deflated ? zlib.inflateRawSync(Buffer.concat(pieces)) : Buffer.concat(pieces);
      if (f.deflated && (f.deflated().size !== bytes.length || f.deflated().crc !== zlib.crc32(bytes)))
        throw new Error(`${f.path}: the CRC-32 or size of the deflated file is wrong`);
      out[f.path] = bytes.toString('utf8');
    }
  } finally {
    files.cleanup?.();
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
