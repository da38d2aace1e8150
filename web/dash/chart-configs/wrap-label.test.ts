import { describe, expect, it } from 'vitest';
import { wrapLabel } from './wrap-label.js';

describe('wrapLabel', () => {
  it('breaks a statement between words into lines no longer than the width, keeping every word', () => {
    const text = 'Ik heb voldoende kennis van mogelijke problemen bij jonge kinderen';
    const lines = wrapLabel(text, 16);
    expect(lines).toEqual(['Ik heb voldoende', 'kennis van', 'mogelijke', 'problemen bij', 'jonge kinderen']);
    expect(lines.join(' ')).toBe(text);
  });

  it('splits a word longer than a line and leaves a short name on one line', () => {
    expect(wrapLabel('Jeugdgezondheidszorgverpleegkundige JGZ', 12)).toEqual(['Jeugdgezondh', 'eidszorgverp', 'leegkundige', 'JGZ']);
    expect(wrapLabel('  POH GGZ  Jeugd ', 16)).toEqual(['POH GGZ Jeugd']);
    expect(wrapLabel('', 16)).toEqual(['']);
  });
});
