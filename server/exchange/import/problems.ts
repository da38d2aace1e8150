import type { ImportProblemCode } from '../../../model/values.js';
import type { ImportProblem } from '../../../model/api/exchange.js';

/**
 * Problems an import finds, PapaParse style: never thrown, always returned with the row and
 * column they concern. Errors stop a commit; warnings are shown and do not.
 */

export { IMPORT_PROBLEM_CODES, type ImportProblemCode } from '../../../model/values.js';

/** One problem of an import, with where it is (model/api/exchange.ts). */
export type { ImportProblem } from '../../../model/api/exchange.js';

/** At most this many problems of one code are listed; the rest are counted. */
export const PROBLEMS_PER_CODE = 200;

export class ProblemList {
  readonly list: ImportProblem[] = [];
  readonly counts = new Map<ImportProblemCode, number>();
  errors = 0;

  add(
    severity: ImportProblem['severity'],
    code: ImportProblemCode,
    message: string,
    at: { row?: number | null; column?: string | null; value?: string } = {},
  ): void {
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
