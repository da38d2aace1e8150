import { describe, expect, it } from 'vitest';
import { planPages, type BlockBox } from './factsheet-pages.js';

/** Blocks stacked from y = 0 with the given heights and gaps (the collapsed margins between them). */
function stack(specs: { h: number; gap?: number; keep?: boolean }[]): BlockBox[] {
  let y = 0;
  return specs.map((s) => {
    y += s.gap ?? 0;
    const box = { top: y, bottom: y + s.h, keepWithPrevious: s.keep ?? false };
    y += s.h;
    return box;
  });
}

/**
 * The preview's page breaks (web/app/views/factsheet-pages.ts), the rule print CSS follows
 * when every block avoids breaking inside: break before the first block that no longer fits,
 * moved back before a heading that must stay with it.
 */
describe('planPages', () => {
  it('keeps blocks on one page while they fit, to the pixel', () => {
    expect(planPages(stack([{ h: 400 }, { h: 300, gap: 10 }, { h: 290 }]), 1000)).toEqual([0, 0, 0]);
    expect(planPages(stack([{ h: 400 }, { h: 300, gap: 10 }, { h: 291 }]), 1000)).toEqual([0, 0, 1]);
  });

  it('starts a page at the top of the block that moved: the margin before it does not count', () => {
    // Second page starts at block 2 (top 620); block 3 ends at 620 + 380 + 20 + 600 = 1620: fits on page 2.
    const blocks = stack([{ h: 600 }, { h: 380, gap: 20 }, { h: 600, gap: 20 }, { h: 380, gap: 300 }]);
    expect(planPages(blocks, 1000)).toEqual([0, 0, 1, 2]);
  });

  it('takes a heading along to the next page with the block it introduces', () => {
    const blocks = stack([{ h: 900 }, { h: 30, gap: 10 }, { h: 200, gap: 5, keep: true }, { h: 100 }]);
    expect(planPages(blocks, 1000)).toEqual([0, 1, 1, 1]);
  });

  it('breaks anyway when nothing on the page may be broken before', () => {
    const blocks = stack([{ h: 30 }, { h: 600, keep: true }, { h: 600, keep: true }]);
    expect(planPages(blocks, 1000)).toEqual([0, 0, 1]);
  });

  it('gives a block taller than a page a page of its own', () => {
    expect(planPages(stack([{ h: 100 }, { h: 1500 }, { h: 100 }]), 1000)).toEqual([0, 1, 2]);
    expect(planPages([], 1000)).toEqual([]);
  });
});
