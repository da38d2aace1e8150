import { describe, expect, it } from 'vitest';
import { REASONS } from '../../analysis/study/result.js';
import { HIDDEN_VALUE_REASONS, HIDDEN_VALUE_WORDS, hiddenValueText } from '../../model/hidden-value-reasons.js';

/**
 * Why a network's value is not shown: one list of words (model/hidden-value-reasons.ts) for the
 * regional screen and the regional yearly report. Every reason the programme overview can give
 * (the analysis's reasons, and its own, which `none()` in server/programmes/overview.ts is typed
 * with) has words in Dutch and in English.
 */
describe('the words for a hidden value', () => {
  it("knows every reason the analysis gives a round's summary", () => {
    for (const reason of REASONS) expect(HIDDEN_VALUE_REASONS).toContain(reason);
  });

  it('has Dutch and English words for every reason', () => {
    for (const reason of HIDDEN_VALUE_REASONS)
      for (const lang of ['nl', 'en'] as const) {
        const words = HIDDEN_VALUE_WORDS[reason][lang];
        expect(words.trim(), `${reason} ${lang}`).not.toBe('');
        expect(hiddenValueText(reason, lang)).toBe(words);
      }
    expect(Object.keys(HIDDEN_VALUE_WORDS).sort()).toEqual([...HIDDEN_VALUE_REASONS].sort());
  });

  it('says the same as before for the reasons both screens already had', () => {
    expect(hiddenValueText('too-few-for-percent', 'nl')).toBe('te weinig antwoorden');
    expect(hiddenValueText('no-answers', 'en')).toBe('no answers');
    expect(hiddenValueText('not-asked', 'nl')).toBe('niet gevraagd');
    expect(hiddenValueText('not-measured', 'nl')).toBe('niet gemeten');
    expect(hiddenValueText('distribution', 'en')).toBe('distribution (see the network)');
  });

  it('says "niet getoond" for an unknown reason or none, and never reads an inherited property', () => {
    expect(hiddenValueText('something-new', 'nl')).toBe('niet getoond');
    expect(hiddenValueText(null, 'en')).toBe('not shown');
    expect(hiddenValueText('constructor', 'nl')).toBe('niet getoond');
  });
});
