import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { codebookCsv, codebookJson } from './codebook.js';
import { contactsCsv } from './contacts.js';
import type { ExportContext } from './context.js';
import { isXlsxFormat, type ExportFileType, type ExportFormat } from './formats.js';
import { longCsv } from './long.js';
import { bundleReadme } from './readme.js';
import { responseRatesCsv } from './response-rates.js';
import { rScript } from './r-script.js';
import { RoundLines, roundCsv, roundFileName, type RoundSink } from './round.js';
import { spssSyntax } from './spss.js';
import { RING } from './csv.js';
import { wideCsv } from './wide.js';
import { KeptWideRows, wideFromRounds } from './wide-from-rounds.js';
import { KeptRounds } from './kept-rounds.js';
import { zipReadable, type ZipEntry } from './zip.js';
import { Spool } from './spool.js';
import { PieceDeflater } from './piece-deflate.js';
import { savExport, savFromCells } from './sav/export.js';
import { xlsxExport } from './xlsx/export.js';

/**
 * One file of an export. `produce` is called only when the file is written, in order, so a
 * file that depends on an earlier one (the SPSS syntax needs the string widths found while
 * writing the CSV) sees its statistics. `inFlight` and `deflated` say what they say of a zip
 * entry (ZipEntry): a file is one when the export is a zip, and fileStream reads them as well.
 */
export interface ExportFile extends Pick<ZipEntry, 'inFlight' | 'deflated'> {
  path: string;
  /** The content; an .xlsx (a zip itself) comes asynchronously. */
  produce: () => Iterable<string | Buffer> | AsyncIterable<Buffer>;
}

/**
 * An export's files; `cleanup` removes temporary side files should the export stop early;
 * `single` says the export is one file (a CSV, a workbook, a .sav), written as such.
 */
export type ExportFiles = ExportFile[] & { cleanup?: () => void; single?: boolean };

const once = (text: () => string) => () => [text()];

/** The pieces of `pieces`, then `after()` once they have all been taken. */
function* endingWith<T>(pieces: Iterable<T>, after: () => void): Generator<T> {
  yield* pieces;
  after();
}

/** The files a format consists of. `contacts` adds the key list (caller checks permission and audits). */
export function exportFiles(
  ctx: ExportContext,
  format: ExportFormat,
  options: { contacts?: boolean; file?: ExportFileType } = {},
): ExportFiles {
  const files = filesOf(ctx, format, options);
  const dispose = files.cleanup;
  let done = false;
  files.cleanup = () => {
    if (done) return;
    done = true;
    dispose?.();
    ctx.close?.();
  };
  return files;
}

function filesOf(ctx: ExportContext, format: ExportFormat, options: { contacts?: boolean; file?: ExportFileType }): ExportFiles {
  const rounds = ctx.study.rounds.map((r) => ({ path: roundFileName(r), produce: () => roundCsv(ctx, r) }));
  const contacts = options.contacts ? [{ path: 'contacts.csv', produce: () => contactsCsv(ctx) }] : [];
  if (options.file === 'xlsx') {
    if (!isXlsxFormat(format)) throw new Error(`the ${format} export has no Excel version`);
    const xlsx: ExportFiles = [{ path: `${format}.xlsx`, produce: () => xlsxExport(ctx, format, new Date(ctx.at)) }, ...contacts];
    xlsx.single = true;
    return xlsx;
  }
  switch (format) {
    case 'long':
      return [{ path: 'long.csv', produce: () => longCsv(ctx) }, ...contacts];
    case 'wide':
      return [{ path: 'wide.csv', produce: () => wideCsv(ctx) }, ...contacts];
    case 'sav': {
      const sav: ExportFiles = [{ path: 'wide.sav', produce: () => savExport(ctx), inFlight: RING.inFlight }, ...contacts];
      sav.single = true;
      return sav;
    }
    case 'round':
      return [...rounds, ...contacts];
    case 'codebook':
      return [
        { path: 'codebook.csv', produce: () => codebookCsv(ctx) },
        { path: 'codebook.json', produce: once(() => codebookJson(ctx)) },
      ];
    case 'spss':
      return [
        { path: 'wide.csv', produce: () => wideCsv(ctx, { oneLine: true }) },
        { path: 'wide.sps', produce: once(() => spssSyntax(ctx, 'wide.csv')) },
        ...contacts,
      ];
    case 'r':
      return [
        { path: 'wide.csv', produce: () => wideCsv(ctx) },
        { path: 'wide.R', produce: once(() => rScript(ctx, 'wide.csv')) },
        ...contacts,
      ];
    case 'bundle': {
      // One pass over the answers: long.csv writes the round files on the side and keeps each
      // response's round cells as bytes; wide.csv is put together from those cells (with the
      // one-line copy for SPSS on the side); the side files, deflated while they were written,
      // follow as their own entries.
      const spool = new Spool({ oneAtATime: true });
      const sink: RoundSink = { spool, lines: new RoundLines(), kept: new KeptRounds() };
      const wideRows = new KeptWideRows();
      const long = new PieceDeflater();
      const roundNames = ctx.study.rounds.map(roundFileName);
      const side = (path: string, name: string): ExportFile => ({
        path,
        produce: () => spool.deflated(name),
        deflated: () => spool.sums(name),
      });
      const files: ExportFile[] = [
        { path: 'codebook.csv', produce: () => codebookCsv(ctx) },
        { path: 'codebook.json', produce: once(() => codebookJson(ctx)) },
        // Deflated as it is written (piece-deflate.ts). The round files are complete with long.csv,
        // the SPSS copy with wide.csv: ended there, their deflaters finish them while the main thread goes on.
        {
          path: 'long.csv',
          produce: () => endingWith(longCsv(ctx, sink, long), () => roundNames.forEach((n) => spool.end(n))),
          deflated: () => long.deflated(),
        },
        // The .sav is made from this wide file's rows (the responses' kept cells, read as typed cells).
        {
          path: 'wide.csv',
          produce: () =>
            endingWith(wideFromRounds(ctx, sink, { spool, name: 'spss-wide.csv' }, wideRows), () => spool.end('spss-wide.csv')),
          inFlight: RING.inFlight,
        },
        { path: 'wide.R', produce: once(() => rScript(ctx, 'wide.csv')) },
        ...roundNames.map((name) => side(`rounds/${name}`, name)),
        { path: 'response-rates.csv', produce: () => responseRatesCsv(ctx) },
        side('spss/wide.csv', 'spss-wide.csv'),
        { path: 'spss/wide.sps', produce: once(() => spssSyntax(ctx, 'wide.csv')) },
        { path: 'spss/wide.sav', produce: () => savFromCells(ctx, wideRows), inFlight: RING.inFlight },
        ...contacts,
      ];
      const names = ['README.md', ...files.map((f) => f.path)];
      const all: ExportFiles = [{ path: 'README.md', produce: once(() => bundleReadme(ctx, names, !!options.contacts)) }, ...files];
      all.cleanup = () => spool.dispose();
      return all;
    }
  }
}

/** Formats that are one CSV file; the others are several files (a directory, or a zip over HTTP). */
export const SINGLE_FILE_FORMATS: ReadonlySet<ExportFormat> = new Set(['long', 'wide']);

/** Whether an export is one file (written as `out`, sent as itself) rather than a folder or zip. */
export const isSingleFile = (files: ExportFiles, format: ExportFormat): boolean => files.single ?? SINGLE_FILE_FORMATS.has(format);

/** A readable stream of one file, with backpressure: the generator runs only as fast as it is read. */
export function fileStream(file: ExportFile): Readable {
  if (file.deflated) throw new Error(`${file.path} is deflated for a zip; it is not written as a file of its own`);
  const content = file.produce();
  // A stream may hold pieces after asking for more: a reused buffer is copied.
  if (file.inFlight !== undefined && !(Symbol.asyncIterator in content))
    return Readable.from(
      (function* () {
        for (const chunk of content) yield Buffer.from(chunk);
      })(),
      { objectMode: false },
    );
  if (Symbol.asyncIterator in content) return Readable.from(content, { objectMode: false });
  return Readable.from(
    (function* () {
      for (const chunk of content) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    })(),
    { objectMode: false },
  );
}

/** A stream of one file of an export, which ends the export (its connection, its side files) when it ends or is destroyed. */
export function singleStream(files: ExportFiles): Readable {
  return endsExport(fileStream(files[0]), files);
}

/** A zip of the files, streamed (zip.ts). Entries are written one after the other, in order. */
export function zipStream(files: ExportFiles, mtime = new Date()): Readable {
  return endsExport(
    zipReadable(
      files.map(({ path, produce, ...how }) => ({ name: path, data: produce, ...how })),
      mtime,
    ),
    files,
  );
}

function endsExport(out: Readable, files: ExportFiles): Readable {
  if (files.cleanup) {
    out.once('end', files.cleanup);
    out.once('close', files.cleanup);
    out.once('error', files.cleanup);
  }
  return out;
}

/** Writes a file through a temporary name, so a failed export leaves no half file behind. */
export async function writeFileAtomic(target: string, source: Readable): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const part = `${target}.part-${process.pid}`;
  try {
    // Up to 1 MB waits while a write is under way and goes out as one writev: the bundle's ~14 MB
    // in pieces of 64–256 kB cost ~25 ms of this thread as one write each.
    await pipeline(source, fs.createWriteStream(part, { highWaterMark: 1 << 20 }));
    fs.renameSync(part, target);
  } catch (err) {
    fs.rmSync(part, { force: true });
    throw err;
  }
}

/**
 * Writes an export to disk: a single-file format to `out` as a file, the bundle to `out` as a
 * zip, any other format into the directory `out`. Returns the paths written.
 */
export async function writeExport(files: ExportFiles, format: ExportFormat, out: string): Promise<string[]> {
  try {
    if (format === 'bundle') {
      await writeFileAtomic(out, zipStream(files));
      return [out];
    }
    if (isSingleFile(files, format)) {
      // The CSV (workbook, .sav) goes to `out`; a key list asked for as well goes next to it.
      await writeFileAtomic(out, fileStream(files[0]));
      const written = [out];
      for (const f of files.slice(1)) {
        const target = path.join(path.dirname(out), f.path);
        await writeFileAtomic(target, fileStream(f));
        written.push(target);
      }
      return written;
    }
    const written: string[] = [];
    for (const f of files) {
      const target = path.join(out, f.path);
      await writeFileAtomic(target, fileStream(f));
      written.push(target);
    }
    return written;
  } finally {
    files.cleanup?.();
  }
}
