import { cellKey, type ExchangeVariable } from './variables.js';
import { isShown } from './routing.js';

/** What became of one variable in one response (METHODS.md §1). */
export const CELL_STATUSES = ['answered', 'dont_know', 'not_applicable', 'skipped', 'not_asked'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

/**
 * SQL for one response's answers packed into two strings, both in the answer table's key order:
 * the cell addresses (`item|sub`, comma-separated) and their values (comma-separated: the code,
 * `d` don't know, `n` not applicable, `t` a text, `e` nothing). With `withTexts` a text follows
 * its `t`, with `%` and `,` written as `%25` and `%2C`.
 * Crossing from SQLite into JavaScript once per answer row costs more than the whole export
 * otherwise (1.8 million rows for 10,000 participants × 3 rounds × 60 items); two strings per
 * response cross 60 times less often, and most responses share their address string, so its
 * layout is worked out once (ResponseCells caches it). Item names and sub addresses never hold
 * `|` or `,` (model/questionnaire.ts VARIABLE_PATTERN, model/answer.ts). A whole code is cast
 * to an integer first: SQLite writes an INTEGER as text several times faster than a REAL
 * (~15% of the query), and nearly every code is whole. Other codes pass through SQLite's text
 * form of a REAL: 15 significant digits. Both subqueries read the response's rows in the
 * answer table's key order, so the n-th address belongs to the n-th value. Two correlated
 * subqueries cost ~8% less than joining the answers and grouping by response; the texts inline
 * cost less than a query for the texts of each response that has any (~13% of the long export).
 * Use with `response r` in the FROM clause.
 */
export function packedCells(withTexts: boolean): string {
  const text = withTexts ? `'t' || replace(replace(a.text, '%', '%25'), ',', '%2C')` : `substr(a.text, 1, 0) || 't'`;
  return `(select group_concat(a.item || '|' || a.sub) from answer a where a.response_id = r.id),
  (select group_concat(coalesce(iif(a.code = cast(a.code as integer), cast(a.code as integer), a.code), substr(a.missing, 1, 1), ${text}, 'e')) from answer a where a.response_id = r.id)`;
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
  private readonly unmappedIn = new WeakMap<Int32Array, number>();
  private readonly present: Uint8Array;
  /** For a routed variable: the indices of the variables of the item its condition names. */
  private readonly routeTarget: number[][];
  private readonly routed: number[];

  /** `withTexts`: the packed values hold the texts (packedCells(true)), and `texts` gets them. */
  constructor(readonly variables: ExchangeVariable[], private readonly withTexts: boolean) {
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
  }

  /** Loads one response from its packed cells (packedCells); afterwards `status`, `codes`, `texts` describe it. */
  load(keys: string | null, values: string | null): void {
    this.present.fill(0);
    this.status.fill('skipped');
    this.codes.fill(null);
    if (this.withTexts) this.texts.fill(null);
    if (keys !== null && values !== null) {
      const layout = this.layout(keys);
      let start = 0;
      for (let k = 0; k < layout.length; k++) {
        let end = values.indexOf(',', start);
        if (end < 0) end = values.length;
        const i = layout[k];
        if (i >= 0) {
          const first = values.charCodeAt(start);
          this.present[i] = 1;
          if (first === 100 /* d */) this.status[i] = 'dont_know';
          else if (first === 110 /* n */) this.status[i] = 'not_applicable';
          else if (first === 116 /* t */) {
            this.status[i] = 'answered';
            if (this.withTexts) this.texts[i] = unescapeText(values.slice(start + 1, end));
          }
          else if (first === 101 /* e */) this.present[i] = 0;
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
  }

  /** Variable index per cell of an address string (-1: no variable), cached. */
  private layout(keys: string): Int32Array {
    let layout = this.layouts.get(keys);
    if (layout) {
      this.unmapped += this.unmappedIn.get(layout) ?? 0;
      return layout;
    }
    const parts = keys.split(',');
    layout = new Int32Array(parts.length);
    let unmapped = 0;
    parts.forEach((key, k) => {
      const i = this.index.get(key);
      layout![k] = i ?? -1;
      if (i === undefined) unmapped++;
    });
    if (this.layouts.size >= LAYOUT_CACHE) this.layouts.clear();
    this.layouts.set(keys, layout);
    if (unmapped) this.unmappedIn.set(layout, unmapped);
    this.unmapped += unmapped;
    return layout;
  }
}

/** A text as packedCells(true) writes it, back as it was. */
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
