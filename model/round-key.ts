import { term, type Vocabulary, withDeterminer } from './vocabulary.js';
import { ROUND_KEY_PATTERN } from './values.js';

/** The longest round key ROUND_KEY_PATTERN allows. */
export const ROUND_KEY_MAX = 20;

/** Why a round key cannot be used, with a message in both interface languages. */
export interface RoundKeyProblem {
  reason: 'key-empty' | 'key-too-long' | 'key-format' | 'key-duplicate';
  nl: string;
  en: string;
}

/**
 * A round key derived from the round's name: lower case, accents dropped, every other run of characters one `_`,
 * a leading `r` when the name starts with a digit (keys become export column names, which start with a letter).
 * A name too long for a key keeps its year (`..._2027`). A key already taken gets `_2`, `_3`, …;
 * a name with no letters or digits gives `r<n>`.
 */
export function roundKeyFromName(name: string, taken: readonly string[]): string {
  let key = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (/^[0-9]/.test(key)) key = `r${key}`;
  if (key.length > ROUND_KEY_MAX) {
    const year = /(?:^|_)((?:19|20)\d\d)(?:_|$)/.exec(key)?.[1];
    const rest = year
      ? key
          .replace(year, '')
          .replace(/__+/g, '_')
          .replace(/^_+|_+$/g, '')
      : key;
    key = year ? `${rest.slice(0, ROUND_KEY_MAX - 5).replace(/_+$/, '')}_${year}` : key.slice(0, ROUND_KEY_MAX).replace(/_+$/, '');
    if (/^[0-9_]/.test(key)) key = `r${key}`.slice(0, ROUND_KEY_MAX);
  }
  if (!key) {
    let n = taken.length + 1;
    while (taken.includes(`r${n}`)) n++;
    return `r${n}`;
  }
  if (!taken.includes(key)) return key;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = key.slice(0, ROUND_KEY_MAX - suffix.length).replace(/_+$/, '') + suffix;
    if (!taken.includes(candidate)) return candidate;
  }
}

/**
 * What is wrong with a round key the researcher typed, or null when it can be used in this study; the
 * messages name a round in the study's own words when `vocabulary` is given.
 */
export function roundKeyProblem(key: string, taken: readonly string[], vocabulary?: Vocabulary): RoundKeyProblem | null {
  const round = { nl: term(vocabulary, 'round', 'nl'), en: term(vocabulary, 'round', 'en') };
  if (!key)
    return {
      reason: 'key-empty',
      nl: `Vul een sleutel in voor ${withDeterminer(vocabulary, 'round', 'nl', 'de')}.`,
      en: `Enter a key for the ${round.en}.`,
    };
  if (key.length > ROUND_KEY_MAX)
    return {
      reason: 'key-too-long',
      nl: `De sleutel is langer dan ${ROUND_KEY_MAX} tekens.`,
      en: `The key is longer than ${ROUND_KEY_MAX} characters.`,
    };
  if (!new RegExp(ROUND_KEY_PATTERN).test(key))
    return {
      reason: 'key-format',
      nl: `"${key}" kan geen sleutel zijn: begin met een kleine letter, gebruik daarna alleen a-z, 0-9 en _ (geen spaties).`,
      en: `"${key}" cannot be a key: start with a lower-case letter, then use only a-z, 0-9 and _ (no spaces).`,
    };
  if (taken.includes(key))
    return {
      reason: 'key-duplicate',
      nl: `Er is al een ${round.nl} met de sleutel "${key}".`,
      en: `There is already a ${round.en} with the key "${key}".`,
    };
  return null;
}
