import { describe, expect, it } from 'vitest';
import { LABEL_FONT, LABEL_FONT_SMALL, estimateWidth, labelLayout, overlaps, wrapWords } from './label-layout.js';

/** A 120-character statement of a network monitor, and long Dutch compounds. */
const STATEMENT =
  'Ik weet bij welke ketenpartner in de wijk ik terecht kan als ouders zich zorgen maken over de ontwikkeling van hun kind.';
const COMPOUND = 'Samenwerkingsafspraken';
const LONGEST = 'Kindermishandelingsprotocolsamenwerkingsafspraken';
const PHONE = 375;
const DESKTOP = 1280;

/** Every word of the names, each whole on one of the lines and in order. */
const wordsOf = (names: string[]) => names.flatMap((n) => n.split(/\s+/).filter(Boolean));
const widest = (lines: string[][], px: number) => Math.max(...lines.flat().map((l) => estimateWidth(l, px)));

describe('wrapWords', () => {
  it('breaks between words into lines no wider than the room, keeping every word whole', () => {
    const lines = wrapWords('Vast casusoverleg met alle ketenpartners in de wijk', 18 * 13 * 0.6, 13, estimateWidth);
    expect(lines).toEqual(['Vast casusoverleg', 'met alle', 'ketenpartners in', 'de wijk']);
  });

  it('gives a word wider than the room a line of its own instead of splitting it', () => {
    expect(wrapWords(`De ${LONGEST} werken`, 60, 13, estimateWidth)).toEqual(['De', LONGEST, 'werken']);
    expect(wrapWords('  POH GGZ  Jeugd ', 400, 13, estimateWidth)).toEqual(['POH GGZ Jeugd']);
    expect(wrapWords('', 100, 13, estimateWidth)).toEqual(['']);
  });
});

describe('labelLayout', () => {
  it('keeps a 120-character statement whole on a desktop, wrapped in a column beside the bars', () => {
    expect(STATEMENT).toHaveLength(120);
    const names = [STATEMENT, 'Ik ken de sociale kaart.', COMPOUND];
    const layout = labelLayout(names, DESKTOP, true, estimateWidth);
    expect(layout).toMatchObject({ placement: 'axis', horizontal: true, fontSize: LABEL_FONT });
    expect(layout.lines.map((l) => l.join(' '))).toEqual(names);
    expect(widest(layout.lines, layout.fontSize)).toBeLessThanOrEqual(DESKTOP * 0.4);
    expect(layout.lines[0].length).toBeGreaterThan(1);
    expect(layout.lines.flat().some((l) => l.endsWith('…'))).toBe(false);
  });

  it('puts the names above their bars across the width on a phone, whole words only', () => {
    const names = [STATEMENT, COMPOUND];
    const layout = labelLayout(names, PHONE, true, estimateWidth);
    expect(layout).toMatchObject({ placement: 'above', horizontal: true, fontSize: LABEL_FONT });
    expect(layout.lines.flat().join(' ').split(' ')).toEqual(wordsOf(names));
    expect(widest(layout.lines, layout.fontSize)).toBeLessThanOrEqual(PHONE - 24);
    expect(layout.lines[1]).toEqual([COMPOUND]);
  });

  it('sets a word wider than the whole phone in smaller type, never split', () => {
    const layout = labelLayout([`Afspraken over ${`${LONGEST}samenwerkingsverband`}`], PHONE, true, estimateWidth);
    expect(layout.placement).toBe('above');
    expect(layout.fontSize).toBeLessThan(LABEL_FONT_SMALL);
    expect(layout.lines[0]).toContain(`${LONGEST}samenwerkingsverband`);
    expect(widest(layout.lines, layout.fontSize)).toBeLessThanOrEqual(PHONE - 24);
  });

  it('moves names above the bars on a desktop too when a word is wider than the column even in small type', () => {
    const word = 'x'.repeat(90);
    const layout = labelLayout([word, 'kort'], DESKTOP, true, estimateWidth);
    expect(layout.placement).toBe('above');
    expect(layout.lines[0]).toEqual([word]);
  });

  it('sets a compound in smaller type under vertical bars when that makes it fit, and keeps short names as they are', () => {
    const rounds = labelLayout(['Voormeting', 'Tussenmeting', 'Nameting'], DESKTOP, false, estimateWidth);
    expect(rounds).toMatchObject({
      placement: 'axis',
      horizontal: false,
      fontSize: LABEL_FONT,
      lines: [['Voormeting'], ['Tussenmeting'], ['Nameting']],
    });
    const six = labelLayout(['Oneens', 'Neutraal', COMPOUND, 'Eens', 'Weet niet', 'Anders'], 1000, false, estimateWidth);
    expect(six.placement).toBe('axis');
    expect(six.fontSize).toBeLessThan(LABEL_FONT);
    expect(six.fontSize).toBeGreaterThanOrEqual(LABEL_FONT_SMALL);
  });

  it('turns a vertical chart horizontal, names above the bars, when a name does not fit under its bar on a phone', () => {
    const layout = labelLayout(['Eerste halfjaar 2026', COMPOUND, STATEMENT], PHONE, false, estimateWidth);
    expect(layout).toMatchObject({ placement: 'above', horizontal: true });
    expect(layout.lines.flat().join(' ').split(' ')).toEqual(wordsOf(['Eerste halfjaar 2026', COMPOUND, STATEMENT]));
  });
});

describe('labelLayout of a sequence of days', () => {
  it('keeps the days under the bars and names every k-th one when they do not all fit, each whole on one line', () => {
    const days = Array.from({ length: 30 }, (_, i) => `${i + 1} mrt`);
    const phone = labelLayout(days, PHONE, false, estimateWidth, { sequence: true });
    expect(phone).toMatchObject({ placement: 'axis', horizontal: false });
    const named = phone.lines.flatMap((l, i) => (l.length ? [i] : []));
    expect(phone.lines[0]).toEqual(['1 mrt']);
    expect(named.length).toBeLessThan(30);
    // Evenly spaced, and the room of `step` slots holds the widest name.
    const step = named[1] - named[0];
    expect(named.every((i) => i % step === 0)).toBe(true);
    const slot = Math.floor((PHONE - 72) / 30) - 8;
    expect(widest(phone.lines, phone.fontSize) + 8).toBeLessThanOrEqual(step * (slot + 8));
    // A week fits whole on a desktop.
    expect(labelLayout(days.slice(0, 7), DESKTOP, false, estimateWidth, { sequence: true }).lines.every((l) => l.length === 1)).toBe(true);
  });
});

describe('overlaps', () => {
  it('names the boxes that overlap and lets boxes that only touch be', () => {
    const box = (text: string, x: number, y: number) => ({ kind: 'category' as const, text, x, y, w: 50, h: 13 });
    expect(overlaps([box('a', 0, 0), box('b', 50, 0), box('c', 0, 13)])).toEqual([]);
    expect(overlaps([box('a', 0, 0), box('b', 40, 5)])).toEqual(['"a" overlaps "b"']);
  });
});
