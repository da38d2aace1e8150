import { describe, expect, it } from 'vitest';
import { hiddenExplained, summaryGap, summaryGapText } from './summary-gap.js';

/** A round's share of tool use as the analysis gives it: x of n, or no count when suppressed. */
const share = (x: number | null, n: number, asked = true) => ({
  asked,
  n,
  topBox: { x, n, estimate: x === null || !n ? null : x / n, ci: null, method: 'Wilson score interval' },
});
const held = { submitted: 19, anonymous: 0, closesAt: '2026-03-31T17:00:00.000Z' };
const notPlanned = { submitted: 0, anonymous: 0, closesAt: null };
const NOW = Date.parse('2026-12-06T12:00:00Z');

describe('summaryGap', () => {
  it('says a round that has no answers yet has none yet, not that it is hidden', () => {
    expect(summaryGap(share(0, 0), notPlanned, NOW)).toBe('no-answers-yet');
    expect(summaryGapText('no-answers-yet', 'nl')).toBe('nog geen antwoorden');
    expect(summaryGapText('no-answers-yet', 'en')).toBe('no answers yet');
  });

  it('says "no answers" for a round that closed without any, or in which nobody answered this question', () => {
    expect(summaryGap(share(0, 0), { submitted: 0, anonymous: 0, closesAt: '2026-03-31T17:00:00.000Z' }, NOW)).toBe('no-answers');
    expect(summaryGap(share(0, 0), held, NOW)).toBe('no-answers');
  });

  it('says "hidden" only of a count suppressed for small numbers, and explains it', () => {
    expect(summaryGap(share(null, 12), held, NOW)).toBe('hidden');
    expect(summaryGapText('hidden', 'nl')).toBe('verborgen (kleine aantallen)');
    expect(hiddenExplained(5, 'nl')).toContain('een aantal van 1 tot 4 in een deelgroep');
    expect(hiddenExplained(5, 'en')).toContain('a count of 1 to 4 in a subgroup');
  });

  it('tells a question not asked in the round apart, and has nothing to say of a share it can show', () => {
    expect(summaryGap(share(0, 0, false), held, NOW)).toBe('not-asked');
    expect(summaryGap(undefined, held, NOW)).toBe('not-asked');
    expect(summaryGap(share(3, 19), held, NOW)).toBeNull();
    // Under the minimum for a percentage the count is still shown ("3 van 8"): not a gap.
    expect(summaryGap({ ...share(3, 8), topBox: { ...share(3, 8).topBox, estimate: null } }, held, NOW)).toBeNull();
  });
});
