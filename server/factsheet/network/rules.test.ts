import { describe, expect, it } from 'vitest';
import type { CustomIndicator, DisclosureSettings } from '../../../analysis/findings/data.js';
import { latestIndex, nextQuarter, shownTarget, targetState, visibility } from './rules.js';

const settings = (teamMode: boolean): DisclosureSettings => ({
  minDenominatorForPercent: 10,
  smallNumbersBelow: 30,
  minSubgroup: 5,
  minGroupForQuotes: 10,
  cautionResponseBelow: 0.5,
  strongCautionResponseBelow: 0.3,
  responseGapWarning: 0.2,
  alpha: 0.05,
  teamMode,
});
const share = (perRound: CustomIndicator['perRound']): CustomIndicator => ({
  id: 'eisen',
  label: { nl: 'Kwaliteitseisen gevolgd' },
  value: 'share',
  percent: true,
  form: 'yes',
  perRound,
  means: perRound.map(() => null),
  change: null,
});
const mean = (means: CustomIndicator['means'], percent = false): CustomIndicator => ({
  id: 'cijfer',
  label: { nl: 'Cijfer' },
  value: 'mean',
  percent,
  perRound: means.map(() => null),
  means,
  change: null,
});

describe('the network sections’ disclosure rule', () => {
  it.each([
    [12, false, 'share', 'value'],
    [4, false, 'share', 'withheld'],
    [4, true, 'share', 'counts'],
    [4, true, 'mean', 'counts'],
    [4, true, 'mean-percent', 'withheld'],
    [0, true, 'share', 'withheld'],
  ] as const)('n = %i, team mode %s, a %s: %s', (n, team, kind, expected) => {
    const ind =
      kind === 'share' ? { value: 'share' as const, percent: true } : { value: 'mean' as const, percent: kind === 'mean-percent' };
    expect(visibility(n, ind, settings(team))).toBe(expected);
  });
});

describe('targets and quarters', () => {
  it('reads a share’s target typed as a percentage or a fraction', () => {
    expect(shownTarget({ percent: true }, 80)).toBe(0.8);
    expect(shownTarget({ percent: true }, 0.8)).toBe(0.8);
    expect(shownTarget({ percent: false }, 7.5)).toBe(7.5);
  });

  it('compares the latest value as printed, and cannot judge a hidden one', () => {
    const s = share([
      { x: 6, n: 12, ci: null },
      { x: 8, n: 10, ci: null },
    ]);
    expect(latestIndex(s)).toBe(1);
    expect(targetState(s, 1, 0.8, settings(false))).toBe('reached');
    expect(targetState(s, 0, 0.8, settings(false))).toBe('not-yet');
    const small = share([{ x: 4, n: 4, ci: null }]);
    expect(targetState(small, 0, 0.8, settings(false))).toBe('unknown');
    expect(targetState(small, 0, 0.8, settings(true))).toBe('reached');
    // 7.46 prints as 7.5: the target of 7.5 is reached as the reader sees it.
    expect(targetState(mean([{ value: 7.46, n: 12, ci: null }]), 0, 7.5, settings(false))).toBe('reached');
    expect(latestIndex(mean([null, null]))).toBeNull();
  });

  it('finds the next quarter of the plan’s year without an evaluation', () => {
    const plan = (quarters: number[]) => ({
      year: 2027,
      pdca: quarters.map((quarter) => ({ quarter, done: '', measured: '', adjusted: '' })),
    });
    expect(nextQuarter(plan([1, 2]), '2027-05-10T00:00:00Z')).toBe(3);
    expect(nextQuarter(plan([]), '2027-05-10T00:00:00Z')).toBe(2);
    expect(nextQuarter(plan([]), '2026-11-01T00:00:00Z')).toBe(1);
    expect(nextQuarter(plan([1, 2, 3, 4]), '2027-05-10T00:00:00Z')).toBeNull();
    expect(nextQuarter(plan([1]), '2028-01-10T00:00:00Z')).toBeNull();
  });
});
