import { topBoxOf, type Indicator, type IndicatorSummary, type Item, type LocalText } from '../../model/index.js';
import { CELL, type AnalysisInput, type Variable, type VariableCode } from './input.js';
import type { Selection } from './selection.js';
import type { VariableAnalysis } from './result.js';
import { analyzeVariable } from './variable.js';

/**
 * The researcher's own indicators (model/indicators.ts), analysed with the same statistics and
 * honesty rules as the built-in measures. Each indicator becomes one derived variable — one value
 * per person per round — which then goes through exactly the path an item takes (prepare →
 * summarizeRound → changesFor / overallTest, METHODS §2–§3): Wilson intervals for shares,
 * t-intervals for means, the flags and suppression below minDenominatorForPercent, paired tests
 * between rounds. Multiplicity families and conclusions are added in analyze.ts.
 *
 * How one person's value is formed (METHODS §2.1 and §3.3: per item and per person first, then
 * across people; never pooling answers of several items as if they were independent people):
 * - one item: the item itself. Share agreeing → yes when the answer is in the item's top box
 *   (a binary variable: Wilson interval, McNemar exact / Fisher); share yes → the yes/no answer;
 *   mean score and distribution → the item's own codes (ordinal: t-interval, Wilcoxon signed-rank).
 * - several items ('person-share', 'person-mean'): the share of the person's answered items in
 *   the top box, or the mean of the person's answered codes (a number per person: t-interval
 *   clipped to the range, exact Wilcoxon signed-rank on the per-person differences, exact
 *   Mann–Whitney cross-sectionally, Friedman over three or more rounds). A person counts in a
 *   round only when they gave a substantive answer to at least half (rounded up) of the items
 *   they were routed to — the usual half rule for scale scores, so that one answered item of six
 *   does not stand for the whole indicator. Otherwise their cell is "skipped" (or don't know /
 *   not applicable when every routed item was), and they leave the denominator.
 */

/** How one person's value of an indicator is formed (see above). */
export const INDICATOR_SCORING = ['item-top-box', 'item', 'person-share', 'person-mean'] as const;
export type IndicatorScoring = (typeof INDICATOR_SCORING)[number];

export interface IndicatorAnalysis {
  key: string;
  name: LocalText;
  summary: IndicatorSummary;
  /** Ids of the indicator's items found in the analysed questionnaire. */
  items: string[];
  scoring: IndicatorScoring;
  /** The range of one person's value (0–1 for a share, the scale for a mean score); null for a distribution. */
  range: [number, number] | null;
  /**
   * The indicator's value per round and its change, in the shape of an item (result.ts): a share
   * is `rounds[].topBox` (one item) or `rounds[].mean` on 0–1 (several items: the mean of the
   * per-person shares); a mean score is `rounds[].mean`; a distribution is `rounds[].distribution`.
   */
  result: VariableAnalysis;
}

const TOP_BOX_CODES: VariableCode[] = [
  { code: 0, label: { nl: 'Niet in de bovenste categorieën', en: 'Not in the top box' } },
  { code: 1, label: { nl: 'In de bovenste categorieën', en: 'In the top box' } },
];

/** Analyses every indicator of the input whose items are present; others are left out. */
export function analyzeIndicators(input: AnalysisInput, sel: Selection): IndicatorAnalysis[] {
  const out: IndicatorAnalysis[] = [];
  for (const ind of input.indicators ?? []) {
    const derived = indicatorVariable(input, ind);
    if (!derived) continue;
    out.push({
      key: ind.key,
      name: ind.name,
      summary: ind.summary,
      items: derived.items,
      scoring: derived.scoring,
      range: derived.variable.kind === 'nominal' ? null : derived.variable.range,
      result: analyzeVariable(input, sel, derived.variable),
    });
  }
  return out;
}

/** The indicator as one derived variable over all units and rounds (null when none of its items is in the data). */
export function indicatorVariable(
  input: AnalysisInput,
  ind: Indicator,
): { variable: Variable; items: string[]; scoring: IndicatorScoring } | null {
  const itemById = new Map<string, Item>(input.items.map((i) => [i.id, i]));
  const parts: { item: Item; v: Variable }[] = [];
  for (const id of ind.items) {
    const item = itemById.get(id);
    const v = input.variables.find((x) => x.item === id && x.sub === '');
    if (item && v) parts.push({ item, v });
  }
  if (parts.length === 0) return null;
  const R = input.rounds.length;
  const U = input.units.count;
  const first = parts[0].v;
  const base = {
    id: `indicator.${ind.key}`,
    exportName: ind.key,
    item: ind.key,
    sub: '',
    measure: first.measure,
    partner: null,
    facet: null,
    tool: null,
    option: null,
    inRound: Array.from({ length: R }, (_, r) => parts.some((p) => p.v.inRound[r])),
    definitionChanged: parts.some((p) => p.v.definitionChanged),
  };
  const items = parts.map((p) => p.item.id);
  const share = ind.summary === 'share-agreeing' || ind.summary === 'share-yes';

  if (parts.length === 1) {
    const { item, v } = parts[0];
    if (share && item.type !== 'yesno') {
      // One scale item: yes when the answer is in the top box, a binary variable.
      const top = new Set(topBoxOf(item) ?? []);
      const values = new Float64Array(v.values.length).fill(NaN);
      for (let i = 0; i < values.length; i++) if (v.state[i] === CELL.ANSWERED) values[i] = top.has(v.values[i]) ? 1 : 0;
      const variable: Variable = { ...base, kind: 'binary', codes: TOP_BOX_CODES, topBox: [1], range: [0, 1], values, state: v.state };
      return { variable, items, scoring: 'item-top-box' };
    }
    const variable: Variable = {
      ...base,
      kind: v.kind,
      codes: v.codes,
      topBox: v.topBox,
      range: v.range,
      values: v.values,
      state: v.state,
    };
    return { variable, items, scoring: 'item' };
  }

  // Several items: one number per person per round (see the module comment for the rule).
  const tops = parts.map((p) => new Set(topBoxOf(p.item) ?? []));
  const values = new Float64Array(R * U).fill(NaN);
  const state = new Uint8Array(R * U);
  for (let i = 0; i < R * U; i++) {
    let routed = 0;
    let answered = 0;
    let sum = 0;
    let dontKnow = 0;
    let notApplicable = 0;
    let noResponse = 0;
    for (let j = 0; j < parts.length; j++) {
      const s = parts[j].v.state[i];
      if (s === CELL.NO_RESPONSE) noResponse++;
      if (s === CELL.NO_RESPONSE || s === CELL.NOT_ASKED) continue;
      routed++;
      if (s === CELL.ANSWERED) {
        answered++;
        const x = parts[j].v.values[i];
        sum += share ? (tops[j].has(x) ? 1 : 0) : x;
      } else if (s === CELL.DONT_KNOW) dontKnow++;
      else if (s === CELL.NOT_APPLICABLE) notApplicable++;
    }
    if (noResponse === parts.length) state[i] = CELL.NO_RESPONSE;
    else if (routed === 0) state[i] = CELL.NOT_ASKED;
    else if (answered > 0 && answered >= Math.ceil(routed / 2)) {
      state[i] = CELL.ANSWERED;
      values[i] = sum / answered;
    } else state[i] = dontKnow === routed ? CELL.DONT_KNOW : notApplicable === routed ? CELL.NOT_APPLICABLE : CELL.SKIPPED;
  }
  const ranges = parts.map((p) => p.v.range).filter((r): r is [number, number] => r !== null);
  const range: [number, number] | null = share
    ? [0, 1]
    : ranges.length
      ? [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))]
      : null;
  const variable: Variable = { ...base, kind: 'numeric', codes: null, topBox: null, range, values, state };
  return { variable, items, scoring: share ? 'person-share' : 'person-mean' };
}
