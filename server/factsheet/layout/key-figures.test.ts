import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FactsheetData } from '../../../analysis/findings/data.js';
import { pick } from '../../../model/index.js';
import { keyFigures } from './key-figures.js';

const demo = () =>
  JSON.parse(fs.readFileSync(new URL('../../../analysis/findings/fixtures/demo-data.json', import.meta.url), 'utf8')) as FactsheetData;
const label = (_id: string, text: { nl?: string; en?: string }) => pick(text, 'nl');

describe('the key figures of page 1', () => {
  it('show a question as the headline’s label without its full stop', () => {
    const data = demo();
    data.indicators[0] = { ...data.indicators[0], label: { nl: 'Ik kan rustig grenzen stellen aan mijn peuter.' } };
    const headline = keyFigures(data, 'nl', label, 'ouders').at(-1)!;
    expect(headline.note).toBe('nameting, 9 van 11');
    expect(headline.value).toBe('82%');
    expect(headline.label).toBe('Ik kan rustig grenzen stellen aan mijn peuter');
  });
});
