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

  it('carries every indicator, shares as Wilson shares, means with their n and the distribution by its answers', () => {
    expect(data.custom?.map((c) => [c.id, c.value, c.percent])).toEqual([
      ['richtlijnen', 'mean', true],
      ['r1_eens', 'share', true],
      ['beschikbaar', 'share', true],
      ['beschikbaar_alle', 'mean', true],
      ['cijfer', 'mean', false],
      ['samenwerking', 'mean', false],
      ['keuze', 'distribution', true],
    ]);
    expect(dropped.filter((d) => d.section === 'indicators')).toEqual([]);
    expect(section.map((s) => s.key)).toEqual([
      'indicators.mean.richtlijnen',
      'indicators.change.r1_eens',
      'indicators.change.beschikbaar',
      'indicators.mean.beschikbaar_alle',
      'indicators.mean.cijfer',
      'indicators.mean.samenwerking',
      'indicators.distribution.keuze',
    ]);
  });

  it('says the direction, the figures with their n and the verdict of the adjusted test', () => {
    const nl = text('nl');
    expect(nl['indicators.mean.richtlijnen']).toBe(
      '‘Richtlijnen gevolgd’ steeg van gemiddeld 38% (n = 27) in h1_2027 naar 67% (n = 25) in h2_2027: ' +
        'een aantoonbare toename bij de 22 deelnemers die beide metingen invulden.',
    );
    // Significant before, not after Holm over the indicators: the text follows the adjusted test and says why.
    expect(nl['indicators.change.r1_eens']).toBe(
      '‘Richtlijn bij aanmelding’ steeg van 35% (9 van 26) in h1_2027 naar 67% (16 van 24) in h2_2027: ' +
        'niet aantoonbaar na correctie voor meerdere toetsen.',
    );
    expect(text('en')['indicators.mean.cijfer']).toBe(
      '‘Rating’ rose from an average of 7.0 (n = 27) in h1_2027 to 7.6 (n = 23) in h2_2027: no demonstrable change.',
    );
  });

  it('says a distribution’s most chosen answer and the verdict of its test of change', () => {
    // Its test of change is the single choice's own (exact Bowker on the 21 pairs): too few changes to reach alpha.
    expect(data.custom?.find((c) => c.id === 'keuze')?.shift).toMatchObject({ from: 0, to: 1, p: null, paired: true, n: 21 });
    expect(text('nl')['indicators.distribution.keuze']).toBe(
      'Bij ‘Prioriteit’ werd in h2_2027 ‘Prioriteit 1’ het vaakst gekozen: 58% (14 van 24). ' +
        'Tussen h1_2027 en h2_2027 waren er te weinig veranderingen om een verschuiving te toetsen.',
    );
    // The claims hold on the printed figures, and a claim naming another answer as most chosen does not.
    const keuze = section.find((s) => s.key === 'indicators.distribution.keuze')!.finding;
    if (keuze.kind !== 'question-choice') throw new Error('expected a choice statement');
    const other = keuze.among.find((id) => id !== keuze.top[0].id)!;
    expect(
      checkClaim({ kind: 'ranked', group: 'custom-indicators', items: [keuze.top[0].id], among: keuze.among, round: 1 }, data),
    ).toBeNull();
    expect(checkClaim({ kind: 'ranked', group: 'custom-indicators', items: [other], among: keuze.among, round: 1 }, data)).not.toBeNull();
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
