import { describe, expect, it } from 'vitest';
import { RoundLines } from './round.js';

describe('RoundLines', () => {
  it("finds a participant's line in each round, the later of two, out of participant order and past growing", () => {
    const lines = new RoundLines();
    const ids = Array.from({ length: 3000 }, (_, i) => (i * 1237) % 3001); // every id once, shuffled
    let at = 0;
    for (const id of ids) {
      lines.add(1, id === 5 ? null : id, at, at + 10 + (id % 7));
      at += 10 + (id % 7);
    }
    lines.add(1, 42, at, at + 3); // a second submitted response of participant 42
    lines.add(2, 42, 0, 8);
    const where = (id: number) => {
      let start = 0;
      for (const other of ids) {
        if (other === id) return [start, start + 10 + (id % 7)];
        start += 10 + (other % 7);
      }
      return undefined;
    };
    expect(lines.participant(1, 7)).toEqual(where(7));
    expect(lines.participant(1, 2999)).toEqual(where(2999));
    expect(lines.participant(1, 0)).toEqual(where(0));
    expect(lines.participant(1, 42)).toEqual([at, at + 3]);
    expect(lines.participant(1, 5)).toBeUndefined();
    expect(lines.participant(1, 3001)).toBeUndefined();
    expect(lines.participant(2, 42)).toEqual([0, 8]);
    expect(lines.participant(2, 7)).toBeUndefined();
    expect(lines.participant(3, 7)).toBeUndefined();
    expect(lines.anonymous(1)).toEqual([where(5)]);
    expect(lines.anonymous(3)).toEqual([]);
  });
});
