import { itemsOf, type ItemType, type Questionnaire } from '../../../model/questionnaire-shape.js';

/** Item types that give one export variable named after the item (server/exchange/variables.ts). */
const ONE_VARIABLE: readonly ItemType[] = ['likert', 'frequency', 'rating', 'yesno', 'single'];

/** At most this many rounds in the example: enough to show the pattern. */
const SHOWN_ROUNDS = 3;

/**
 * An example of the wide file's column names from the study's own questionnaire and rounds, as
 * the export screen explains them: "cijfer_p2025najaar, _p2026voorjaar". The question asked in
 * the most rounds (the first of those) is taken, its rounds in the study's order, the way the
 * wide file names its columns (`<item>_<round key>`, server/exchange/wide.ts). Null when no
 * question gives a single variable, so the screen says it in words only.
 */
export function wideNameExample(questionnaire: Questionnaire, roundOrder: readonly string[]): string | null {
  let best: { id: string; rounds: string[] } | null = null;
  for (const item of itemsOf(questionnaire)) {
    if (!ONE_VARIABLE.includes(item.type)) continue;
    const rounds = roundOrder.filter((key) => item.rounds.includes(key));
    if (rounds.length && (!best || rounds.length > best.rounds.length)) best = { id: item.id, rounds };
  }
  if (!best) return null;
  const [first, ...rest] = best.rounds.slice(0, SHOWN_ROUNDS);
  return [`${best.id}_${first}`, ...rest.map((key) => `_${key}`)].join(', ');
}
