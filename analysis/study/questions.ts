import type { Item } from '../../model/index.js';
import type { ChoiceRanking, ItemAnalysis, QuestionReport } from './result.js';

/** Item types reported question by question (open answers have their own report; grids are partners and tools). */
const REPORTED = new Set<Item['type']>(['likert', 'frequency', 'rating', 'yesno', 'single', 'multi', 'number']);

/**
 * Every answerable question in questionnaire order, pointing at its variables in `items` (one,
 * or one per option of a multiple-choice item), so that a screen or a factsheet can report
 * each question by type without knowing the variable naming. For a multiple-choice question
 * (a team's priority vote, "which three themes first?") it adds the options ranked by votes per
 * round. Built from the finished item analyses, after suppression, so the ranking never shows
 * a count the audience may not see.
 */
export function questionReports(items: readonly Item[], analysed: readonly ItemAnalysis[]): QuestionReport[] {
  const byItem = new Map<string, ItemAnalysis[]>();
  for (const v of analysed) {
    const list = byItem.get(v.item);
    if (list) list.push(v);
    else byItem.set(v.item, [v]);
  }
  const out: QuestionReport[] = [];
  for (const item of items) {
    const vars = byItem.get(item.id);
    if (!vars || !REPORTED.has(item.type)) continue;
    out.push({
      item: item.id,
      type: item.type,
      text: item.text,
      variables: vars.map((v) => v.id),
      maxSelect: item.type === 'multi' ? (item.maxSelect ?? null) : null,
      unit: item.type === 'number' ? (item.unit ?? null) : null,
      ranking: item.type === 'multi' ? rankOptions(vars) : null,
    });
  }
  return out;
}

/**
 * The options of one multiple-choice question ranked by votes in each round (standard
 * competition ranking: equal votes share a rank, the next rank skips). The share chosen is of
 * those who answered the question in that round, with its Wilson interval from the option's own
 * summary; a suppressed count has no votes and no rank.
 */
export function rankOptions(options: readonly ItemAnalysis[]): ChoiceRanking[] {
  const rounds = options[0]?.rounds ?? [];
  return rounds.map((r, k) => {
    const cells = options.map((v, position) => {
      const s = v.rounds[k];
      return {
        variable: v.id,
        label: v.optionLabel ?? v.text,
        votes: s.topBox?.x ?? null,
        share: s.topBox?.estimate ?? null,
        ci: s.topBox?.ci ?? null,
        rank: null as number | null,
        position,
      };
    });
    const ranked = cells.filter((c) => c.votes !== null && c.votes > 0).sort((a, b) => b.votes! - a.votes! || a.position - b.position);
    ranked.forEach((c, i) => (c.rank = i > 0 && ranked[i - 1].votes === c.votes ? ranked[i - 1].rank : i + 1));
    const order = [...ranked, ...cells.filter((c) => !ranked.includes(c))];
    return {
      round: r.round,
      asked: r.asked,
      n: r.n,
      options: order.map(({ position: _, ...c }) => c),
    };
  });
}
