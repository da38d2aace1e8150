import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutralise, numberCell, textCell, unneutralise } from './csv-cell.js';
import { textCellOneLine } from './exchange/csv.js';
import { FLAVOUR } from './exchange/formats.js';

// One test set for every CSV rondo writes: the data exports, the mail merge and the privacy
// exports all write their cells with csv-cell.ts.

// What a spreadsheet could run as a formula, as the quoted cell checks below see it.
const FORMULA_CELL = /^"\s*[=+\-@]|^"[\t\r\0]/;

describe('neutralise', () => {
  // OWASP "CSV injection": = + - @ TAB CR at the start; ASVS 5.0 1.2.10 adds NUL; white
  // space in front of = + - @ does not help.
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['=HYPERLINK("http://evil.example","klik")', `'=HYPERLINK("http://evil.example","klik")`],
    ['+31 6 1234', "'+31 6 1234"],
    ['-5', "'-5"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tTAB', "'\tTAB"],
    ['\t=1+1', "'\t=1+1"],
    ['\rCR', "'\rCR"],
    ['\r=1+1', "'\r=1+1"],
    ['\0NUL', "'\0NUL"],
    ['  =1+1', "'  =1+1"],
    ['\n-1', "'\n-1"],
    ["'=already", "''=already"],
    ["' =already", "'' =already"],
    ['gewoon tekst', 'gewoon tekst'],
    ['Anna de Vries', 'Anna de Vries'],
    ["'quoted", "'quoted"],
    ['a=b', 'a=b'],
    ['https://x.nl/r/abc', 'https://x.nl/r/abc'],
    ['  spaties', '  spaties'],
    ['', ''],
  ])('turns %j into %j', (input, output) => {
    expect(neutralise(input)).toBe(output);
  });

  it('is undone exactly by unneutralise, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => unneutralise(neutralise(s)) === s));
    fc.assert(
      fc.property(
        fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\0', ' =', ' -', "'", "''", "' "),
        fc.string(),
        (start, rest) => unneutralise(neutralise(start + rest)) === start + rest,
      ),
    );
  });

  it('never leaves a formula start in a text cell', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const cell = textCell(s);
        return cell === '' || !FORMULA_CELL.test(cell);
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\0', ' =', '\t-'),
        fc.string(),
        (start, rest) => !FORMULA_CELL.test(textCell(start + rest)),
      ),
    );
  });
});

describe('cells', () => {
  it.each([
    ['zei "ja", toch', '"zei ""ja"", toch"'],
    ['=HYPERLINK("http://evil.example","klik")', `"'=HYPERLINK(""http://evil.example"",""klik"")"`],
    ['  =1+1', `"'  =1+1"`],
    ['a\r\nb', '"a\r\nb"'],
    ['1', '"1"'],
    ['-3', `"'-3"`],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [-3, '-3'],
    [0, '0'],
    [255, '255'],
    [1234, '1234'],
    [2.5, '2.5'],
    [Number.NaN, ''],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
    if (typeof value !== 'number') expect(textCell(value)).toBe(cell);
  });

  it('write a number bare, never as a formula: -3 stays a number for SPSS and R', () => {
    expect(numberCell(-3)).toBe('-3');
    expect(numberCell(-99, FLAVOUR.nl)).toBe('-99');
  });

  it('keep line breaks, except in the one-line copy SPSS reads', () => {
    expect(textCellOneLine('a\r\nb\nc')).toBe('"a b c"');
    expect(textCellOneLine('=a\nb')).toBe(`"'=a b"`);
    expect(textCellOneLine(null)).toBe('');
  });

  it('make lines with commas between cells and CRLF at the end', () => {
    expect(csvLine(['a', 'b'])).toBe('"a","b"\r\n');
    expect(csvLine(['1', 'x"y', 7, null, '@x'])).toBe(`"1","x""y",7,,"'@x"\r\n`);
  });
});

describe('number cells', () => {
  it.each([
    [3.5, 'nl', '3,5'],
    [3.5, 'intl', '3.5'],
    [-99, 'nl', '-99'],
    [-0.25, 'nl', '-0,25'],
    [1e-7, 'intl', '0.0000001'],
    [null, 'nl', ''],
    [Number.POSITIVE_INFINITY, 'intl', ''],
  ] as const)('write %j in the %s flavour as %j', (value, flavour, cell) => {
    expect(numberCell(value, FLAVOUR[flavour])).toBe(cell);
  });
});
