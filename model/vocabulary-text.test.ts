import { describe, expect, it } from 'vitest';
import type { Vocabulary } from './vocabulary.js';
import { fillTerms, fillTermsIn } from './vocabulary-text.js';

/** A half-yearly network monitor: its rounds are "peilingen" (survey waves), its instruments "methoden". */
const MONITOR: Vocabulary = {
  round: { nl: { one: 'peiling', many: 'peilingen', article: 'de' }, en: { one: 'survey wave', many: 'survey waves' } },
  tool: { nl: { one: 'methode', many: 'methoden', article: 'de' }, en: { one: 'method', many: 'methods' } },
};
const MOMENT: Vocabulary = { round: { nl: { one: 'meetmoment', many: 'meetmomenten', article: 'het' } } };

describe('fillTerms', () => {
  it("puts the study's round word in the round placeholders, in both languages", () => {
    const text = '{RoundWords}: elke {roundWord} heeft eigen {roundWords}; {RoundWord} 1';
    expect(fillTerms(text, MONITOR, 'nl')).toBe('Peilingen: elke peiling heeft eigen peilingen; Peiling 1');
    expect(fillTerms('{RoundWords} and one {roundWord}', MONITOR, 'en')).toBe('Survey waves and one survey wave');
  });

  it("uses rondo's neutral words when the study names none", () => {
    expect(fillTerms('{RoundWord} toevoegen; alle {roundWords}', undefined, 'nl')).toBe('Meting toevoegen; alle metingen');
    expect(fillTerms('Add {roundWord}', {}, 'en')).toBe('Add round');
  });

  it('makes a determiner agree with the word, and gives the English determiner in English', () => {
    expect(fillTerms('Iedereen in {deze round}', MONITOR, 'nl')).toBe('Iedereen in deze peiling');
    expect(fillTerms('Iedereen in {deze round}', MOMENT, 'nl')).toBe('Iedereen in dit meetmoment');
    expect(fillTerms('{Deze round} is al open.', MOMENT, 'nl')).toBe('Dit meetmoment is al open.');
    expect(fillTerms('{Deze round} is open; {elke tool}', MONITOR, 'en')).toBe('This survey wave is open; each method');
  });

  it('fills the other terms as before and leaves the data placeholders alone', () => {
    expect(fillTerms('{Tools} per {tool} in {round} ({rounds}, {n})', MONITOR, 'nl')).toBe(
      'Methoden per methode in {round} ({rounds}, {n})',
    );
    expect(fillTerms('{participants} en {Partners}', undefined, 'nl')).toBe('deelnemers en Partners');
  });
});

describe('fillTermsIn', () => {
  it('fills every string of a message set, in arrays and nested objects too', () => {
    const messages = { title: '{RoundWords}', link: ['Respons', 'Per {roundWord}'], roles: { a: 'In {elke round}' }, n: 3 };
    expect(fillTermsIn(messages, MONITOR, 'nl')).toEqual({
      title: 'Peilingen',
      link: ['Respons', 'Per peiling'],
      roles: { a: 'In elke peiling' },
      n: 3,
    });
  });
});
