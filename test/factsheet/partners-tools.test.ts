import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_WIDTH } from '../../server/factsheet/document.js';
import { PAGE } from '../../server/factsheet/html/styles.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { PT_SLUG, seedPartnersToolsStudy } from './partners-tools-study.js';

/**
 * The partner and tool charts of a study that is not the demo (partners-tools-study.ts): a
 * network's self-scan whose childcare share in the autumn rests on 7 answers, with its own word for
 * partners once it names one, and a tool question on a frequency scale. Through the HTTP API, as
 * the composer and the CLI get them.
 */
let t: TestApp;
let researcher: LoggedIn;

beforeAll(async () => {
  t = await buildTestApp();
  await seedPartnersToolsStudy(t.data.store);
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: PT_SLUG });
}, 60_000);
afterAll(() => t?.close());

const BASE = `/api/studies/${PT_SLUG}`;
const html = async (lang: 'nl' | 'en') => {
  const res = await t.app.inject({
    method: 'GET',
    url: `${BASE}/factsheet/draft/output?format=html&lang=${lang}`,
    headers: researcher.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};
/** A chart's SVG in the factsheet's HTML, by its id. */
const chart = (page: string, id: string) => {
  const svg = (page.split(`<figure class="" id="${id}">`)[1] ?? '').split('</figure>')[0];
  expect(svg, `${id} is drawn`).toContain('<svg');
  return svg;
};
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const desc = (svg: string) => /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
const chartTitle = (page: string, id: string) => /<p class="chart-title">([^<]*)<\/p>/.exec(page.split(`id="${id}">`)[1] ?? '')?.[1];

describe('the partner chart of a study that is not the demo', () => {
  it('prints no difference made with a share it hides, in the drawing nor in what a screen reader hears', async () => {
    for (const lang of ['nl', 'en'] as const) {
      const svg = chart(await html(lang), 'chart-partners');
      const shown = texts(svg);
      // Childcare: 4 of 12 (33%) in the spring, 6 of 7 in the autumn: 33% plus 52 points would give 86% away.
      expect(shown.join(' ')).not.toMatch(/\+52/);
      expect(desc(svg)).not.toMatch(/\+52|52 (procentpunt|percentage)/);
      expect(shown.some((s) => s.startsWith('–'))).toBe(true);
      expect(desc(svg)).toContain(
        lang === 'nl'
          ? 'Kinderopvang: Voorjaar 2026 33% (n=12), Najaar 2026 6 van 7 (te weinig antwoorden voor een %), verschil niet getoond'
          : 'Kinderopvang: Spring 2026 33% (n=12), Autumn 2026 6 of 7 (too few answers for a %), change not shown',
      );
      // The GP rests on 12 and 11 answers (11 pairs): 25% → 45%, +20 points, printed and described.
      expect(shown.some((s) => s.startsWith('+20'))).toBe(true);
      expect(desc(svg)).toContain(lang === 'nl' ? 'verschil +20 procentpunt' : 'change +20 percentage points');
    }
  });

  it('is titled with the study’s word for its partners, as its section heading is', async () => {
    const nl = await html('nl');
    expect(nl).toContain('Samenwerking met partners');
    expect(chartTitle(nl, 'chart-partners')).toMatch(/^Samenwerking per partner: /);
    expect(nl).not.toMatch(/ketenpartner|chain partner/i);
    const vocabulary = await t.app.inject({
      method: 'PUT',
      url: `${BASE}/vocabulary`,
      headers: researcher.headers,
      payload: {
        vocabulary: {
          partner: { nl: { one: 'netwerkpartner', many: 'netwerkpartners' }, en: { one: 'network partner', many: 'network partners' } },
        },
      },
    });
    expect(vocabulary.statusCode, vocabulary.body).toBe(200);
    const own = await html('nl');
    expect(own).toContain('Samenwerking met netwerkpartners');
    expect(chartTitle(own, 'chart-partners')).toMatch(/^Samenwerking per netwerkpartner: /);
    const en = await html('en');
    expect(en).toContain('Collaboration with network partners');
    expect(chartTitle(en, 'chart-partners')).toMatch(/^Collaboration per network partner: /);
  });
});

describe('the tools chart of a study whose tool question is a frequency scale', () => {
  it('says on its axis which answers count as use: the study’s own top box, not ‘ja’', async () => {
    const nl = chart(await html('nl'), 'chart-tools');
    expect(texts(nl)).toContain('% ‘soms’ of ‘vaak’');
    expect(texts(nl).join(' ')).not.toMatch(/‘ja’/);
    expect(desc(nl)).toMatch(/^% ‘soms’ of ‘vaak’\. /);
    const en = chart(await html('en'), 'chart-tools');
    expect(texts(en)).toContain('% ‘sometimes’ or ‘often’');
    expect(texts(en).join(' ')).not.toMatch(/‘yes’/);
  });
});

describe('the factsheet charts as printed', () => {
  it('set no chart text smaller than 7 pt at the width the chart gets on the A4 page', async () => {
    // A chart as wide as the content prints across A4 less the margins; a narrower one at its own width.
    const contentMm = PAGE.width - PAGE.left - PAGE.right;
    const ptPerPx = ((contentMm / 25.4) * 72) / (CONTENT_WIDTH + 0.76);
    for (const lang of ['nl', 'en'] as const) {
      const page = await html(lang);
      const svgs = [...page.matchAll(/<svg [^>]*class="chart"[^>]*width="(\d+)"[\s\S]*?<\/svg>/g)];
      expect(svgs.length).toBeGreaterThanOrEqual(3);
      for (const [svg, width] of svgs) {
        const printed = Math.min(Number(width), CONTENT_WIDTH) / Number(width);
        const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
        const smallest = Math.min(...sizes) * printed * ptPerPx;
        expect(smallest, `smallest text of ${/id="([^"]+)-t"/.exec(svg)?.[1]}`).toBeGreaterThanOrEqual(7);
      }
    }
  });
});
