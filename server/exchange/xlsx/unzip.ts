import { Inflate } from 'fflate';

/**
 * Reading the parts of an .xlsx (a zip) with our own limits, so a hostile file costs little:
 * the central directory is read here, and each part is inflated with fflate's streaming
 * Inflate while its bytes are counted, stopping at once past the limits instead of trusting
 * the sizes the zip declares.
 */

/** The most an .xlsx may unpack to, all parts read together. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** A part that unpacks to more than this many times its packed size (and past 1 MB) is a zip bomb. */
export const MAX_RATIO = 250;

export class XlsxZipError extends Error {
  constructor(
    readonly code: 'BROKEN' | 'ZIP_BOMB',
    message: string,
  ) {
    super(message);
    this.name = 'XlsxZipError';
  }
}

export interface ZipPart {
  name: string;
  method: number;
  packed: number;
  offset: number;
}

/** The entries of a zip, from its central directory. */
export function zipParts(bytes: Uint8Array): Map<string, ZipPart> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const broken = (why: string) => new XlsxZipError('BROKEN', `The file is not a readable .xlsx (a damaged zip: ${why}).`);
  let eocd = -1;
  for (let i = view.length - 22; i >= Math.max(0, view.length - 65557); i--) {
    if (view.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken('no end of central directory');
  const count = view.readUInt16LE(eocd + 10);
  let at = view.readUInt32LE(eocd + 16);
  if (at === 0xffffffff || count === 0xffff) throw broken('ZIP64 is not expected in a spreadsheet of this size');
  const parts = new Map<string, ZipPart>();
  for (let k = 0; k < count; k++) {
    if (at + 46 > view.length || view.readUInt32LE(at) !== 0x02014b50) throw broken('a central directory record is missing');
    const method = view.readUInt16LE(at + 10);
    const packed = view.readUInt32LE(at + 20);
    const nameLength = view.readUInt16LE(at + 28);
    const extra = view.readUInt16LE(at + 30);
    const comment = view.readUInt16LE(at + 32);
    const local = view.readUInt32LE(at + 42);
    const name = view.toString('utf8', at + 46, at + 46 + nameLength);
    if (local + 30 > view.length || view.readUInt32LE(local) !== 0x04034b50) throw broken(`the entry ${name} is missing`);
    const offset = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
    if (offset + packed > view.length) throw broken(`the entry ${name} is cut short`);
    parts.set(name.replace(/^\//, ''), { name, method, packed, offset });
    at += 46 + nameLength + extra + comment;
  }
  return parts;
}

/** Unpacks parts within one budget of bytes (MAX_UNPACKED_BYTES for the whole file). */
export class Unpacker {
  private used = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly limit = MAX_UNPACKED_BYTES,
  ) {}

  /** A part's bytes; throws XlsxZipError when the part is damaged or unpacks past the limits. */
  read(part: ZipPart): Uint8Array {
    const pieces: Uint8Array[] = [];
    let size = 0;
    this.each(part, (chunk) => {
      pieces.push(chunk);
      size += chunk.length;
    });
    if (pieces.length === 1) return pieces[0];
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of pieces) out.set(p, at), (at += p.length);
    return out;
  }

  /**
   * A part's bytes piece by piece as they are unpacked (a sheet is read without holding all its
   * XML), within the same limits; throws XlsxZipError as `read` does.
   */
  each(part: ZipPart, sink: (chunk: Uint8Array) => void): void {
    const data = this.bytes.subarray(part.offset, part.offset + part.packed);
    if (part.method === 0) {
      this.count(part, data.length, data.length);
      sink(data);
      return;
    }
    if (part.method !== 8)
      throw new XlsxZipError('BROKEN', `The part ${part.name} is packed with method ${part.method}, which .xlsx files do not use.`);
    let size = 0;
    // What the sink throws (a refusal of the XML) goes out as it is, not as a damaged part.
    let refusal: unknown = null;
    const inflate = new Inflate((chunk) => {
      size += chunk.length;
      this.count(part, size, chunk.length);
      try {
        sink(chunk);
      } catch (err) {
        refusal = err;
        throw err;
      }
    });
    try {
      const step = 1 << 16;
      if (!data.length) inflate.push(data, true);
      for (let i = 0; i < data.length; i += step) inflate.push(data.subarray(i, i + step), i + step >= data.length);
    } catch (err) {
      if (err instanceof XlsxZipError || (refusal !== null && err === refusal)) throw err;
      throw new XlsxZipError('BROKEN', `The part ${part.name} cannot be unpacked (${(err as Error).message}).`);
    }
  }

  private count(part: ZipPart, size: number, added: number): true {
    this.used += added;
    if (this.used > this.limit)
      throw new XlsxZipError(
        'ZIP_BOMB',
        `The file unpacks to more than ${this.limit / 1048576} MB; it is refused (a zip bomb, or far too large).`,
      );
    if (size > 1 << 20 && size > MAX_RATIO * Math.max(1, part.packed))
      throw new XlsxZipError(
        'ZIP_BOMB',
        `The part ${part.name} unpacks to more than ${MAX_RATIO} times its packed size; the file is refused as a zip bomb.`,
      );
    return true;
  }
}
