import type { Database as SQLiteDatabase } from 'better-sqlite3';
import { layoutKeys } from '../db/packed-answers.js';
import { cellKey, type ExchangeVariable } from './variables.js';
import { isShown } from './routing.js';

/** What became of one variable in one response (METHODS.md §1). */
export const CELL_STATUSES = ['answered', 'dont_know', 'not_applicable', 'skipped', 'not_asked'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

/**
 * A submitted response's answers as the exports read them (server/db/packed-answers.ts): the id
 * of its packed layout, or (no packed copy) its address string; and its value string.
 */
export interface PackedAnswers {
  layout: number | null;
  keys: string | null;
  values: string | null;
}

/** At most this many distinct address strings are cached; then the cache starts again. */
const LAYOUT_CACHE = 4096;

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
  private readonly layouts = new Map<string, Int32Array>();
  private readonly layoutsById = new Map<number, Int32Array>();
  private readonly keysOf: (layoutId: number) => string;
  private readonly unmappedIn = new WeakMap<Int32Array, number>();
  private readonly present: Uint8Array;
  /** For a routed variable: the indices of the variables of the item its condition names. */
  private readonly routeTarget: number[][];
  private readonly routed: number[];
  /** Per respondent group that does not see every section: the indices of the variables it is not asked. */
  private readonly unseen = new Map<string, number[]>();

  /** `withTexts`: `texts` gets the open answers the values hold (packedAnswerColumns(true)). */
  constructor(
    sqlite: SQLiteDatabase,
    readonly variables: ExchangeVariable[],
    private readonly withTexts: boolean,
  ) {
    this.keysOf = layoutKeys(sqlite);
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
    variables.forEach((v, i) => {
      for (const g of v.notSeenBy) {
        const indices = this.unseen.get(g);
        if (indices) indices.push(i);
        else this.unseen.set(g, [i]);
      }
    });
  }

  /**
   * Loads one response's answers; afterwards `status`, `codes`, `texts` describe it. `group`: the
   * respondent's group key (case-extras.ts; '' for a study without groups), whose unseen sections'
   * unanswered items were not asked.
   */
  load({ layout: layoutId, keys, values }: PackedAnswers, group = ''): void {
    this.present.fill(0);
    this.status.fill('skipped');
    this.codes.fill(null);
    if (this.withTexts) this.texts.fill(null);
    const layout = layoutId !== null ? this.packedLayout(layoutId) : keys !== null ? this.layout(keys) : null;
    if (layout !== null && values !== null) {
      const length = values.length;
      let start = 0;
      for (let k = 0; k < layout.length; k++) {
        const i = layout[k];
        // A whole code (nearly every cell) is read while its end is looked for: no indexOf for it.
        let end = start;
        let n = 0;
        let c = values.charCodeAt(end);
        while (c >= 48 && c <= 57) (n = n * 10 + (c - 48)), (c = values.charCodeAt(++end));
        if (end > start && (end === length || c === 44)) {
          if (i >= 0) (this.present[i] = 1), (this.status[i] = 'answered'), (this.codes[i] = n);
          start = end + 1;
          continue;
        }
        end = values.indexOf(',', end);
        if (end < 0) end = length;
        if (i >= 0) {
          const first = values.charCodeAt(start);
          this.present[i] = 1;
          if (first === 100 /* d */) this.status[i] = 'dont_know';
          else if (first === 110 /* n */) this.status[i] = 'not_applicable';
          else if (first === 116 /* t */) {
            this.status[i] = 'answered';
            if (this.withTexts) this.texts[i] = unescapeText(values.slice(start + 1, end));
          } else if (first === 101 /* e */) this.present[i] = 0;
          else (this.status[i] = 'answered'), (this.codes[i] = parseCode(values, start, end));
        }
        start = end + 1;
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
    // Items in a section the respondent's group does not see were not asked either (as the
    // analysis has it: analysis/study/builder.ts); an answer that is there all the same stays.
    const unseen = group === '' ? undefined : this.unseen.get(group);
    if (unseen) for (const i of unseen) if (!this.present[i]) this.status[i] = 'not_asked';
  }

  /** The layout of a packed response, by layout id, cached. */
  private packedLayout(id: number): Int32Array {
    return this.cached(this.layoutsById, id, () => this.keysOf(id));
  }

  /** The layout of an address string built from the answer rows, cached. */
  private layout(keys: string): Int32Array {
    return this.cached(this.layouts, keys, () => keys);
  }

  /** Variable index per cell of an address string (-1: no variable), from `cache` or worked out once; counts its unmapped cells. */
  private cached<K>(cache: Map<K, Int32Array>, key: K, keys: () => string): Int32Array {
    let layout = cache.get(key);
    if (!layout) {
      const parts = keys().split(',');
      layout = new Int32Array(parts.length);
      let unmapped = 0;
      for (let k = 0; k < parts.length; k++) {
        const i = this.index.get(parts[k]);
        layout[k] = i ?? -1;
        if (i === undefined) unmapped++;
      }
      if (cache.size >= LAYOUT_CACHE) cache.clear();
      cache.set(key, layout);
      if (unmapped) this.unmappedIn.set(layout, unmapped);
    }
    this.unmapped += this.unmappedIn.get(layout) ?? 0;
    return layout;
  }
}

/** A text as the packed values hold it (packed-answers.ts), back as it was. */
function unescapeText(s: string): string {
  return s.indexOf('%') < 0 ? s : s.replace(/%(2C|25)/g, (m) => (m === '%2C' ? ',' : '%'));
}

/** A code from SQLite's text of a REAL: "4.0" read without allocating; anything else through Number. */
function parseCode(s: string, start: number, end: number): number {
  let i = start;
  const negative = s.charCodeAt(i) === 45;
  if (negative) i++;
  let n = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  if (i === end || (i === end - 2 && s.charCodeAt(i) === 46 && s.charCodeAt(i + 1) === 48)) return negative ? -n : n;
  return Number(s.slice(start, end));
}

export { cellKey };
