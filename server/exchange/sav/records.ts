/**
 * The records of an SPSS system file (.sav), as GNU PSPP's developer guide documents them
 * ("System File Format": file header, variable records, value labels, the type 7 extension
 * records, the dictionary end, the data). Little-endian, 8-byte values, UTF-8 text.
 */
import { RING } from '../csv.js';

/** One variable of the file as the records see it: a numeric (width 0) or a string of up to 32,767 bytes. */
export interface SavVariable {
  /** The name users see (record 7, subtype 13): at most 64 bytes. */
  name: string;
  /** The 8-byte name of the variable records, upper case, unique. */
  short: string;
  /** 0 for a number, else the string's width in bytes. */
  width: number;
  label: string;
  /** Print and write format: F w.d for a number (A w for a string is derived). */
  format?: { width: number; decimals: number };
  valueLabels: { value: number; label: string }[];
  /** A string variable's value labels (a cohort attribute's allowed values, the groups); values wider than the variable are left out. */
  stringValueLabels?: { value: string; label: string }[];
  /** Discrete missing values (at most three). */
  missing: number[];
  measure: 'nominal' | 'ordinal' | 'scale';
}

/** Strings wider than this are "very long strings": segments of 255 bytes (record 7, subtype 14). */
export const MAX_SHORT_STRING = 255;
export const MAX_STRING = 32_767;
/** Byte limits SPSS sets on labels. */
export const VARIABLE_LABEL_BYTES = 250;
export const VALUE_LABEL_BYTES = 120;

const SYSMIS = -Number.MAX_VALUE;

/** The segment widths of a string variable: one for a short string, 255, 255, …, rest for a very long one. */
export function segments(width: number): number[] {
  if (width <= MAX_SHORT_STRING) return [width];
  const n = Math.floor((width + 251) / 252);
  return [...Array.from({ length: n - 1 }, () => 255), width - (n - 1) * 252];
}

/** 8-byte slots a variable takes in a case. */
export function slotsOf(width: number): number {
  return width === 0 ? 1 : segments(width).reduce((n, w) => n + Math.ceil(w / 8), 0);
}

/** UTF-8 bytes of a text, cut at a character boundary to at most `max` bytes. */
export function utf8Cut(text: string, max: number): Buffer {
  const b = Buffer.from(text, 'utf8');
  if (b.length <= max) return b;
  let end = max;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that did not fit.
  while (end > 0 && (b[end] & 0xc0) === 0x80) end--;
  return b.subarray(0, end);
}

/** Writes records into a growing buffer. */
class Out {
  private parts: Buffer[] = [];
  int(...values: number[]): this {
    const b = Buffer.alloc(4 * values.length);
    values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
    this.parts.push(b);
    return this;
  }
  double(...values: number[]): this {
    const b = Buffer.alloc(8 * values.length);
    values.forEach((v, i) => b.writeDoubleLE(v, 8 * i));
    this.parts.push(b);
    return this;
  }
  /** Bytes padded with spaces to `size`. */
  text(text: string | Buffer, size: number): this {
    const b = Buffer.alloc(size, 0x20);
    (typeof text === 'string' ? utf8Cut(text, size) : text.subarray(0, size)).copy(b);
    this.parts.push(b);
    return this;
  }
  bytes(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const FORMAT_A = 1;
const FORMAT_F = 5;
const formatOf = (type: number, width: number, decimals: number) => (type << 16) | (width << 8) | decimals;

export interface SavHeader {
  /** Creation time, written as "dd mmm yy" and "hh:mm:ss" (UTC). */
  at: Date;
  label: string;
  cases: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Everything before the data: header, variables, value labels, extension records, end of dictionary. */
export function dictionary(vars: SavVariable[], header: SavHeader): Buffer {
  const out = new Out();
  const slots = vars.reduce((n, v) => n + slotsOf(v.width), 0);
  const d = header.at;
  out
    .text('$FL2', 4)
    .text('@(#) SPSS DATA FILE rondo', 60)
    .int(2, slots, 1 /* bytecode compression */, 0 /* no weight */, header.cases)
    .double(100 /* compression bias */)
    .text(`${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCFullYear() % 100)}`, 9)
    .text(`${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`, 8)
    .text(header.label, 64)
    .bytes(Buffer.alloc(3));

  // Variable records: one per string segment, each followed by a continuation record per further 8 bytes.
  const index: number[] = []; // 1-based slot index of each variable's first record, for the value labels
  const displays: { measure: number; width: number; align: number }[] = [];
  const vlsEntries: string[] = [];
  let slot = 1;
  let shortCount = 0;
  for (const v of vars) {
    index.push(slot);
    const parts = v.width === 0 ? [0] : segments(v.width);
    parts.forEach((w, s) => {
      const first = s === 0;
      const label = first && v.label ? utf8Cut(v.label, VARIABLE_LABEL_BYTES) : null;
      const missing = first && v.width === 0 ? v.missing.slice(0, 3) : [];
      const format = w === 0 ? formatOf(FORMAT_F, v.format?.width ?? 8, v.format?.decimals ?? 0) : formatOf(FORMAT_A, Math.min(w, 255), 0);
      // A later segment needs a short name of its own, unique like the others.
      const short = first ? v.short : `S${(++shortCount).toString(36).toUpperCase().padStart(4, '0')}SEG`;
      out.int(2, w, label ? 1 : 0, missing.length, format, format).text(short, 8);
      if (label) out.int(label.length).text(label, Math.ceil(label.length / 4) * 4);
      if (missing.length) out.double(...missing);
      for (let k = 1; k < Math.ceil(w / 8); k++) out.int(2, -1, 0, 0, 0, 0).text('', 8);
      slot += w === 0 ? 1 : Math.ceil(w / 8);
      const measure = v.measure === 'scale' ? 3 : v.measure === 'ordinal' ? 2 : 1;
      displays.push({ measure, width: w === 0 ? 8 : Math.min(w, 40), align: w === 0 ? 1 : 0 });
    });
    if (v.width > MAX_SHORT_STRING) vlsEntries.push(`${v.short}=${String(v.width).padStart(5, '0')}\u0000\t`);
  }

  // Value labels: a type 3 record with the labels, then a type 4 record naming the variables.
  vars.forEach((v, i) => {
    if (v.width !== 0 || !v.valueLabels.length) return;
    out.int(3, v.valueLabels.length);
    for (const l of v.valueLabels) {
      const label = utf8Cut(l.label, VALUE_LABEL_BYTES);
      // The label's length byte and text fill a multiple of 8 bytes.
      const size = Math.ceil((label.length + 1) / 8) * 8;
      const b = Buffer.alloc(size, 0x20);
      b[0] = label.length;
      label.copy(b, 1);
      out.double(l.value).bytes(b);
    }
    out.int(4, 1, index[i]);
  });
  // String value labels: a short string's (at most 8 bytes) as a type 3 record with the value in
  // its 8 bytes; a longer string's in the long string value labels record (subtype 21) below.
  const longLabels: SavVariable[] = [];
  vars.forEach((v, i) => {
    const labels = (v.stringValueLabels ?? []).filter((l) => Buffer.byteLength(l.value, 'utf8') <= v.width);
    if (v.width === 0 || !labels.length) return;
    if (v.width > 8) return void longLabels.push({ ...v, stringValueLabels: labels });
    out.int(3, labels.length);
    for (const l of labels) {
      const label = utf8Cut(l.label, VALUE_LABEL_BYTES);
      const b = Buffer.alloc(Math.ceil((label.length + 1) / 8) * 8, 0x20);
      b[0] = label.length;
      label.copy(b, 1);
      out.text(l.value, 8).bytes(b);
    }
    out.int(4, 1, index[i]);
  });

  // Machine integer info (subtype 3): version, IEEE 754, little-endian, code page 65001 (UTF-8).
  out.int(7, 3, 4, 8, 1, 0, 0, -1, 1, 1, 2, 65001);
  // Machine floating-point info (subtype 4): system missing, HIGHEST, LOWEST.
  const lowest = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0xff]); // the double just above -DBL_MAX
  out.int(7, 4, 8, 3).double(SYSMIS, Number.MAX_VALUE).bytes(lowest);
  // Variable display parameters (subtype 11): measurement level, column width, alignment, per segment.
  out.int(7, 11, 4, displays.length * 3);
  for (const p of displays) out.int(p.measure, p.width, p.align);
  // Long variable names (subtype 13): SHORT=Long, separated by tabs.
  const names = Buffer.from(vars.map((v) => `${v.short}=${v.name}`).join('\t'), 'utf8');
  out.int(7, 13, 1, names.length).bytes(names);
  // Very long strings (subtype 14): SHORT=width, each ended by NUL and tab.
  if (vlsEntries.length) {
    const vls = Buffer.from(vlsEntries.join(''), 'utf8');
    out.int(7, 14, 1, vls.length).bytes(vls);
  }
  // Character encoding (subtype 20).
  out.int(7, 20, 1, 5).text('UTF-8', 5);
  // Long string value labels (subtype 21): per variable its long name, width and labels, each value padded to the width.
  if (longLabels.length) {
    const body = new Out();
    for (const v of longLabels) {
      const name = Buffer.from(v.name, 'utf8');
      body.int(name.length).bytes(name).int(v.width, v.stringValueLabels!.length);
      for (const l of v.stringValueLabels!) {
        const label = utf8Cut(l.label, VALUE_LABEL_BYTES);
        body.int(v.width).text(l.value, v.width).int(label.length).bytes(label);
      }
    }
    const bytes = body.done();
    out.int(7, 21, 1, bytes.length).bytes(bytes);
  }
  out.int(999, 0);
  return out.done();
}

/**
 * The cases, bytecode-compressed: a block of eight one-byte codes, then the 8-byte values the
 * codes call for. 1–251: the number code − 100; 253: an uncompressed value follows; 254: eight
 * spaces; 255: system missing; 0: padding.
 */
export class CaseWriter {
  /**
   * A ring of buffers (csv.ts RING): what `take` hands out stays as it is while the next pieces
   * are written into the next buffers, so that a zip entry can keep RING.inFlight of them with its
   * deflater and the deflate runs beside the writing instead of between its pieces.
   */
  private readonly ring: Buffer[] = [Buffer.allocUnsafe(1 << 17)];
  private turn = 0;
  private buf = this.ring[0];
  private pos = 0;
  private block = -1;
  private used = 8;
  // A string's bytes: at most 3 per UTF-16 unit of a value no longer than the widest string allows.
  private scratch = Buffer.allocUnsafe(4 * MAX_STRING);
  /** Room a case can take at most: each slot a code and 8 bytes. */
  private readonly need: number;

  constructor(private readonly vars: SavVariable[]) {
    this.need = 9 * vars.reduce((n, v) => n + slotsOf(v.width), 0) + 16;
  }

  private code(c: number): void {
    if (this.used === 8) {
      this.block = this.pos;
      for (let b = 0; b < 8; b++) this.buf[this.pos + b] = 0;
      this.pos += 8;
      this.used = 0;
    }
    this.buf[this.block + this.used++] = c;
  }

  /** One case: a number or null per numeric variable, a text or null per string variable. */
  add(values: readonly (number | string | null)[]): void {
    this.begin();
    for (let i = 0; i < this.vars.length; i++) this.value(i, values[i]);
  }

  /**
   * Starts a case whose values follow one by one, in variable order: `value` for each variable, or
   * `small` for a numeric one holding a whole number from -99 to 151 (what `value` would write for it).
   */
  begin(): void {
    this.settle();
    const need = this.need;
    if (this.pos + need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + need));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = this.ring[this.turn] = bigger;
    }
  }

  /** A numeric variable's whole value from -99 to 151: its code alone (compression bias 100). */
  small(x: number): void {
    this.code(x + 100);
  }

  /** Variable `i`'s value in the case begun: a number or null for a numeric variable, a text or null for a string one. */
  value(i: number, value: number | string | null): void {
    const v = this.vars[i];
    if (v.width === 0) {
      const x = typeof value === 'number' ? value : value === null || value === '' ? null : Number(value);
      if (x === null || !Number.isFinite(x)) this.code(255);
      else if (Number.isInteger(x) && x >= -99 && x <= 151) this.code(x + 100);
      else {
        this.code(253);
        this.buf.writeDoubleLE(x, this.pos);
        this.pos += 8;
      }
      return;
    }
    // The value's bytes, cut to the width at a character boundary, in a scratch buffer (no allocation per cell).
    let length = value === null || value === '' ? 0 : this.scratch.write(String(value), 0);
    if (length > v.width) {
      length = v.width;
      while (length > 0 && (this.scratch[length] & 0xc0) === 0x80) length--;
    }
    if (v.width <= MAX_SHORT_STRING) this.string(0, length, Math.ceil(v.width / 8));
    else {
      // Each segment holds the next 255 bytes (PSPP: "data is packed tightly into segments").
      let from = 0;
      for (const w of segments(v.width)) {
        this.string(from, Math.max(0, Math.min(length, from + 255) - from), Math.ceil(w / 8));
        from += 255;
      }
    }
  }

  /** `slots` 8-byte pieces of the scratch bytes [from, from + length), padded with spaces. */
  private string(from: number, length: number, slots: number): void {
    for (let k = 0; k < slots; k++) {
      const start = from + 8 * k;
      const n = Math.min(8, length - 8 * k);
      if (n <= 0) {
        this.code(254);
        continue;
      }
      this.code(253);
      // Byte by byte: Buffer.copy and fill check their arguments on every call, which cost more than 8 bytes.
      const buf = this.buf;
      const at = this.pos;
      for (let b = 0; b < 8; b++) buf[at + b] = b < n ? this.scratch[start + b] : 0x20;
      this.pos += 8;
    }
  }

  /**
   * The bytes written so far up to the open code block (which must stay with its values), once
   * there are 64 kB: a view of one of the writer's buffers, valid while fewer than RING.buffers - 1
   * more are taken (no copy, no garbage).
   */
  take(): Buffer | null {
    this.settle();
    const end = this.used === 8 ? this.pos : this.block;
    if (end < 1 << 16) return null;
    this.taken = end;
    return this.buf.subarray(0, end);
  }

  /** Bytes handed out by `take` leave the buffer. */
  private taken = 0;
  private settle(): void {
    const end = this.taken;
    if (!end) return;
    this.taken = 0;
    // The rest (the open code block and its values) moves to the start of the next buffer.
    this.turn = (this.turn + 1) % RING.buffers;
    let next = this.ring[this.turn];
    if (!next || next.length < this.buf.length) next = this.ring[this.turn] = Buffer.allocUnsafe(this.buf.length);
    this.buf.copy(next, 0, end, this.pos);
    this.buf = next;
    this.pos -= end;
    if (this.used < 8) this.block -= end;
  }

  /** Everything left. */
  end(): Buffer {
    this.settle();
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    this.used = 8;
    return out;
  }
}
