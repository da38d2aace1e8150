import { describe, expect, it } from 'vitest';
import type { Item } from '../../model/index.js';
import { analyzeStudy } from './analyze.js';
import { CELL } from './input.js';
import type { StudyAnalysis, VariableAnalysis } from './result.js';
import { cohort, likert, makeInput, partnerGrid, toolGrid, yesno, type TestResponse } from './testing.js';
import { shapeOf } from './trends.js';

const item = (a: StudyAnalysis, id: string) => a.items.find((i) => i.id === id)!;
const round = (v: VariableAnalysis, key: string) => v.rounds.find((r) => r.round === key)!;
const change = (v: VariableAnalysis, from: string, to: string) => v.changes.find((c) => c.from === from && c.to === to)!;
const noNaN = (a: StudyAnalysis) => {
  expect(a.notes.nonFinite).toBe(0);
  expect(JSON.stringify(a)).not.toMatch(/NaN|Infinity/);
};

/** n participants answering `id` with `before` in pre and `after` in post. */
function pairs(id: string, before: number[], after: number[]): TestResponse[] {
  return before.flatMap((b, p) => [
    { p, round: 'pre', answers: { [id]: b } },
    { p, round: 'post', answers: { [id]: after[p] } },
  ]);
}

describe('per-item denominators', () => {
  const input = makeInput({
    items: [
      likert('know'),
      yesno('help'),
      toolGrid(),
      {
        id: 'years',
        type: 'number',
        measure: 'background',
        required: false,
        rounds: ['pre'],
        min: 0,
        max: 50,
        integer: true,
        text: { nl: 'j', en: 'y' },
      },
    ],
    tools: ['Beslisboom'],
    participants: cohort(5),
    responses: [
      { p: 0, round: 'pre', answers: { know: 4, help: 1, years: 10 } },
      { p: 1, round: 'pre', answers: { know: 'dk', help: 0, years: 3 } },
      { p: 2, round: 'pre', answers: { help: 'dk' } },
      { p: 3, round: 'pre', answers: { know: 5, help: 1 } },
      { p: 0, round: 'mid', answers: { know: 4, 'tools_use.t1': 1 } },
    ],
  });
  const a = analyzeStudy(input);

  it('counts only substantive answers in n and the rest apart', () => {
    const pre = round(item(a, 'know'), 'pre');
    expect(pre).toMatchObject({ respondents: 4, n: 2, dontKnow: 1, skipped: 1, notAsked: 0, notApplicable: 0 });
    expect(pre.topBox).toMatchObject({ x: 2, n: 2, estimate: 1 });
    expect(round(item(a, 'help'), 'pre')).toMatchObject({ n: 3, dontKnow: 1 });
  });

  it('calls an item that is not in a round "not asked", not skipped', () => {
    const tool = a.tools[0].use;
    expect(round(tool, 'pre')).toMatchObject({ asked: false, n: 0, skipped: 0, notAsked: 4, reason: 'not-asked' });
    expect(round(tool, 'mid')).toMatchObject({ asked: true, n: 1, reason: null });
    expect(round(item(a, 'years'), 'mid')).toMatchObject({ asked: false, reason: 'not-asked' });
  });

  it('gives a round without respondents a reason instead of numbers', () => {
    const post = round(item(a, 'know'), 'post');
    expect(post).toMatchObject({ respondents: 0, n: 0, reason: 'no-respondents', mean: { estimate: null, ci: null } });
    expect(post.topBox).toMatchObject({ x: 0, n: 0, estimate: null, ci: null });
    noNaN(a);
  });

  it('summarises numbers with a clipped t-interval, median and IQR', () => {
    const years = round(item(a, 'years'), 'pre');
    expect(years.n).toBe(2);
    expect(years.mean?.estimate).toBe(6.5);
    expect(years.mean?.ci?.[0]).toBe(0); // 6.5 ± 12.706·3.5 clipped at the scale minimum
    expect(years.flags).toContain('clipped');
    expect(years.median).toBe(6.5);
    expect(years.iqr).toBe(3.5);
  });
});

describe('routing and multiple choice', () => {
  const items: Item[] = [
    yesno('zat'),
    {
      id: 'count',
      type: 'number',
      measure: 'tool-use',
      required: false,
      rounds: ['pre', 'mid', 'post'],
      min: 1,
      max: 9,
      integer: true,
      showIf: { item: 'zat', op: 'equals', value: 1 },
      text: { nl: 'n', en: 'n' },
    },
    {
      id: 'parts',
      type: 'multi',
      measure: 'satisfaction',
      required: false,
      rounds: ['pre', 'mid', 'post'],
      options: [1, 2, 3].map((code) => ({ code, label: { nl: `o${code}`, en: `o${code}` } })),
      text: { nl: 'p', en: 'p' },
    },
  ];
  const input = makeInput({
    items,
    participants: cohort(3),
    responses: [
      { p: 0, round: 'pre', answers: { zat: 1, count: 2, 'parts.o2': 1 } },
      { p: 1, round: 'pre', answers: { zat: 0 } },
      { p: 2, round: 'pre', answers: { zat: 1 } },
    ],
  });

  it('treats a follow-up hidden by show-if as not asked and an empty shown one as skipped', () => {
    const v = input.variables.find((x) => x.id === 'count')!;
    expect([v.state[0], v.state[1], v.state[2]]).toEqual([CELL.ANSWERED, CELL.NOT_ASKED, CELL.SKIPPED]);
  });

  it('counts the options of an answered multiple-choice item as not chosen', () => {
    const a = analyzeStudy(input);
    expect(round(item(a, 'parts.o1'), 'pre')).toMatchObject({ n: 1, topBox: { x: 0 } });
    expect(round(item(a, 'parts.o2'), 'pre')).toMatchObject({ n: 1, topBox: { x: 1 } });
    expect(round(item(a, 'parts.o3'), 'pre')).toMatchObject({ n: 1, skipped: 2 });
    expect(item(a, 'parts.o2').optionLabel).toEqual({ nl: 'o2', en: 'o2' });
  });
});

describe('response', () => {
  const input = makeInput({
    items: [likert('know')],
    participants: [
      {},
      {},
      {},
      { leftFrom: 2 }, // left before post
      { invited: [true, false, false] }, // only invited to pre
    ],
    responses: [
      { p: 0, round: 'pre', answers: { know: 3 } },
      { p: 1, round: 'pre', answers: { know: 3 } },
      { p: 3, round: 'pre', answers: { know: 3 } },
      { p: 0, round: 'post', answers: { know: 4 } },
      { p: 2, round: 'post', draft: true, answers: {} },
      { p: null, round: 'post', answers: { know: 5 } },
    ],
  });
  const a = analyzeStudy(input);

  it('uses the eligible participants as the denominator of the response rate', () => {
    const [pre, mid, post] = a.rounds;
    expect(pre).toMatchObject({ invited: 5, submitted: 3, responseRate: 0.6 });
    expect(mid).toMatchObject({ invited: 4, submitted: 0, responseRate: 0 });
    expect(post).toMatchObject({ invited: 3, left: 1, submitted: 1, started: 2, anonymous: 1 });
    expect(post.responseRate).toBeCloseTo(1 / 3, 15);
    expect(post.responseRateCi?.[0]).toBeGreaterThan(0);
  });

  it('counts anonymous answers in the item but not in the rate', () => {
    expect(round(item(a, 'know'), 'post').n).toBe(2);
  });

  it('tabulates response patterns, pairs and complete cases', () => {
    expect(a.response.patterns.find((p) => p.pattern === '101')?.count).toBe(1);
    expect(a.response.patterns.find((p) => p.pattern === '100')?.count).toBe(2);
    expect(a.response.patterns.find((p) => p.pattern === '000')?.count).toBe(2);
    expect(a.response.pairs).toEqual([
      { from: 'pre', to: 'mid', n: 0, flags: [] },
      { from: 'pre', to: 'post', n: 1, flags: ['disclosure-risk'] },
      { from: 'mid', to: 'post', n: 0, flags: [] },
    ]);
    expect(a.response.complete).toBe(0);
    expect(a.response.flow[2]).toMatchObject({ submitted: 2, returning: 1, new: 1 });
  });
});

describe('change between rounds', () => {
  it('calls a change an increase only when the adjusted test is significant', () => {
    const before = [2, 2, 3, 2, 3, 2, 1, 2, 3, 2];
    const after = before.map((b) => b + 2);
    const a = analyzeStudy(
      makeInput({
        rounds: ['pre', 'post'],
        items: [likert('know', ['pre', 'post'])],
        participants: cohort(10),
        responses: pairs('know', before, after),
      }),
    );
    const c = change(item(a, 'know'), 'pre', 'post');
    expect(c.primary).toBe(true);
    expect(c.paired).toMatchObject({ n: 10, improved: 10, same: 0, worse: 0, meanDifference: 2 });
    expect(c.paired?.test?.exact).toBe(true);
    expect(c.paired?.test?.p).toBeCloseTo(2 / 1024, 12);
    expect(c.conclusion).toMatchObject({ direction: 'increase', evidence: 'demonstrated', basis: 'paired', observed: 'increase' });
    expect(c.crossSectional?.overlapping).toBe(true);
  });

  it('does not test, and never calls it an increase, when p cannot reach alpha', () => {
    const a = analyzeStudy(
      makeInput({
        rounds: ['pre', 'post'],
        items: [likert('know', ['pre', 'post'])],
        participants: cohort(4),
        responses: pairs('know', [1, 2, 2, 1], [3, 4, 4, 3]),
      }),
    );
    const c = change(item(a, 'know'), 'pre', 'post');
    expect(c.paired?.test?.p).toBeNull();
    expect(c.paired?.test?.minAchievableP).toBe(0.125);
    expect(c.paired?.test?.notes).toContain('too-few-observations');
    expect(c.conclusion).toMatchObject({ direction: 'none', evidence: 'not-tested', observed: 'increase' });
  });

  it('reports "no demonstrable change" when the interval includes zero', () => {
    const before = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
    const after = [1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1];
    const a = analyzeStudy(
      makeInput({
        rounds: ['pre', 'post'],
        items: [yesno('help', ['pre', 'post'])],
        participants: cohort(12),
        responses: pairs('help', before, after),
      }),
    );
    const c = change(item(a, 'help'), 'pre', 'post');
    expect(c.paired).toMatchObject({ n: 12, improved: 4, worse: 2 });
    expect(c.paired?.effect?.measure).toBe('difference-in-proportions');
    expect(c.paired?.effect?.ci?.[0]).toBeLessThan(0);
    expect(c.conclusion.direction).toBe('none');
    expect(c.conclusion.evidence).not.toBe('demonstrated');
  });

  it('adjusts the primary family with Holm and other screens with Benjamini–Hochberg', () => {
    const before = [2, 2, 3, 2, 3, 2, 1, 2, 3, 2];
    const after = before.map((b, i) => b + (i % 3 === 0 ? 0 : 1));
    const responses = before.flatMap((b, p) => [
      { p, round: 'pre', answers: { k1: b, k2: b, 'collab.p1.frequency': b } },
      { p, round: 'post', answers: { k1: after[p], k2: b + 1, 'collab.p1.frequency': after[p] } },
    ]);
    const a = analyzeStudy(
      makeInput({
        rounds: ['pre', 'post'],
        items: [likert('k1', ['pre', 'post']), likert('k2', ['pre', 'post']), partnerGrid('collab', ['pre', 'post'])],
        partners: ['A'],
        participants: cohort(10),
        responses,
      }),
    );
    const primary = a.families.find((f) => f.id === 'primary')!;
    expect(primary).toMatchObject({ method: 'holm', size: 2 });
    const [p1, p2] = [change(item(a, 'k1'), 'pre', 'post').paired!.test!, change(item(a, 'k2'), 'pre', 'post').paired!.test!];
    expect(Math.min(p1.pAdjusted!, p2.pAdjusted!)).toBeCloseTo(2 * Math.min(p1.p!, p2.p!), 15);
    expect(a.families.find((f) => f.id === 'partners-frequency')?.method).toBe('BH');
    expect(a.families.find((f) => f.id === 'cross-sectional')?.method).toBe('BH');
  });

  it('runs Friedman across three rounds on complete cases', () => {
    const responses = Array.from({ length: 8 }, (_, p) => [
      { p, round: 'pre', answers: { know: 2 } },
      { p, round: 'mid', answers: { know: 4 } },
      ...(p < 6 ? [{ p, round: 'post', answers: { know: 3 } }] : []),
    ]).flat();
    const a = analyzeStudy(makeInput({ items: [likert('know')], participants: cohort(8), responses }));
    const overall = item(a, 'know').overall!;
    expect(overall.n).toBe(6);
    expect(overall.test?.method).toMatch(/Friedman/);
    expect(overall.test?.exact).toBe(true);
    expect(a.trends[0]).toMatchObject({ variable: 'know', basis: 'mean', peak: ['mid'], shape: 'peak' });
  });
});

describe('chain partners', () => {
  it('ranks partners by the mean paired change and leaves those with too few pairs unranked', () => {
    const n = 8;
    const responses: TestResponse[] = [];
    for (let p = 0; p < n; p++) {
      const rated = p < 3; // partner C only by three participants
      responses.push({
        p,
        round: 'pre',
        answers: { 'collab.p1.frequency': 2, 'collab.p2.frequency': 2, ...(rated ? { 'collab.p3.frequency': 1 } : {}) },
      });
      responses.push({
        p,
        round: 'post',
        answers: { 'collab.p1.frequency': 3, 'collab.p2.frequency': p % 2 ? 5 : 4, ...(rated ? { 'collab.p3.frequency': 5 } : {}) },
      });
    }
    const a = analyzeStudy(
      makeInput({
        rounds: ['pre', 'post'],
        items: [partnerGrid('collab', ['pre', 'post'])],
        partners: ['A', 'B', 'C', 'D'],
        participants: cohort(n),
        responses,
      }),
    );
    expect(a.partnerRanking).toMatchObject({ from: 'pre', to: 'post', metric: 'mean-paired-change', minPairs: 5, order: [1, 0] });
    expect(a.partners[1].increase).toMatchObject({ rank: 1, nPairs: 8, meanChange: 2.5 });
    expect(a.partners[2].increase).toMatchObject({ rank: null, nPairs: 3, reason: 'too-few-pairs' });
    expect(a.partners[3].increase).toMatchObject({ rank: null, nPairs: 0 });
    expect(round(a.partners[3].frequency!, 'pre')).toMatchObject({ n: 0, reason: 'no-answers' });
    const finding = a.findings.find((f) => f.kind === 'partner-ranking')!;
    expect((finding.numbers.top as { name: string }[]).map((t) => t.name)).toEqual(['B', 'A']);
    noNaN(a);
  });
});

describe('filters', () => {
  const participants = [
    { organisation: 'GGD', role: 'arts' },
    { organisation: 'GGD', role: 'verpleegkundige' },
    { organisation: 'Opvang', role: 'vib' },
    { organisation: 'Opvang', role: 'vib' },
  ];
  const responses: TestResponse[] = [
    { p: 0, round: 'pre', answers: { know: 2 } },
    { p: 0, round: 'post', answers: { know: 4 } },
    { p: 1, round: 'pre', answers: { know: 3 } },
    { p: 2, round: 'pre', answers: { know: 1 } },
    { p: 2, round: 'post', answers: { know: 2 } },
    { p: 3, round: 'post', answers: { know: 5 } },
  ];
  const input = makeInput({ rounds: ['pre', 'post'], items: [likert('know', ['pre', 'post'])], participants, responses });

  it('narrows the analysis to an organisation or a role', () => {
    const a = analyzeStudy(input, { organisations: ['GGD'] });
    expect(a.selection).toMatchObject({ units: 2, organisations: ['GGD'], subgroup: true });
    expect(a.rounds.map((r) => r.invited)).toEqual([2, 2]);
    expect(round(item(a, 'know'), 'pre').n).toBe(2);
    expect(analyzeStudy(input, { roles: ['vib'] }).selection.units).toBe(2);
  });

  it('keeps only the matched panel when asked', () => {
    const a = analyzeStudy(input, { matched: true });
    expect(a.selection.units).toBe(2);
    expect(a.rounds.map((r) => r.submitted)).toEqual([2, 2]);
  });

  it('analyses only the chosen rounds', () => {
    const a = analyzeStudy(input, { rounds: ['post'] });
    expect(a.rounds.map((r) => r.key)).toEqual(['post']);
    expect(item(a, 'know').changes).toEqual([]);
    expect(a.selection.primary).toBeNull();
  });
});

describe('a round nobody has answered yet', () => {
  // Three rounds, the third not yet held: the change that did happen (pre → mid) is the primary
  // contrast, not a comparison with an empty round that can never be tested.
  const before = [2, 2, 3, 2, 3, 2, 1, 2, 3, 2];
  const input = makeInput({
    rounds: ['pre', 'mid', 'post'],
    items: [likert('know', ['pre', 'mid', 'post'])],
    participants: cohort(10),
    responses: pairs(
      'know',
      before,
      before.map((b) => b + 2),
    ).map((r) => (r.round === 'post' ? { ...r, round: 'mid' } : r)),
  });

  it('is left out of the primary contrast, but keeps its place in the rounds', () => {
    const a = analyzeStudy(input);
    expect(a.rounds.map((r) => [r.key, r.submitted])).toEqual([
      ['pre', 10],
      ['mid', 10],
      ['post', 0],
    ]);
    expect(a.selection.primary).toEqual({ from: 'pre', to: 'mid' });
    const primary = item(a, 'know').changes.filter((c) => c.primary);
    expect(primary.map((c) => [c.from, c.to])).toEqual([['pre', 'mid']]);
    expect(primary[0].conclusion).toMatchObject({ direction: 'increase', evidence: 'demonstrated' });
    expect(a.families.find((f) => f.id === 'primary')).toMatchObject({ method: 'holm', size: 1 });
  });

  it('is still compared when chosen on purpose with one that was answered: not tested, never primary', () => {
    const a = analyzeStudy(input, { rounds: ['pre', 'post'] });
    expect(a.selection.primary).toBeNull();
    expect(item(a, 'know').changes.every((c) => !c.primary && c.conclusion.evidence === 'not-tested')).toBe(true);
  });
});

describe('suppression for the aggregate audience', () => {
  const n = 12;
  const responses: TestResponse[] = [];
  for (let p = 0; p < n; p++) {
    responses.push({ p, round: 'pre', answers: { know: 1 + (p % 5), help: p % 2 } });
    if (p < 6) responses.push({ p, round: 'post', answers: { know: p < 2 ? 1 : 4, help: 1 } });
  }
  const input = makeInput({
    rounds: ['pre', 'post'],
    items: [likert('know', ['pre', 'post']), yesno('help', ['pre', 'post'])],
    participants: cohort(n, { organisation: 'GGD', role: 'arts' }),
    responses,
  });

  it('shows researchers every number, with flags', () => {
    const a = analyzeStudy(input);
    expect(a.attrition).not.toBeNull();
    expect(a.response.byRole).not.toBeNull();
    const post = round(item(a, 'know'), 'post');
    expect(post.flags).toContain('no-percentage');
    expect(post.topBox?.estimate).toBeCloseTo(4 / 6, 15);
  });

  it('keeps counts but drops percentages below the threshold, and subgroup and attrition detail', () => {
    const a = analyzeStudy(input, { audience: 'aggregate' });
    expect(a.audience).toBe('aggregate');
    expect(a.attrition).toBeNull();
    expect(a.response.byOrganisation).toBeNull();
    expect(a.response.byRole).toBeNull();
    expect(a.findings.some((f) => f.kind === 'attrition')).toBe(false);
    const post = round(item(a, 'know'), 'post');
    expect(post.flags).toContain('suppressed');
    expect(post.topBox).toMatchObject({ x: 4, n: 6, estimate: null, ci: null });
    expect(post.mean?.estimate).toBeNull();
    expect(post.distribution?.every((c) => c.share === null)).toBe(true);
    expect(round(item(a, 'know'), 'pre').topBox?.estimate).toBeCloseTo(4 / 12, 15);
    noNaN(a);
  });

  it('hides small cells of a subgroup, with secondary suppression', () => {
    const a = analyzeStudy(input, { audience: 'aggregate', organisations: ['GGD'] });
    const pre = round(item(a, 'know'), 'pre');
    // 12 answers 1..5: counts 3, 3, 2, 2, 2 — all small (1–4) and hidden.
    expect(pre.distribution?.map((c) => c.count)).toEqual([null, null, null, null, null]);
    const help = round(item(a, 'help'), 'pre');
    expect(help.distribution?.map((c) => c.count)).toEqual([6, 6]);
  });

  it('never analyses a subgroup round with fewer than minSubgroup respondents', () => {
    const a = analyzeStudy(input, { audience: 'aggregate', matched: true, rounds: ['pre', 'post'] });
    expect(a.rounds.map((r) => r.key)).toEqual(['pre', 'post']); // the panel has 6
    const small = analyzeStudy(
      makeInput({
        rounds: ['pre', 'post'],
        items: [likert('know', ['pre', 'post'])],
        participants: cohort(6),
        responses: pairs('know', [1, 2, 3], [2, 3, 4]),
      }),
      { audience: 'aggregate', matched: true },
    );
    expect(small.rounds).toEqual([]);
    expect(small.caveats.find((c) => c.code === 'subgroup-too-small')?.subject.rounds).toEqual(['pre', 'post']);
    noNaN(small);
  });
});

describe('bad input', () => {
  const items = [
    likert('know'),
    yesno('help'),
    partnerGrid(),
    toolGrid(),
    {
      id: 'why',
      type: 'text',
      measure: 'open',
      required: false,
      rounds: ['pre', 'mid', 'post'],
      maxLength: 100,
      multiline: false,
      text: { nl: 'w', en: 'w' },
    } as Item,
  ];

  it('handles a study without any response', () => {
    const a = analyzeStudy(makeInput({ items, partners: ['A'], tools: ['T'], participants: cohort(5), responses: [] }));
    expect(a.rounds.map((r) => r.responseRate)).toEqual([0, 0, 0]);
    // No round with a response: no primary contrast, so nothing to rank the partners by.
    expect(a.selection.primary).toBeNull();
    expect(a.partnerRanking).toBeNull();
    noNaN(a);
  });

  it('handles a study without participants or rounds', () => {
    noNaN(analyzeStudy(makeInput({ items, partners: ['A'], tools: ['T'], participants: [], responses: [] })));
    noNaN(analyzeStudy(makeInput({ rounds: [], items: [], participants: cohort(2), responses: [] })));
  });

  it('handles every answer identical, a single respondent and a partner no one rated', () => {
    const same = Array.from({ length: 6 }, (_, p) =>
      ['pre', 'mid', 'post'].map((r) => ({ p, round: r, answers: { know: 3, help: 1, 'collab.p1.frequency': 3, why: { text: 'ok' } } })),
    ).flat();
    const a = analyzeStudy(makeInput({ items, partners: ['A', 'B'], tools: ['T'], participants: cohort(6), responses: same }));
    const k = item(a, 'know');
    expect(round(k, 'pre').mean).toMatchObject({ estimate: 3, sd: 0, ci: null });
    expect(change(k, 'pre', 'post').paired).toMatchObject({ n: 6, same: 6 });
    expect(change(k, 'pre', 'post').conclusion.evidence).toBe('not-tested');
    expect(round(item(a, 'why'), 'post')).toMatchObject({ n: 6, distribution: null, mean: null });
    noNaN(a);
    const one = analyzeStudy(
      makeInput({
        items,
        partners: ['A'],
        tools: ['T'],
        participants: cohort(1),
        responses: [
          { p: 0, round: 'pre', answers: { know: 4 } },
          { p: 0, round: 'post', answers: { know: 5 } },
        ],
      }),
    );
    expect(round(item(one, 'know'), 'pre').mean).toMatchObject({ estimate: 4, sd: null, ci: null });
    noNaN(one);
  });

  it('handles a questionnaire version change between rounds', () => {
    const older: Item[] = [{ ...likert('know'), rounds: ['pre'] } as Item, yesno('gone')];
    const responses: TestResponse[] = [
      { p: 0, round: 'pre', version: 0, answers: { know: 2, gone: 1 } },
      { p: 1, round: 'pre', version: 0, answers: { know: 3 } },
      { p: 0, round: 'post', version: 1, answers: { know: 4, help: 1 } },
    ];
    const a = analyzeStudy(
      makeInput({ items: [likert('know'), yesno('help')], olderVersions: [older], participants: cohort(2), responses }),
    );
    expect(round(item(a, 'gone'), 'pre').n).toBe(1);
    expect(round(item(a, 'help'), 'pre')).toMatchObject({ n: 0, notAsked: 2, asked: false });
    expect(item(a, 'know').flags).toContain('definition-changed');
    expect(a.caveats.find((c) => c.code === 'questionnaire-changed')?.numbers.versions).toBe(2);
    noNaN(a);
  });
});

describe('trend shapes', () => {
  it('names rising, falling, peak, dip, flat and mixed sequences', () => {
    expect(shapeOf([1, 2, 3])).toBe('rising');
    expect(shapeOf([3, 3, 1])).toBe('falling');
    expect(shapeOf([1, 3, 2])).toBe('peak');
    expect(shapeOf([3, 1, 2])).toBe('dip');
    expect(shapeOf([2, 2, 2])).toBe('flat');
    expect(shapeOf([1, 3, 2, 4])).toBe('mixed');
    expect(shapeOf([2])).toBe('insufficient');
  });
});
