import type { Database as SQLiteDatabase } from 'better-sqlite3';
import type { InputBuilder } from '../../analysis/study/builder.js';
import { CELL } from '../../analysis/study/input.js';
import { layoutKeys } from '../db/packed-answers.js';

/** At most this many distinct address strings built from answer rows are cached; then the cache starts again. */
const KEYS_CACHE = 4096;

/**
 * Writes the packed copies of submitted responses' answers (server/db/packed-answers.ts) into
 * the analysis input: per response the id of its layout, or its address string when it has no
 * packed copy, and its value string — the three columns of `packedAnswerColumns`, the same the
 * exports read (exchange/cells.ts ResponseCells).
 *
 * A layout becomes, once per load, the variable index of each of its cells (−1: no variable —
 * an item no questionnaire version has, a removed partner or tool, an option no longer offered),
 * with that variable's arrays and the whole codes it takes (InputBuilder.wholeCodes); most
 * responses share a few layouts. The values are then walked in place, never split, and a whole
 * code the variable takes (nearly every answer) is written straight into its typed arrays, with
 * no further check per cell; anything else goes through the builder's `answer`. Nothing is
 * allocated per answer.
 *
 * Values: a code as SQLite writes the number, `d` don't know, `n` not applicable, `t` and the
 * text (only whether it is empty matters here), `e` nothing. A cell maps to its variable by its
 * address `item|sub`, exactly as the exports map it.
 */
export class PackedAnswerDecoder {
  /** Answer cells that belong to no variable, over every response decoded. */
  unknown = 0;
  private readonly index: Map<string, number>;
  private readonly byLayout = new Map<number, Layout>();
  private readonly byKeys = new Map<string, Layout>();
  private readonly keysOf: (layoutId: number) => string;
  private readonly wholeCodes: (Uint8Array | null)[];

  constructor(
    sqlite: SQLiteDatabase,
    private readonly builder: InputBuilder,
  ) {
    this.keysOf = layoutKeys(sqlite);
    this.index = new Map(builder.input.variables.map((v, i) => [`${v.item}|${v.sub}`, i]));
    this.wholeCodes = builder.input.variables.map((_, i) => builder.wholeCodes(i));
  }

  /** Decodes one submitted response's answers into round `r`, unit `unit`. */
  decode(r: number, unit: number, layoutId: number | null, keys: string | null, values: string | null): void {
    if (values === null) return;
    const layout = layoutId !== null ? this.packedLayout(layoutId) : keys !== null ? this.layout(keys) : null;
    if (layout === null) return;
    const { builder } = this;
    const { variables, states, answers, codes } = layout;
    const cell = r * builder.input.units.count + unit;
    const n = values.length;
    // One pass over the values: a whole code (nearly every answer) is read digit by digit up to
    // its comma; anything else is found with indexOf.
    let i = 0;
    for (let k = 0; k < variables.length && i <= n; k++) {
      const variable = variables[k];
      const first = values.charCodeAt(i);
      if (first >= 48 && first <= 57 && variable >= 0) {
        let code = first - 48;
        let j = i + 1;
        let c = values.charCodeAt(j);
        while (c >= 48 && c <= 57) {
          code = code * 10 + (c - 48);
          c = values.charCodeAt(++j);
        }
        if ((c === 44 /* , */ || j === n) && j - i < 16) {
          const whole = codes[k];
          if (whole === null || (code < whole.length && whole[code] === 1)) {
            // What builder.answer would write for it, without its checks.
            states[k][cell] = CELL.ANSWERED;
            answers[k][cell] = code;
          } else builder.answer(r, unit, variable, code, 0, false);
          i = j + 1;
          continue;
        }
      }
      let end = values.indexOf(',', i);
      if (end < 0) end = n;
      if (variable < 0) this.unknown++;
      else if (first === 100 /* d */) builder.answer(r, unit, variable, null, 1, false);
      else if (first === 110 /* n */) builder.answer(r, unit, variable, null, 2, false);
      else if (first === 116 /* t */) builder.answer(r, unit, variable, null, 0, end > i + 1);
      else if (first === 101 /* e */) builder.answer(r, unit, variable, null, 0, false);
      else builder.answer(r, unit, variable, Number(values.slice(i, end)), 0, false);
      i = end + 1;
    }
  }

  /** The layout of a packed response, by layout id, worked out once per load. */
  private packedLayout(id: number): Layout {
    let layout = this.byLayout.get(id);
    if (!layout) this.byLayout.set(id, (layout = this.variablesOf(this.keysOf(id))));
    return layout;
  }

  /** The layout of an address string built from the answer rows (a response without a packed copy), cached. */
  private layout(keys: string): Layout {
    let layout = this.byKeys.get(keys);
    if (!layout) {
      if (this.byKeys.size >= KEYS_CACHE) this.byKeys.clear();
      this.byKeys.set(keys, (layout = this.variablesOf(keys)));
    }
    return layout;
  }

  /** Variable index per cell of an address string (`item|sub`, comma-separated), −1 where there is none, with its arrays. */
  private variablesOf(keys: string): Layout {
    const parts = keys.split(',');
    const variables = new Int32Array(parts.length);
    for (let k = 0; k < parts.length; k++) variables[k] = this.index.get(parts[k]) ?? -1;
    const all = this.builder.input.variables;
    return {
      variables,
      states: Array.from(variables, (v) => (v >= 0 ? all[v].state : NONE.state)),
      answers: Array.from(variables, (v) => (v >= 0 ? all[v].values : NONE.values)),
      codes: Array.from(variables, (v) => (v >= 0 ? this.wholeCodes[v] : null)),
    };
  }
}

/** One layout's cells: per cell its variable (−1: none), that variable's state and value arrays and the whole codes it takes. */
interface Layout {
  variables: Int32Array;
  states: Uint8Array[];
  answers: Float64Array[];
  codes: (Uint8Array | null)[];
}

/** The arrays of a cell without a variable (never written: such a cell is only counted). */
const NONE = { state: new Uint8Array(0), values: new Float64Array(0) };
