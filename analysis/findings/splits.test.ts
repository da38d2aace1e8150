import { describe, expect, it } from 'vitest';
import type { CustomIndicator } from './data.js';
import { splitData, type SubgroupPart } from './splits.js';

const share: CustomIndicator = {
  id: 'begeleiden',
  label: { nl: 'Begeleiden' },
  value: 'share',
  percent: true,
  perRound: [
    { x: 3, n: 7, ci: [0.1, 0.7] },
    { x: 4, n: 7, ci: [0.2, 0.8] },
  ],
  means: [null, null],
  change: {
    from: 0,
    to: 1,
    difference: 0.1,
    ci: null,
    p: 0.5,
    pAdjusted: 0.5,
    alpha: 0.05,
    evidence: 'no-change',
    paired: true,
    n: 6,
    method: '',
  },
};
const part = (value: string, respondents: number[]): SubgroupPart => ({
  value,
  label: { nl: value },
  respondents,
  data: { custom: [share], questions: [] },
});

/** The subgroup rule of METHODS §6 as the factsheet applies it to a split (the dashboard's rule, analysis/study/split.ts). */
describe('splitData', () => {
  it('hides a subgroup’s round under the minimum, and then the next smallest, so the hidden one cannot be worked out', () => {
    const s = splitData(
      'domain',
      { nl: 'domein' },
      ['indicators'],
      [part('jeugd', [7, 7]), part('onderwijs', [7, 5]), part('zorg', [5, 6]), part('gezin', [3, 2])],
      5,
    );
    expect(s.groups.map((g) => [g.value, g.respondents, g.hidden])).toEqual([
      ['jeugd', [7, 7], [false, false]],
      ['onderwijs', [7, null], [false, true]],
      ['zorg', [null, 6], [true, false]],
      ['gezin', [null, null], [true, true]],
    ]);
    // A hidden round has no figure, and no change that involves it.
    const onderwijs = s.groups[1].custom[0];
    expect(onderwijs.perRound).toEqual([{ x: 3, n: 7, ci: [0.1, 0.7] }, null]);
    expect(onderwijs.change).toBeNull();
    expect(s.groups[0].custom[0].change).not.toBeNull();
  });

  it('hides nothing more when two or more subgroups are under the minimum already', () => {
    const s = splitData('domain', { nl: 'domein' }, ['indicators'], [part('a', [9]), part('b', [8]), part('c', [4]), part('d', [3])], 5);
    expect(s.groups.map((g) => g.hidden[0])).toEqual([false, false, true, true]);
  });
});
