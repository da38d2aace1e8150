import { pick, type Lang, type LocalText } from '../../model/index.js';
import type { Share } from './data.js';
import { once } from '../../model/once.js';

/**
 * Number formatting for factsheet text and charts. Percentages are whole numbers (METHODS §6:
 * with n < 100 a decimal suggests false precision); the minus sign is U+2212 and ranges use an
 * en dash. Pure functions: the same input gives the same text in every output.
 */

export const MINUS = '\u2212';

const integer = once(() => ({
  nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }),
}));

export function formatInt(v: number, lang: Lang): string {
  return integer()[lang].format(v).replace('-', MINUS);
}

/** A fraction as a whole percentage: 0.8182 → "82%". */
export function pct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`.replace('-', MINUS);
}

/** Percentage points with a sign: 0.341 → "+34"; −0.05 → "−5". */
export function signedPoints(fraction: number): string {
  const v = Math.round(fraction * 100);
  return v > 0 ? `+${v}` : v < 0 ? `${MINUS}${-v}` : '0';
}

export const words = {
  of: { nl: 'van', en: 'of' },
  ci: { nl: '95%-BI', en: '95% CI' },
  points: { nl: 'procentpunt', en: 'percentage points' },
  and: { nl: 'en', en: 'and' },
  or: { nl: 'of', en: 'or' },
  to: { nl: 'tot', en: 'to' },
} as const;

/** "9 van 11" / "9 of 11". */
export function xOfN(x: number, n: number, lang: Lang): string {
  return `${formatInt(x, lang)} ${words.of[lang]} ${formatInt(n, lang)}`;
}

/** An interval of fractions as whole percentages: "52–95%". */
export function pctRange(ci: [number, number]): string {
  return `${Math.round(ci[0] * 100)}–${pct(ci[1])}`;
}

/** An interval of a difference in percentage points: "−1 tot +57" / "−1 to +57". */
export function pointsRange(ci: [number, number], lang: Lang): string {
  return `${signedPoints(ci[0])} ${words.to[lang]} ${signedPoints(ci[1])}`;
}

/** A list in running text: "A, B en C" / "A, B and C"; with `conjunction` 'or' "A, B of C" / "A, B or C". */
export function listOf(parts: string[], lang: Lang, conjunction: 'and' | 'or' = 'and'): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${words[conjunction][lang]} ${parts[parts.length - 1]}`;
}

/** Dutch round nouns a label may end in: "Voormeting", "Tweede peiling", "Meetmoment" ("het"). */
const DUTCH_ROUND_NOUN = /(?:meting|peiling|scan|ronde|enquête|vragenlijst|uitvraag|evaluatie|(moment))$/;

/**
 * English round labels that take "the" in running text: an ordinal period ("the first half of
 * 2026", "the 2nd term") and a round named by its kind ("the survey"); "spring 2026", "June 2026"
 * and "pre-training" take none.
 */
const ENGLISH_MONTH = /^(January|February|March|April|May|June|July|August|September|October|November|December)\b/;
const ENGLISH_WITH_THE = /^(first|second|third|fourth|fifth|last|final|\d+(st|nd|rd|th)|survey|scan|measurement)\b/i;

/** Nouns of a period that take "het" ("het voorjaar 2026", "het eerste halfjaar 2027") or "de" ("de eerste helft 2026"). */
const HET_PERIODS = 'voorjaar|najaar|jaar|halfjaar|schooljaar|kwartaal|trimester|semester|begin|einde?';
const DUTCH_PERIOD = new RegExp(`\\b(?:(${HET_PERIODS})|helft|week|maand|zomer|winter|lente|herfst|periode)\\b`);

/**
 * A round by its label, as a noun phrase in running Dutch or English. A label is not always a noun:
 * "Voormeting" reads "de voormeting", but "de voorjaar 2026" or "de start cursus" is not Dutch. So:
 * - a label that is a round noun ("Voormeting", "Tweede peiling", "Meetmoment") takes its article:
 *   "de voormeting", "het meetmoment"; with a number after it ("Ronde 3", "Meting 2") none: "in ronde 3";
 * - a label with a number in it names a period: "het voorjaar 2026", "de eerste helft 2026", "juni 2026";
 *   as the thing one fills in, the study's round word comes first ("de meting van het voorjaar 2026");
 * - any other label ("Start cursus", "Halverwege") is quoted after the study's round word:
 *   "de meting ‘Start cursus’".
 * `round` is the study's singular round word with "de" or "het" ("de meting", "het meetmoment").
 * `as`: 'time' after "in", "na" or "tussen"; 'thing' as what one fills in; 'name' in a list of the
 * rounds, where the round word has just been said ("drie metingen: ‘Start cursus’, ‘Halverwege’ …").
 * English labels are used as they are ("pre-training"; "spring 2026"), with "the" where ENGLISH_WITH_THE says.
 */
export function roundRef(label: LocalText, lang: Lang, round = 'de meting', as: 'time' | 'thing' | 'name' = 'time'): string {
  const typed = pick(label, lang).trim();
  const text = lowerFirst(typed);
  if (lang !== 'nl') {
    // English months keep their capital: "in June 2026", never "in june 2026".
    if (ENGLISH_MONTH.test(typed)) return typed;
    return ENGLISH_WITH_THE.test(text) ? `the ${text}` : text;
  }
  const lower = text.toLocaleLowerCase('nl');
  if (/\s\d+$/.test(lower) && DUTCH_ROUND_NOUN.test(lower.replace(/\s+\d+$/, ''))) return text;
  const noun = DUTCH_ROUND_NOUN.exec(lower);
  if (noun) return `${noun[1] ? 'het' : 'de'} ${text}`;
  if (/\d/.test(lower)) {
    // The first period noun is the head: "de 2e helft schooljaar 2026", "het eerste halfjaar 2027".
    const head = DUTCH_PERIOD.exec(lower);
    const period = head ? `${head[1] ? 'het' : 'de'} ${text}` : text;
    return as === 'thing' ? `${round} van ${period}` : period;
  }
  return as === 'name' ? `‘${typed}’` : `${round} ‘${typed}’`;
}

/** A round label inside a sentence: "in de voormeting", "in het voorjaar 2026" / "at pre-training", "in spring 2026". */
export function inRound(label: LocalText, lang: Lang, round?: string): string {
  const ref = roundRef(label, lang, round);
  if (lang === 'nl') return `in ${ref}`;
  return /\d/.test(ref) || ref.startsWith('the ') ? `in ${ref}` : `at ${ref}`;
}

/** A round label in lower case inside a phrase ("respons eerste helft 2026"), English months kept ("response June 2026"). */
export function lowerLabel(label: LocalText | undefined, lang: Lang): string {
  const typed = pick(label, lang);
  return lang === 'en' && ENGLISH_MONTH.test(typed) ? typed : typed.toLocaleLowerCase(lang);
}

export function lowerFirst(s: string): string {
  // Keep acronyms ("ZAT", "IMH") as they are.
  if (/^[A-Z]{2}/.test(s)) return s;
  return s.charAt(0).toLocaleLowerCase('nl') + s.slice(1);
}

export function upperFirst(s: string): string {
  return s.charAt(0).toLocaleUpperCase('nl') + s.slice(1);
}

/** Whether a share may be shown as a percentage under the study's threshold. */
export function percentAllowed(share: Pick<Share, 'n'>, minDenominator: number): boolean {
  return share.n >= minDenominator && share.n > 0;
}

/**
 * A share in running text: "82% (9 van 11)", or only "4 van 8" when the denominator is below
 * the threshold for percentages.
 */
export function shareText(share: Share, lang: Lang, minDenominator: number): string {
  if (!percentAllowed(share, minDenominator)) return xOfN(share.x, share.n, lang);
  return `${pct(share.x / share.n)} (${xOfN(share.x, share.n, lang)})`;
}

/** A share with its interval: "82% (9 van 11; 95%-BI 52–95%)". */
export function shareWithCi(share: Share, lang: Lang, minDenominator: number): string {
  if (!percentAllowed(share, minDenominator)) return xOfN(share.x, share.n, lang);
  const ci = share.ci ? `; ${words.ci[lang]} ${pctRange(share.ci)}` : '';
  return `${pct(share.x / share.n)} (${xOfN(share.x, share.n, lang)}${ci})`;
}

const MONTHS = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "december 2022" / "December 2022", from an ISO timestamp (UTC). */
export function monthYear(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return `${MONTHS[lang][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "3 december 2022" / "3 December 2022". */
export function longDate(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
