import { describe, expect, it } from 'vitest';
import type { Change } from './data.js';
import type { Statement } from './statements.js';
import { DEFAULT_TERMS, writeStatement, type SentenceContext } from './sentences.js';

/**
 * Sentences never state a number the disclosure rule hides (issue 16): under
 * `minPercent` answers no percentage, and no difference in percentage points made of such
 * percentages. Before the fix a team of five printed "verschil +100 procentpunt".
 */
const nl: SentenceContext = { lang: 'nl', minPercent: 10, smallBelow: 30, terms: DEFAULT_TERMS };
const en: SentenceContext = { ...nl, lang: 'en' };
const H1 = { nl: 'Eerste helft 2026', en: 'First half 2026' };
const H2 = { nl: 'Tweede helft 2026', en: 'Second half 2026' };
const change = (n: number): Change => ({
  from: 0,
  to: 1,
  difference: 1,
  ci: [0.39, 1],
  p: null,
  pAdjusted: null,
  alpha: 0.05,
  evidence: 'not-tested',
  paired: true,
  n,
  method: 'exact McNemar test',
});
const technical = (n: number): Statement => ({
  kind: 'technical',
  id: 'avail',
  label: { nl: 'Beschikbaar', en: 'Available' },
  change: change(n),
  fromRound: H1,
  toRound: H2,
});
const disclosure = (teamMode?: boolean): Statement => ({
  kind: 'disclosure',
  settings: {
    minDenominatorForPercent: 10,
    smallNumbersBelow: 30,
    minSubgroup: 5,
    minGroupForQuotes: 10,
    cautionResponseBelow: 0.5,
    strongCautionResponseBelow: 0.3,
    responseGapWarning: 0.2,
    alpha: 0.05,
    ...(teamMode === undefined ? {} : { teamMode }),
  },
  methods: ['exact McNemar test'],
  paired: true,
});

describe('sentences under the disclosure threshold', () => {
  it('give the technical annex no difference in points over fewer pairs than the threshold', () => {
    expect(writeStatement(technical(5), nl)).toBe(
      '‘Beschikbaar’, eerste helft 2026 → tweede helft 2026: McNemar-toets; n = 5 paren; te weinig waarnemingen om dit te toetsen.',
    );
    expect(writeStatement(technical(5), en)).not.toMatch(/\+100|points/);
    expect(writeStatement(technical(10), nl)).toContain('verschil +100 procentpunt (95%-BI +39 tot +100)');
  });

  it('give response rates of small rounds as counts', () => {
    const gap: Statement = {
      kind: 'response-gap',
      high: { round: H1, rate: 1, submitted: 5, invited: 5 },
      low: { round: H2, rate: 0.4, submitted: 2, invited: 5 },
    };
    expect(writeStatement(gap, nl)).toContain('(5 van 5 in de eerste helft 2026, 2 van 5 in de tweede helft 2026)');
    expect(writeStatement(gap, en)).not.toMatch(/\d%/);
    const large: Statement = { kind: 'response-gap', high: { round: H1, rate: 0.8 }, low: { round: H2, rate: 0.4 } };
    expect(writeStatement(large, nl)).toContain('(80% in de eerste helft 2026, 40% in de tweede helft 2026)');
    const figure: Statement = {
      kind: 'share',
      group: 'indicators',
      id: 'avail',
      label: { nl: 'Beschikbaar?', en: 'Available?' },
      form: 'yes',
      round: H2,
      index: 1,
      share: { x: 2, n: 2, ci: null },
      lowResponse: 0.4,
      lowResponseCounts: { submitted: 2, invited: 5 },
    };
    expect(writeStatement(figure, nl)).toContain('de respons in de tweede helft 2026 was laag (2 van 5)');
    expect(writeStatement(figure, nl)).not.toMatch(/\d%/);
  });

  it('say in the methods box which rule applied, with team mode in counts', () => {
    expect(writeStatement(disclosure(true), nl)).toContain(
      'Percentages tonen we vanaf n = 10; daaronder ziet het team zijn eigen aantallen ' +
        '(teamweergave: aantallen, bijvoorbeeld ‘3 van 5’), nooit een percentage.',
    );
    expect(writeStatement(disclosure(true), en)).toContain('team view: counts');
    // Standard mode, and versions published before team mode existed, keep their text.
    expect(writeStatement(disclosure(false), nl)).toBe(writeStatement(disclosure(), nl));
    expect(writeStatement(disclosure(), nl)).not.toContain('teamweergave');
    expect(writeStatement(disclosure(), nl)).toContain('Bij minder dan 10 antwoorden tonen we geen percentage');
  });

  it('state the decision rule after the tests it applies to, and none where nothing was tested', () => {
    expect(writeStatement(disclosure(), nl)).toContain('(McNemar-toets). Een verandering heet aantoonbaar als die toets na correctie');
    // One round, or too few pairs anywhere: no test, so no rule that would point at one.
    const untested = { ...disclosure(), methods: [] } as Statement;
    expect(writeStatement(untested, nl)).not.toMatch(/getoetst|toets|aantoonba/);
    expect(writeStatement(untested, nl)).toContain(
      'Het 95%-interval bij de belangrijkste uitkomsten (Wilson) toont hoe precies een cijfer is.',
    );
    expect(writeStatement(untested, en)).not.toMatch(/test|demonstrab/);
  });
});
