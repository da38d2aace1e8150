import type { LocalText } from '../../model/index.js';
import type { CustomIndicator, FactsheetData, FactsheetSplit, FactsheetSubgroup, QuestionBlock, Series } from './data.js';

/**
 * A factsheet section's figures per subgroup (issue 16): each subgroup's own factsheet numbers
 * (the same analysis a filter on the subgroup gives), with the subgroup rule of METHODS §6 — a
 * subgroup's round with fewer than `minSubgroup` respondents shows nothing, and when that hides
 * exactly one subgroup of a round, the next smallest is hidden too, so the hidden one cannot be
 * worked out from the total (the same rule as the dashboard's split, analysis/study/split.ts).
 * Pure: the server analyses the subgroups, this decides what may be printed.
 */
export interface SubgroupPart {
  value: string;
  label: LocalText;
  /** Respondents per round (submitted responses of the subgroup). */
  respondents: number[];
  data: Pick<FactsheetData, 'custom' | 'questions'>;
}

export function splitData(
  by: string,
  label: LocalText,
  sections: FactsheetSplit['sections'],
  parts: SubgroupPart[],
  minSubgroup: number,
): FactsheetSplit {
  const groups: FactsheetSubgroup[] = parts.map((p) => ({
    value: p.value,
    label: p.label,
    respondents: [...p.respondents],
    hidden: p.respondents.map((n) => n < minSubgroup),
    custom: p.data.custom ?? [],
    questions: p.data.questions ?? [],
  }));
  const rounds = Math.max(0, ...groups.map((g) => g.respondents.length));
  for (let r = 0; r < rounds; r++) {
    const shown = groups.filter((g) => !g.hidden[r]);
    if (groups.length - shown.length === 1 && shown.length > 0) {
      const smallest = shown.reduce((a, b) => ((b.respondents[r] ?? 0) < (a.respondents[r] ?? 0) ? b : a));
      smallest.hidden[r] = true;
    }
  }
  return {
    by,
    label,
    sections,
    groups: groups.map((g) => ({
      ...g,
      respondents: g.respondents.map((n, r) => (g.hidden[r] ? null : n)),
      custom: g.custom.map((c) => hideCustom(c, g.hidden)),
      questions: g.questions.map((q) => hideQuestion(q, g.hidden)),
    })),
  };
}

const hideSeries = (s: Series, hidden: boolean[]): Series => ({
  ...s,
  perRound: s.perRound.map((v, r) => (hidden[r] ? null : v)),
  change: s.change && (hidden[s.change.from] || hidden[s.change.to]) ? null : s.change,
});

function hideCustom(c: CustomIndicator, hidden: boolean[]): CustomIndicator {
  const touches = (x: { from: number; to: number } | null | undefined) => !!x && (hidden[x.from] || hidden[x.to]);
  return {
    ...c,
    perRound: c.perRound.map((v, r) => (hidden[r] ? null : v)),
    means: c.means.map((v, r) => (hidden[r] ? null : v)),
    change: touches(c.change) ? null : c.change,
    ...(c.options ? { options: c.options.map((o) => hideSeries(o, hidden)) } : {}),
    ...(c.shift !== undefined ? { shift: touches(c.shift) ? null : c.shift } : {}),
  };
}

function hideQuestion(q: QuestionBlock, hidden: boolean[]): QuestionBlock {
  const touches = (x: { from: number; to: number } | null) => !!x && (hidden[x.from] || hidden[x.to]);
  return {
    ...q,
    means: q.means ? q.means.map((v, r) => (hidden[r] ? null : v)) : null,
    options: q.options ? q.options.map((o) => hideSeries(o, hidden)) : null,
    change: touches(q.change) ? null : q.change,
    shift: touches(q.shift) ? null : q.shift,
    ...(q.distribution ? { distribution: q.distribution.map((o) => hideSeries(o, hidden)) } : {}),
    ...(q.quartiles ? { quartiles: q.quartiles.map((v, r) => (hidden[r] ? null : v)) } : {}),
  };
}
