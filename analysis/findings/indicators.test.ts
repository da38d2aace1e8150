import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_SETTINGS, type Study } from '../../model/index.js';
import { analyzeStudy } from '../study/analyze.js';
import { monitorStudy } from '../study/indicators.testkit.js';
import { makeInput } from '../study/testing.js';
import { checkClaim } from './claims.js';
import { DEFAULT_TERMS, writeSentences, type SentenceContext } from './sentences.js';
import { factsheetDataFromAnalysis } from './source.js';
import { deriveAll, deriveCheckedStatements } from './statements.js';

/**
 * The factsheet's indicators section (issue 16) on the generated network monitor: every sentence
 * goes through the claims check and states the verdict of the one decision rule (METHODS §3.6).
 */
const study = {
  slug: 'netwerkmonitor',
  title: { nl: 'Netwerkmonitor' },
  description: { nl: '' },
  organisation: 'GGD',
  languages: ['nl'],
  defaultLanguage: 'nl',
  colophon: {},
  settings: DEFAULT_STUDY_SETTINGS,
} as unknown as Study;
const ctx = (lang: 'nl' | 'en'): SentenceContext => ({ lang, minPercent: 10, smallBelow: 30, terms: DEFAULT_TERMS });

describe('indicators in the factsheet', () => {
  const a = analyzeStudy(makeInput(monitorStudy()));
  const data = factsheetDataFromAnalysis(a, { study, isDemo: false });
  const { statements, dropped } = deriveCheckedStatements(data);
  const section = statements.filter((s) => s.section === 'indicators');
  const text = (lang: 'nl' | 'en') => Object.fromEntries(writeSentences(section, ctx(lang)).map((s) => [s.key, s.text]));

  it('carries every indicator but the distribution, shares as Wilson shares and means with their n', () => {
    expect(data.custom?.map((c) => [c.id, c.value, c.percent])).toEqual([
      ['richtlijnen', 'mean', true],
      ['r1_eens', 'share', true],
      ['beschikbaar', 'share', true],
      ['beschikbaar_alle', 'mean', true],
      ['cijfer', 'mean', false],
      ['samenwerking', 'mean', false],
    ]);
    expect(dropped.filter((d) => d.section === 'indicators')).toEqual([]);
    expect(section.map((s) => s.key)).toEqual([
      'indicators.mean.richtlijnen',
      'indicators.change.r1_eens',
      'indicators.change.beschikbaar',
      'indicators.mean.beschikbaar_alle',
      'indicators.mean.cijfer',
      'indicators.mean.samenwerking',
    ]);
  });

  it('says the direction, the figures with their n and the verdict of the adjusted test', () => {
    const nl = text('nl');
    expect(nl['indicators.mean.richtlijnen']).toBe(
      '‘Richtlijnen gevolgd’ steeg van gemiddeld 38% (n = 27) in de h1_2027 naar 67% (n = 25) in de h2_2027: ' +
        'een aantoonbare toename bij de 22 deelnemers die beide metingen invulden.',
    );
    // Significant before, not after Holm over the indicators: the text follows the adjusted test and says why.
    expect(nl['indicators.change.r1_eens']).toBe(
      '‘Richtlijn bij aanmelding’ steeg van 35% (9 van 26) in de h1_2027 naar 67% (16 van 24) in de h2_2027: ' +
        'niet aantoonbaar na correctie voor meerdere toetsen.',
    );
    expect(text('en')['indicators.mean.cijfer']).toBe(
      '‘Rating’ rose from an average of 7.0 (n = 27) at h1_2027 to 7.6 (n = 23) at h2_2027: no demonstrable change.',
    );
  });

  it('never claims more than the figures and the test support', () => {
    for (const s of deriveAll(data).filter((x) => x.section === 'indicators')) {
      if (s.finding.kind !== 'indicator-mean' || !s.finding.change) continue;
      const claim = {
        kind: 'mean-direction' as const,
        id: s.finding.id,
        from: s.finding.change.change.from,
        to: s.finding.change.change.to,
        direction: 'fell' as const,
        evidence: 'decrease' as const,
      };
      expect(checkClaim(claim, data)).not.toBeNull();
    }
  });
});
