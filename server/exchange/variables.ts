import {
  itemsOf,
  optionSub,
  partnerSub,
  toolSub,
  variableName,
  type Item,
  type LocalText,
  type Measure,
  type MissingCode,
} from '../../model/index.js';
import type { ExchangeStudy } from './study-data.js';

/**
 * The variables of a study's exports, derived from its questionnaire and its partner and tool
 * catalogues. One item gives one variable, except:
 *
 * | item type   | variables                          | example            |
 * |-------------|------------------------------------|--------------------|
 * | partnerGrid | `<item>_p<n>_freq`, `<item>_p<n>_qual` per chain partner n and facet | `collab_p1_freq` |
 * | toolGrid    | `<item>_t<n>` per tool n           | `tools_use_t2`     |
 * | multi       | `<item>_o<code>` per option code, 1 = chosen, 0 = not chosen | `train_parts_o3` |
 *
 * n is the partner's or tool's 1-based place in the study's catalogue (the codebook names it);
 * option codes come from the questionnaire. The wide file adds `_<round key>`
 * (`know_signal_pre`). Names are stable for as long as the questionnaire and the catalogue
 * order are; they never contain database ids.
 */
export interface ExchangeVariable {
  /** The name without a round suffix. */
  name: string;
  item: Item;
  /** The cell address in this database (model/answer.ts `sub`), with partner and tool ids. */
  sub: string;
  /** categorical: codes with value labels; numeric: a number (ratings label their ends); text: open answer. */
  kind: 'categorical' | 'numeric' | 'text';
  label: LocalText;
  values: ValueLabel[];
  /** The answer codes besides values that this variable can hold. */
  missing: MissingCode[];
  /** Whether routing (show-if) can leave it unasked. */
  routed: boolean;
  /**
   * Keys of the study's respondent groups that do not see the item's section (model/respondent-groups.ts):
   * their respondents were not asked it. Empty for a study without groups.
   */
  notSeenBy: readonly string[];
  /** Keys of the rounds it is asked in, in round order. */
  rounds: string[];
  measure: Measure;
  partner?: { number: number; name: string; facet: 'frequency' | 'quality' };
  tool?: { number: number; name: string };
  option?: number;
}

export interface ValueLabel {
  code: number;
  label: LocalText;
}

const YES_NO: ValueLabel[] = [
  { code: 1, label: { nl: 'Ja', en: 'Yes' } },
  { code: 0, label: { nl: 'Nee', en: 'No' } },
];
const CHOSEN: ValueLabel[] = [
  { code: 1, label: { nl: 'Gekozen', en: 'Chosen' } },
  { code: 0, label: { nl: 'Niet gekozen', en: 'Not chosen' } },
];

function joinText(a: LocalText, sep: string, b: LocalText | string): LocalText {
  const out: LocalText = {};
  for (const lang of ['nl', 'en'] as const) {
    const left = a[lang] ?? a.nl ?? a.en;
    const right = typeof b === 'string' ? b : (b[lang] ?? b.nl ?? b.en);
    if (left !== undefined) out[lang] = `${left}${sep}${right ?? ''}`;
  }
  return out;
}

function missingOf(flags: { dontKnow?: boolean; notApplicable?: boolean }): MissingCode[] {
  const out: MissingCode[] = [];
  if (flags.dontKnow) out.push('dont_know');
  if (flags.notApplicable) out.push('not_applicable');
  return out;
}

export class VariableNameError extends Error {
  constructor(readonly names: string[]) {
    super(`these export variable names occur twice: ${names.join(', ')}; rename the questionnaire items so the derived names differ`);
    this.name = 'VariableNameError';
  }
}

/** Every export variable in questionnaire order. */
export function exchangeVariables(study: ExchangeStudy): ExchangeVariable[] {
  const roundOrder = new Map(study.rounds.map((r) => [r.key, r.position]));
  const out: ExchangeVariable[] = [];
  const notSeen = groupsNotSeeing(study);
  for (const item of itemsOf(study.questionnaire)) {
    const rounds = item.rounds.filter((r) => roundOrder.has(r)).sort((a, b) => roundOrder.get(a)! - roundOrder.get(b)!);
    const base = { item, rounds, measure: item.measure, routed: item.showIf !== undefined, notSeenBy: notSeen.get(item.id) ?? NO_GROUPS };
    switch (item.type) {
      case 'likert':
      case 'frequency':
        out.push({
          ...base,
          name: item.id,
          sub: '',
          kind: 'categorical',
          label: item.text,
          values: item.scale.points,
          missing: missingOf(item.scale),
        });
        break;
      case 'rating': {
        const values: ValueLabel[] = [];
        if (item.minLabel) values.push({ code: item.min, label: item.minLabel });
        if (item.maxLabel) values.push({ code: item.max, label: item.maxLabel });
        out.push({ ...base, name: item.id, sub: '', kind: 'numeric', label: item.text, values, missing: missingOf(item) });
        break;
      }
      case 'yesno':
        out.push({ ...base, name: item.id, sub: '', kind: 'categorical', label: item.text, values: YES_NO, missing: missingOf(item) });
        break;
      case 'single':
        out.push({ ...base, name: item.id, sub: '', kind: 'categorical', label: item.text, values: item.options, missing: [] });
        break;
      case 'multi':
        for (const o of item.options) {
          out.push({
            ...base,
            name: variableName(item.id, { option: o.code }),
            sub: optionSub(o.code),
            kind: 'categorical',
            label: joinText(item.text, ' — ', o.label),
            values: CHOSEN,
            missing: [],
            option: o.code,
          });
        }
        break;
      case 'number':
        out.push({ ...base, name: item.id, sub: '', kind: 'numeric', label: item.text, values: [], missing: [] });
        break;
      case 'text':
        out.push({ ...base, name: item.id, sub: '', kind: 'text', label: item.text, values: [], missing: [] });
        break;
      case 'partnerGrid':
        for (const p of study.partners) {
          for (const f of item.facets) {
            out.push({
              ...base,
              measure: f.measure,
              name: variableName(item.id, { partner: { number: p.number, facet: f.key } }),
              sub: partnerSub(p.id, f.key),
              kind: 'categorical',
              label: joinText(joinText(item.text, ' — ', p.name), ': ', f.label),
              values: f.scale.points,
              missing: missingOf(f.scale),
              partner: { number: p.number, name: p.name, facet: f.key },
            });
          }
        }
        break;
      case 'toolGrid':
        for (const t of study.tools) {
          out.push({
            ...base,
            name: variableName(item.id, { tool: t.number }),
            sub: toolSub(t.id),
            kind: 'categorical',
            label: joinText(item.text, ' — ', t.name),
            values: item.scale.points,
            missing: missingOf(item.scale),
            tool: { number: t.number, name: t.name },
          });
        }
        break;
    }
  }
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of out) (seen.has(v.name) ? twice : seen).add(v.name);
  if (twice.size) throw new VariableNameError([...twice]);
  return out;
}

const NO_GROUPS: readonly string[] = [];

/**
 * Per item, the keys of the respondent groups whose sections leave it out, as the analysis has it
 * (analysis/study/builder.ts `seen`): a group with a list of sections sees only the items in those.
 * The exports' questionnaire is the study's newest version, the one the analysis takes an item's
 * section from.
 */
function groupsNotSeeing(study: ExchangeStudy): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of study.definition.groups ?? []) {
    const sees = new Set(g.sections);
    for (const section of study.questionnaire.sections) {
      if (sees.has(section.key)) continue;
      for (const item of section.items) {
        const groups = out.get(item.id);
        if (groups) groups.push(g.key);
        else out.set(item.id, [g.key]);
      }
    }
  }
  return out;
}

/** The wide file's name for a variable in a round. */
export const wideName = (v: { name: string }, roundKey: string): string => `${v.name}_${roundKey}`;

/** A cell's lookup key: item and sub address. */
export const cellKey = (item: string, sub: string): string => `${item}\u0000${sub}`;
