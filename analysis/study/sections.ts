import type { Item } from '../../model/index.js';
import type { AnalysisInput, Variable } from './input.js';
import type { ItemAnalysis, PartnerResult, PartnerRanking, ToolResult, VariableAnalysis } from './result.js';
import type { Selection } from './selection.js';
import { prepare, type PreparedVariable } from './prepare.js';
import { analyzeVariable } from './variable.js';

export interface Sections {
  items: ItemAnalysis[];
  partners: PartnerResult[];
  tools: ToolResult[];
  /** The partner grid and tool grid items the partner and tool sections are built from. */
  partnerGrid: string | null;
  toolGrid: string | null;
  /** Every variable restricted to the selection, by variable id (for attrition). */
  prepared: Map<string, PreparedVariable>;
}

/**
 * Splits the variables into the three sections: the study's first partner grid feeds
 * `partners`, its first tool grid feeds `tools`, everything else is an entry of `items`
 * (further grids too, one entry per cell).
 */
export function buildSections(input: AnalysisInput, sel: Selection): Sections {
  const itemById = new Map<string, Item>(input.items.map((i) => [i.id, i]));
  const partnerGrid = input.items.find((i) => i.type === 'partnerGrid')?.id ?? null;
  const toolGrid = input.items.find((i) => i.type === 'toolGrid')?.id ?? null;
  const items: ItemAnalysis[] = [];
  const partnerFacets = new Map<string, VariableAnalysis>();
  const toolUse = new Map<number, VariableAnalysis>();
  const prepared = new Map<string, PreparedVariable>();
  for (const v of input.variables) {
    const prep = prepare(input, sel, v);
    prepared.set(v.id, prep);
    const analysis = analyzeVariable(input, sel, v, prep);
    if (v.item === partnerGrid && v.partner !== null && v.facet) {
      partnerFacets.set(`${v.partner}:${v.facet}`, analysis);
    } else if (v.item === toolGrid && v.tool !== null) {
      toolUse.set(v.tool, analysis);
    } else {
      const item = itemById.get(v.item)!;
      items.push({ ...analysis, type: item.type, text: item.text, optionLabel: optionLabel(item, v) });
    }
  }
  const partners: PartnerResult[] = input.partners.map((p, index) => ({
    index,
    name: p.name,
    domain: p.domain,
    frequency: partnerFacets.get(`${index}:frequency`) ?? null,
    quality: partnerFacets.get(`${index}:quality`) ?? null,
    increase: { meanChange: null, nPairs: 0, rank: null, conclusion: null, reason: null },
  }));
  const tools: ToolResult[] = [];
  input.tools.forEach((t, index) => {
    const use = toolUse.get(index);
    if (use) tools.push({ index, name: t.name, use });
  });
  return { items, partners, tools, partnerGrid, toolGrid, prepared };
}

function optionLabel(item: Item, v: Variable) {
  if (item.type !== 'multi' || v.option === null) return null;
  return item.options.find((o) => o.code === v.option)?.label ?? null;
}

/**
 * Ranks partners by the increase in collaboration frequency over the primary contrast
 * (docs/analysis-json.md, "partnerRanking"): the mean paired change in the frequency code
 * (later − earlier) among participants who rated the partner in both rounds. Partners with
 * fewer than `minPairs` pairs are not ranked. Ties: larger rank-biserial first, then larger
 * cross-sectional difference in means, then study order. When no participant is linked
 * across the rounds (anonymous responses only), nothing is ranked.
 */
export function rankPartners(partners: PartnerResult[], sel: Selection, minPairs: number): PartnerRanking | null {
  const primary = sel.info.primary;
  if (!primary) return null;
  const candidates: { index: number; mean: number; rb: number; cross: number }[] = [];
  for (const p of partners) {
    const change = p.frequency?.changes.find((c) => c.from === primary.from && c.to === primary.to) ?? null;
    const paired = change?.paired ?? null;
    p.increase.nPairs = paired?.n ?? 0;
    p.increase.meanChange = paired?.meanDifference ?? null;
    p.increase.conclusion = change?.conclusion ?? null;
    if (!change) {
      p.increase.reason = 'not-both-rounds';
      continue;
    }
    if (!paired || paired.n < minPairs || paired.meanDifference === null) {
      p.increase.reason = 'too-few-pairs';
      continue;
    }
    candidates.push({
      index: p.index,
      mean: paired.meanDifference,
      rb: paired.effect?.estimate ?? 0,
      cross: change.crossSectional?.meanDifference ?? 0,
    });
  }
  // Means of integer codes: differences below 1e-12 are rounding, not a real difference.
  const cmp = (x: number, y: number) => (Math.abs(x - y) < 1e-12 ? 0 : y - x);
  candidates.sort((a, b) => cmp(a.mean, b.mean) || cmp(a.rb, b.rb) || cmp(a.cross, b.cross) || a.index - b.index);
  candidates.forEach((c, i) => (partners[c.index].increase.rank = i + 1));
  return {
    measure: 'collaboration-frequency',
    from: primary.from,
    to: primary.to,
    metric: 'mean-paired-change',
    minPairs,
    order: candidates.map((c) => c.index),
  };
}
