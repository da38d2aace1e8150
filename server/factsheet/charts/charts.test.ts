import { describe, expect, it } from 'vitest';
import { groupedBars, type GroupedBarsInput } from './grouped-bars.js';
import { changeText, partnerDots, shownDifference, valueText } from './partner-dots.js';
import { partnerHeatmap } from './partner-heatmap.js';
import { roundColours, heatFill } from './palette.js';
import { responseBars } from './response-bars.js';
import { textWidth, wrapText } from './text-width.js';
import { trendLines } from './trend-lines.js';

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const rects = (svg: string) => (svg.match(/<rect /g) ?? []).length;

const bars = (over: Partial<GroupedBarsInput> = {}): string =>
  groupedBars({
    id: 'c',
    title: 'Competenties',
    desc: 'beschrijving',
    lang: 'nl',
    width: 672,
    minPercent: 10,
    axisLabel: '% eens',
    categories: [{ label: 'Competent om te signaleren' }, { label: 'Hulpvragen' }],
    series: [
      { label: 'Voormeting', colour: '#9ecae1' },
      { label: 'Nameting', colour: '#08519c' },
    ],
    values: [
      [
        { x: 6, n: 21, ci: [0.14, 0.5] },
        { x: 9, n: 12, ci: [0.47, 0.91] },
      ],
      [
        { x: 10, n: 19, ci: [0.32, 0.73] },
        { x: 4, n: 8, ci: [0.2, 0.8] },
      ],
    ],
    ...over,
  });

/** The static SVG charts: values and n as real text, intervals, suppression, escaping. */
/** A partner dot plot of two rounds with the settings the tests share; `over` gives what a test is about. */
const dotsOf = (over: Partial<Parameters<typeof partnerDots>[0]>) =>
  partnerDots({
    id: 'p',
    title: 't',
    desc: 'd',
    lang: 'nl',
    width: 672,
    minPercent: 10,
    axisLabel: 'a',
    roundWord: { one: 'meting', many: 'metingen' },
    rounds: [
      { label: 'Voorjaar 2026', colour: '#9ecae1' },
      { label: 'Najaar 2026', colour: '#08519c' },
    ],
    rows: [],
    ...over,
  });

describe('factsheet charts', () => {
  it('draw grouped bars with the share and n as text and the Wilson interval as an error bar', () => {
    const svg = bars();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="chart" role="img"/);
    expect(svg).toContain('<title id="c-t">Competenties</title>');
    const t = texts(svg);
    expect(t).toEqual(
      expect.arrayContaining(['29%', 'n=21', '75%', 'n=12', '53%', 'n=19', 'Voormeting', 'Nameting', '% eens', '0%', '100%']),
    );
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    // Three bars drawn plus two legend swatches: the answer on 8 gets no bar.
    expect(rects(svg)).toBe(2 + 3);
    expect(t).toContain('4 van 8 (te weinig antwoorden voor een %)');
    expect((svg.match(/<path d="M[\d.]+ [\d.]+H[\d.]+M/g) ?? []).length).toBe(3);
  });

  it('escape every label', () => {
    const svg = bars({ categories: [{ label: '<b>"Partner" & co</b>' }, { label: 'x' }] });
    expect(svg).toContain('&lt;b&gt;&quot;Partner&quot; &amp; co&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
  });

  it('mark only demonstrable changes in the partner dot plot', () => {
    const svg = dotsOf({
      rounds: [
        { label: 'Voormeting', colour: '#9ecae1' },
        { label: 'Nameting', colour: '#08519c' },
      ],
      rows: [
        {
          label: 'POH GGZ Jeugd',
          values: [
            { x: 0, n: 21, ci: [0, 0.15] },
            { x: 9, n: 12, ci: [0.47, 0.91] },
          ],
          change: { difference: 0.75, evidence: 'increase', from: 0, to: 1, n: 12, paired: true },
          emphasis: true,
        },
        {
          label: 'Huisarts',
          values: [
            { x: 2, n: 21, ci: [0.03, 0.29] },
            { x: 1, n: 12, ci: [0.01, 0.35] },
          ],
          change: { difference: -0.01, evidence: 'no-change', from: 0, to: 1, n: 12, paired: true },
        },
      ],
    });
    const t = texts(svg);
    expect(t).toContain('+75 ▲');
    expect(t).toContain('−1');
    expect(t).toContain('Voormeting (n=21)');
    expect(t).toContain('Nameting (n=12)');
    expect(svg).toMatch(/font-weight="bold"[^>]*>POH GGZ Jeugd</);
    // Every difference rests on shares the chart shows: no dash and no note about one.
    expect(t.join(' ')).not.toMatch(/–|geen verschil getoond/);
    // The note names both populations: the difference of all who answered, the test of those who answered both.
    expect(t.join(' ')).toContain(
      '▲ ▼ aantoonbare verandering (toets bij wie beide metingen invulde, na correctie voor meerdere toetsen); ' +
        'verschil van eerste tot laatste meting.',
    );
    expect(t.join(' ')).not.toContain('*');
  });

  it('mark an arrow that points away from the difference beside it, and say why', () => {
    const rows = (paired: boolean) => [
      {
        label: 'Huisarts',
        values: [
          { x: 5, n: 20, ci: [0.11, 0.47] as [number, number] },
          { x: 3, n: 13, ci: [0.08, 0.5] as [number, number] },
        ],
        // The top box fell a point, the whole scale rose demonstrably among those who answered both.
        change: { difference: -0.02, evidence: 'increase' as const, from: 0, to: 1, n: 12, paired },
      },
    ];
    const dots = (lang: 'nl' | 'en', paired = true) =>
      texts(
        dotsOf({
          lang,
          roundWord: lang === 'nl' ? { one: 'peiling', many: 'peilingen' } : { one: 'survey', many: 'surveys' },
          rows: rows(paired),
        }),
      ).join(' ');
    expect(dots('nl')).toContain('−2 ▲*');
    expect(dots('nl')).toContain('* Het verschil en de toets wijzen een andere kant op');
    expect(dots('en')).toContain('* The change and the test point different ways');
    expect(dots('en')).toContain(
      '(tested among those who answered both surveys, after correction for multiple tests); change from first to last survey.',
    );
    expect(dots('nl')).toContain('(toets bij wie beide peilingen invulde, na correctie voor meerdere toetsen)');
    expect(dots('nl', false)).toContain('(toets tussen alle antwoorden, na correctie voor meerdere toetsen)');
    expect(changeText(rows(true)[0].values, rows(true)[0].change, 10, 'nl')).toBe(
      'verschil −2 procentpunt, aantoonbare toename op de hele schaal',
    );
  });

  it('print no difference made with a share it does not show, but keep the verdict of the test', () => {
    // 4 of 11 (36%) before and 6 of 7 after: 36% plus 49 points would give the hidden 86% away.
    const dots = (lang: 'nl' | 'en') =>
      dotsOf({
        lang,
        rows: [
          {
            label: 'Kinderopvang',
            values: [
              { x: 4, n: 11, ci: [0.15, 0.65] },
              { x: 6, n: 7, ci: [0.49, 0.97] },
            ],
            change: { difference: 0.49, evidence: 'increase', from: 0, to: 1, n: 7, paired: true },
          },
          {
            label: 'Huisarts',
            values: [
              { x: 2, n: 11, ci: [0.05, 0.48] },
              { x: 5, n: 12, ci: [0.19, 0.68] },
            ],
            change: { difference: 0.23, evidence: 'no-change', from: 0, to: 1, n: 11, paired: true },
          },
        ],
      });
    const nl = texts(dots('nl'));
    expect(nl.join(' ')).not.toContain('+49');
    expect(nl).toContain('– ▲');
    expect(nl).toContain('+23');
    expect(nl.join(' ')).toContain('– geen verschil getoond: een van beide percentages rust op minder dan 10 antwoorden');
    expect(texts(dots('en')).join(' ')).toContain('– no change shown: one of the two shares rests on fewer than 10 answers');
    // The hidden share gets no dot: the second round's squares are the legend's and Huisarts'.
    expect((dots('nl').match(/<rect x="[^"]*" y="[^"]*" width="[\d.]+" height="[\d.]+" fill="#08519c"/g) ?? []).length).toBe(2);
  });

  it('describe the change column to a screen reader under the same rule as the chart', () => {
    const hidden = { difference: 0.49, evidence: 'increase' as const, from: 0, to: 1, n: 7, paired: true };
    const values = [
      { x: 4, n: 11, ci: null },
      { x: 6, n: 7, ci: null },
    ];
    expect(shownDifference(values, hidden, 10)).toBeNull();
    expect(changeText(values, hidden, 10, 'nl')).toBe('verschil niet getoond (te weinig antwoorden voor een %), aantoonbare toename');
    expect(valueText('Najaar', values[1], 10, 'nl')).toBe('Najaar 6 van 7 (te weinig antwoorden voor een %)');
    // Both shares shown, but a paired change on fewer than 10 pairs is itself a percentage of too few.
    const both = [
      { x: 4, n: 11, ci: null },
      { x: 9, n: 12, ci: null },
    ];
    expect(shownDifference(both, { ...hidden, n: 8 }, 10)).toBeNull();
    expect(changeText(both, { ...hidden, n: 8 }, 10, 'nl')).toBe(
      'verschil niet getoond (te weinig die beide keren antwoordden), aantoonbare toename',
    );
    expect(changeText(both, { ...hidden, difference: 0.39, n: 11 }, 10, 'en')).toBe('change +39 percentage points, demonstrable increase');
    // The difference between the two shares the dots show gives nothing away, however few the pairs.
    const ofTheDots = { ...hidden, difference: 9 / 12 - 4 / 11, n: 8 };
    expect(shownDifference(both, ofTheDots, 10)).toBeCloseTo(0.386, 3);
  });

  it('says why a difference is a dash: a hidden share, or a paired estimate on too few pairs', () => {
    const dots = (difference: number) =>
      texts(
        dotsOf({
          roundWord: { one: 'scan', many: 'scans' },
          rows: [
            {
              label: 'Huisarts',
              values: [
                { x: 3, n: 10, ci: [0.11, 0.6] },
                { x: 6, n: 10, ci: [0.31, 0.83] },
              ],
              change: { difference, evidence: 'no-change', from: 0, to: 1, n: 8, paired: true },
            },
          ],
        }),
      ).join(' ');
    // 30% and 60% on 10 answers each, 8 pairs: their difference is printed.
    expect(dots(0.3)).toContain('+30');
    expect(dots(0.3)).not.toContain('geen verschil getoond');
    // A paired estimate (here 25 points) on 8 pairs is not.
    expect(dots(0.25)).not.toContain('+25');
    expect(dots(0.25)).toContain('– geen verschil getoond: minder dan 10 vulden beide scans in.');
    expect(dots(0.25)).not.toContain('een van beide percentages');
  });

  it('label every heatmap cell, and show counts without shading below the threshold', () => {
    const svg = partnerHeatmap({
      id: 'h',
      title: 't',
      desc: 'd',
      lang: 'en',
      width: 672,
      minPercent: 10,
      caption: 'c',
      rounds: ['Pre', 'Post'],
      rows: [
        {
          label: 'A',
          values: [
            { x: 3, n: 21, ci: null },
            { x: 4, n: 8, ci: null },
          ],
        },
      ],
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(['14%', 'n=21', '4 of 8']));
  });

  it('draw trend lines with a label at the end of each line that never overlap', () => {
    const lines = ['Kennis', 'Signaleren', 'Bespreken'].map((label, i) => ({
      label,
      values: [
        { x: 5, n: 21, ci: null },
        { x: 15 + i, n: 22, ci: null },
        { x: 8, n: 12, ci: null },
      ],
    }));
    const svg = trendLines({
      id: 't',
      title: 't',
      desc: 'd',
      lang: 'nl',
      width: 672,
      height: 250,
      minPercent: 10,
      axisLabel: '%',
      rounds: ['Voor', 'Tussen', 'Na'],
      lines,
    });
    const ys = [
      ...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)" font-size="10\.5" dominant-baseline="central">(Kennis|Signaleren|Bespreken)</g),
    ]
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    expect(ys).toHaveLength(3);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(12.5);
  });

  it('show response per round against the caution line', () => {
    const svg = responseBars({
      id: 'r',
      title: 't',
      desc: 'd',
      lang: 'nl',
      width: 430,
      threshold: 0.5,
      rounds: [
        { label: 'Voormeting', invited: 34, submitted: 21, colour: '#9ecae1' },
        { label: 'Nameting', invited: 34, submitted: 12, colour: '#08519c' },
      ],
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(['62% (21 van 34)', '35% (12 van 34)', 'grens 50%']));
    expect(svg).toMatch(/font-weight="bold"[^>]*>35% \(12 van 34\)/);
  });

  it('use one blue per round, light to dark, and readable text on heat colours', () => {
    const lum = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).reduce((a, b) => a + b, 0);
    for (const n of [1, 2, 3, 4, 6, 8]) {
      const c = roundColours(n);
      expect(c).toHaveLength(n);
      for (let i = 1; i < n; i++) expect(lum(c[i])).toBeLessThanOrEqual(lum(c[i - 1]));
    }
    expect(heatFill(0.9).text).toBe('#ffffff');
    expect(heatFill(0.1).text).not.toBe('#ffffff');
  });

  it('measure and wrap labels with the metrics of Liberation Sans', () => {
    expect(textWidth('mmmm', 12)).toBeGreaterThan(textWidth('iiii', 12));
    expect(wrapText('Jeugdgezondheidszorg (consultatiebureau)', 140, 12)).toEqual(['Jeugdgezondheidszorg', '(consultatiebureau)']);
  });

  it('wrap long labels onto as many lines as they need and never cut them short', () => {
    const label = 'een heel lange naam van een ketenpartner die niet past';
    const lines = wrapText(label, 80, 12);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(label);
    expect(lines.every((l) => textWidth(l, 12) <= 80)).toBe(true);
    // One word wider than the space is broken inside, with a hyphen; nothing is lost.
    const word = wrapText('Voormetingsrespondentengroep', 60, 12);
    expect(word.length).toBeGreaterThan(1);
    expect(word.map((l) => l.replace(/-$/, '')).join('')).toBe('Voormetingsrespondentengroep');
    expect(word.every((l) => textWidth(l, 12) <= 60)).toBe(true);
  });

  it('wrap legends and column heads instead of cutting "Voormeting (n=21)" short', () => {
    const rounds = ['Voormeting (najaar 2021, vóór de training)', 'Tussenmeting (voorjaar 2022)', 'Nameting (najaar 2022)'];
    const svg = groupedBars({
      id: 'c',
      title: 't',
      desc: 'd',
      lang: 'nl',
      width: 320,
      axisLabel: '%',
      minPercent: 10,
      categories: [{ label: 'Een uitspraak met een lange tekst die over meerdere regels loopt' }],
      series: rounds.map((label, i) => ({ label, colour: ['#111111', '#222222', '#333333'][i] })),
      values: [
        [
          { x: 5, n: 20, ci: null },
          { x: 8, n: 20, ci: null },
          { x: 9, n: 20, ci: null },
        ],
      ],
    });
    expect(svg).not.toContain('…');
    for (const r of rounds) expect(svg).toContain(r.replace('>', '&gt;'));
    const heat = partnerHeatmap({
      id: 'h',
      title: 't',
      desc: 'd',
      lang: 'nl',
      width: 320,
      rounds,
      minPercent: 10,
      rows: [{ label: 'Praktijkondersteuner huisarts jeugd-GGZ', values: [null, null, null] }],
      caption: 'c',
    });
    expect(heat).not.toContain('…');
  });
});
