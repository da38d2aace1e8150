import { describe, expect, it } from 'vitest';
import { DEFAULT_DISCLOSURE, disclosureOf, disclosureProblems, type Disclosure } from './disclosure.js';

describe('disclosure settings', () => {
  it('default to the thresholds of METHODS §6 without team mode', () => {
    expect(disclosureOf(undefined)).toEqual({ minDenominatorForPercent: 10, minSubgroup: 5, minGroupForQuotes: 10, teamMode: false });
    expect(disclosureOf({ minSubgroup: 7, teamMode: true })).toEqual({ ...DEFAULT_DISCLOSURE, minSubgroup: 7, teamMode: true });
    expect(disclosureProblems(DEFAULT_DISCLOSURE)).toEqual([]);
  });

  const table: [string, Partial<Disclosure>, string, RegExp][] = [
    ['a percentage over fewer than 5 answers', { minDenominatorForPercent: 4 }, 'minDenominatorForPercent', /van 5 tot en met 100/],
    ['a subgroup under 3', { minSubgroup: 2 }, 'minSubgroup', /van 3 tot en met 50/],
    ['a quote group beyond 100', { minGroupForQuotes: 101 }, 'minGroupForQuotes', /van 5 tot en met 100/],
    ['a fraction', { minSubgroup: 4.5 }, 'minSubgroup', /geheel getal/],
    ['not a number', { minSubgroup: Number.NaN }, 'minSubgroup', /geheel getal/],
    [
      'a percentage under the subgroup size',
      { minSubgroup: 12, minGroupForQuotes: 12 },
      'minDenominatorForPercent',
      /groepsgrootte \(12\)/,
    ],
    ['quotes from a group under the subgroup size', { minSubgroup: 8, minGroupForQuotes: 6 }, 'minGroupForQuotes', /groepsgrootte \(8\)/],
    ['team mode that is not on or off', { teamMode: 'ja' as never }, 'teamMode', /aan of uit/],
  ];
  it.each(table)('refuse %s, naming the field in Dutch and English', (_, change, field, nl) => {
    const problems = disclosureProblems({ ...DEFAULT_DISCLOSURE, ...change });
    expect(problems[0].field).toBe(field);
    expect(problems[0].nl).toMatch(nl);
    expect(problems[0].en).toMatch(/must|needs?|is on or off/);
  });
});
