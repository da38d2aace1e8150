import { iconvDecode } from '../../iconv.js';
import type { ProblemList } from './problems.js';

import type { ImportEncoding } from '../../../model/values.js';
import { MAX_IMPORT_BYTES } from '../../../model/api/exchange.js';

export { IMPORT_ENCODINGS, type ImportEncoding } from '../../../model/values.js';

/** The largest CSV an import takes: 10,000 rows × 60 answers is about 2 MB. */

export { MAX_IMPORT_BYTES };

export interface Decoded {
  text: string;
  encoding: Exclude<ImportEncoding, 'auto'>;
}

const MAGIC: Array<[bytes: number[], what: string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive or an Excel workbook (.xlsx); save the sheet as CSV first'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel workbook (.xls); save the sheet as CSV first'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF file, not CSV'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database, not CSV'],
  [[0x1f, 0x8b], 'a gzip file; unpack it first'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image, not CSV'],
  [[0xff, 0xd8, 0xff], 'a JPEG image, not CSV'],
];

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** Row (1-based line) of a byte offset, for messages. */
function lineOf(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/**
 * Turns uploaded bytes into text, or says precisely why not. Recognises UTF-8 (with or without
 * byte-order mark), UTF-16 with a byte-order mark, and falls back to Windows-1252 (what Dutch
 * Excel writes as "CSV") when the bytes are not valid UTF-8. Refuses binary files, whatever
 * their name.
 */
export function decodeCsv(bytes: Buffer, declared: ImportEncoding, problems: ProblemList): Decoded | null {
  if (bytes.length === 0) {
    problems.error('EMPTY_FILE', 'The file is empty.');
    return null;
  }
  if (bytes.length > MAX_IMPORT_BYTES) {
    problems.error(
      'FILE_TOO_LARGE',
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB.`,
    );
    return null;
  }
  for (const [magic, what] of MAGIC) {
    if (startsWith(bytes, magic)) {
      problems.error('NOT_CSV', `This is ${what}.`);
      return null;
    }
  }
  let encoding: Decoded['encoding'];
  let body = bytes;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    body = bytes.subarray(2);
  } else if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8';
    body = bytes.subarray(3);
  } else if (declared !== 'auto') {
    encoding = declared;
  } else {
    // UTF-16 without a byte-order mark shows as every other byte zero in ASCII text.
    const sample = bytes.subarray(0, 4096);
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? oddZero++ : evenZero++;
    const half = sample.length / 2;
    if (oddZero > half * 0.3 && evenZero === 0) encoding = 'utf-16le';
    else if (evenZero > half * 0.3 && oddZero === 0) encoding = 'utf-16be';
    else encoding = 'utf-8';
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    problems.warning(
      'ENCODING',
      `The file is ${encoding === 'utf-16le' ? 'UTF-16 little-endian' : 'UTF-16 big-endian'} (as Excel's "Unicode text" writes it); rondo converted it. Check that accented letters look right.`,
    );
    return { text: iconvDecode(body, encoding === 'utf-16le' ? 'utf16-le' : 'utf16-be'), encoding };
  }
  const zero = body.indexOf(0);
  if (zero >= 0) {
    problems.error('BINARY', `The file holds binary data (a zero byte on line ${lineOf(body, zero)}); it is not a CSV text file.`);
    return null;
  }
  let text: string | null = null;
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      if (declared === 'utf-8') {
        problems.error(
          'ENCODING',
          `The file is not valid UTF-8 (first bad byte on line ${lineOf(body, firstInvalidUtf8(body))}). Save it as "CSV UTF-8", or set the encoding to windows-1252.`,
        );
        return null;
      }
      problems.warning(
        'ENCODING',
        `The file is not UTF-8 (first non-UTF-8 byte on line ${lineOf(body, firstInvalidUtf8(body))}); rondo read it as Windows-1252, as Excel writes "CSV (gescheiden door lijstscheidingsteken)". Check that accented letters look right.`,
      );
      encoding = 'windows-1252';
    }
  }
  if (text === null) text = iconvDecode(body, 'win1252');
  // Text files have few control characters; many of them mean a binary file.
  let control = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) control++;
  }
  if (control > n * 0.01) {
    problems.error('BINARY', 'The file holds binary data; it is not a CSV text file.');
    return null;
  }
  return { text, encoding };
}

function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return buf.length;
}
