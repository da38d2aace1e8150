import type { Lang } from './i18n.js';

/**
 * The study's own words (issue 16): what this study calls the thing it evaluates, the
 * instruments it counts, the partners it works with and a measurement round. Every screen,
 * chart title, generated sentence and export label asks `term()` instead of writing "training"
 * or "tools"; a study that names nothing gets rondo's neutral words.
 *
 * Each term has a singular and a plural form per language, stored as plain text (no markup,
 * at most VOCABULARY_WORD_MAX characters). Terms are lower case as they appear mid-sentence;
 * `capitalTerm()` gives the form that starts a title. A Dutch singular also has its article,
 * de or het, because the words before it agree with it: "deze meting" but "dit meetmoment"
 * (`dutchDeterminer()`, `withDeterminer()`).
 */

export const VOCABULARY_TERMS = ['intervention', 'tool', 'partner', 'round', 'participant'] as const;
export type VocabularyTerm = (typeof VOCABULARY_TERMS)[number];

/** The longest word or phrase a study may give for a term. */
export const VOCABULARY_WORD_MAX = 60;

/** No markup, no line breaks, no control characters: a word is printed as plain text everywhere. */
export const VOCABULARY_WORD_PATTERN = '^[^<>{}\\u0000-\\u001f\\u007f]*$';

/** The two Dutch definite articles: a noun is a de-word or a het-word. */
export const DUTCH_ARTICLES = ['de', 'het'] as const;
export type DutchArticle = (typeof DUTCH_ARTICLES)[number];

export type VocabularyForms = { one: string; many: string };
/**
 * A Dutch word's forms and its article. The article is optional so that studies and study files
 * written before it existed stay valid; without it, `dutchArticle()` guesses from the word.
 */
export type DutchVocabularyForms = VocabularyForms & { article?: DutchArticle };
/** One term's words per language (the study file's `vocabulary` entry; its schema is model/vocabulary-schema.ts). */
export type VocabularyEntry = { nl?: DutchVocabularyForms; en?: VocabularyForms };
export type Vocabulary = { [T in VocabularyTerm]?: VocabularyEntry };

/** rondo's neutral words, used for every term a study does not name. */
export const DEFAULT_VOCABULARY: Readonly<Record<VocabularyTerm, { nl: Required<DutchVocabularyForms>; en: VocabularyForms }>> =
  Object.freeze({
    intervention: { nl: { one: 'aanpak', many: 'aanpakken', article: 'de' }, en: { one: 'programme', many: 'programmes' } },
    tool: { nl: { one: 'instrument', many: 'instrumenten', article: 'het' }, en: { one: 'instrument', many: 'instruments' } },
    partner: { nl: { one: 'partner', many: 'partners', article: 'de' }, en: { one: 'partner', many: 'partners' } },
    round: { nl: { one: 'meting', many: 'metingen', article: 'de' }, en: { one: 'round', many: 'rounds' } },
    participant: { nl: { one: 'deelnemer', many: 'deelnemers', article: 'de' }, en: { one: 'participant', many: 'participants' } },
  });

/**
 * The study's word for a term in one language (`many` for the plural): the study's own word in
 * that language, else rondo's neutral default in that language. The other language's study word
 * is never used: a Dutch word in an English sentence reads as a mistake.
 */
export function term(vocabulary: Vocabulary | undefined, which: VocabularyTerm, lang: Lang, form: 'one' | 'many' = 'one'): string {
  const own = vocabulary?.[which]?.[lang]?.[form]?.trim();
  return own || DEFAULT_VOCABULARY[which][lang][form];
}

/** `term()` with its first letter in capitals, for titles and the start of a sentence. */
export function capitalTerm(vocabulary: Vocabulary | undefined, which: VocabularyTerm, lang: Lang, form: 'one' | 'many' = 'one'): string {
  const word = term(vocabulary, which, lang, form);
  return word.charAt(0).toLocaleUpperCase(lang) + word.slice(1);
}

/**
 * The cohort screen's name: the study's word for who answers ("Deelnemers", "Leden"), as the
 * navigation (web/app/routes.ts) and the paths that refusals give to it (model/domain-coverage-check.ts) say.
 */
export const cohortScreenName = (vocabulary: Vocabulary | undefined, lang: Lang): string =>
  capitalTerm(vocabulary, 'participant', lang, 'many');

/**
 * The article of a Dutch word when nobody said which: het for the endings that (nearly) only
 * het-words have — diminutives (-je: "gesprekje"), -ment ("meetmoment", "instrument"), -isme
 * and Latin -um ("centrum") — else de, which about two thirds of Dutch nouns take. A compound
 * takes the article of its last part, so the ending decides. A guess, used only for words saved
 * before a study could give the article; the set-up screen shows it and lets the researcher change it.
 */
export function guessDutchArticle(word: string): DutchArticle {
  return /(je|ment|isme|um)$/i.test(word.trim()) ? 'het' : 'de';
}

/**
 * The article of the study's Dutch singular for a term: the one the researcher gave, else a
 * guess from the study's word, else the article of rondo's neutral word.
 */
export function dutchArticle(vocabulary: Vocabulary | undefined, which: VocabularyTerm): DutchArticle {
  const forms = vocabulary?.[which]?.nl;
  const own = forms?.one?.trim();
  if (!own) return DEFAULT_VOCABULARY[which].nl.article;
  return forms?.article ?? guessDutchArticle(own);
}

/** The Dutch determiners that change before a het-word, each in its de-word form, and what they become. */
export const DUTCH_DETERMINERS = { de: 'het', deze: 'dit', die: 'dat', elke: 'elk', welke: 'welk' } as const;
export type DutchDeterminer = keyof typeof DUTCH_DETERMINERS;

/**
 * The Dutch determiner that agrees with the study's singular word for a term, given in its
 * de-word form: `dutchDeterminer(v, 'round', 'deze')` is "deze" for "meting" and "dit" for
 * "meetmoment". Plurals always take the de-word forms ("deze metingen", "deze meetmomenten"),
 * so this is for the singular only.
 */
export function dutchDeterminer(vocabulary: Vocabulary | undefined, which: VocabularyTerm, determiner: DutchDeterminer): string {
  return dutchArticle(vocabulary, which) === 'het' ? DUTCH_DETERMINERS[determiner] : determiner;
}

const ENGLISH_DETERMINERS: Record<DutchDeterminer, string> = {
  de: 'the',
  deze: 'this',
  die: 'that',
  elke: 'each',
  welke: 'which',
};

/**
 * The study's singular word with a determiner before it, in either language: "deze meting",
 * "dit meetmoment", "this round"; `capital` for the start of a sentence ("Dit meetmoment").
 */
export function withDeterminer(
  vocabulary: Vocabulary | undefined,
  which: VocabularyTerm,
  lang: Lang,
  determiner: DutchDeterminer,
  capital = false,
): string {
  const before = lang === 'nl' ? dutchDeterminer(vocabulary, which, determiner) : ENGLISH_DETERMINERS[determiner];
  const phrase = `${before} ${term(vocabulary, which, lang, 'one')}`;
  return capital ? phrase.charAt(0).toLocaleUpperCase(lang) + phrase.slice(1) : phrase;
}

/** Why a word the researcher typed was refused. */
export const VOCABULARY_ISSUE_REASONS = [
  'not-an-object',
  'unknown-term',
  'unknown-language',
  'unknown-form',
  'not-text',
  'missing-form',
  'too-long',
  'markup',
  'control',
  'article',
] as const;
export type VocabularyIssueReason = (typeof VOCABULARY_ISSUE_REASONS)[number];

/** One refused part of a vocabulary: where (`/tool/nl/many`), why, and a message in both languages. */
export interface VocabularyIssue {
  path: string;
  reason: VocabularyIssueReason;
  nl: string;
  en: string;
}

const LANG_NAMES = { nl: { nl: 'Nederlands', en: 'Dutch' }, en: { nl: 'Engels', en: 'English' } } as const;
const FORM_NAMES = { one: { nl: 'enkelvoud', en: 'singular' }, many: { nl: 'meervoud', en: 'plural' } } as const;
const TERM_NAMES: Record<VocabularyTerm, { nl: string; en: string }> = {
  intervention: { nl: 'wat wordt geëvalueerd', en: 'what is evaluated' },
  tool: { nl: 'instrument', en: 'instrument' },
  partner: { nl: 'partner', en: 'partner' },
  round: { nl: 'meting', en: 'round' },
  participant: { nl: 'deelnemer', en: 'participant' },
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>) => Object.keys(o);

/**
 * Checks a vocabulary as a researcher sent it and returns it cleaned: words trimmed, a language
 * whose two forms are both empty left out (rondo's default is used), a term without any
 * language left out. Never throws; every refused part is one issue with a Dutch and an English
 * message, so the screen can say exactly which word to change. A vocabulary with issues must
 * not be saved.
 */
export function checkVocabulary(value: unknown): { vocabulary: Vocabulary; issues: VocabularyIssue[] } {
  const issues: VocabularyIssue[] = [];
  const vocabulary: Vocabulary = {};
  if (!isPlainObject(value)) {
    issues.push({
      path: '',
      reason: 'not-an-object',
      nl: 'De woorden moeten per begrip worden opgegeven.',
      en: 'The words must be given per term.',
    });
    return { vocabulary, issues };
  }
  const known = VOCABULARY_TERMS as readonly string[];
  for (const key of own(value)) {
    if (!known.includes(key)) {
      const shown = key.slice(0, 40);
      issues.push({
        path: `/${shown}`,
        reason: 'unknown-term',
        nl: `"${shown}" is geen begrip dat een onderzoek een eigen woord kan geven; kies uit ${VOCABULARY_TERMS.join(', ')}.`,
        en: `"${shown}" is not a term a study can name; choose from ${VOCABULARY_TERMS.join(', ')}.`,
      });
      continue;
    }
    const which = key as VocabularyTerm;
    const entry = value[key];
    if (!isPlainObject(entry)) {
      issues.push({ path: `/${which}`, reason: 'not-an-object', nl: 'Geef de woorden per taal op.', en: 'Give the words per language.' });
      continue;
    }
    const cleaned: VocabularyEntry = {};
    for (const lang of own(entry)) {
      if (lang !== 'nl' && lang !== 'en') {
        const shown = lang.slice(0, 20);
        issues.push({
          path: `/${which}/${shown}`,
          reason: 'unknown-language',
          nl: `"${shown}" is geen taal van rondo; gebruik nl of en.`,
          en: `"${shown}" is not a rondo language; use nl or en.`,
        });
        continue;
      }
      const forms = entry[lang];
      if (!isPlainObject(forms)) {
        issues.push({
          path: `/${which}/${lang}`,
          reason: 'not-an-object',
          nl: 'Geef het enkelvoud en het meervoud op.',
          en: 'Give the singular and the plural.',
        });
        continue;
      }
      const words = checkForms(which, lang, forms, issues);
      if (words) cleaned[lang] = words;
    }
    if (cleaned.nl || cleaned.en) vocabulary[which] = cleaned;
  }
  return { vocabulary, issues };
}

function checkForms(
  which: VocabularyTerm,
  lang: Lang,
  forms: Record<string, unknown>,
  issues: VocabularyIssue[],
): DutchVocabularyForms | null {
  const where = (form: 'one' | 'many') => ({
    nl: `${TERM_NAMES[which].nl}, ${LANG_NAMES[lang].nl}, ${FORM_NAMES[form].nl}`,
    en: `${TERM_NAMES[which].en}, ${LANG_NAMES[lang].en}, ${FORM_NAMES[form].en}`,
  });
  const before = issues.length;
  for (const key of own(forms)) {
    if (key !== 'one' && key !== 'many' && !(key === 'article' && lang === 'nl'))
      issues.push({
        path: `/${which}/${lang}/${key.slice(0, 20)}`,
        reason: 'unknown-form',
        nl: lang === 'nl' ? 'Alleen enkelvoud (one), meervoud (many) en lidwoord (article).' : 'Alleen enkelvoud (one) en meervoud (many).',
        en: lang === 'nl' ? 'Only singular (one), plural (many) and article.' : 'Only singular (one) and plural (many).',
      });
  }
  // The article of a Dutch word (optional: without it the article is guessed from the word).
  const article = lang === 'nl' ? forms.article : undefined;
  if (article !== undefined && article !== '' && !(DUTCH_ARTICLES as readonly unknown[]).includes(article))
    issues.push({
      path: `/${which}/${lang}/article`,
      reason: 'article',
      nl: `${TERM_NAMES[which].nl}, lidwoord: kies de of het.`,
      en: `${TERM_NAMES[which].en}, Dutch article: choose de or het.`,
    });
  const out: DutchVocabularyForms = { one: '', many: '' };
  for (const form of ['one', 'many'] as const) {
    const raw = forms[form] ?? '';
    const path = `/${which}/${lang}/${form}`;
    const w = where(form);
    if (typeof raw !== 'string') {
      issues.push({ path, reason: 'not-text', nl: `${w.nl}: geef een woord.`, en: `${w.en}: give a word.` });
      continue;
    }
    const word = raw.trim();
    if (word.length > VOCABULARY_WORD_MAX)
      issues.push({
        path,
        reason: 'too-long',
        nl: `${w.nl}: ${word.length} tekens; hooguit ${VOCABULARY_WORD_MAX}.`,
        en: `${w.en}: ${word.length} characters; at most ${VOCABULARY_WORD_MAX}.`,
      });
    else if (/[<>{}]/.test(word))
      issues.push({
        path,
        reason: 'markup',
        nl: `${w.nl}: gewone tekst zonder < > { }.`,
        en: `${w.en}: plain text without < > { }.`,
      });
    else if (/[\u0000-\u001f\u007f]/.test(word))
      issues.push({
        path,
        reason: 'control',
        nl: `${w.nl}: één regel, zonder regeleinden of stuurtekens.`,
        en: `${w.en}: one line, without line breaks or control characters.`,
      });
    out[form] = word;
  }
  if (issues.length > before) return null;
  if (!out.one && !out.many) return null;
  if (article === 'de' || article === 'het') out.article = article;
  const missing = !out.many ? 'many' : !out.one ? 'one' : null;
  if (missing) {
    const w = where(missing);
    issues.push({
      path: `/${which}/${lang}/${missing}`,
      reason: 'missing-form',
      nl: `${w.nl}: vul ook deze vorm in, of laat beide leeg.`,
      en: `${w.en}: fill in this form too, or leave both empty.`,
    });
    return null;
  }
  return out;
}
