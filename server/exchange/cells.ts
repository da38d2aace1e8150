import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { cellKey, type ExchangeVariable } from './variables.js';
import { isShown } from './routing.js';

/** What became of one variable in one response (METHODS.md §1). */
export const CELL_STATUSES = ['answered', 'dont_know', 'not_applicable', 'skipped', 'not_asked'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

type AnswerRow = [item: string, sub: string, code: number | null, missing: 'dont_know' | 'not_applicable' | null, text: string | null];

/**
 * Reads the answers of one response at a time into arrays indexed like `variables`, reusing
 * them from one response to the next so an export allocates nothing per cell. Cells that
 * belong to no variable (an item no longer in the questionnaire, a removed partner) are
 * counted in `unmapped`.
 */
export class ResponseCells {
  readonly codes: (number | null)[];
  readonly texts: (string | null)[];
  readonly status: CellStatus[];
  unmapped = 0;
  private readonly index: Map<string, number>;
  private readonly present: Uint8Array;
  private readonly missing: (AnswerRow[3])[];
  private readonly stmt: Statement<[number], AnswerRow>;
  /** For a routed variable: the indices of the variables of the item its condition names. */
  private readonly routeTarget: number[][];

  constructor(sqlite: SQLiteDatabase, readonly variables: ExchangeVariable[]) {
    const n = variables.length;
    this.codes = new Array(n).fill(null);
    this.texts = new Array(n).fill(null);
    this.missing = new Array(n).fill(null);
    this.status = new Array(n).fill('skipped');
    this.present = new Uint8Array(n);
    this.index = new Map(variables.map((v, i) => [cellKey(v.item.id, v.sub), i]));
    this.routeTarget = variables.map((v) => {
      const target = v.item.showIf?.item;
      return target === undefined ? [] : variables.flatMap((w, j) => (w.item.id === target ? [j] : []));
    });
    this.stmt = sqlite.prepare('select item, sub, code, missing, text from answer where response_id = ?').raw() as unknown as Statement<[number], AnswerRow>;
  }

  /** Loads one response; afterwards `status`, `codes` and `texts` describe it. */
  load(responseId: number): void {
    const n = this.variables.length;
    this.present.fill(0);
    for (const row of this.stmt.all(responseId)) {
      const i = this.index.get(cellKey(row[0], row[1]));
      if (i === undefined) {
        this.unmapped++;
        continue;
      }
      this.present[i] = 1;
      this.codes[i] = row[2];
      this.missing[i] = row[3];
      this.texts[i] = row[4];
    }
    for (let i = 0; i < n; i++) {
      if (this.present[i]) {
        const m = this.missing[i];
        this.status[i] = m ?? 'answered';
        if (m) this.codes[i] = null;
        continue;
      }
      this.codes[i] = null;
      this.texts[i] = null;
      this.status[i] = 'skipped';
    }
    // Routing after all cells are known: an unanswered follow-up whose condition is not met
    // was not asked. A routed cell that does hold an answer keeps it.
    for (let i = 0; i < n; i++) {
      if (this.present[i] || !this.variables[i].routed) continue;
      const t = this.routeTarget[i];
      // Conditions on a value name a single-answer item (checkQuestionnaire); "answered" may
      // name a grid or multiple choice, answered when any of its cells is.
      const target = {
        code: t.length === 1 && this.variables[t[0]].sub === '' ? this.codes[t[0]] : null,
        answered: t.some((j) => this.present[j] === 1),
      };
      if (!isShown(this.variables[i].item.showIf!, target)) this.status[i] = 'not_asked';
    }
  }
}
