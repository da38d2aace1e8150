import { describe, expect, it } from 'vitest';
import { meanDots } from './mean-dots.js';
import { answerColours, stackedBars } from './stacked-bars.js';
import type { CustomIndicator, FactsheetData } from '../../../analysis/findings/data.js';
import { indicatorCharts, letters, meanRange, stackSvgs } from '../item-charts.js';

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const rounds = [
  { label: 'Voorjaar 2026', colour: '#9ecae1' },
  { label: 'Najaar 2026', colour: '#08519c' },
];

/** The charts of the indicator and questions sections (issue 16): values as real text, the disclosure rule, escaping. */
describe('meanDots', () => {
  const svg = (percent = false, n = 22) =>
    meanDots({
      id: 'm',
      title: 'Rapportcijfer',
      desc: 'd',
      lang: 'nl',
      width: 672,
      minPercent: 10,
      rounds,
      categories: [
        {
          label: 'Samenwerking <b>',
          range: percent ? [0, 1] : [1, 10],
          percent,
          values: [{ value: percent ? 0.62 : 6.54, n, ci: percent ? [0.4, 0.8] : [5.9, 7.2], box: { median: 7, q1: 6, q3: 8 } }, null],
        },
      ],
    });

  it('prints each round’s mean with its n and the scale of the category, and draws its interval and quartiles', () => {
    const out = svg();
    expect(texts(out)).toEqual(expect.arrayContaining(['Samenwerking &lt;b&gt;', 'Voorjaar 2026', '6,5', 'n=22', '1', '5,5', '10']));
    expect(out).not.toContain('<b>');
    expect(out).toMatch(/<rect [^>]*height="10" fill="#eef4f9"/);
    // A round without a value draws nothing beside its label.
    expect(texts(out).filter((t) => t.startsWith('n='))).toEqual(['n=22']);
  });

  it('shows no percentage for a mean of shares on fewer answers than the threshold, only its n', () => {
    expect(texts(svg(true, 22))).toContain('62%');
    const few = texts(svg(true, 6));
    expect(few).not.toContain('62%');
    expect(few).toContain('n = 6 (te weinig antwoorden voor een %)');
  });
});

describe('stackedBars', () => {
  const svg = (n: number, counts: number[]) =>
    stackedBars({
      id: 's',
      title: 'Beschikbaar',
      desc: 'd',
      lang: 'nl',
      width: 672,
      minPercent: 10,
      options: [
        { label: 'Ja', colour: '#0072b2' },
        { label: 'Deels', colour: '#e69f00' },
        { label: 'Nee', colour: '#56b4e9' },
      ],
      rounds: [{ label: 'Voorjaar 2026', n, counts }],
    });

  it('draws one segment per chosen answer with its percentage, and n at the right', () => {
    const out = svg(20, [14, 6, 0]);
    expect(texts(out)).toEqual(expect.arrayContaining(['Ja', 'Deels', 'Nee', '70%', '30%', 'n=20']));
    expect((out.match(/<rect [^>]*height="14"/g) ?? []).length).toBe(2);
  });

  it('below the threshold prints the counts of the chosen answers, never a percentage or a bar', () => {
    const out = svg(6, [3, 2, 1]);
    expect(texts(out).join(' ')).toContain('Ja: 3 · Deels: 2 · Nee: 1 (te weinig antwoorden voor een %)');
    expect(texts(out).join(' ')).not.toMatch(/\d%/);
    expect(out).not.toMatch(/<rect [^>]*height="14"/);
  });

  it('colours an ordered scale light to dark and unordered answers with distinct hues', () => {
    const ordered = answerColours(5, true);
    expect(new Set(ordered).size).toBe(5);
    expect(ordered[0]).not.toBe(ordered[4]);
    expect(answerColours(3, false)).toEqual(['#0072b2', '#e69f00', '#56b4e9']);
  });
});

describe('the helpers of the section charts', () => {
  it('names charts with letters only, as the chart routes require', () => {
    expect([0, 1, 25, 26, 27, 700].map(letters)).toEqual(['a', 'b', 'z', 'ba', 'bb', 'bay']);
  });

  it('gives a number a scale from 0 to a round number above every interval', () => {
    expect(meanRange([{ value: 5.2, ci: [4.4, 6.1], q3: 6.5 }, null])).toEqual([0, 8]);
    expect(meanRange([{ value: 23, ci: [18, 29] }])).toEqual([0, 30]);
  });

  it('stacks two charts into one SVG whose size holds both, keeping one title', () => {
    const a =
      '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="330" height="50" viewBox="0 0 330 50">' +
      '<title id="a-t">A</title><desc id="a-d">a</desc><g/></svg>';
    const b =
      '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="330" height="40" viewBox="0 0 330 40">' +
      '<title id="b-t">B</title><desc id="b-d">b</desc><g/></svg>';
    const out = stackSvgs(a, b);
    expect(out).toMatch(/^<svg [^>]*width="330" height="96" viewBox="0 0 330 96"/);
    expect(out).toContain('<svg x="0" y="56" width="330" height="40" viewBox="0 0 330 40"');
    expect(out.match(/<title/g)).toHaveLength(1);
  });
});

describe('indicatorCharts', () => {
  it('tells a screen reader no mean of shares on fewer answers than the threshold, as the chart shows none', () => {
    const data = { settings: { minDenominatorForPercent: 10 }, study: { vocabulary: {} } } as unknown as FactsheetData;
    const indicator: CustomIndicator = {
      id: 'zeker',
      label: { nl: 'Zeker in de opvoeding' },
      value: 'mean',
      percent: true,
      perRound: [null, null],
      means: [
        { value: 0.59, n: 11, ci: [0.45, 0.73] },
        { value: 0.81, n: 7, ci: [0.6, 1] },
      ],
      change: null,
    };
    const [chart] = indicatorCharts({ data, lang: 'nl', colours: ['#9ecae1', '#08519c'], rounds: ['Voorjaar 2026', 'Najaar 2026'] }, [
      indicator,
    ]);
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(chart.svg)?.[1];
    expect(desc).toBe('Zeker in de opvoeding: Voorjaar 2026 59% (n=11), Najaar 2026 n=7 (te weinig antwoorden voor een %)');
    expect(chart.svg).not.toMatch(/>81%<|0\.81/);
  });
});
