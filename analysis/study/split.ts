import { analyzeStudy } from './analyze.js';
import type { AnalysisInput } from './input.js';
import type { ItemType, LocalText } from '../../model/index.js';
import type { AnalysisOptions } from './selection.js';
import type { VariableKind } from './input.js';

/**
 * A subgroup split (issue 16, cohort attributes): the selection's results once per value of a
 * cohort attribute (`?split=domain`), each group analysed by `analyzeStudy` with that value as
 * an extra filter — the same numbers a filter on that value gives.
 *
 * Disclosure (METHODS §6, the study's `minSubgroup`): a group's round with fewer than
 * minSubgroup respondents shows no count and no result. When that hides exactly one group of a
 * round, the next smallest group of the round is hidden too, so the hidden one cannot be worked
 * out from the round's total. Percentages need minDenominatorForPercent answers, as everywhere.
 */
export interface SplitResult {
  /** The attribute split by. */
  key: string;
  /** The analysed rounds, in study order. */
  rounds: string[];
  minSubgroup: number;
  minDenominatorForPercent: number;
  /** One per value that participants in the selection hold, in the attribute's own order. */
  groups: SplitGroup[];
  /** The items reported per group, in questionnaire order. */
  items: SplitItem[];
}

export interface SplitItem {
  /** Variable id (as in the analysis: `item` or `item.o<code>`). */
  id: string;
  type: ItemType;
  kind: VariableKind;
  text: LocalText;
  optionLabel: LocalText | null;
}

export interface SplitGroup {
  value: string;
  /** Per round (as `rounds`): the group's respondents, or null when hidden. */
  respondents: (number | null)[];
  /** Per round: hidden because the group (or, secondarily, another group) is below minSubgroup. */
  hidden: boolean[];
  /** Per item id, per round: the result, or null when hidden or not asked. */
  results: Record<string, (SplitCell | null)[]>;
}

export interface SplitCell {
  /** Substantive answers. */
  n: number;
  /** Answers in the top box (agree, yes, at least monthly …); null when the item has none. */
  x: number | null;
  /** x / n when n reaches minDenominatorForPercent, else null. */
  share: number | null;
  /** Mean answer for rating, number and ordinal items; null otherwise or without answers. */
  mean: number | null;
  /** For single-choice (nominal) items: the count per option, in the item's order. */
  counts?: { code: number; label: LocalText; count: number }[];
}

/** The most groups a split reports: more would be a list of individuals, not subgroups. */
export const MAX_SPLIT_GROUPS = 40;

export function splitAnalysis(input: AnalysisInput, options: AnalysisOptions, key: string, order?: readonly string[]): SplitResult {
  const settings = input.study.settings;
  const attribute = input.units.attributes.find((a) => a.key === key);
  const base = analyzeStudy(input, { ...options, audience: 'full' });
  const rounds = base.selection.rounds;
  const items: SplitItem[] = base.items
    .filter((i) => i.kind !== 'text')
    .map((i) => ({ id: i.id, type: i.type, kind: i.kind, text: i.text, optionLabel: i.optionLabel }));
  const result: SplitResult = {
    key,
    rounds,
    minSubgroup: settings.minSubgroup,
    minDenominatorForPercent: settings.minDenominatorForPercent,
    groups: [],
    items,
  };
  if (!attribute) return result;
  const rank = (v: string) => (order?.includes(v) ? order.indexOf(v) : Number.MAX_SAFE_INTEGER);
  const values = [...attribute.values].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'nl'));
  for (const value of values.slice(0, MAX_SPLIT_GROUPS)) {
    const filter = { ...(options.attributes ?? {}), [key]: [value] };
    // A filter on the same attribute that excludes this value leaves the group out.
    if (options.attributes?.[key]?.length && !options.attributes[key].includes(value)) continue;
    const a = analyzeStudy(input, { ...options, attributes: filter, audience: 'full' });
    if (a.selection.units === 0) continue;
    const respondents = rounds.map((k) => {
      const r = a.rounds.find((x) => x.key === k);
      return r ? r.submitted + r.submittedNotEligible : 0;
    });
    const results: Record<string, (SplitCell | null)[]> = {};
    for (const item of a.items) {
      if (item.kind === 'text') continue;
      results[item.id] = rounds.map((k) => {
        const s = item.rounds.find((x) => x.round === k);
        if (!s || !s.asked) return null;
        const x = s.topBox?.x ?? null;
        return {
          n: s.n,
          x,
          share: x !== null && s.n >= settings.minDenominatorForPercent ? x / s.n : null,
          mean: item.kind === 'numeric' || item.kind === 'ordinal' ? (s.mean?.estimate ?? null) : null,
          ...(item.kind === 'nominal' && s.distribution
            ? { counts: s.distribution.map((c) => ({ code: c.code, label: c.label, count: c.count ?? 0 })) }
            : {}),
        };
      });
    }
    result.groups.push({ value, respondents, hidden: rounds.map(() => false), results });
  }
  // Primary suppression, then the secondary rule per round.
  rounds.forEach((_, r) => {
    for (const g of result.groups) if ((g.respondents[r] ?? 0) < settings.minSubgroup) g.hidden[r] = true;
    const hidden = result.groups.filter((g) => g.hidden[r]);
    const shown = result.groups.filter((g) => !g.hidden[r]);
    if (hidden.length === 1 && shown.length > 0) {
      const smallest = shown.reduce((a, b) => ((b.respondents[r] ?? 0) < (a.respondents[r] ?? 0) ? b : a));
      smallest.hidden[r] = true;
    }
    for (const g of result.groups) {
      if (!g.hidden[r]) continue;
      g.respondents[r] = null;
      for (const id of Object.keys(g.results)) g.results[id][r] = null;
    }
  });
  return result;
}
