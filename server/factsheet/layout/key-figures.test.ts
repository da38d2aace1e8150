import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FactsheetData } from '../../../analysis/findings/data.js';
import { pick } from '../../../model/index.js';
import { keyFigures } from './key-figures.js';

const demo = () =>
  JSON.parse(fs.readFileSync(new URL('../../../analysis/findings/fixtures/demo-data.json', import.meta.url), 'utf8')) as FactsheetData;
const label = (_id: string, text: { nl?: string; en?: string }) => pick(text, 'nl');

describe('the key figures of page 1', () => {
  it('mark the headline figure indicative on small numbers or low response (METHODS §3.6, §4.5)', () => {
    const tiles = keyFigures(demo(), 'nl', label, 'professionals');
    const headline = tiles[tiles.length - 1];
    expect(headline.value).toBe('82%');
    expect(headline.note).toBe('nameting, 9 van 11, indicatief');
    expect(keyFigures(demo(), 'en', (_id, t) => pick(t, 'en'), 'professionals').at(-1)!.note).toBe('post-training, 9 of 11, indicative');
  });

  it('say nothing where neither applies, and show a question without its full stop', () => {
    const data = demo();
    data.settings = { ...data.settings, smallNumbersBelow: 5, cautionResponseBelow: 0.3 };
    data.indicators[0] = { ...data.indicators[0], label: { nl: 'Ik kan rustig grenzen stellen aan mijn peuter.' } };
    const headline = keyFigures(data, 'nl', label, 'ouders').at(-1)!;
    expect(headline.note).toBe('nameting, 9 van 11');
    expect(headline.label).toBe('Ik kan rustig grenzen stellen aan mijn peuter');
  });
});
