import type { Item } from '../../model/index.js';
import type { InputBuilder } from '../../analysis/study/builder.js';

/**
 * The packed form in which SQLite hands over a response's answers (load-input.ts): one string
 * per response, one or two characters per answer cell.
 *
 * - First character: code point `1 + key·64 + slot`, where `key` numbers the item (1, 2, …;
 *   0 means "item unknown to every questionnaire version") and `slot` is the answer:
 *   0–58 the code itself (an integer in that range), 59 a "wide" code that follows as text
 *   ended by U+0002, 60 don't know, 61 not applicable, 62 a non-empty text, 63 nothing.
 * - Second character, for grid and multiple-choice items only: `1 + partnerId·2 + isQuality`
 *   (partner grid), `1 + toolId` (tool grid) or `1 + optionCode` (multiple choice).
 * Every value v is shifted past the UTF-16 surrogate block (v ≥ 0xD800 → v + 0x800), so any
 * value up to 0x10F7FF survives as one code point.
 */
export const PACKED_SLOT = { WIDE: 59, DONT_KNOW: 60, NOT_APPLICABLE: 61, TEXT: 62, EMPTY: 63 } as const;

export const ITEM_KIND = { PLAIN: 0, PARTNER_GRID: 1, TOOL_GRID: 2, MULTI: 3 } as const;

export interface ItemKey {
  item: string;
  /** 1-based number of the item in the packed encoding. */
  key: number;
  kind: (typeof ITEM_KIND)[keyof typeof ITEM_KIND];
}

/** Numbers the items for the packed encoding. */
export function encodeItemKinds(items: readonly Item[]): ItemKey[] {
  return items.map((item, i) => ({
    item: item.id,
    key: i + 1,
    kind:
      item.type === 'partnerGrid' ? ITEM_KIND.PARTNER_GRID
      : item.type === 'toolGrid' ? ITEM_KIND.TOOL_GRID
      : item.type === 'multi' ? ITEM_KIND.MULTI
      : ITEM_KIND.PLAIN,
  }));
}

/**
 * SQL for char(expression), shifted past the surrogate block when the expression can reach it
 * (`max` is its largest possible value), so the common case stays one cheap call.
 */
export function sqlChar(expression: string, max: number): string {
  if (max < 0xd800) return `char(${expression})`;
  return `char((${expression}) + (case when (${expression}) >= 55296 then 2048 else 0 end))`;
}

/**
 * Per item key, how the second character (or none) selects the variable index:
 * plain items map straight to one variable, the others through a small map.
 */
export interface VariableLookup {
  kinds: Int8Array;
  plain: Int32Array;
  sub: (Map<number, number> | null)[];
}

export function variableLookup(keys: readonly ItemKey[], builder: InputBuilder): VariableLookup {
  const size = keys.length + 1;
  const kinds = new Int8Array(size).fill(-1);
  const plain = new Int32Array(size).fill(-1);
  const sub: (Map<number, number> | null)[] = new Array(size).fill(null);
  const { partners, tools, variables } = builder.input;
  for (const k of keys) {
    kinds[k.key] = k.kind;
    if (k.kind === ITEM_KIND.PLAIN) {
      plain[k.key] = builder.variable(k.item, '');
      continue;
    }
    const map = new Map<number, number>();
    variables.forEach((v, index) => {
      if (v.item !== k.item) return;
      if (k.kind === ITEM_KIND.PARTNER_GRID && v.partner !== null) map.set(partners[v.partner].id * 2 + (v.facet === 'quality' ? 1 : 0), index);
      else if (k.kind === ITEM_KIND.TOOL_GRID && v.tool !== null) map.set(tools[v.tool].id, index);
      else if (k.kind === ITEM_KIND.MULTI && v.option !== null) map.set(v.option, index);
    });
    sub[k.key] = map;
  }
  return { kinds, plain, sub };
}

const unshift = (cp: number) => (cp >= 0xe000 ? cp - 0x800 : cp);

/**
 * Decodes one response's packed string into the builder (unit `unit`, round `r`).
 * Returns how many cells were decoded and how many belonged to no known variable.
 */
export function decodeCells(packed: string, lookup: VariableLookup, builder: InputBuilder, r: number, unit: number): { cells: number; unknown: number } {
  let cells = 0;
  let unknown = 0;
  const n = packed.length;
  let i = 0;
  while (i < n) {
    let cp = packed.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00) {
      cp = packed.codePointAt(i)!;
      i += 2;
    } else i += 1;
    const x = unshift(cp) - 1;
    const key = x >> 6;
    const slot = x & 63;
    cells++;
    let code: number | null = null;
    if (slot < PACKED_SLOT.WIDE) code = slot;
    else if (slot === PACKED_SLOT.WIDE) {
      const end = packed.indexOf('\u0002', i);
      code = Number(packed.slice(i, end < 0 ? n : end));
      i = end < 0 ? n : end + 1;
    }
    const kind = key < lookup.kinds.length ? lookup.kinds[key] : -1;
    let variable = -1;
    if (kind === ITEM_KIND.PLAIN) variable = lookup.plain[key];
    else if (kind > 0) {
      let e = packed.charCodeAt(i);
      if (e >= 0xd800 && e < 0xdc00) {
        e = packed.codePointAt(i)!;
        i += 2;
      } else i += 1;
      variable = lookup.sub[key]!.get(unshift(e) - 1) ?? -1;
    }
    if (variable < 0) {
      unknown++;
      continue;
    }
    const missing = slot === PACKED_SLOT.DONT_KNOW ? 1 : slot === PACKED_SLOT.NOT_APPLICABLE ? 2 : 0;
    builder.answer(r, unit, variable, code, missing, slot === PACKED_SLOT.TEXT);
  }
  return { cells, unknown };
}
