import { describe, expect, it } from 'vitest';
import { findNul } from './no-nul.js';

// findNul walks every text of a parsed body; arrays by index (the answers of a submission).
describe('findNul', () => {
  const answers = Array.from({ length: 42 }, (_, i) => ({ item: `lik_${i}`, sub: '', code: 3 }));
  it('finds a NUL in a string, a key or a text anywhere in objects and arrays, with its path', () => {
    expect(findNul({ submissionId: 'x', answers }, '/body')).toBeNull();
    expect(findNul('a\u0000', '/body')).toBe('/body');
    const inText = [...answers, { item: 'open', sub: '', text: 'a\u0000b' }];
    expect(findNul({ answers: inText }, '/body')).toBe('/body/answers/42/text');
    expect(findNul({ answers: [['ok', ['deep\u0000']]] }, '/body')).toBe('/body/answers/0/1/0');
    expect(findNul({ answers: [{ 'k\u0000': 1 }] }, '/body')).toBe('/body/answers/0/k\u0000');
    expect(findNul({ list: ['a', null, 3, 'b\u0000'] }, '/query')).toBe('/query/list/3');
    expect(findNul([null, 1, true, [], {}], '/body')).toBeNull();
  });
});
