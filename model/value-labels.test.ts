import { describe, expect, it } from 'vitest';
import { checkValueLabel, defaultValueLabel, valueLabel } from './value-labels.js';

describe('labels of coded values', () => {
  it('know the demo roles and make a readable default of any other code', () => {
    expect(defaultValueLabel('ggd-arts')).toEqual({ nl: 'GGD-arts', en: 'GGD physician' });
    expect(defaultValueLabel('jgz-verpleegkundige').nl).toBe('JGZ-verpleegkundige');
    expect(defaultValueLabel('wijk-team_lid')).toEqual({ nl: 'Wijk team lid', en: 'Wijk team lid' });
    expect(defaultValueLabel('GGD Limburg-Noord', 'organisations').nl).toBe('GGD Limburg-Noord');
  });

  it('prefer the study’s own label, per language', () => {
    const labels = { roles: { 'ggd-arts': { nl: 'Jeugdarts', en: 'Youth physician' }, x: { nl: 'Iks' } } };
    expect(valueLabel('ggd-arts', 'nl', labels)).toBe('Jeugdarts');
    expect(valueLabel('ggd-arts', 'en', labels)).toBe('Youth physician');
    expect(valueLabel('x', 'en', labels)).toBe('X');
    expect(valueLabel('jgz-verpleegkundige', 'en', labels)).toBe('youth health care nurse');
  });

  it('give a code named like an object property (a role "__proto__" or "constructor") a label of its own', () => {
    for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(typeof valueLabel(code, 'nl'), code).toBe('string');
      expect(valueLabel(code, 'en', { roles: { other: { nl: 'x', en: 'x' } } }), code).toBe(defaultValueLabel(code).en);
      expect(defaultValueLabel(code).nl.length, code).toBeGreaterThan(0);
    }
    expect(defaultValueLabel('__proto__')).toEqual({ nl: 'Proto', en: 'Proto' });
    expect(valueLabel('constructor', 'nl', { roles: { constructor: { nl: 'Bouwer', en: 'Builder' } } })).toBe('Bouwer');
  });

  it('refuse markup and labels over 200 characters with a message in both languages', () => {
    expect(checkValueLabel('GGD-arts')).toBeNull();
    expect(checkValueLabel('<b>arts</b>')?.nl).toMatch(/platte tekst/);
    expect(checkValueLabel('a'.repeat(201))?.en).toMatch(/at most 200 characters long \(this one has 201\)/);
  });
});
