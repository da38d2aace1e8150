import { describe, expect, it } from 'vitest';
import { optionSub, parseSub, partnerSub, toolSub, type SubRef } from './answer-sub.js';

describe('answer sub-addresses', () => {
  it.each<[string, string, SubRef]>([
    ['a partner grid cell', partnerSub(12, 'frequency'), { kind: 'partner', partnerId: 12, facet: 'frequency' }],
    ['a partner grid quality cell', partnerSub(3, 'quality'), { kind: 'partner', partnerId: 3, facet: 'quality' }],
    ['a tool grid row', toolSub(7), { kind: 'tool', toolId: 7 }],
    ['an option of a multiple-choice item', optionSub(200), { kind: 'option', code: 200 }],
  ])('builds and reads back %s', (_what, sub, ref) => {
    expect(parseSub(sub)).toEqual(ref);
  });

  it('writes the addresses stored in the answer table', () => {
    expect([partnerSub(12, 'frequency'), partnerSub(3, 'quality'), toolSub(7), optionSub(200)]).toEqual([
      'p12.frequency',
      'p3.quality',
      't7',
      'o200',
    ]);
  });

  it.each([
    ['', { kind: 'plain' }],
    ['p1.speed', null],
    ['p.frequency', null],
    ['p1234567890.frequency', null],
    ['t', null],
    ['t1.quality', null],
    ['o12345', null],
    ['x1', null],
    [' o1', null],
  ])('reads %j as %j', (sub, ref) => {
    expect(parseSub(sub)).toEqual(ref);
  });
});
