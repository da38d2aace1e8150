import { describe, expect, it } from 'vitest';
import type { GroupResponse } from '../../../analysis/study/result.js';
import { fmt } from '../format.js';
import { distributionSpec } from './distribution.js';
import { ROUNDS, SETTINGS, round, summary, variable } from './fixture.js';
import { groupResponseSpec, responseRateSpec, responseTimelineSpec } from './response.js';
import { shareByRoundSpec } from './shares.js';
import { toChartJs } from './chartjs.js';
import { toSvg } from './svg.js';
import { estimateWidth, labelLayout } from './label-layout.js';
import { trendSpec } from './trend.js';

const nl = fmt('nl');
const en = fmt('en');

describe('responseRateSpec', () => {
  it('shows the response per round with counts, formatted for the interface language', () => {
    const spec = responseRateSpec({ rounds: ROUNDS }, nl, 'Respons');
    expect(spec.categories).toEqual(['Voormeting', 'Tussenmeting', 'Nameting']);
    expect(spec.display[0]).toEqual(['62% (21 van 34)', '65% (22 van 34)', '35% (12 van 34)']);
    expect(spec.series[0].n).toEqual([34, 34, 34]);
    expect(spec.summary).toContain('Nameting 35% (12 van 34)');
    expect(responseRateSpec({ rounds: ROUNDS }, en, 'Response').display[0][0]).toBe('62% (21 of 34)');
  });

  it('draws the submitted count of a selection reached only by an anonymous link, never "no answers yet"', () => {
    const parents = [
      { ...round('h1', 'Eerste halfjaar', 0, 0), anonymous: 0 },
      { ...round('h2', 'Tweede halfjaar', 0, 0), anonymous: 3 },
    ];
    const spec = responseRateSpec({ rounds: parents, settings: SETTINGS }, nl, 'Ingevuld');
    expect(spec.emptyReason).toBeUndefined();
    expect([spec.percent, spec.series[0].values, spec.display[0]]).toEqual([false, [0, 3], ['0 ingevuld', '3 ingevuld']]);
    expect(spec.summary).toContain('Tweede halfjaar 3 ingevuld via de anonieme link');
    // With anyone invited, the rate of the invited stays the measure.
    expect(responseRateSpec({ rounds: [{ ...ROUNDS[0], anonymous: 3 }] }, nl, 'Respons').display[0][0]).toBe('62% (21 van 34)');
  });

  it('draws no bar for a round nobody was invited to', () => {
    const spec = responseRateSpec({ rounds: [...ROUNDS, round('extra', 'Extra', 0, 0)] }, nl, 'Respons');
    expect(spec.series[0].values[3]).toBeNull();
    expect(spec.display[0][3]).toBe('—');
    expect(spec.series[0].notes?.[3]).toBe('no-answers');
  });
});

describe('shareByRoundSpec', () => {
  const a = { rounds: ROUNDS, settings: SETTINGS };

  it('gives the share agreeing per round with its Wilson interval and n', () => {
    const v = variable('comp', [summary('pre', 6, 21), summary('mid', 17, 22), summary('post', 9, 12)]);
    const spec = shareByRoundSpec(a, [{ label: 'Signaleren', variable: v }], nl, 'Eens');
    expect(spec.series[0].values[2]).toBeCloseTo(0.75);
    expect(spec.series[0].n).toEqual([21, 22, 12]);
    expect(spec.series[0].ci?.[0]).not.toBeNull();
    expect(spec.display[0]).toEqual(['29%', '77%', '75%']);
  });

  it('leaves an empty round empty: not asked is no bar and no zero', () => {
    const v = variable('tool', [
      summary('pre', 0, 0, { asked: false, reason: 'not-asked' }),
      summary('mid', 4, 22),
      summary('post', 4, 12),
    ]);
    const spec = shareByRoundSpec(a, [{ label: 'Beslisboom', variable: v }], nl, 'Gebruik');
    expect(spec.series[0].values[0]).toBeNull();
    expect(spec.series[0].notes?.[0]).toBe('not-asked');
    expect(spec.series[0].n?.[0]).toBeNull();
    expect(spec.summary).not.toContain('Voormeting');
  });

  it('does not draw a suppressed cell and says why', () => {
    const v = variable('comp', [
      summary('pre', null, 21, { flags: ['suppressed'], reason: 'suppressed-small-cell' }),
      summary('mid', 17, 22),
      summary('post', 9, 12),
    ]);
    const spec = shareByRoundSpec(a, [{ label: 'Signaleren', variable: v }], nl, 'Eens');
    expect(spec.series[0].values[0]).toBeNull();
    expect(spec.series[0].notes?.[0]).toBe('suppressed');
    expect(spec.display[0][0]).toBe('—');
  });

  it('shows "x of n" instead of a percentage below the threshold, without an interval', () => {
    const v = variable('comp', [summary('pre', 6, 21), summary('mid', 17, 22), summary('post', 7, 9)]);
    const spec = shareByRoundSpec(a, [{ label: 'Signaleren', variable: v }], nl, 'Eens');
    expect(spec.display[0][2]).toBe('7 van 9');
    expect(spec.series[0].notes?.[2]).toBe('no-percentage');
    expect(spec.series[0].ci?.[2]).toBeNull();
  });

  it('can put the variables on the axis and the rounds in the legend (grouped bars per partner)', () => {
    const p1 = variable('p1', [summary('pre', 0, 21), summary('mid', 4, 22), summary('post', 9, 12)]);
    const p2 = variable('p2', [summary('pre', 2, 21), summary('mid', 5, 22), summary('post', 3, 12)]);
    const spec = shareByRoundSpec(
      a,
      [
        { label: 'POH GGZ', variable: p1 },
        { label: 'Huisarts', variable: p2 },
      ],
      en,
      'Monthly or more',
      { roundsAsSeries: true },
    );
    expect(spec.categories).toEqual(['POH GGZ', 'Huisarts']);
    expect(spec.series.map((s) => s.label)).toEqual(['pre', 'mid', 'post']);
    expect(spec.series[2].values).toEqual([0.75, 0.25]);
  });

  it('says there is nothing to show when every cell is empty', () => {
    const spec = shareByRoundSpec({ rounds: [], settings: SETTINGS }, [{ label: 'X', variable: null }], nl, 'Leeg');
    expect(spec.summary).toBe('Leeg: geen gegevens om te tonen.');
  });
});

describe('distributionSpec', () => {
  it('stacks the answer shares per round and leaves suppressed counts and unasked rounds out', () => {
    const v = variable('comp', [
      summary('pre', 6, 21),
      summary('mid', null, 22, { flags: ['suppressed'] }),
      summary('post', 0, 0, { asked: false }),
    ]);
    const spec = distributionSpec({ rounds: ROUNDS }, v, nl, 'Verdeling');
    expect(spec.stacked).toBe(true);
    expect(spec.categories[0]).toBe('Voormeting (n = 21)');
    expect(spec.categories[2]).toBe('Nameting');
    expect(spec.series[1].values).toEqual([6 / 21, null, null]);
    expect(spec.series[1].notes).toEqual([null, 'suppressed', 'not-asked']);
  });
});

describe('group response, timeline and trend', () => {
  it('keeps a suppressed group empty', () => {
    const spec = groupResponseSpec(
      { rounds: ROUNDS.slice(0, 1) },
      [
        { name: 'GGD', rounds: [{ round: 'pre', invited: 14, submitted: 8, responseRate: 8 / 14 }], flags: [], reason: null },
        {
          name: 'Klein',
          rounds: [{ round: 'pre', invited: null, submitted: null, responseRate: null }],
          flags: ['suppressed'],
          reason: 'subgroup-too-small',
        },
      ],
      nl,
      'Per organisatie',
    );
    expect(spec.display[0]).toEqual(['57% (8 van 14)', '—']);
    expect(spec.series[0].notes?.[1]).toBe('suppressed');
  });

  const group = (name: string, invited: number, submitted: number, extra: Partial<GroupResponse> = {}): GroupResponse => ({
    name,
    rounds: [
      { round: 'pre', invited, submitted, responseRate: submitted / invited },
      { round: 'mid', invited: 0, submitted: 0, responseRate: null },
    ],
    flags: [],
    reason: null,
    ...extra,
  });

  it('gives a group under the minimum for a percentage its count only: no bar, no percentage (METHODS §6)', () => {
    const spec = groupResponseSpec(
      { rounds: [ROUNDS[0], round('mid', 'Najaar 2026', 0, 0)], settings: SETTINGS },
      [
        group('Consultatiebureau Oost', 14, 10),
        group('Sociaal Wijkteam Zuid', 8, 3),
        group('Buurthuis De Linde', 4, 4, { flags: ['disclosure-risk'], reason: 'subgroup-too-small' }),
      ],
      nl,
      'Respons per organisatie',
    );
    expect(spec.display[0]).toEqual(['71% (10 van 14)', '3 van 8', '4 van 4']);
    expect(spec.series[0].values).toEqual([10 / 14, null, null]);
    expect(spec.series[0].notes).toEqual([null, 'too-few-invited', 'too-few-invited']);
    expect(spec.summary).toContain('Buurthuis De Linde: Voormeting 4 van 4');
    expect(spec.summary).not.toMatch(/100%|38%/);
    // The study's own minimum: with 8 allowed, the 8 get their percentage.
    const eight = groupResponseSpec(
      { rounds: [ROUNDS[0]], settings: { ...SETTINGS, minDenominatorForPercent: 8 } },
      [group('Zuid', 8, 3)],
      en,
      'R',
    );
    expect(eight.display[0]).toEqual(['38% (3 of 8)']);
  });

  it('leaves out a round nobody in any group was invited to, instead of a row of "suppressed" bars', () => {
    const spec = groupResponseSpec(
      { rounds: [ROUNDS[0], round('mid', 'Najaar 2026', 0, 0)], settings: SETTINGS },
      [group('Consultatiebureau Oost', 14, 10), group('Bibliotheek Centrum', 10, 7)],
      nl,
      'Respons per organisatie',
    );
    expect(spec.series.map((x) => x.label)).toEqual(['Voormeting']);
    expect(spec.series[0].notes).not.toContain('suppressed');
  });

  it('names a readable number of days on the axis of a round of 430 days, on a phone and a wide screen', () => {
    const long = {
      ...round('pre', 'Najaar 2025', 36, 24),
      timeline: Array.from({ length: 24 }, (_, k) => ({
        date: new Date(Date.parse('2025-10-01') + k * 19 * 86_400_000).toISOString().slice(0, 10),
        submitted: 1,
        cumulative: k + 1,
      })),
      opensAt: '2025-10-01T08:00:00Z',
    };
    const spec = responseTimelineSpec({ rounds: [long] }, nl, 'Respons in de tijd');
    expect(spec.categories.length).toBeGreaterThan(400);
    expect(spec.sequence).toBe(true);
    for (const narrow of [true, false]) {
      const axis = (toChartJs(spec, { narrow }).options.scales as Record<string, { ticks: Record<string, unknown> }>).x.ticks;
      expect(axis.autoSkip).toBe(true);
      expect(axis.maxRotation).toBe(0);
      expect(axis.maxTicksLimit).toBeLessThanOrEqual(narrow ? 6 : 12);
    }
    // No dot on each of 430 days: the line alone.
    expect(toChartJs(spec).data.datasets[0].pointRadius).toBe(0);
    const svg = toSvg(spec);
    const dayLabels = [...svg.matchAll(/<tspan[^>]*>(\d+)<\/tspan>/g)];
    expect(dayLabels.length).toBeGreaterThan(3);
    expect(dayLabels.length).toBeLessThanOrEqual(16);
    expect(svg.match(/<circle/g)).toBeNull();
  });

  it('accumulates submissions per day and leaves an empty round out', () => {
    const spec = responseTimelineSpec({ rounds: [...ROUNDS.slice(0, 1), round('empty', 'Leeg', 34, 0)] }, nl, 'Over tijd');
    expect(spec.series).toHaveLength(1);
    expect(spec.series[0].values).toEqual([1, 1, 21]);
  });

  it('draws one line per item and names the round where it peaks', () => {
    const spec = trendSpec(
      { rounds: ROUNDS },
      [
        {
          variable: 'comp',
          item: 'comp',
          kind: 'ordinal',
          basis: 'mean',
          points: [
            { round: 'pre', n: 21, value: 2.9 },
            { round: 'mid', n: 22, value: 4.2 },
            { round: 'post', n: 12, value: null },
          ],
          peak: ['mid'],
          shape: 'peak',
          overall: null,
        },
      ],
      new Map([['comp', 'Signaleren']]),
      nl,
      'Trend',
    );
    expect(spec.series[0].values).toEqual([2.9, 4.2, null]);
    expect(spec.display[0]).toEqual(['2,9', '4,2', '—']);
    expect(spec.summary).toContain('Signaleren hoogst in Tussenmeting');
  });
});

describe('toChartJs and toSvg', () => {
  const v = variable('comp', [summary('pre', null, 21, { flags: ['suppressed'] }), summary('mid', 17, 22), summary('post', 9, 12)]);
  const spec = shareByRoundSpec({ rounds: ROUNDS, settings: SETTINGS }, [{ label: 'Signaleren <b>', variable: v }], nl, 'Eens & oneens');

  it('gives chart.js the same values, intervals and labels', () => {
    const c = toChartJs(spec);
    expect(c.type).toBe('bar');
    expect(c.data.datasets[0].data).toEqual(spec.series[0].values);
    const rondo = (c.options.plugins as { rondo: { ci: unknown[]; labels: string[][] } }).rondo;
    expect(rondo.ci[0]).toEqual(spec.series[0].ci);
    expect(rondo.labels).toEqual(spec.display);
  });

  it('writes an SVG with escaped text, one bar per drawn value and the n per bar', () => {
    const svg = toSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Eens &amp; oneens');
    expect(svg).not.toContain('<b>');
    expect(svg.match(/<rect x=/g)?.length).toBe(2);
    expect(svg).toContain('n = 22');
  });

  const STATEMENT =
    'Ik weet bij welke ketenpartner in de wijk ik terecht kan als ouders zich zorgen maken over de ontwikkeling van hun kind.';
  const long = shareByRoundSpec(
    { rounds: ROUNDS, settings: SETTINGS },
    [
      { label: STATEMENT, variable: v },
      { label: 'Samenwerkingsafspraken', variable: v },
    ],
    nl,
    'Eens',
    { roundsAsSeries: true },
  );

  it('draws the names where the label layout puts them: chart.js ticks off, above fixed-thickness bars on a phone', () => {
    const names = labelLayout(long.categories, 375, true, estimateWidth);
    const c = toChartJs({ ...long, horizontal: true }, { narrow: true, labels: names });
    const options = c.options as {
      indexAxis: string;
      scales: Record<string, { ticks: { display?: boolean } }>;
      layout: { padding: { top: number } };
    };
    expect(options.indexAxis).toBe('y');
    expect(options.scales.y.ticks.display).toBe(false);
    expect(options.layout.padding.top).toBeGreaterThan(names.height / 2);
    expect(c.data.datasets.every((d) => d.barThickness === 16)).toBe(true);
    expect((c.options.plugins as { rondo: { categories: unknown } }).rondo.categories).toBe(names);
  });

  it('writes every word of a long name into the SVG, inside the picture', () => {
    const svg = toSvg({ ...long, horizontal: true });
    const words = [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join(' ');
    expect(words).toBe(`${STATEMENT} Samenwerkingsafspraken`);
    expect(svg).not.toMatch(/x='-/);
    expect(svg).not.toContain('…');
  });
});

describe('shareByRoundSpec with the rounds in the legend', () => {
  it('leaves out a round in which no variable was asked', () => {
    const notAsked = summary('pre', 0, 0, { asked: false, reason: 'not-asked' });
    const t1 = variable('t1', [notAsked, summary('mid', 4, 22), summary('post', 4, 12)]);
    const t2 = variable('t2', [notAsked, summary('mid', 9, 22), summary('post', 7, 12)]);
    const spec = shareByRoundSpec(
      { rounds: ROUNDS, settings: SETTINGS },
      [
        { label: 'Beslisboom', variable: t1 },
        { label: 'ZAT', variable: t2 },
      ],
      nl,
      'Gebruik',
      { roundsAsSeries: true },
    );
    expect(spec.series.map((s) => s.label)).toEqual(['Tussenmeting', 'Nameting']);
    expect(spec.display).toEqual([
      ['18%', '41%'],
      ['33%', '58%'],
    ]);
  });
});
