import {
  NO,
  YES,
  itemsOf,
  optionSub,
  partnerSub,
  toolSub,
  type Item,
  type LocalText,
  type Questionnaire,
  type Scale,
  variableName,
} from '../../model/index.js';
import type { InputPartner, InputRound, InputTool, VariableCode, VariableKind, VariableMeta } from './input.js';

const YES_NO_CODES: VariableCode[] = [
  { code: NO, label: { nl: 'Nee', en: 'No' } },
  { code: YES, label: { nl: 'Ja', en: 'Yes' } },
];
const CHOSEN_CODES: VariableCode[] = [
  { code: 0, label: { nl: 'Niet gekozen', en: 'Not chosen' } },
  { code: 1, label: { nl: 'Gekozen', en: 'Chosen' } },
];

/**
 * The questionnaire items to analyse, in order: the newest version's items first, then
 * items that only older versions had (so answers given to a removed item still count).
 * `versions` are oldest first.
 */
export function mergeItems(versions: readonly Questionnaire[]): { items: Item[]; changed: Set<string> } {
  const items: Item[] = [];
  const seen = new Map<string, string>();
  const changed = new Set<string>();
  for (let v = versions.length - 1; v >= 0; v--) {
    for (const item of itemsOf(versions[v])) {
      const json = JSON.stringify({ ...item, text: undefined, help: undefined });
      const before = seen.get(item.id);
      if (before === undefined) {
        seen.set(item.id, json);
        items.push(item);
      } else if (before !== json) {
        // Wording changes are common and harmless; a changed type, scale or routing is not.
        changed.add(item.id);
      }
    }
  }
  return { items, changed };
}

/**
 * Every analysable variable of a questionnaire: one per plain item, one per partner × facet
 * of a partner grid, one per tool of a tool grid and one per option of a multiple-choice item.
 * Pure: the loader and the test builder both use it, so they cannot disagree.
 */
export function deriveVariables(
  items: readonly Item[],
  rounds: readonly InputRound[],
  partners: readonly InputPartner[],
  tools: readonly InputTool[],
  changed: ReadonlySet<string> = new Set(),
): VariableMeta[] {
  const out: VariableMeta[] = [];
  for (const item of items) {
    const inRound = rounds.map((r) => item.rounds.includes(r.key));
    const base = {
      item: item.id,
      measure: item.measure,
      partner: null,
      facet: null,
      tool: null,
      option: null,
      inRound,
      definitionChanged: changed.has(item.id),
    };
    switch (item.type) {
      case 'likert':
      case 'frequency':
        out.push({ ...base, id: item.id, exportName: item.id, sub: '', ...scaleMeta(item.scale) });
        break;
      case 'rating': {
        const codes: VariableCode[] = [];
        for (let c = item.min; c <= item.max; c++) codes.push({ code: c, label: { nl: String(c), en: String(c) } });
        const topBox = item.topBoxFrom === undefined ? null : codes.map((c) => c.code).filter((c) => c >= item.topBoxFrom!);
        out.push({ ...base, id: item.id, exportName: item.id, sub: '', kind: 'ordinal', codes, topBox, range: [item.min, item.max] });
        break;
      }
      case 'yesno':
        out.push({ ...base, id: item.id, exportName: item.id, sub: '', kind: 'binary', codes: YES_NO_CODES, topBox: [YES], range: [0, 1] });
        break;
      case 'single':
        out.push({
          ...base,
          id: item.id,
          exportName: item.id,
          sub: '',
          kind: 'nominal',
          codes: item.options.map((o) => ({ code: o.code, label: o.label })),
          topBox: null,
          range: null,
        });
        break;
      case 'multi':
        for (const o of item.options) {
          const sub = optionSub(o.code);
          out.push({
            ...base,
            id: `${item.id}.${sub}`,
            exportName: variableName(item.id, { option: o.code }),
            sub,
            option: o.code,
            kind: 'binary',
            codes: CHOSEN_CODES,
            topBox: [1],
            range: [0, 1],
          });
        }
        break;
      case 'number':
        out.push({
          ...base,
          id: item.id,
          exportName: item.id,
          sub: '',
          kind: 'numeric',
          codes: null,
          topBox: null,
          range: [item.min, item.max],
        });
        break;
      case 'text':
        out.push({ ...base, id: item.id, exportName: item.id, sub: '', kind: 'text', codes: null, topBox: null, range: null });
        break;
      case 'partnerGrid':
        partners.forEach((p, pi) => {
          for (const facet of item.facets) {
            const sub = partnerSub(p.id, facet.key);
            out.push({
              ...base,
              id: `${item.id}.${sub}`,
              exportName: variableName(item.id, { partner: { number: pi + 1, facet: facet.key } }),
              sub,
              measure: facet.measure,
              partner: pi,
              facet: facet.key,
              ...scaleMeta(facet.scale),
            });
          }
        });
        break;
      case 'toolGrid':
        tools.forEach((t, ti) => {
          const sub = toolSub(t.id);
          out.push({
            ...base,
            id: `${item.id}.${sub}`,
            exportName: variableName(item.id, { tool: ti + 1 }),
            sub,
            tool: ti,
            ...scaleMeta(item.scale),
          });
        });
        break;
    }
  }
  return out;
}

function scaleMeta(scale: Scale): { kind: VariableKind; codes: VariableCode[]; topBox: number[] | null; range: [number, number] | null } {
  const codes = [...scale.points].sort((a, b) => a.code - b.code).map((p) => ({ code: p.code, label: p.label as LocalText }));
  const values = codes.map((c) => c.code);
  const binary = values.length === 2 && values[0] === 0 && values[1] === 1;
  return {
    kind: binary ? 'binary' : 'ordinal',
    codes,
    topBox: scale.topBox?.length ? [...scale.topBox] : binary ? [1] : null,
    range: values.length ? [values[0], values[values.length - 1]] : null,
  };
}
