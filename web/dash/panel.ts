import type { ResponseAnalysis, RoundResponse } from '../../analysis/study/result.js';

/**
 * The overview's "matched panel" tile: how many participants answered every selected round that
 * anyone has answered so far. The analysis's `complete` counts those who answered every selected
 * round; while a later round is still planned (or has just opened without a submission) that is
 * 0 by construction, and a tile saying "0 answered every round" halfway through a study reads as
 * a failed panel. Over the rounds answered so far it is the one response pattern with a '1' for
 * exactly those rounds (nobody can have answered the others), so its count, suppressed or not,
 * is the analysis's own.
 *
 * Null when fewer than two of the selected rounds have been answered: there is no panel yet.
 * `count` is null when the count is hidden for this audience (suppression).
 */
export function panelSoFar(
  rounds: Pick<RoundResponse, 'submitted' | 'submittedNotEligible'>[],
  response: Pick<ResponseAnalysis, 'complete' | 'patterns'>,
): { count: number | null; everyRound: boolean } | null {
  const answered = rounds.map((r) => r.submitted + r.submittedNotEligible > 0);
  const n = answered.filter(Boolean).length;
  if (n < 2) return null;
  if (n === rounds.length) return { count: response.complete, everyRound: true };
  const pattern = answered.map((a) => (a ? '1' : '0')).join('');
  // Patterns of more than six rounds list only those that occur: one not listed has nobody.
  const found = response.patterns.find((p) => p.pattern === pattern);
  return { count: found ? found.count : 0, everyRound: false };
}
