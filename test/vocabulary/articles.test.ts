import { describe, expect, it } from 'vitest';
import { roundKeyProblem } from '../../model/round-key.js';
import type { Study } from '../../model/index.js';
import type { Vocabulary } from '../../model/vocabulary.js';
import { termsFor } from '../../analysis/findings/sentences.js';
import { sectionTitle } from '../../server/factsheet/composition.js';
import { closedPage, notOpenPage } from '../../server/respondent/pages.js';
import type { Subject } from '../../server/respondent/subject.js';

/**
 * The Dutch words before a study word agree with it (issue 16's leftover): a study that calls its
 * round a "meetmoment" and its programme a "programma" — het-words — reads "Dit meetmoment is
 * gesloten" and "Over het programma", not "Deze meetmoment" and "Over de programma". The
 * "meetmoment" has no article saved (a study from before articles): its article is guessed.
 */
const HET_WORDS: Vocabulary = {
  intervention: { nl: { one: 'programma', many: 'programma’s', article: 'het' }, en: { one: 'programme', many: 'programmes' } },
  round: { nl: { one: 'meetmoment', many: 'meetmomenten' }, en: { one: 'measurement', many: 'measurements' } },
};

const subject = (vocabulary: Vocabulary | undefined) =>
  ({
    study: {
      vocabulary,
      title: { nl: 'Monitor', en: 'Monitor' },
      organisation: 'GGD',
      colophon: {},
      languages: ['nl', 'en'],
    } as Partial<Study>,
    kind: 'invitation',
    round: { opensAt: null, closesAt: '2026-07-01T10:00:00Z' },
    response: null,
  }) as unknown as Subject;

describe('Dutch texts around a het-word', () => {
  it('the respondent’s pages say "Dit meetmoment" and "het meetmoment"', () => {
    const s = subject(HET_WORDS);
    expect(notOpenPage('nl', s)).toContain('Dit meetmoment is nog niet geopend');
    expect(notOpenPage('nl', s)).toContain('zodra het meetmoment open is');
    expect(closedPage('nl', s)).toContain('Dit meetmoment is gesloten');
    expect(closedPage('en', s)).toContain('This measurement is closed');
    expect(`${notOpenPage('nl', s)}${closedPage('nl', s)}`).not.toMatch(/\b(deze|de) meetmoment\b/i);
    // A de-word and rondo's neutral word keep "Deze".
    expect(closedPage('nl', subject(undefined))).toContain('Deze meting is gesloten');
  });

  it('the round-key message and the factsheet’s section titles and sentences use the article', () => {
    expect(roundKeyProblem('', [], HET_WORDS)?.nl).toBe('Vul een sleutel in voor het meetmoment.');
    expect(sectionTitle('training', 'nl', HET_WORDS)).toBe('Over het programma');
    expect(sectionTitle('network-change', 'nl', HET_WORDS)).toBe('Verandering sinds het vorige meetmoment');
    expect(sectionTitle('network-change', 'en', HET_WORDS)).toBe('Change since the previous measurement');
    expect(termsFor(HET_WORDS).intervention).toEqual({ nl: 'het programma', en: 'the programme' });
    expect(termsFor({ intervention: { nl: { one: 'werkwijze', many: 'werkwijzen' } } }).intervention.nl).toBe('de werkwijze');
  });
});
