import { describe, expect, it } from 'vitest';
import { dutchTime, periodOf, planRounds } from './round-schedule.js';

const NOW = new Date('2026-12-06T10:00:00Z');

describe('periodOf', () => {
  it.each([
    [12, 2, { code: '2027', nl: '2027', en: '2027' }],
    [6, 0, { code: '2027h1', nl: '1e helft 2027', en: 'First half of 2027' }],
    [6, 8, { code: '2027h2', nl: '2e helft 2027', en: 'Second half of 2027' }],
    [4, 5, { code: '2027t2', nl: '2e tertiaal 2027', en: 'Term 2 of 2027' }],
    [3, 11, { code: '2027q4', nl: '4e kwartaal 2027', en: 'Q4 2027' }],
    [2, 2, { code: '2027m03', nl: 'Maart 2027', en: 'March 2027' }],
  ])('names every %i months from month %i', (every, month0, expected) => {
    expect(periodOf(2027, month0, every)).toEqual(expected);
  });
});

describe('dutchTime', () => {
  it('follows Dutch winter and summer time', () => {
    expect(dutchTime('2027-01-11', 9)).toBe('2027-01-11T08:00:00.000Z');
    expect(dutchTime('2027-07-11', 9)).toBe('2027-07-11T07:00:00.000Z');
  });
});

describe('planRounds', () => {
  const half = { everyMonths: 6, count: 2, start: '2027-01-11', openDays: 28 };

  it('keys half-yearly rounds from their period, starting with a letter', () => {
    const { rounds, problems } = planRounds(half, ['pre'], NOW);
    expect(problems).toEqual([]);
    expect(rounds.map((r) => r.key)).toEqual(['r2027h1', 'r2027h2']);
  });

  it('moves the 31st to the last day of shorter months', () => {
    const { rounds } = planRounds({ everyMonths: 1, count: 2, start: '2027-01-31', openDays: 7 }, [], NOW);
    expect(rounds.map((r) => r.opensAt.slice(0, 10))).toEqual(['2027-01-31', '2027-02-28']);
  });

  it.each([
    [{ ...half, count: 0 }, [], 'count'],
    [{ ...half, everyMonths: 25 }, [], 'every'],
    [{ ...half, start: '2027-02-30x' }, [], 'start'],
    [{ ...half, openDays: 0 }, [], 'open-days'],
    [{ ...half, start: '2026-11-01' }, [], 'past'],
    [{ ...half, count: 19 }, ['a', 'b'], 'too-many'],
    [half, ['r2027h2'], 'keys-taken'],
    [{ ...half, everyMonths: 1, openDays: 40 }, [], 'overlap'],
  ])('refuses %o with taken keys %o: %s', (schedule, taken, reason) => {
    const { problems } = planRounds(schedule, taken, NOW);
    expect(problems.map((p) => p.reason)).toContain(reason);
    expect(problems.every((p) => p.nl && p.en)).toBe(true);
  });

  it('names the keys that exist already', () => {
    const { problems } = planRounds(half, ['r2027h2'], NOW);
    expect(problems).toEqual([expect.objectContaining({ reason: 'keys-taken', keys: ['r2027h2'] })]);
    expect(problems[0].nl).toContain('Deze metingen bestaan al: r2027h2');
  });
});
