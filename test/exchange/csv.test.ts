import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise, numberCell, textCell, textCellOneLine, unneutralise } from '../../server/exchange/csv.js';
import { FLAVOUR } from '../../server/exchange/formats.js';

describe('neutralise', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+31 6 1234', "'+31 6 1234"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', "'\rCR"],
    ["'=already", "''=already"],
    ['gewoon tekst', 'gewoon tekst'],
    ["'quoted", "'quoted"],
    ['a=b', 'a=b'],
  ])('turns %j into %j', (input, output) => {
    expect(neutralise(input)).toBe(output);
  });

  it('is undone exactly by unneutralise, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => unneutralise(neutralise(s)) === s));
    fc.assert(fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", "''"), fc.string(), (start, rest) => unneutralise(neutralise(start + rest)) === start + rest));
  });

  it('never leaves a formula start in a text cell', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const cell = textCell(s);
        return cell === '' || !/^"[=+\-@\t\r]/.test(cell);
      }),
    );
  });
});

describe('text cells', () => {
  it('quote every text and double quotes inside it', () => {
    expect(textCell('zei "ja", toch')).toBe('"zei ""ja"", toch"');
    expect(textCell('')).toBe('');
    expect(textCell(null)).toBe('');
  });

  it('keep line breaks, except in the one-line copy SPSS reads', () => {
    expect(textCell('a\r\nb')).toBe('"a\r\nb"');
    expect(textCellOneLine('a\r\nb\nc')).toBe('"a b c"');
  });
});

describe('number cells', () => {
  it('use the flavour decimal separator', () => {
    expect(numberCell(3.5, FLAVOUR.nl)).toBe('3,5');
    expect(numberCell(3.5, FLAVOUR.intl)).toBe('3.5');
    expect(numberCell(-99, FLAVOUR.nl)).toBe('-99');
    expect(numberCell(null, FLAVOUR.nl)).toBe('');
  });
});
