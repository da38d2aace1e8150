import { iconvDecode } from '../iconv.js';
import type { EncodingChoice } from '../../model/values.js';

/**
 * Turns the bytes of an uploaded file into text, or says why it cannot be read as a table.
 * UTF-8 with or without a byte-order mark, UTF-16 with a BOM (Excel's "Unicode text"), and
 * Windows-1252 (what Dutch Excel writes as "CSV (gescheiden door lijstscheidingsteken)").
 * With `auto`, bytes that are not valid UTF-8 are read as Windows-1252.
 */
export { COHORT_ENCODINGS as ENCODINGS, type EncodingChoice } from '../../model/values.js';

export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-8-bom' | 'utf-16' | 'windows-1252' }
  | { ok: false; code: 'empty' | 'binary' | 'not-utf8'; message: string };

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);

/** Signatures of files people rename to .csv by mistake: xlsx/zip, xls (OLE), pdf, images. */
const SIGNATURES: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'an Excel workbook (.xlsx) or zip archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel workbook (.xls)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF'],
  [[0x89, 0x50, 0x4e, 0x47], 'an image'],
  [[0xff, 0xd8, 0xff], 'an image'],
  [[0x1f, 0x8b], 'a compressed file'],
];

export function decodeCsv(bytes: Buffer, choice: EncodingChoice = 'auto'): DecodeResult {
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    return { ok: false, code: 'empty', message: 'The file is empty.' };
  }
  for (const [sig, what] of SIGNATURES) {
    if (sig.every((b, i) => bytes[i] === b)) {
      return {
        ok: false,
        code: 'binary',
        message: `This is ${what}, not a CSV file. In Excel choose "Save as" → "CSV (comma delimited)" or "CSV UTF-8".`,
      };
    }
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const text = iconvDecode(bytes, bytes[0] === 0xff ? 'utf-16le' : 'utf-16be');
    return looksBinary(text) ? binary() : { ok: true, text: text.replace(/^\ufeff/, ''), encoding: 'utf-16' };
  }
  const hasBom = bytes.subarray(0, 3).equals(BOM8);
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (choice === 'windows-1252') {
    const text = iconvDecode(body, 'win1252');
    return looksBinary(text) ? binary() : { ok: true, text, encoding: 'windows-1252' };
  }
  const utf8 = validUtf8(body);
  if (!utf8 && choice === 'utf-8') {
    return {
      ok: false,
      code: 'not-utf8',
      message: 'The file is not valid UTF-8. Choose Windows-1252 (what Excel usually writes) and try again.',
    };
  }
  const text = utf8 ? body.toString('utf8') : iconvDecode(body, 'win1252');
  if (looksBinary(text)) return binary();
  return { ok: true, text, encoding: utf8 ? (hasBom ? 'utf-8-bom' : 'utf-8') : 'windows-1252' };
}

function binary(): DecodeResult {
  return { ok: false, code: 'binary', message: 'This file does not contain text; it is not a CSV file.' };
}

/** NUL bytes or many control characters mean this is not a text table. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return control > Math.max(8, sample.length / 100);
}

function validUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}
