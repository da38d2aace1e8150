import type { RoundResponse, RoundSummary } from '../../analysis/study/result.js';
import type { Lang } from '../../model/i18n.js';

/**
 * Why a table cell of a share per round (tool use, the partners' heatmap) has no value to show.
 * "Verborgen" is said only of small-cell suppression: a round that has no answers yet (the next
 * half-year, not yet planned) is not hidden, and a reader who sees "verborgen" there thinks of
 * privacy where there is simply nothing yet.
 *
 * - `not-asked`: nobody in the selection was routed to the question in this round;
 * - `no-answers-yet`: nobody answered it, and the round has no submissions at all and has not closed;
 * - `no-answers`: nobody answered it (everyone skipped it, or the round closed without answers);
 * - `hidden`: there are answers, but their count is hidden for this audience (suppression.ts).
 */
export type SummaryGap = 'not-asked' | 'no-answers-yet' | 'no-answers' | 'hidden';

/**
 * The gap of one round's share, or null when the cell has something to show: a percentage, or
 * the count "x van n" when the share is below the study's minimum for a percentage.
 *
 * @param round - the round's response counts (`analysis.rounds`), to tell a round still to come from a closed one
 * @param now - the time to compare the round's closing with (ms)
 */
export function summaryGap(
  s: Pick<RoundSummary, 'asked' | 'n' | 'topBox'> | undefined,
  round: Pick<RoundResponse, 'submitted' | 'anonymous' | 'closesAt'> | undefined,
  now: number = Date.now(),
): SummaryGap | null {
  if (!s?.asked) return 'not-asked';
  if (s.n === 0) {
    const nothingYet = !round || round.submitted + round.anonymous === 0;
    const closed = !!round?.closesAt && Date.parse(round.closesAt) <= now;
    return nothingYet && !closed ? 'no-answers-yet' : 'no-answers';
  }
  if (!s.topBox || s.topBox.x === null) return 'hidden';
  return null;
}

const WORDS: Record<SummaryGap, Record<Lang, string>> = {
  'not-asked': { nl: 'niet gevraagd', en: 'not asked' },
  'no-answers-yet': { nl: 'nog geen antwoorden', en: 'no answers yet' },
  'no-answers': { nl: 'geen antwoorden', en: 'no answers' },
  hidden: { nl: 'verborgen (kleine aantallen)', en: 'hidden (small numbers)' },
};

/** The gap in words for a table cell, lower case. */
export const summaryGapText = (gap: SummaryGap, lang: Lang): string => WORDS[gap][lang];

/** The sentence under a table that has hidden cells: what "verborgen" means there (`min`: the study's minSubgroup). */
export const hiddenExplained = (min: number, lang: Lang): string =>
  lang === 'nl'
    ? `Verborgen (kleine aantallen): een aantal van 1 tot ${min - 1} in een deelgroep, of een aantal waaruit dat af te leiden is, ` +
      'wordt niet getoond, zodat de antwoorden van enkelen niet herkenbaar zijn.'
    : `Hidden (small numbers): a count of 1 to ${min - 1} in a subgroup, or a count it could be worked out from, ` +
      'is not shown, so that the answers of a few cannot be recognised.';
