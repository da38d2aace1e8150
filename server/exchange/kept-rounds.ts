import { neutralise, numberCell, textCell } from '../csv-cell.js';
import type { ResponseCells } from './cells.js';
import { MISSING_CELL } from './formats.js';
import type { ExportContext } from './context.js';
import type { RoundLayout } from './round.js';
import { typedCell, type Cell } from './xlsx/csv-cells.js';
import { KeptStrings } from './kept-strings.js';

/**
 * The variable cells of the bundle's round files, kept compactly while long.csv is written so the
 * wide file (and the .sav from it) is put together from them instead of from the round files read
 * back and split into cells again (which, with the strings it made, was a third of the bundle's
 * main thread). A cell is what `roundRow` writes for it, as one byte: a small whole code (0–249)
 * as itself, an empty cell, one of the three missing-value codes, or OTHER with the cell's text
 * (an open answer, a decimal, a larger or negative number) in its round's list, in cell order.
 * 60 cells of a response take 60 bytes; the wide file's rows only say which response of each
 * round they take (sav/export.ts keeps them as typed cells no longer).
 */

/** The byte of an empty cell (skipped, or an unanswered open question). */
export const EMPTY = 250;
const MISSING_BYTE = { dont_know: 251, not_applicable: 252, not_asked: 253 } as const;
/** The cell's text is in the round's list of other cells. */
export const OTHER = 255;

/** Each cell byte's text (OTHER's excepted). */
export const CELL_TEXT: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b < EMPTY
    ? String(b)
    : b === EMPTY
      ? ''
      : b === MISSING_BYTE.dont_know
        ? MISSING_CELL.dont_know
        : b === MISSING_BYTE.not_applicable
          ? MISSING_CELL.not_applicable
          : b === MISSING_BYTE.not_asked
            ? MISSING_CELL.not_asked
            : '',
);

/** Each cell byte as the CSV reads it back (typedCell): a number, or null for an empty cell. */
export const CELL_TYPED: readonly Cell[] = CELL_TEXT.map((t) => typedCell(t, false));

/** Responses per block of cell bytes: blocks of their own, so a round's cells grow without copying. */
export const BLOCK = 1024;

/** One round's kept responses. */
class Round {
  /** `width` bytes per response, BLOCK responses per block: response n's cells start at byte (n % BLOCK) * width of block n / BLOCK. */
  blocks: Uint8Array[] = [];
  /** Per response: where its other cells start in `others`. */
  firsts = new Int32Array(1024);
  others: string[] = [];
  /** Per response: its `submitted_at` cell. */
  submitted: string[] = [];
  /** The participant and group/attribute cells of anonymous responses (their wide row's case cells), by response. */
  anonymous = new Map<number, string[]>();
  count = 0;
  constructor(readonly width: number) {}
}

export class KeptRounds {
  private readonly rounds = new Map<number, Round>();
  /** Distinct short cells kept once (times, decimals, repeated answers); longer ones each as a string of their own. */
  private readonly shared = new KeptStrings();

  /** The round's kept responses (created at its first response with the layout's width). */
  round(roundId: number, width = 0): Round {
    let r = this.rounds.get(roundId);
    if (!r) this.rounds.set(roundId, (r = new Round(width)));
    return r;
  }

  /**
   * Keeps one response's cells (loaded in `cells`) as `roundRow` formats them; returns its number
   * in the round. `caseCells` are the response's case cells of its round line (participant, …,
   * attributes), kept for an anonymous response only.
   */
  add(
    ctx: ExportContext,
    roundId: number,
    layout: RoundLayout,
    cells: ResponseCells,
    submitted: string,
    caseCells: string[] | null,
  ): number {
    const indices = layout.indices;
    const r = this.round(roundId, indices.length);
    const n = r.count;
    if (n % BLOCK === 0) r.blocks.push(new Uint8Array(BLOCK * r.width));
    if (n === r.firsts.length) {
      const firsts = new Int32Array(n * 2);
      firsts.set(r.firsts);
      r.firsts = firsts;
    }
    r.firsts[n] = r.others.length;
    r.submitted.push(this.shared.keep(submitted));
    if (caseCells) r.anonymous.set(n, caseCells);
    const codes = r.blocks[r.blocks.length - 1];
    const { variables } = ctx;
    for (let k = 0, at = (n % BLOCK) * r.width; k < indices.length; k++, at++) {
      const i = indices[k];
      const status = cells.status[i];
      if (status === 'answered') {
        let text: string;
        if (variables[i].kind === 'text') text = textCell(cells.texts[i]);
        else {
          const code = cells.codes[i];
          if (typeof code === 'number' && Number.isInteger(code) && code >= 0 && code < EMPTY) {
            codes[at] = code;
            continue;
          }
          text = numberCell(code, ctx.flavour);
        }
        if (text === '') codes[at] = EMPTY;
        else (codes[at] = OTHER), r.others.push(this.shared.keep(text));
      } else if (status === 'skipped' || variables[i].kind === 'text') codes[at] = EMPTY;
      else codes[at] = MISSING_BYTE[status];
    }
    r.count++;
    return n;
  }

  /** Lets every response go. */
  clear(): void {
    this.rounds.clear();
    this.shared.clear();
  }
}

/** Texts up to this many characters are copied byte by byte when ASCII (LineBytes.text); longer ones through Buffer.write. */
const SHORT_TEXT = 32;

/**
 * One line's bytes, written into a buffer that grows and is used again for the next line: cells as
 * bytes (a kept cell byte is one to three digits, or a missing-value code), text as UTF-8.
 */
export class LineBytes {
  buf = Buffer.allocUnsafe(1 << 14);
  pos = 0;

  /** Makes room for `n` more bytes (`buf` may be a new buffer afterwards). */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }

  text(s: string): void {
    const n = s.length;
    this.reserve(n * 3);
    const buf = this.buf;
    const pos = this.pos;
    // A short text (nearly every cell: a time, a decimal, an organisation) byte by byte while it is
    // ASCII: Buffer.write costs twice as much for it (measured ~40 against ~85 ns for 18 characters).
    if (n <= SHORT_TEXT) {
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 127) break;
        buf[pos + i] = c;
      }
      if (i === n) {
        this.pos = pos + n;
        return;
      }
    }
    this.pos = pos + buf.write(s, pos);
  }

  /** A text as `textCell` writes it (quoted, neutralised), without making that string when the text holds no quote. */
  textCell(s: string | null | undefined): void {
    if (s === null || s === undefined || s === '') return;
    const safe = neutralise(s);
    if (safe.includes('"')) this.text(textCell(s));
    else {
      this.byte(34);
      this.text(safe);
      this.byte(34);
    }
  }

  byte(c: number): void {
    this.reserve(1);
    this.buf[this.pos++] = c;
  }

  /** A kept cell byte's text (not OTHER). */
  cell(b: number): void {
    this.reserve(3);
    const buf = this.buf;
    if (b < 10) buf[this.pos++] = 48 + b;
    else if (b < 100) (buf[this.pos++] = 48 + ((b / 10) | 0)), (buf[this.pos++] = 48 + (b % 10));
    else if (b < EMPTY)
      (buf[this.pos++] = 48 + ((b / 100) | 0)), (buf[this.pos++] = 48 + (((b / 10) | 0) % 10)), (buf[this.pos++] = 48 + (b % 10));
    else if (b !== EMPTY) this.text(CELL_TEXT[b]);
  }

  /** The line so far (valid until the next line is written). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
