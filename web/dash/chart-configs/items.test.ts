import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../../analysis/study/analyze.js';
import type { ItemAnalysis } from '../../../analysis/study/result.js';
import { cohort, makeInput } from '../../../analysis/study/testing.js';
import type { Item } from '../../../model/index.js';
import { fmt } from '../format.js';
import { meanByRoundSpec, multiChoiceRounds, optionSharesSpec, singleChoiceRounds } from './items.js';

const f = fmt('nl');
const options = [1, 2, 3].map((code) => ({ code, label: { nl: `Antwoord ${code}` } }));
const items = [
  { id: 's', type: 'single', measure: 'satisfaction', required: false, rounds: ['a', 'b'], options, text: { nl: 'Eén' } },
  { id: 'm', type: 'multi', measure: 'satisfaction', required: false, rounds: ['a', 'b'], options, text: { nl: 'Meer' } },
  { id: 'r', type: 'rating', measure: 'satisfaction', required: false, rounds: ['a', 'b'], min: 1, max: 10, text: { nl: 'Cijfer' } },
] as Item[];
// Twelve answer in round a, four in round b (below the threshold of 10 for a percentage).
const a = analyzeStudy(
  makeInput({
    rounds: ['a', 'b'],
    items,
    participants: cohort(12),
    responses: [
      ...Array.from({ length: 12 }, (_, p) => ({
        p,
        round: 'a',
        answers: { s: 1 + (p % 3), 'm.o1': 1, 'm.o2': p % 2, 'm.o3': 0, r: 5 + (p % 4) },
      })),
      ...Array.from({ length: 4 }, (_, p) => ({ p, round: 'b', answers: { s: 1, 'm.o1': 0, 'm.o2': 1, 'm.o3': 1, r: 8 } })),
    ],
  }),
);
const v = (id: string) => a.items.find((x) => x.id === id) as ItemAnalysis;

describe('chart specs for every item type', () => {
  it('draws a single choice per option with Wilson intervals, and "x van n" without interval below the threshold', () => {
    const spec = optionSharesSpec(a, ['A1', 'A2', 'A3'], singleChoiceRounds(v('s')), f, 'Aandeel');
    expect(spec.series.map((s) => s.label)).toEqual(['a (n = 12)', 'b (n = 4)']);
    expect(spec.display).toEqual([
      ['33% (4)', '33% (4)', '33% (4)'],
      ['4 van 4', '0 van 4', '0 van 4'],
    ]);
    expect(spec.series[0].ci![0]).toEqual(v('s').rounds[0].distribution![0].ci);
    expect(spec.series[1].ci).toEqual([null, null, null]);
    expect(spec.series[1].notes).toEqual(['no-percentage', 'no-percentage', 'no-percentage']);
  });

  it('draws a multiple choice as the share choosing each option', () => {
    const rounds = multiChoiceRounds(['m.o1', 'm.o2', 'm.o3'].map(v));
    expect(rounds[0].cells.map((c) => [c.x, c.n])).toEqual([
      [12, 12],
      [6, 12],
      [0, 12],
    ]);
    const spec = optionSharesSpec(a, ['O1', 'O2', 'O3'], rounds, f, 'Gekozen');
    expect(spec.display[0]).toEqual(['100% (12)', '50% (6)', '0% (0)']);
    expect(spec.summary).toContain('a (n = 12): O1 100% (12); O2 50% (6); O3 0% (0)');
  });

  it('draws the mean of a rating per round on the scale’s range with its t-interval', () => {
    const spec = meanByRoundSpec(a, v('r'), f, 'Gemiddelde', { range: [1, 10] });
    expect([spec.min, spec.max, spec.percent]).toEqual([1, 10, false]);
    expect(spec.series[0].values).toEqual([6.5, 8]);
    expect(spec.series[0].ci![0]).toEqual(v('r').rounds[0].mean!.ci);
    expect(spec.display[0]).toEqual(['6,5', '8,0']);
  });
});
