import type { Lang } from './i18n.js';
import { capitalTerm, type DutchDeterminer, term, type Vocabulary, type VocabularyTerm, withDeterminer } from './vocabulary.js';

/**
 * Interface texts with the study's own words in placeholders (issue 16), for the staff screens
 * and the server's generated texts alike. A message is written once per language with
 * placeholders where the study's word belongs:
 *
 * - `{tools}`, `{Tool}`, `{partners}`, `{participant}`, `{interventions}`: the word in that number,
 *   with a capital when the placeholder has one;
 * - `{roundWord}`, `{RoundWord}`, `{roundWords}`, `{RoundWords}` for a round: "meting", "Peilingen".
 *   A round has its own names because `{round}` and `{rounds}` already stand for a round's name
 *   and a list of them in many messages;
 * - `{elke partner}`, `{Deze round}`: a determiner, written in its Dutch de-word form, with the
 *   singular word; it agrees with the word ("elk instrument", "Dit meetmoment") and becomes the
 *   English determiner in English ("each instrument", "This survey wave").
 *
 * Other placeholders (`{n}`, `{round}`) are left for the caller.
 */

const PLAIN = /\{(tools?|Tools?|partners?|Partners?|participants?|Participants?|interventions?|Interventions?)\}/g;
const ROUND = /\{(roundWords?|RoundWords?)\}/g;
const DETERMINED = /\{(de|De|deze|Deze|die|Die|elke|Elke|welke|Welke) (tool|partner|participant|intervention|round)\}/g;

export function fillTerms(text: string, vocabulary: Vocabulary | undefined, lang: Lang): string {
  return text
    .replace(DETERMINED, (_m, determiner: string, which: VocabularyTerm) =>
      withDeterminer(vocabulary, which, lang, determiner.toLowerCase() as DutchDeterminer, determiner[0] !== determiner[0].toLowerCase()),
    )
    .replace(ROUND, (_m, name: string) =>
      (name[0] === 'R' ? capitalTerm : term)(vocabulary, 'round', lang, name.endsWith('s') ? 'many' : 'one'),
    )
    .replace(PLAIN, (_m, name: string) => {
      const many = name.endsWith('s');
      const which = (many ? name.slice(0, -1) : name).toLowerCase() as VocabularyTerm;
      return (name[0] !== name[0].toLowerCase() ? capitalTerm : term)(vocabulary, which, lang, many ? 'many' : 'one');
    });
}

/**
 * `fillTerms()` on every string of a message set, also inside its arrays and nested objects
 * (`{ response: ['Respons', 'Per {roundWord}'] }`); other values are kept as they are.
 */
export function fillTermsIn<T>(messages: T, vocabulary: Vocabulary | undefined, lang: Lang): T {
  const fill = (v: unknown): unknown => {
    if (typeof v === 'string') return fillTerms(v, vocabulary, lang);
    if (Array.isArray(v)) return v.map(fill);
    if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };
  return fill(messages) as T;
}
