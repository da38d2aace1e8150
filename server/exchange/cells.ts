import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { cellKey, type ExchangeVariable } from './variables.js';
import { isShown } from './routing.js';

/** What became of one variable in one response (METHODS.md §1). */
export const CELL_STATUSES = ['answered', 'dont_know', 'not_applicable', 'skipped', 'not_asked'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

/**
 * SQL for one response's answers packed into one string: `item|sub|value` per cell, joined by
 * commas, where value is the code as text, `d` (don't know), `n` (not applicable) or `t` (a text).
 * Crossing from SQLite into JavaScript once per answer row costs more than the whole export
 * otherwise (1.8 million rows for 10,000 participants × 3 rounds × 60 items); one string per
 * response crosses 60 times less often. Item names and sub addresses never hold `|` or `,`
 * (model/questionnaire.ts VARIABLE_PATTERN, model/answer.ts). Codes pass through SQLite's text
 * form of a REAL: 15 significant digits.
 * Use with `answer a` in the FROM clause.
 */
export const PACKED_CELLS = `group_concat(a.item || '|' || a.sub || '|' || case when a.code is not null then cast(a.code as text) when a.missing = 'dont_know' then 'd' when a.missing is not null then 'n' when a.text is not null then 't' else 'e' end)`;

/**
 * One response's answers in arrays indexed like `variables`, reused from one response to the
 * next so an export allocates next to nothing per cell. Cells that belong to no variable (an
 * item no longer in the questionnaire, a removed partner) are counted in `unmapped`.
 */
export class ResponseCells {
  readonly codes: (number | null)[];
  readonly texts: (string | null)[];
  readonly status: CellStatus[];
  unmapped = 0;
  private readonly index: Map<string, number>;
  private readonly present: Uint8Array;
  /** For a routed variable: the indices of the variables of the item its condition names. */
  private readonly routeTarget: number[][];
  private readonly routed: number[];
  private readonly textStmt: Statement<[number], [string, string, string]>;

  constructor(sqlite: SQLiteDatabase, readonly variables: ExchangeVariable[], private readonly withTexts: boolean) {
    const n = variables.length;
    this.codes = new Array(n).fill(null);
    this.texts = new Array(n).fill(null);
    this.status = new Array(n).fill('skipped');
    this.present = new Uint8Array(n);
    this.index = new Map(variables.map((v, i) => [`${v.item.id}|${v.sub}`, i]));
    this.routeTarget = variables.map((v) => {
      const target = v.item.showIf?.item;
      return target === undefined ? [] : variables.flatMap((w, j) => (w.item.id === target ? [j] : []));
    });
    this.routed = variables.flatMap((v, i) => (v.routed ? [i] : []));
    this.textStmt = sqlite.prepare('select item, sub, text from answer where response_id = ? and text is not null').raw() as unknown as Statement<[number], [string, string, string]>;
  }

  /** Loads one response from its packed cells (PACKED_CELLS); afterwards `status`, `codes`, `texts` describe it. */
  load(responseId: number, packed: string | null): void {
    const n = this.variables.length;
    this.present.fill(0);
    this.status.fill('skipped');
    this.codes.fill(null);
    let hasText = false;
    if (packed) {
      let start = 0;
      while (start < packed.length) {
        let end = packed.indexOf(',', start);
        if (end < 0) end = packed.length;
        const bar = packed.lastIndexOf('|', end - 1);
        const i = this.index.get(packed.slice(start, bar));
        if (i === undefined) this.unmapped++;
        else {
          const value = packed.slice(bar + 1, end);
          this.present[i] = 1;
          if (value === 'd') this.status[i] = 'dont_know';
          else if (value === 'n') this.status[i] = 'not_applicable';
          else if (value === 't') (this.status[i] = 'answered'), (hasText = true);
          else if (value === 'e') this.present[i] = 0;
          else (this.status[i] = 'answered'), (this.codes[i] = Number(value));
        }
        start = end + 1;
      }
    }
    if (this.withTexts) {
      this.texts.fill(null);
      if (hasText) {
        for (const [item, sub, text] of this.textStmt.all(responseId)) {
          const i = this.index.get(`${item}|${sub}`);
          if (i !== undefined) this.texts[i] = text;
        }
      }
    }
    // Routing after all cells are known: an unanswered follow-up whose condition is not met
    // was not asked. A routed cell that does hold an answer keeps it.
    for (const i of this.routed) {
      if (this.present[i]) continue;
      const t = this.routeTarget[i];
      // Conditions on a value name a single-answer item (checkQuestionnaire); "answered" may
      // name a grid or multiple choice, answered when any of its cells is.
      const target = {
        code: t.length === 1 && this.variables[t[0]].sub === '' ? this.codes[t[0]] : null,
        answered: t.some((j) => this.present[j] === 1),
      };
      if (!isShown(this.variables[i].item.showIf!, target)) this.status[i] = 'not_asked';
    }
    void n;
  }
}

export { cellKey };
