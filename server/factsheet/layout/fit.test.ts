import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../document.js';
import { demoComposition } from '../demo-composition.js';
import { renderFactsheetHtml } from '../html/render.js';
import { MIN_SCALE, NO_FIT, floorScale, nextFit, type MeasuredBlock } from './fit.js';

describe('fitting charts to the pages', () => {
  const block = (top: number, bottom: number, more: Partial<MeasuredBlock> = {}): MeasuredBlock => ({
    top,
    bottom,
    keepWithPrevious: false,
    ...more,
  });

  it('shrinks the chart that left more than a quarter of a page empty, just enough for it to fit', () => {
    // Page height 1000: text to 650, a heading kept with a 380 px chart that does not fit after it.
    const blocks = [
      block(0, 650),
      block(660, 680),
      block(682, 1062, { keepWithPrevious: true, chart: 'chart-x', drawing: 360 }),
      block(1070, 1400),
    ];
    const fit = nextFit(blocks, 1000, NO_FIT)!.scale;
    expect(fit['chart-x']).toBeGreaterThanOrEqual(MIN_SCALE);
    expect(fit['chart-x']).toBeLessThan(1);
    // 62 px too tall (plus 6 px slack) come off its drawing of 360 px.
    expect(360 * (1 - fit['chart-x'])).toBeGreaterThanOrEqual(68);
  });

  it('also draws the charts already on the page smaller when the moved chart alone cannot give enough', () => {
    const blocks = [
      block(0, 300, { chart: 'chart-a', drawing: 280 }),
      block(310, 600),
      block(610, 630),
      block(632, 1132, { keepWithPrevious: true, chart: 'chart-b', drawing: 480 }),
    ];
    const fit = nextFit(blocks, 1000, NO_FIT)!.scale;
    expect(fit['chart-b']).toBeCloseTo(MIN_SCALE, 2);
    expect(fit['chart-a']).toBeGreaterThanOrEqual(MIN_SCALE);
    expect(fit['chart-a']).toBeLessThan(1);
    // Together they give the 138 px the moved chart lacked (500 − 362 of room, with the slack).
    expect(480 * (1 - fit['chart-b']) + 280 * (1 - fit['chart-a'])).toBeGreaterThanOrEqual(138);
  });

  it('leaves a chart alone when it would have to shrink below the readable minimum', () => {
    const blocks = [block(0, 600), block(610, 630), block(632, 1232, { keepWithPrevious: true, chart: 'chart-x', drawing: 560 })];
    expect(nextFit(blocks, 1000, NO_FIT)).toBeNull();
  });

  it('draws a chart no smaller than keeps its smallest text at 7 pt as printed', () => {
    // The first test's page, but the chart's smallest text is laid out at 10 px (7.5 pt): it may
    // shrink only to 9⅓ px (7 pt), a scale of 0.933, which gives 24 px, not the 68 px the gap asks.
    const chart = { keepWithPrevious: true, chart: 'chart-x', drawing: 360, text: 10 };
    const page = (bottom: number) => [block(0, 650), block(660, 680), block(682, bottom, chart), block(bottom + 8, 1400)];
    expect(nextFit(page(1062), 1000, NO_FIT)).toBeNull();
    // 20 px too tall: within what its text allows.
    const fit = nextFit(page(1014), 1000, NO_FIT)!.scale;
    expect(fit['chart-x']).toBeLessThan(1);
    expect(fit['chart-x'] * 10 * 0.75).toBeGreaterThanOrEqual(7);
    // Measured again at that scale, its floor stays where it was: 7 pt.
    const measured = { ...page(1014)[2], text: 10 * fit['chart-x'] };
    expect(floorScale(measured, { scale: fit, early: [] })).toBeCloseTo(7 / 7.5, 3);
  });

  it('moves a chart up to follow its lead when the text between them is what keeps the group from fitting', () => {
    // Page 1: text to 640; then a kept group (heading, lead, 230 px of text, chart) of 560 px.
    const blocks = [block(0, 640), block(650, 1210, { chart: 'chart-t', drawing: 280, movable: 230 }), block(1220, 1400)];
    const fit = nextFit(blocks, 1000, NO_FIT)!;
    expect(fit.early).toEqual(['chart-t']);
    // Without the text the group is 330 px and fits the 344 px left (less its spacing and slack): the chart keeps its size.
    expect(fit.scale).toEqual({});
  });

  it('keeps the order and draws the chart smaller when that alone closes the gap', () => {
    // The group of 420 px misses the 344 px of room by 76 px; its 400 px drawing can give 88.
    const blocks = [block(0, 640), block(650, 1070, { chart: 'chart-t', drawing: 400, movable: 150 }), block(1080, 1300)];
    const fit = nextFit(blocks, 1000, NO_FIT)!;
    expect(fit.early).toEqual([]);
    expect(fit.scale['chart-t']).toBeGreaterThanOrEqual(MIN_SCALE);
    expect(400 * (1 - fit.scale['chart-t'])).toBeGreaterThan(75.99);
  });

  it('moves the chart up and draws it smaller when moving alone is not enough', () => {
    const blocks = [block(0, 700), block(710, 1250, { chart: 'chart-t', drawing: 300, movable: 200 }), block(1260, 1400)];
    const fit = nextFit(blocks, 1000, NO_FIT)!;
    expect(fit.early).toEqual(['chart-t']);
    // 540 − 200 = 340 px against 284 px of room: 56 px come off the drawing.
    expect(fit.scale['chart-t']).toBeGreaterThanOrEqual(MIN_SCALE);
    expect(300 * (1 - fit.scale['chart-t'])).toBeGreaterThanOrEqual(56);
  });

  it('does not move a chart that already follows its lead, and leaves the order alone when nothing helps', () => {
    const blocks = [block(0, 600), block(610, 1200, { chart: 'chart-t', drawing: 300, movable: 50 })];
    expect(nextFit(blocks, 1000, NO_FIT)).toBeNull();
    const early = [block(0, 640), block(650, 1000, { chart: 'chart-t', drawing: 280 }), block(1010, 1300)];
    expect(nextFit(early, 1000, { scale: {}, early: ['chart-t'] })).toBeNull();
  });

  it('moves the chart of a kept group taller than a page up first, so print does not split the group', () => {
    const blocks = [block(0, 1150, { chart: 'chart-t', drawing: 300, movable: 400 }), block(1160, 1300)];
    expect(nextFit(blocks, 1000, NO_FIT)).toEqual({ scale: {}, early: ['chart-t'] });
  });
});

describe('the kept group in the HTML', () => {
  /** A section's kept group (`.keep`) and what follows it, as HTML. */
  const kept = (html: string, key: string) => {
    const section = html.slice(html.indexOf(`<section class="s-${key}"`), html.indexOf('</section>', html.indexOf(`s-${key}"`)));
    const start = section.indexOf('<div class="keep">');
    const end = section.indexOf('</div>\n', section.indexOf('</figure>'));
    expect(start).toBeGreaterThan(0);
    return { keep: section.slice(start, end), after: section.slice(end) };
  };
  const data = () => JSON.parse(fs.readFileSync(new URL('../../../analysis/findings/fixtures/demo-data.json', import.meta.url), 'utf8'));
  const doc = () =>
    buildDocument({ data: data(), composition: demoComposition('nl'), quotes: [], lang: 'nl', at: '2026-12-05T12:00:00.000Z' });

  it('keeps the heading, lead, text and chart of a section in one block, the chart’s note included', () => {
    const { keep, after } = kept(renderFactsheetHtml(doc()), 'partners');
    expect(keep).toMatch(/^<div class="keep"><h2 /);
    expect(keep.indexOf('class="lead"')).toBeLessThan(keep.indexOf('class="body"'));
    expect(keep.indexOf('class="body"')).toBeLessThan(keep.indexOf('id="chart-partners"'));
    expect(keep.indexOf('id="chart-partners"')).toBeLessThan(keep.indexOf('class="note"'));
    expect(after).not.toMatch(/class="(body|note|lead)"/);
  });

  it('puts a chart moved up right after the lead, with its note, and the running text after them, outside the group', () => {
    const { keep, after } = kept(renderFactsheetHtml(doc(), { fit: { scale: {}, early: ['chart-partners'] } }), 'partners');
    expect(keep).toMatch(/^<div class="keep"><h2 [\s\S]*<\/h2>\n<p class="lead">[\s\S]*<\/p>\n<figure class="" id="chart-partners">/);
    expect(keep).toContain('class="note"');
    expect(keep).not.toContain('class="body"');
    expect(after).toContain('class="body"');
  });
});
