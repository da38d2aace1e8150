import type { Lang, LocalText } from './i18n.js';
import type { Item, ItemType } from './questionnaire-shape.js';

/**
 * Indicators the researcher defines (issue 16): a named outcome measured by one or more items
 * of the questionnaire, with how it is summarised. They live in the questionnaire definition
 * (`indicators`), beside the items they name, so an indicator always refers to the items of its
 * own questionnaire version: a new version carries its own list, and an item removed from the
 * questionnaire cannot be left dangling in a separate list. Plain shapes and checks only, no
 * TypeBox: the builder imports them (the runtime schema is in questionnaire.ts).
 */

/**
 * How an indicator is summarised:
 * - share-agreeing: the top box ("(fully) agree", "at least monthly", a rating from topBoxFrom);
 * - share-yes: yes on yes/no items;
 * - mean-score: the mean answer code of scale items or ratings;
 * - distribution: the full distribution of one single-choice or scale item.
 */
export const INDICATOR_SUMMARIES = ['share-agreeing', 'share-yes', 'mean-score', 'distribution'] as const;
export type IndicatorSummary = (typeof INDICATOR_SUMMARIES)[number];

export const INDICATOR_KEY_PATTERN = '^[a-z][a-z0-9_]{0,39}$';
export const MAX_INDICATORS = 50;
export const MAX_INDICATOR_ITEMS = 30;

export interface Indicator {
  key: string;
  name: LocalText;
  /** Ids of the items that measure it, all of one type. */
  items: string[];
  summary: IndicatorSummary;
}

/** The item types each summary fits. */
export const SUMMARY_ITEM_TYPES: Record<IndicatorSummary, readonly ItemType[]> = {
  'share-agreeing': ['likert', 'frequency', 'rating'],
  'share-yes': ['yesno'],
  'mean-score': ['likert', 'frequency', 'rating'],
  distribution: ['single', 'likert', 'frequency'],
};

export const SUMMARY_NAMES: Record<IndicatorSummary, { nl: string; en: string }> = {
  'share-agreeing': { nl: 'Aandeel (helemaal) eens / hoogste categorieën', en: 'Share agreeing / top categories' },
  'share-yes': { nl: 'Aandeel ja', en: 'Share yes' },
  'mean-score': { nl: 'Gemiddelde score', en: 'Mean score' },
  distribution: { nl: 'Verdeling over de antwoorden', en: 'Distribution of answers' },
};

export const INDICATOR_ISSUE_CODES = [
  'indicator-key',
  'indicator-duplicate-key',
  'indicator-name',
  'indicator-no-items',
  'indicator-unknown-item',
  'indicator-duplicate-item',
  'indicator-mixed-types',
  'indicator-summary-type',
  'indicator-no-top-box',
  'indicator-scales-differ',
  'indicator-one-item',
] as const;
export type IndicatorIssueCode = (typeof INDICATOR_ISSUE_CODES)[number];

export interface IndicatorIssue {
  code: IndicatorIssueCode;
  /** The indicator's key (or its position, `#2`, when the key itself is the problem). */
  indicator: string;
  path: string;
  message: { nl: string; en: string };
}

const TYPE_WORDS: Record<string, { nl: string; en: string }> = {
  likert: { nl: 'stelling', en: 'statement' },
  frequency: { nl: 'frequentie', en: 'frequency' },
  rating: { nl: 'rapportcijfer', en: 'rating' },
  yesno: { nl: 'ja/nee', en: 'yes/no' },
  single: { nl: 'één antwoord', en: 'single choice' },
  multi: { nl: 'meerdere antwoorden', en: 'multiple choice' },
  number: { nl: 'getal', en: 'number' },
  text: { nl: 'open vraag', en: 'open question' },
  partnerGrid: { nl: 'ketenpartnerraster', en: 'partner grid' },
  toolGrid: { nl: 'toolraster', en: 'tool grid' },
};

/** The answer codes of a scale-like item in ascending order (empty for other types). */
export function itemCodes(item: Item): number[] {
  if (item.type === 'likert' || item.type === 'frequency') return item.scale.points.map((p) => p.code).sort((a, b) => a - b);
  if (item.type === 'rating') return Array.from({ length: Math.max(0, item.max - item.min + 1) }, (_, i) => item.min + i);
  if (item.type === 'single') return item.options.map((o) => o.code).sort((a, b) => a - b);
  if (item.type === 'yesno') return [0, 1];
  return [];
}

/** The top-box codes of an item (share agreeing / share yes), or null when it has none. */
export function topBoxOf(item: Item): number[] | null {
  if (item.type === 'yesno') return [1];
  if ((item.type === 'likert' || item.type === 'frequency') && item.scale.topBox?.length) return [...item.scale.topBox];
  if (item.type === 'rating' && item.topBoxFrom !== undefined) return itemCodes(item).filter((c) => c >= item.topBoxFrom!);
  return null;
}

/**
 * Checks a questionnaire's indicators against its items: a key of the right form used once, a
 * name in every study language, at least one item, every item known and named once, all items of
 * one type, a summary that fits that type (share agreeing needs a top box; a mean needs the same
 * codes on every item; a distribution is of one item). Never throws; each message is in Dutch and
 * English and names the indicator.
 */
export function checkIndicators(indicators: readonly Indicator[], items: readonly Item[], languages: readonly Lang[]): IndicatorIssue[] {
  const issues: IndicatorIssue[] = [];
  const byId = new Map(items.map((i) => [i.id, i]));
  const keys = new Set<string>();
  const keyRe = new RegExp(INDICATOR_KEY_PATTERN);
  indicators.forEach((ind, at) => {
    const path = `/indicators/${at}`;
    const label = keyRe.test(ind.key) ? ind.key : `#${at + 1}`;
    const add = (code: IndicatorIssueCode, sub: string, nl: string, en: string) =>
      issues.push({
        code,
        indicator: label,
        path: `${path}${sub}`,
        message: { nl: `Indicator "${label}": ${nl}`, en: `Indicator "${label}": ${en}` },
      });
    if (!keyRe.test(ind.key)) {
      add(
        'indicator-key',
        '/key',
        'de sleutel begint met een kleine letter en bevat alleen a–z, 0–9 en _ (hoogstens 40 tekens)',
        'the key starts with a lower-case letter and holds only a–z, 0–9 and _ (at most 40 characters)',
      );
    } else if (keys.has(ind.key)) {
      add('indicator-duplicate-key', '/key', 'deze sleutel wordt al gebruikt', 'this key is used twice');
    }
    keys.add(ind.key);
    for (const lang of languages) {
      if (!ind.name?.[lang]?.trim()) {
        add(
          'indicator-name',
          `/name/${lang}`,
          `de naam ontbreekt in het ${lang === 'nl' ? 'Nederlands' : 'Engels'}`,
          `the name is missing in ${lang === 'nl' ? 'Dutch (nl)' : 'English (en)'}`,
        );
      }
    }
    if (ind.items.length === 0) {
      add('indicator-no-items', '/items', 'kies minstens één vraag die de indicator meet', 'choose at least one question that measures it');
      return;
    }
    const seen = new Set<string>();
    const known: Item[] = [];
    ind.items.forEach((id, ii) => {
      const item = byId.get(id);
      if (seen.has(id))
        add('indicator-duplicate-item', `/items/${ii}`, `vraag "${id}" staat er twee keer in`, `question "${id}" is listed twice`);
      else if (!item)
        add(
          'indicator-unknown-item',
          `/items/${ii}`,
          `vraag "${id}" bestaat niet in deze vragenlijst`,
          `question "${id}" is not in this questionnaire`,
        );
      else known.push(item);
      seen.add(id);
    });
    if (known.length === 0) return;
    const types = [...new Set(known.map((i) => i.type))];
    if (types.length > 1) {
      const nl = types.map((t) => TYPE_WORDS[t].nl).join(', ');
      const en = types.map((t) => TYPE_WORDS[t].en).join(', ');
      add(
        'indicator-mixed-types',
        '/items',
        `de vragen zijn van verschillende soorten (${nl}); een indicator telt vragen van één soort`,
        `the questions are of different types (${en}); an indicator combines questions of one type`,
      );
      return;
    }
    const type = types[0];
    const summaryName = SUMMARY_NAMES[ind.summary];
    if (!SUMMARY_ITEM_TYPES[ind.summary].includes(type)) {
      add(
        'indicator-summary-type',
        '/summary',
        `"${summaryName.nl.toLowerCase()}" past niet bij vragen van de soort ${TYPE_WORDS[type].nl}`,
        `"${summaryName.en.toLowerCase()}" does not fit questions of type ${TYPE_WORDS[type].en}`,
      );
      return;
    }
    if (ind.summary === 'share-agreeing') {
      const without = known.filter((i) => topBoxOf(i) === null).map((i) => i.id);
      if (without.length) {
        add(
          'indicator-no-top-box',
          '/items',
          `vraag ${without.map((i) => `"${i}"`).join(', ')} heeft geen bovenste categorieën (top box) om als "eens" te tellen`,
          `question ${without.map((i) => `"${i}"`).join(', ')} has no top box to count as agreeing`,
        );
      }
    }
    if (ind.summary === 'mean-score') {
      const first = itemCodes(known[0]).join(',');
      if (known.some((i) => itemCodes(i).join(',') !== first)) {
        add(
          'indicator-scales-differ',
          '/items',
          'de vragen hebben niet dezelfde antwoordschaal, dus hun scores zijn niet te middelen',
          'the questions do not share one answer scale, so their scores cannot be averaged',
        );
      }
    }
    if (ind.summary === 'distribution' && known.length > 1) {
      add(
        'indicator-one-item',
        '/items',
        'een verdeling beschrijft één vraag; kies één vraag of een andere samenvatting',
        'a distribution describes one question; choose one question or another summary',
      );
    }
  });
  return issues;
}
