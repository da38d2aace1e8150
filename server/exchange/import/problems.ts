/**
 * Problems an import finds, PapaParse style: never thrown, always returned with the row and
 * column they concern. Errors stop a commit; warnings are shown and do not.
 */
export const IMPORT_PROBLEM_CODES = [
  // the file
  'EMPTY_FILE', 'FILE_TOO_LARGE', 'NOT_CSV', 'BINARY', 'ENCODING', 'PARSE', 'RAGGED_ROW', 'NO_ROWS',
  // the header
  'DUPLICATE_HEADER', 'RESERVED_HEADER', 'EMPTY_HEADER', 'TOO_MANY_COLUMNS',
  // the mapping
  'MAPPING_SCHEMA', 'UNKNOWN_ROUND', 'ROUND_MISMATCH', 'UNKNOWN_COLUMN', 'UNKNOWN_VARIABLE', 'VARIABLE_NOT_IN_ROUND',
  'DUPLICATE_MAPPING', 'UNMAPPED_COLUMN', 'NO_MAPPED_COLUMNS',
  // the cells
  'UNKNOWN_VALUE', 'OUT_OF_RANGE', 'NOT_INTEGER', 'MISSING_NOT_ALLOWED', 'TEXT_TOO_LONG', 'FORMULA_TEXT', 'BAD_DATE',
  // the participants
  'MISSING_PARTICIPANT', 'BAD_PARTICIPANT_KEY', 'BAD_EMAIL', 'UNKNOWN_PARTICIPANT', 'DUPLICATE_RESPONDENT', 'PARTICIPANT_LEFT',
  // the whole import
  'DUPLICATE_FILE',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblem {
  severity: 'error' | 'warning';
  code: ImportProblemCode;
  /** Row as a spreadsheet shows it: the header is row 1, the first data row is row 2. */
  row: number | null;
  /** The column's header text. */
  column: string | null;
  message: string;
  /** The offending cell value, cut to 80 characters. */
  value?: string;
}

/** At most this many problems of one code are listed; the rest are counted. */
export const PROBLEMS_PER_CODE = 200;

export class ProblemList {
  readonly list: ImportProblem[] = [];
  readonly counts = new Map<ImportProblemCode, number>();
  errors = 0;

  add(severity: ImportProblem['severity'], code: ImportProblemCode, message: string, at: { row?: number | null; column?: string | null; value?: string } = {}): void {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (severity === 'error') this.errors++;
    if (n > PROBLEMS_PER_CODE) return;
    const p: ImportProblem = { severity, code, row: at.row ?? null, column: at.column ?? null, message };
    if (at.value !== undefined) p.value = at.value.length > 80 ? `${at.value.slice(0, 79)}…` : at.value;
    this.list.push(p);
  }
  error(code: ImportProblemCode, message: string, at?: { row?: number | null; column?: string | null; value?: string }): void {
    this.add('error', code, message, at);
  }
  warning(code: ImportProblemCode, message: string, at?: { row?: number | null; column?: string | null; value?: string }): void {
    this.add('warning', code, message, at);
  }
  /** Counts per code, for codes whose list was cut. */
  truncated(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [code, n] of this.counts) if (n > PROBLEMS_PER_CODE) out[code] = n;
    return out;
  }
}
