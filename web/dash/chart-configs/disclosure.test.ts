import { describe, expect, it } from 'vitest';
import { fmt } from '../format.js';
import { distributionSpec } from './distribution.js';
import { SETTINGS, round, summary, variable } from './fixture.js';
import { responseRateSpec } from './response.js';
import { shareByRoundSpec } from './shares.js';
import { toChartJs } from './chartjs.js';
import { trendSpec } from './trend.js';

const nl = fmt('nl');
const en = fmt('en');
/** A team of five in two rounds: every denominator under the threshold of 10. */
const TEAM_ROUNDS = [round('a', 'Eerste helft', 5, 5), round('b', 'Tweede helft', 5, 4)];
const TEAM = { ...SETTINGS, teamMode: true };
/** What trainers get: counts kept, shares and intervals gone (analysis/study/suppression.ts). */
const hidden = (r: string, x: number, n: number) =>
  summary(r, x, n, {
    topBox: { x, n, estimate: null, ci: null, method: 'Wilson score interval' },
    flags: ['no-percentage', 'suppressed'],
    reason: 'no-percentage-below-threshold',
    distribution: [
      { code: 1, label: { nl: 'Nee', en: 'No' }, count: n - x, share: null },
      { code: 2, label: { nl: 'Ja', en: 'Yes' }, count: x, share: null },
    ],
  });
const avail = variable('avail', [hidden('a', 3, 5), hidden('b', 4, 4)]);

describe('charts under the disclosure threshold', () => {
  it('show the team its own counts in team mode, on a count axis, never a percentage', () => {
    const spec = shareByRoundSpec({ rounds: TEAM_ROUNDS, settings: TEAM }, [{ label: 'Beschikbaar', variable: avail }], nl, 'Beschikbaar');
    expect(spec.percent).toBe(false);
    expect(spec.series[0].values).toEqual([3, 4]);
    expect(spec.display[0]).toEqual(['3 van 5', '4 van 4']);
    expect(spec.max).toBe(5);
    expect(spec.valueLabel).toBe('aantal');
    expect(spec.summary).toContain('teamweergave: aantallen');
    expect(spec.summary).not.toMatch(/\d%/);
    expect(spec.emptyReason).toBeUndefined();
    const config = toChartJs(spec);
    expect((config.options.scales as Record<string, { ticks: Record<string, unknown> }>).y.ticks.callback).toBeUndefined();
  });

  it('explain an empty chart in standard mode instead of drawing nothing without a reason', () => {
    const spec = shareByRoundSpec(
      { rounds: TEAM_ROUNDS, settings: SETTINGS },
      [{ label: 'Beschikbaar', variable: avail }],
      nl,
      'Beschikbaar',
    );
    expect(spec.series[0].values).toEqual([null, null]);
    expect(spec.emptyReason).toContain('Geen percentages: minder dan 10 antwoorden (n = 5 en 4)');
    expect(spec.emptyReason).toContain('teamweergave');
    const english = shareByRoundSpec(
      { rounds: TEAM_ROUNDS, settings: SETTINGS },
      [{ label: 'Available', variable: avail }],
      en,
      'Available',
    );
    expect(english.emptyReason).toContain('No percentages: fewer than 10 answers (n = 5 and 4)');
  });

  it('keep percentages in team mode once every denominator reaches the threshold', () => {
    const big = variable('big', [summary('a', 12, 20), summary('b', 15, 20)]);
    const spec = shareByRoundSpec(
      { rounds: [round('a', 'A', 20, 20), round('b', 'B', 20, 20)], settings: TEAM },
      [{ label: 'X', variable: big }],
      nl,
      'X',
    );
    expect(spec.percent).toBe(true);
    expect(spec.display[0]).toEqual(['60%', '75%']);
  });

  it('stack the answer counts of a distribution in team mode and explain it when empty otherwise', () => {
    const team = distributionSpec({ rounds: TEAM_ROUNDS, settings: TEAM }, avail, nl, 'Verdeling');
    expect(team.percent).toBe(false);
    expect(team.series.map((s) => s.values)).toEqual([
      [2, 0],
      [3, 4],
    ]);
    expect(team.display[1]).toEqual(['3 van 5', '4 van 4']);
    const standard = distributionSpec({ rounds: TEAM_ROUNDS, settings: SETTINGS }, avail, nl, 'Verdeling');
    expect(standard.series.every((s) => s.values.every((v) => v === null))).toBe(true);
    expect(standard.emptyReason).toContain('minder dan 10 antwoorden');
  });

  it('give the response of a small team as "x van n" in team mode and explain the hidden rate otherwise', () => {
    const team = responseRateSpec({ rounds: TEAM_ROUNDS, settings: TEAM }, nl, 'Respons');
    expect(team.percent).toBe(false);
    expect(team.display[0]).toEqual(['5 van 5', '4 van 5']);
    const hiddenRates = TEAM_ROUNDS.map((r) => ({ ...r, responseRate: null, responseRateCi: null }));
    const standard = responseRateSpec({ rounds: hiddenRates, settings: SETTINGS }, nl, 'Respons');
    expect(standard.emptyReason).toContain('minder dan 10');
  });
});

describe('trend charts under the disclosure threshold', () => {
  it('explain a trend whose means are hidden for the audience', () => {
    const trend = {
      variable: 'guideline',
      item: 'guideline',
      kind: 'ordinal' as const,
      basis: 'mean' as const,
      points: [
        { round: 'a', n: 5, value: null },
        { round: 'b', n: 5, value: null },
      ],
      peak: ['b'],
      shape: 'rising' as never,
      overall: null,
    };
    const spec = trendSpec({ rounds: TEAM_ROUNDS, settings: SETTINGS }, [trend], new Map([['guideline', 'Richtlijn']]), nl, 'Trend');
    expect(spec.emptyReason).toContain('Geen gemiddelden: minder dan 10 antwoorden (n = 5)');
  });

  it('draws no share under the threshold in team mode', () => {
    const trend = {
      variable: 'avail',
      item: 'avail',
      kind: 'binary' as const,
      basis: 'share' as const,
      points: [
        { round: 'a', n: 5, value: 0 },
        { round: 'b', n: 12, value: 0.5 },
      ],
      peak: ['b'],
      shape: 'rising' as never,
      overall: null,
    };
    const spec = trendSpec({ rounds: TEAM_ROUNDS, settings: TEAM }, [trend], new Map(), nl, 'Trend');
    expect(spec.series[0].values).toEqual([null, 0.5]);
  });
});
