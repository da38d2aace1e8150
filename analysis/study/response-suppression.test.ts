import { describe, expect, it } from 'vitest';
import type { ResponseAnalysis, RoundResponse } from './result.js';
import { flagResponseTables, suppressResponseTables } from './response-suppression.js';

/**
 * Suppression of the response-pattern table, pairs, complete cases and flow for the aggregate
 * audience. The tables are built here from pattern counts the way response.ts builds them, and
 * every check of "cannot be recovered" is done independently of the code under test: by
 * enumerating every table of non-negative counts that agrees with everything still shown.
 */
const KEYS = ['pre', 'mid', 'post'];

type Counts = [pattern: string, count: number][];

/** Pattern counts in the order of the table (an array: an object would put '100' before '011'). */
function tables(list: Counts, keys = KEYS): { response: ResponseAnalysis; rounds: RoundResponse[] } {
  const R = keys.length;
  const counts = Object.fromEntries(list);
  const patterns = list.map(([p]) => p);
  const has = (p: string, k: number) => p[k] === '1';
  const sum = (pred: (p: string) => boolean) => patterns.filter(pred).reduce((n, p) => n + counts[p], 0);
  const pairs: ResponseAnalysis['pairs'] = [];
  for (let a = 0; a < R; a++)
    for (let b = a + 1; b < R; b++) pairs.push({ from: keys[a], to: keys[b], n: sum((p) => has(p, a) && has(p, b)), flags: [] });
  const earlier = (p: string, k: number) => p.slice(0, k).includes('1');
  const flow = keys.map((round, k) => ({
    round,
    submitted: sum((p) => has(p, k)),
    alsoPrevious: sum((p) => k > 0 && has(p, k) && has(p, k - 1)),
    returning: sum((p) => k > 1 && has(p, k) && !has(p, k - 1) && earlier(p, k - 1)),
    new: sum((p) => has(p, k) && !earlier(p, k)),
    flags: [],
  }));
  const response: ResponseAnalysis = {
    byGroup: [],
    byOrganisation: null,
    byRole: null,
    patterns: patterns.map((pattern) => ({ pattern, count: counts[pattern], flags: [] })),
    pairs,
    complete: sum((p) => !p.includes('0')),
    flow,
  };
  const rounds = keys.map((key, k) => ({ key, submitted: sum((p) => has(p, k)) }) as RoundResponse);
  return { response, rounds };
}

const DEMO: Counts = [
  ['111', 9],
  ['110', 8],
  ['101', 2],
  ['011', 1],
  ['100', 2],
  ['010', 4],
  ['001', 0],
  ['000', 8],
];

/** Every assignment of the hidden pattern counts that agrees with every number still shown. */
function consistentTables(r: ResponseAnalysis, rounds: RoundResponse[], total: number): Record<string, number>[] {
  const hidden = r.patterns.filter((p) => p.count === null).map((p) => p.pattern);
  const known = Object.fromEntries(r.patterns.filter((p) => p.count !== null).map((p) => [p.pattern, p.count!]));
  const keys = rounds.map((x) => x.key);
  const out: Record<string, number>[] = [];
  const order = r.patterns.map((p) => p.pattern);
  const agrees = (c: Record<string, number>) => {
    const t = tables(
      order.map((p) => [p, c[p]]),
      keys,
    ).response;
    const sum = Object.values(c).reduce((a, b) => a + b, 0);
    return (
      sum === total &&
      t.flow.every((f, k) => f.submitted === rounds[k].submitted) &&
      t.pairs.every((p, i) => r.pairs[i].n === null || r.pairs[i].n === p.n) &&
      (r.complete === null || r.complete === t.complete) &&
      t.flow.every((f, k) =>
        (['alsoPrevious', 'returning', 'new'] as const).every((c2) => r.flow[k][c2] === null || r.flow[k][c2] === f[c2]),
      )
    );
  };
  const walk = (i: number, c: Record<string, number>) => {
    if (i === hidden.length) {
      if (agrees(c)) out.push({ ...c });
      return;
    }
    // A pattern count is at most the submissions of any round in the pattern.
    const max = Math.min(total, ...rounds.filter((_, k) => hidden[i][k] === '1').map((x) => x.submitted));
    for (let v = 0; v <= max; v++) walk(i + 1, { ...c, [hidden[i]]: v });
  };
  walk(0, known);
  return out;
}

const visibleCounts = (r: ResponseAnalysis) =>
  [
    ...r.patterns.map((p) => p.count),
    ...r.pairs.map((p) => p.n),
    r.complete,
    ...r.flow.flatMap((f) => [f.alsoPrevious, f.returning, f.new]),
  ].filter((n): n is number => n !== null);

describe('suppressResponseTables', () => {
  it('hides every pattern, pair and flow count of 1 to 4 in the demo study', () => {
    const { response, rounds } = tables(DEMO);
    suppressResponseTables(response, rounds, 5);
    expect(visibleCounts(response).filter((n) => n >= 1 && n <= 4)).toEqual([]);
    expect(response.patterns.map((p) => p.count)).toEqual([9, 8, null, null, null, null, 0, 8]);
    expect(response.patterns.filter((p) => p.count === null).every((p) => p.flags.includes('suppressed'))).toBe(true);
  });

  it('hides the pair pre → post, although it is 11, because 11 − 9 complete would give 101 = 2', () => {
    const { response, rounds } = tables(DEMO);
    suppressResponseTables(response, rounds, 5);
    expect(response.complete).toBe(9);
    expect(response.pairs.map((p) => p.n)).toEqual([17, null, null]);
    // Mid → post (10) too: 10 − 9 would give 011 = 1. The flow's "also previous round" in
    // post is the same number, so it goes with it; "returning" in post is the pattern 101.
    expect(response.flow[2]).toMatchObject({ submitted: 12, alsoPrevious: null, returning: null, new: 0 });
    expect(response.flow[1]).toMatchObject({ submitted: 22, alsoPrevious: 17, new: 5 });
  });

  it('leaves no hidden small count that follows from what is shown (every table that fits is enumerated)', () => {
    const { response, rounds } = tables(DEMO);
    suppressResponseTables(response, rounds, 5);
    const fits = consistentTables(response, rounds, 34);
    expect(fits.length).toBeGreaterThan(1);
    expect(fits).toContainEqual(Object.fromEntries(DEMO));
    for (const p of ['101', '011', '100', '010']) expect(new Set(fits.map((c) => c[p])).size, p).toBeGreaterThan(1);
  });

  it('protects two small cells in two rounds even when that hides the zero and the large cell', () => {
    // 3 and 2 answered once each and nobody twice: 11 = 0 shown would give 10 = 3 − 0.
    const { response, rounds } = tables(
      [
        ['11', 0],
        ['10', 3],
        ['01', 2],
        ['00', 29],
      ],
      ['pre', 'post'],
    );
    suppressResponseTables(response, rounds, 5);
    expect(response.patterns.map((p) => p.count)).toEqual([null, null, null, null]);
    expect(response.pairs[0].n).toBeNull();
    expect(response.complete).toBeNull();
    const fits = consistentTables(response, rounds, 34);
    for (const p of ['10', '01']) expect(new Set(fits.map((c) => c[p])).size, p).toBeGreaterThan(1);
  });

  it('shows a count that equals a round total, since the total is shown anyway', () => {
    const { response, rounds } = tables(
      [
        ['1', 3],
        ['0', 31],
      ],
      ['only'],
    );
    suppressResponseTables(response, rounds, 5);
    expect(response.patterns.map((p) => p.count)).toEqual([3, 31]);
    expect(response.flow[0].new).toBe(3);
  });

  it('hides nothing when no count is small', () => {
    const counts: Counts = [
      ['111', 9],
      ['110', 8],
      ['101', 6],
      ['011', 5],
      ['100', 7],
      ['010', 5],
      ['001', 0],
      ['000', 8],
    ];
    const { response, rounds } = tables(counts);
    const before = JSON.parse(JSON.stringify(response));
    suppressResponseTables(response, rounds, 5);
    expect(response).toEqual(before);
  });

  it('follows the study threshold', () => {
    const counts: Counts = [
      ['111', 9],
      ['110', 8],
      ['101', 6],
      ['011', 5],
      ['100', 7],
      ['010', 4],
      ['001', 0],
      ['000', 8],
    ];
    const at4 = tables(counts);
    suppressResponseTables(at4.response, at4.rounds, 4);
    expect(at4.response.patterns.map((p) => p.count)).toEqual(counts.map(([, n]) => n));
    const at5 = tables(counts);
    suppressResponseTables(at5.response, at5.rounds, 5);
    expect(at5.response.patterns.find((p) => p.pattern === '010')?.count).toBeNull();
    expect(visibleCounts(at5.response)).not.toContain(4);
  });
});

describe('flagResponseTables', () => {
  it('marks the small counts researchers see, without hiding any', () => {
    const { response } = tables(DEMO);
    flagResponseTables(response, 5);
    expect(response.patterns.filter((p) => p.flags.includes('disclosure-risk')).map((p) => p.pattern)).toEqual([
      '101',
      '011',
      '100',
      '010',
    ]);
    expect(response.patterns.map((p) => p.count)).toEqual(DEMO.map(([, n]) => n));
    expect(response.flow[2].flags).toEqual(['disclosure-risk']);
    expect(response.pairs.every((p) => p.flags.length === 0)).toBe(true);
  });
});
