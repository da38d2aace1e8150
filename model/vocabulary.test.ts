import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { MONITOR_VOCABULARY, SINGLE_VOCABULARY, TRAINING_VOCABULARY } from '../content/templates/study-types.js';
import { QUICK_SCAN_VOCABULARY } from '../content/templates/imh-quick-scan.js';
import { VocabularySchema } from './vocabulary-schema.js';
import {
  checkVocabulary,
  DEFAULT_VOCABULARY,
  dutchArticle,
  dutchDeterminer,
  guessDutchArticle,
  VOCABULARY_TERMS,
  type Vocabulary,
  withDeterminer,
} from './vocabulary.js';

/** A study that calls its round a "meetmoment" (a het-word) and gave no article: saved before articles existed. */
const OLD: Vocabulary = { round: { nl: { one: 'meetmoment', many: 'meetmomenten' }, en: { one: 'measurement', many: 'measurements' } } };

describe('the Dutch article of a study word', () => {
  it('is the article the researcher gave, else guessed from the word, else the neutral word’s', () => {
    expect(dutchArticle(undefined, 'round')).toBe('de');
    expect(dutchArticle(undefined, 'tool')).toBe('het'); // "instrument"
    expect(dutchArticle(OLD, 'round')).toBe('het');
    expect(dutchArticle({ round: { nl: { one: 'moment', many: 'momenten', article: 'de' } } }, 'round')).toBe('de');
    expect(dutchArticle({ tool: { nl: { one: 'hulpmiddel', many: 'hulpmiddelen', article: 'het' } } }, 'tool')).toBe('het');
    // An English word alone says nothing of the Dutch one.
    expect(dutchArticle({ tool: { en: { one: 'tool', many: 'tools' } } }, 'tool')).toBe('het');
  });

  it('is guessed as het only for endings that (nearly) only het-words have', () => {
    for (const w of ['meetmoment', 'gesprekje', 'centrum', 'realisme', 'Instrument']) expect(guessDutchArticle(w), w).toBe('het');
    for (const w of ['meting', 'scan', 'peiling', 'ronde', 'werkwijze', 'deelnemer', 'training', ''])
      expect(guessDutchArticle(w), w).toBe('de');
  });

  it('makes the determiners agree: deze/dit, die/dat, elke/elk, welke/welk, de/het', () => {
    expect(withDeterminer(OLD, 'round', 'nl', 'deze')).toBe('dit meetmoment');
    expect(withDeterminer(OLD, 'round', 'nl', 'deze', true)).toBe('Dit meetmoment');
    expect(withDeterminer(OLD, 'round', 'nl', 'die')).toBe('dat meetmoment');
    expect(withDeterminer(OLD, 'round', 'nl', 'de')).toBe('het meetmoment');
    expect(withDeterminer(OLD, 'round', 'en', 'deze', true)).toBe('This measurement');
    expect(withDeterminer(undefined, 'round', 'nl', 'deze', true)).toBe('Deze meting');
    expect(withDeterminer(undefined, 'tool', 'nl', 'elke')).toBe('elk instrument');
    expect(withDeterminer(undefined, 'partner', 'nl', 'welke')).toBe('welke partner');
    expect(dutchDeterminer(QUICK_SCAN_VOCABULARY, 'tool', 'elke')).toBe('elk'); // hulpmiddel
    expect(dutchDeterminer(QUICK_SCAN_VOCABULARY, 'round', 'deze')).toBe('deze'); // scan
  });

  it('is given for every Dutch word of rondo’s neutral words and of the templates', () => {
    for (const which of VOCABULARY_TERMS) expect(DEFAULT_VOCABULARY[which].nl.article).toMatch(/^(de|het)$/);
    for (const v of [TRAINING_VOCABULARY, MONITOR_VOCABULARY, SINGLE_VOCABULARY, QUICK_SCAN_VOCABULARY])
      for (const entry of Object.values(v)) if (entry?.nl) expect(entry.nl.article, entry.nl.one).toMatch(/^(de|het)$/);
    expect(MONITOR_VOCABULARY.tool?.nl?.article).toBe('het');
    expect(QUICK_SCAN_VOCABULARY.tool?.nl?.article).toBe('het');
  });
});

describe('checkVocabulary with articles', () => {
  it('keeps a Dutch article and accepts words without one, as before', () => {
    const { vocabulary, issues } = checkVocabulary({
      round: { nl: { one: 'meetmoment', many: 'meetmomenten', article: 'het' }, en: { one: 'round', many: 'rounds' } },
      tool: { nl: { one: 'tool', many: 'tools' } },
    });
    expect(issues).toEqual([]);
    expect(vocabulary.round?.nl).toEqual({ one: 'meetmoment', many: 'meetmomenten', article: 'het' });
    expect(vocabulary.tool?.nl).toEqual({ one: 'tool', many: 'tools' });
    expect(Value.Check(VocabularySchema, vocabulary)).toBe(true);
    expect(Value.Check(VocabularySchema, OLD)).toBe(true);
  });

  it('refuses an article that is not de or het, and an article on an English word, saving nothing', () => {
    const bad = checkVocabulary({ round: { nl: { one: 'meetmoment', many: 'meetmomenten', article: 'den' } } });
    expect(bad.issues).toMatchObject([{ path: '/round/nl/article', reason: 'article' }]);
    expect(bad.issues[0].nl).toContain('kies de of het');
    expect(bad.vocabulary).toEqual({});
    const english = checkVocabulary({ round: { en: { one: 'round', many: 'rounds', article: 'the' } } });
    expect(english.issues).toMatchObject([{ path: '/round/en/article', reason: 'unknown-form' }]);
    expect(Value.Check(VocabularySchema, { round: { nl: { one: 'a', many: 'b', article: 'den' } } })).toBe(false);
    expect(Value.Check(VocabularySchema, { round: { en: { one: 'a', many: 'b', article: 'de' } } })).toBe(false);
  });

  it('drops an article whose words are both empty: the neutral word keeps its own article', () => {
    const { vocabulary, issues } = checkVocabulary({ round: { nl: { one: '', many: '', article: 'het' } } });
    expect(issues).toEqual([]);
    expect(vocabulary).toEqual({});
  });
});
