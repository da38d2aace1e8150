import { pick, type MissingCode } from '../../../model/index.js';
import { unneutralise } from '../../csv-cell.js';
import { MISSING_LABELS, MISSING_VALUE_CODES } from '../formats.js';
import type { ExchangeVariable } from '../variables.js';
import { entries, type ValueTarget } from './mapping.js';

/** What one CSV cell becomes. */
export type CellValue =
  | { kind: 'none' } // skipped, or not asked: no answer cell is stored
  | { kind: 'code'; code: number }
  | { kind: 'missing'; missing: MissingCode }
  | { kind: 'text'; text: string }
  | { kind: 'problem'; code: 'UNKNOWN_VALUE' | 'OUT_OF_RANGE' | 'NOT_INTEGER' | 'MISSING_NOT_ALLOWED' | 'TEXT_TOO_LONG'; message: string };

/** Lower case, single spaces, no surrounding space or punctuation: for matching labels. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'.:;,!?-]+|[\s"'.:;,!?-]+$/g, '');
}

const MISSING_WORDS: Record<string, MissingCode> = {
  'weet niet': 'dont_know',
  "don't know": 'dont_know',
  'dont know': 'dont_know',
  'do not know': 'dont_know',
  onbekend: 'dont_know',
  'niet van toepassing': 'not_applicable',
  'n.v.t': 'not_applicable',
  nvt: 'not_applicable',
  'not applicable': 'not_applicable',
  'n/a': 'not_applicable',
};

const TEXT_LIMIT = 10000;

/**
 * Interprets the cells of one column for one variable. Built once per column: label lookups
 * are prepared, so a cell costs a map lookup or a number parse.
 */
export class ColumnReader {
  private readonly explicit = new Map<string, ValueTarget>();
  private readonly explicitLoose = new Map<string, ValueTarget>();
  private readonly labels = new Map<string, number>();
  private readonly codes: Set<number> | null;
  private readonly allowed: Set<MissingCode>;

  constructor(
    readonly variable: ExchangeVariable,
    values: Record<string, ValueTarget> | undefined,
    readonly decimal: '.' | ',',
  ) {
    for (const [k, v] of entries(values)) {
      this.explicit.set(k, v);
      this.explicitLoose.set(normaliseLabel(k), v);
    }
    for (const p of variable.values) {
      for (const lang of ['nl', 'en'] as const) {
        const l = pick(p.label, lang);
        if (l) this.labels.set(normaliseLabel(l), p.code);
      }
    }
    if (variable.item.type === 'yesno' || variable.item.type === 'multi') {
      for (const [word, code] of [
        ['true', 1],
        ['false', 0],
        ['waar', 1],
        ['onwaar', 0],
      ] as const)
        this.labels.set(word, code);
    }
    this.codes = variable.kind === 'categorical' ? new Set(variable.values.map((p) => p.code)) : null;
    this.allowed = new Set(variable.missing);
  }

  read(raw: string): CellValue {
    const explicit =
      this.explicit.get(raw) ??
      this.explicit.get(raw.trim()) ??
      (this.explicitLoose.size ? this.explicitLoose.get(normaliseLabel(raw)) : undefined);
    if (explicit !== undefined) return this.target(explicit, raw);
    const v = this.variable;
    if (v.kind === 'text') {
      // Open answers are kept as typed, spaces included; only an empty cell is no answer.
      if (raw === '') return { kind: 'none' };
      const text = unneutralise(raw);
      if (text.length > TEXT_LIMIT)
        return {
          kind: 'problem',
          code: 'TEXT_TOO_LONG',
          message: `an open answer of ${text.length} characters; the limit is ${TEXT_LIMIT}`,
        };
      return { kind: 'text', text };
    }
    const cell = raw.trim();
    if (cell === '') return { kind: 'none' };
    const n = this.number(cell);
    if (n !== null) {
      if (n === MISSING_VALUE_CODES.dont_know) return this.target('dont_know', raw);
      if (n === MISSING_VALUE_CODES.not_applicable) return this.target('not_applicable', raw);
      if (n === MISSING_VALUE_CODES.not_asked) return { kind: 'none' };
      return this.code(n, raw);
    }
    const label = normaliseLabel(unneutralise(cell));
    const code = this.labels.get(label);
    if (code !== undefined) return { kind: 'code', code };
    const missing = MISSING_WORDS[label] ?? (normaliseLabel(MISSING_LABELS.dont_know.nl) === label ? 'dont_know' : undefined);
    if (missing) return this.target(missing, raw);
    return {
      kind: 'problem',
      code: 'UNKNOWN_VALUE',
      message: `"${cut(cell)}" is not a value of ${v.name}${this.hint()}; map it in the mapping's "values"`,
    };
  }

  private target(t: ValueTarget, raw: string): CellValue {
    if (typeof t === 'number') return this.code(t, raw);
    if (t === 'skipped' || t === 'not_asked') return { kind: 'none' };
    if (!this.allowed.has(t)) {
      return {
        kind: 'problem',
        code: 'MISSING_NOT_ALLOWED',
        message: `"${cut(raw.trim())}" means ${t === 'dont_know' ? "don't know" : 'not applicable'}, which ${this.variable.name} does not offer`,
      };
    }
    return { kind: 'missing', missing: t };
  }

  private code(n: number, raw: string): CellValue {
    const v = this.variable;
    const item = v.item;
    if (this.codes) {
      if (!this.codes.has(n))
        return { kind: 'problem', code: 'OUT_OF_RANGE', message: `${cut(raw.trim())} is not a code of ${v.name}${this.hint()}` };
      return { kind: 'code', code: n };
    }
    if (item.type === 'rating' || item.type === 'number') {
      if (n < item.min || n > item.max)
        return { kind: 'problem', code: 'OUT_OF_RANGE', message: `${cut(raw.trim())} is outside ${item.min}–${item.max} for ${v.name}` };
      if ((item.type === 'rating' || item.integer) && !Number.isInteger(n))
        return { kind: 'problem', code: 'NOT_INTEGER', message: `${cut(raw.trim())} is not a whole number, which ${v.name} needs` };
    }
    return { kind: 'code', code: n };
  }

  private number(cell: string): number | null {
    const s = unneutralise(cell);
    const pattern = this.decimal === ',' ? /^-?\d+(,\d+)?$/ : /^-?\d+(\.\d+)?$/;
    // A decimal point is accepted in a decimal-comma file too: it cannot be a thousands separator in a code.
    if (!pattern.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) return null;
    const n = Number(s.replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }

  private hint(): string {
    const v = this.variable;
    if (!v.values.length) return '';
    const list = v.values
      .slice(0, 12)
      .map((p) => `${p.code} = ${pick(p.label, 'nl')}`)
      .join(', ');
    return ` (codes: ${list}${v.values.length > 12 ? ', …' : ''})`;
  }
}

const cut = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
