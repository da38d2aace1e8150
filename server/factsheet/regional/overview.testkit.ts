import type { ProgrammeOverview } from '../../../model/api/programme.js';

/**
 * A programme of three networks (issue 17) for the regional report, written against the shape
 * the regional screen and CSV share (model/api/programme.ts): Venlo with two half-years, a plan
 * and every domain; Horst whose small team's values are hidden by its disclosure rule (fewer than
 * 10 answers, team mode off); Peel with one half-year, a missing domain and no plan yet.
 */
export function regionalFixture(overrides: { programmeTitle?: string; networkTitle?: string } = {}): ProgrammeOverview {
  const h = (key: string, nl: string, en: string) => ({ key, label: { nl, en } });
  const rounds = [h('2026-1', 'Voorjaar 2026', 'Spring 2026'), h('2026-2', 'Najaar 2026', 'Autumn 2026')];
  const v = (
    round: string,
    value: number | null,
    n: number,
    extra: Partial<ProgrammeOverview['networks'][0]['indicators'][0]['values'][0]> = {},
  ) => ({
    round,
    value,
    count: null,
    n,
    low: null,
    high: null,
    reason: value === null ? 'too-few-for-percent' : null,
    ...extra,
  });
  return {
    programme: {
      slug: 'imh-regio-demo',
      title: { nl: overrides.programmeTitle ?? 'IMH-regio Noord-Limburg', en: overrides.programmeTitle ?? 'IMH region North Limburg' },
      description: {
        nl: 'Drie lokale IMH-netwerken met een halfjaarlijkse Quick Scan.',
        en: 'Three local IMH networks with a half-yearly Quick Scan.',
      },
    },
    generatedAt: '2026-12-05T10:00:00.000Z',
    indicators: [
      {
        key: 'samenwerking',
        name: { nl: 'Tevredenheid over de samenwerking', en: 'Satisfaction with collaboration' },
        summary: 'mean-score',
      },
      { key: 'kwaliteitseisen', name: { nl: 'Kwaliteitseisen gevolgd', en: 'Quality requirements followed' }, summary: 'share-yes' },
    ],
    domainLabels: {
      jgz: { nl: 'Jeugdgezondheidszorg', en: 'Youth health care' },
      opvang: { nl: 'Kinderopvang', en: 'Childcare' },
      huisarts: { nl: 'Huisartsenzorg', en: 'General practice' },
      ggz: { nl: 'Geestelijke gezondheidszorg', en: 'Mental health care' },
      sociaal: { nl: 'Sociaal domein', en: 'Social services' },
    },
    networks: [
      {
        slug: 'imh-netwerk-venlo',
        title: { nl: overrides.networkTitle ?? 'IMH-netwerk Venlo', en: overrides.networkTitle ?? 'IMH network Venlo' },
        rounds: rounds.map((r) => ({ ...r, invited: 14, submitted: 12 })),
        indicators: [
          {
            key: 'samenwerking',
            values: [v('2026-1', 6.8, 12, { low: 6.1, high: 7.5 }), v('2026-2', 7.6, 12, { low: 7.0, high: 8.2 })],
            change: { from: '2026-1', to: '2026-2', evidence: 'demonstrated', reason: null, difference: 0.8 },
          },
          {
            key: 'kwaliteitseisen',
            values: [v('2026-1', 0.5, 12, { count: 6, low: 0.25, high: 0.75 }), v('2026-2', 0.75, 12, { count: 9, low: 0.47, high: 0.91 })],
            change: { from: '2026-1', to: '2026-2', evidence: 'not-demonstrated', reason: null, difference: 0.25 },
          },
        ],
        domains: { total: 5, represented: ['jgz', 'opvang', 'huisarts', 'ggz', 'sociaal'], missing: [] },
        plans: [
          {
            pointTitle: 'Eén contactpersoon per gezin',
            year: 2026,
            goal: 'Elk gezin in het netwerk heeft vóór het najaar één vaste contactpersoon.',
            indicators: [{ key: 'kwaliteitseisen', target: 0.8 }],
            actions: { 'not-started': 0, 'in-progress': 1, done: 2, dropped: 0 },
            quartersEvaluated: [1, 2, 3],
          },
        ],
        disclosure: { minDenominatorForPercent: 10, minSubgroup: 5, teamMode: false },
      },
      {
        slug: 'imh-netwerk-horst',
        title: { nl: 'IMH-netwerk Horst aan de Maas', en: 'IMH network Horst aan de Maas' },
        rounds: rounds.map((r) => ({ ...r, invited: 6, submitted: 5 })),
        indicators: [
          {
            key: 'samenwerking',
            values: [v('2026-1', null, 5), v('2026-2', null, 4)],
            change: { from: '2026-1', to: '2026-2', evidence: 'not-tested', reason: 'too-few-pairs', difference: null },
          },
          {
            key: 'kwaliteitseisen',
            values: [v('2026-1', null, 5), v('2026-2', null, 4)],
            change: { from: '2026-1', to: '2026-2', evidence: 'not-tested', reason: 'too-few-pairs', difference: null },
          },
        ],
        domains: { total: 5, represented: ['jgz', 'huisarts', 'ggz', 'sociaal'], missing: ['opvang'] },
        plans: [
          {
            pointTitle: 'Sociale kaart jaarlijks bijwerken',
            year: 2026,
            goal: 'De sociale kaart is in juni bijgewerkt en gedeeld met het steunnetwerk.',
            indicators: [{ key: 'samenwerking', target: 7.5 }],
            actions: { 'not-started': 1, 'in-progress': 1, done: 1, dropped: 1 },
            quartersEvaluated: [1, 2],
          },
        ],
        disclosure: { minDenominatorForPercent: 10, minSubgroup: 5, teamMode: false },
      },
      {
        slug: 'imh-netwerk-peel',
        title: { nl: 'IMH-netwerk Peel en Maas', en: 'IMH network Peel en Maas' },
        rounds: [{ ...rounds[1], invited: 11, submitted: 10 }],
        indicators: [
          { key: 'samenwerking', values: [v('2026-2', 7.1, 10, { low: 6.4, high: 7.8 })], change: null },
          { key: 'kwaliteitseisen', values: [v('2026-2', 0.6, 10, { count: 6, low: 0.31, high: 0.83 })], change: null },
        ],
        domains: { total: 5, represented: ['jgz', 'opvang', 'ggz'], missing: ['huisarts', 'sociaal'] },
        plans: [],
      },
    ],
  };
}
