import { describe, expect, it } from 'vitest';
import { panelSoFar } from './panel.js';

const round = (submitted: number, submittedNotEligible = 0) => ({ submitted, submittedNotEligible });
const patterns = (counts: Record<string, number | null>) =>
  Object.entries(counts).map(([pattern, count]) => ({ pattern, count, flags: [] }));

describe('panelSoFar', () => {
  it('counts those who answered every round when every selected round has answers', () => {
    const response = { complete: 7, patterns: patterns({ '111': 7, '110': 3, '100': 2 }) };
    expect(panelSoFar([round(12), round(10), round(9)], response)).toEqual({ count: 7, everyRound: true });
  });

  it('counts over the rounds answered so far while a later round has no answers, instead of 0', () => {
    // The third half-year is planned: nobody can have answered it, so `complete` is 0.
    const response = { complete: 0, patterns: patterns({ '111': 0, '110': 6, '101': 0, '100': 4, '010': 3 }) };
    expect(panelSoFar([round(10), round(9), round(0)], response)).toEqual({ count: 6, everyRound: false });
    // A round in the middle without answers (a skipped measurement) is left out the same way.
    const skipped = { complete: 0, patterns: patterns({ '101': 5, '100': 2, '001': 1 }) };
    expect(panelSoFar([round(7), round(0), round(6)], skipped)).toEqual({ count: 5, everyRound: false });
  });

  it('counts a round answered only by people no longer eligible as answered', () => {
    const response = { complete: 2, patterns: patterns({ '11': 2 }) };
    expect(panelSoFar([round(5), round(0, 2)], response)).toEqual({ count: 2, everyRound: true });
  });

  it('keeps a count hidden for this audience hidden', () => {
    expect(panelSoFar([round(10), round(9), round(0)], { complete: 0, patterns: patterns({ '110': null }) })).toEqual({
      count: null,
      everyRound: false,
    });
    expect(panelSoFar([round(10), round(9)], { complete: null, patterns: patterns({ '11': null }) })).toEqual({
      count: null,
      everyRound: true,
    });
  });

  it('gives 0 for a pattern of many rounds that nobody has (only those that occur are listed)', () => {
    const rounds = [round(4), round(4), round(3), round(2), round(2), round(1), round(0)];
    expect(panelSoFar(rounds, { complete: 0, patterns: patterns({ '1100000': 2 }) })).toEqual({ count: 0, everyRound: false });
  });

  it('shows no panel before a second round has answers', () => {
    expect(panelSoFar([round(10), round(0), round(0)], { complete: 0, patterns: [] })).toBeNull();
    expect(panelSoFar([round(10)], { complete: 10, patterns: patterns({ '1': 10 }) })).toBeNull();
  });
});
