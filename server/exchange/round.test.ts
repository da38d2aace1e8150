import { describe, expect, it } from 'vitest';
import { RoundLines } from './round.js';

describe('RoundLines', () => {
  it("finds a participant's line in each round, the later of two, out of participant order and past growing", () => {
    const lines = new RoundLines();
    const ids = Array.from({ length: 3000 }, (_, i) => (i * 1237) % 3001); // every id once, shuffled
    for (const id of ids) lines.add(1, id === 5 ? null : id);
    lines.add(1, 42); // a second submitted response of participant 42: line 3000
    lines.add(2, 42);
    const where = (id: number) => ids.indexOf(id);
    expect(lines.participant(1, 7)).toBe(where(7));
    expect(lines.participant(1, 2999)).toBe(where(2999));
    expect(lines.participant(1, 0)).toBe(where(0));
    expect(lines.participant(1, 42)).toBe(3000);
    expect(lines.participant(1, 5)).toBeUndefined();
    expect(lines.participant(1, 3001)).toBeUndefined();
    expect(lines.participant(2, 42)).toBe(0);
    expect(lines.participant(2, 7)).toBeUndefined();
    expect(lines.participant(3, 7)).toBeUndefined();
    expect(lines.anonymous(1)).toEqual([where(5)]);
    expect(lines.anonymous(3)).toEqual([]);
  });
});
