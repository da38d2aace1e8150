import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildTestApp, loginAs } from '../helpers/app.js';
import {
  CHROMIUM,
  PASSWORD,
  WIDTHS,
  expectAccessible,
  hasChromium,
  openLoggedIn,
  screenshot,
  useAppInBrowser,
  type DemoInBrowser,
} from '../helpers/browser.js';
import { OUDERKRACHT_SLUG, seedOuderkrachtStudy } from './ouderkracht-study.js';

/**
 * The dashboard of a study that is not the demo (test/dashboard/ouderkracht-study.ts: a Dutch and
 * English network monitor with "peilingen"/"polls", "leden"/"members" and "werkvormen"/"working
 * methods", four organisations of 14, 10, 8 and 4 members, a third poll not yet planned), as a
 * researcher reads it in Chromium at 375 and 1280 px, in Dutch and English:
 *
 * - response per organisation gives a group under the minimum for a percentage its count only,
 *   and says so in the page; "Respons in de tijd" names a readable number of its ~420 days;
 * - indicators and all questions say the study's round word, never "meting"/"round";
 * - an indicator names its items by their texts, not their ids;
 * - a change names its test and its effect measure in the reader's language;
 * - a poll without answers yet is "nog geen antwoorden", never "verborgen";
 * - the overview's card of a poll without dates says so once, not "geen data".
 *
 * Axe finds nothing; no sideways scrolling on the phone; screenshots in .screens/.
 */
let app: DemoInBrowser;
let base: string;
const EMAIL = 'kenniscel@ouderkracht.nl';
const DASH = `/app/s/${OUDERKRACHT_SLUG}/dashboard`;

async function open(width: keyof typeof WIDTHS, lang: 'nl' | 'en', next: string): Promise<Page> {
  const page = await openLoggedIn(app.browser, base, EMAIL, next, WIDTHS[width]);
  // The choice of language is kept with the account: each test says which it wants.
  const button = page.locator(`.a-lang button[lang=${lang}]`);
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  return page;
}

/** The view's text once `expected` shows in it. */
async function viewText(page: Page, expected: string | RegExp): Promise<string> {
  const main = page.locator('main');
  await expect.poll(() => main.innerText(), { timeout: 20_000 }).toMatch(expected);
  return main.innerText();
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** How many day numbers chart.js put on the x axis of the chart in `section` (rondo-chart keeps its chart as `chart`). */
const dayTicks = (page: Page, section: string) =>
  page.evaluate((selector) => {
    const el = document.querySelector(`${selector} rondo-chart`) as unknown as { chart?: { scales: { x: { ticks: unknown[] } } } };
    return el?.chart?.scales.x.ticks.length ?? -1;
  }, section);

describe.skipIf(!hasChromium)(
  `the dashboard in a network monitor's own words${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`,
  () => {
    useAppInBrowser(
      async () => {
        const t = await buildTestApp();
        await seedOuderkrachtStudy(t.data.store);
        await loginAs(t, EMAIL, { role: 'researcher', study: OUDERKRACHT_SLUG, password: PASSWORD });
        return t;
      },
      (running) => {
        app = running;
        base = running.base;
      },
    );

    it('response: small groups as counts with the rule in the page, and a readable time axis (1280 px, Dutch)', async () => {
      const page = await open('desktop', 'nl', `${DASH}/response`);
      const text = await viewText(page, 'Respons per organisatie');
      const org = page.locator('section[aria-label="Respons per organisatie"]');
      const summary = (await org.locator('figcaption').textContent()) ?? '';
      // 8 and 4 invited: under the minimum of 10, the count without a percentage.
      expect(summary).toContain('Sociaal Wijkteam Zuid: Najaar 2025 6 van 8, Voorjaar 2026 4 van 8');
      expect(summary).toContain('Buurthuis De Linde: Najaar 2025 2 van 4, Voorjaar 2026 3 van 4');
      expect(summary).not.toMatch(/\d+% \((6|4) van 8\)|\d+% \((2|3) van 4\)/);
      expect(summary).toContain('Consultatiebureau Oost: Najaar 2025 71% (10 van 14)');
      // The poll nobody was invited to yet is no row of "onderdrukt" bars.
      expect(summary).not.toContain('Najaar 2026');
      expect(await org.innerText()).toContain('Een groep met minder dan 10 uitgenodigde leden krijgt geen percentage en geen balk');
      expect(text).not.toContain('onderdrukt');

      const time = 'section[aria-label="Respons in de tijd"]';
      await page.locator(`${time} canvas`).waitFor();
      await expect.poll(() => dayTicks(page, time)).toBeGreaterThan(2);
      expect(await dayTicks(page, time)).toBeLessThanOrEqual(12);
      await expectAccessible(page, 'response, 1280 px');
      await screenshot(page, 'own-words-desktop-1-response');
      await page.context().close();
    }, 90_000);

    it('response on a 375 px phone, in English: counts for small groups, a handful of day numbers', async () => {
      const page = await open('phone', 'en', `${DASH}/response`);
      await viewText(page, 'Response per organisation');
      const org = page.locator('section[aria-label="Response per organisation"]');
      expect((await org.locator('figcaption').textContent()) ?? '').toContain('Buurthuis De Linde: Autumn 2025 2 of 4, Spring 2026 3 of 4');
      expect(await org.innerText()).toContain('A group with fewer than 10 invited members gets no percentage and no bar');
      const time = 'section[aria-label="Response over time"]';
      await page.locator(`${time} canvas`).waitFor();
      await expect.poll(() => dayTicks(page, time)).toBeGreaterThan(2);
      expect(await dayTicks(page, time)).toBeLessThanOrEqual(6);
      expect(await noSidewaysScroll(page)).toBe(true);
      await expectAccessible(page, 'response, phone, English');
      await screenshot(page, 'own-words-phone-1-response-en');
      await page.context().close();
    }, 90_000);

    it('indicators: the round word, the items by their texts, the test and effect in Dutch (1280 px)', async () => {
      const page = await open('desktop', 'nl', `${DASH}/indicators`);
      const text = await viewText(page, 'Goed toegerust');
      const at = text.search(/\bmeting(en)?\b/i);
      expect(at, text.slice(Math.max(0, at - 60), at + 40)).toBe(-1);
      expect(text).toContain('Per peiling, met 95%-betrouwbaarheidsinterval');
      expect(text).toContain(
        'Gemeten met 2 vragen: ‘Ik signaleer opvoedvragen van ouders op tijd’ en ' +
          '‘Ik weet bij welke organisatie in de wijk ik ouders met een…’.',
      );
      expect(text).toContain('Gemeten met één vraag: ‘Neemt u deel aan het maandelijkse casusoverleg?’.');
      expect(text).not.toContain('signaleren, doorverwijzen');
      const table = page.locator('[aria-labelledby="d-in-toerusting-table"] table');
      expect(await table.locator('thead th').first().innerText()).toBe('Peiling');
      const change = await page.locator('article').first().locator('rondo-change').first().innerText();
      expect(change).toContain('Wilcoxon-rangtekentoets (exact)');
      expect(change).toContain('Effect (rangbiseriële correlatie)');
      expect(text).not.toMatch(/signed-rank|Wilcoxon zero method/);
      expect(text).toContain('McNemar-toets (exact)');
      expect(text).toContain('Verschil in aandeel');
      await expectAccessible(page, 'indicators, 1280 px');
      await screenshot(page, 'own-words-desktop-2-indicators');

      // All questions: the lead says the study's word.
      await page.goto(`${base}${DASH}/questions`);
      const questions = await viewText(page, 'Elke vraag van de vragenlijst');
      expect(questions).toContain('met de uitkomsten per peiling');
      expect(questions).not.toMatch(/\bper meting\b/);
      await page.context().close();
    }, 90_000);

    it('indicators and all questions in English on a 375 px phone', async () => {
      const page = await open('phone', 'en', `${DASH}/indicators`);
      const text = await viewText(page, 'Well equipped');
      expect(text).not.toMatch(/\bround\b/i);
      expect(text).toContain('Per poll, with 95% confidence interval');
      expect(text).toContain('p < 0.05 after Holm adjustment');
      expect(text).toContain('Measured by one item: ‘Do you take part in the monthly case meeting?’.');
      expect(text).toContain('Wilcoxon signed-rank test (exact)');
      expect(text).toContain('Effect (rank-biserial correlation)');
      expect(text).toContain('Difference in proportions');
      expect(await noSidewaysScroll(page)).toBe(true);
      await expectAccessible(page, 'indicators, phone, English');
      await screenshot(page, 'own-words-phone-2-indicators-en');
      await page.goto(`${base}${DASH}/questions`);
      expect(await viewText(page, 'Every question of the questionnaire')).toContain('with its results per poll');
      await page.context().close();
    }, 90_000);

    it('working methods and the partners’ heatmap: a poll without answers yet is not "hidden" (Dutch and English)', async () => {
      const page = await open('desktop', 'nl', `${DASH}/tools`);
      await viewText(page, 'Gebruik per werkvorm');
      const row = page.locator('table tbody tr').filter({ hasText: 'Voorleeskoffer' });
      expect(await row.locator('td').last().innerText()).toBe('nog geen antwoorden');
      expect(await page.locator('main').innerText()).not.toContain('verborgen');
      await page.goto(`${base}${DASH}/partners`);
      await viewText(page, 'Maandelijks of vaker samenwerken');
      const heat = page.locator('table.d-heat tbody tr').first();
      expect(await heat.locator('td.d-cell').last().innerText()).toBe('nog geen antwoorden');
      const text = await page.locator('main').innerText();
      expect(text).toContain('gestreept: niet gevraagd, (nog) geen antwoorden of verborgen');
      expect(text).not.toMatch(/\tverborgen/);
      await expectAccessible(page, 'partners, 1280 px');
      await screenshot(page, 'own-words-desktop-3-partners');
      await page.context().close();

      const phone = await open('phone', 'en', `${DASH}/tools`);
      await viewText(phone, 'Use per working method');
      const cell = phone.locator('table tbody tr').filter({ hasText: 'Voorleeskoffer' }).locator('td').last();
      expect(await cell.innerText()).toBe('no answers yet');
      expect(await phone.locator('main').innerText()).not.toMatch(/\bhidden\b/);
      expect(await noSidewaysScroll(phone)).toBe(true);
      await expectAccessible(phone, 'working methods, phone, English');
      await screenshot(phone, 'own-words-phone-3-tools-en');
      await phone.context().close();
    }, 120_000);

    it('overview: a poll without dates says "geen datums gepland" once, never "geen data"', async () => {
      const page = await open('phone', 'nl', DASH);
      await viewText(page, 'Najaar 2026');
      const card = page.locator('.d-round').filter({ hasText: 'Najaar 2026' });
      const text = await card.innerText();
      expect(text).toContain('geen datums gepland');
      expect(text.split('geen datums gepland')).toHaveLength(2);
      expect(await page.locator('main').innerText()).not.toContain('geen data');
      expect(await page.locator('.d-round').filter({ hasText: 'Najaar 2025' }).innerText()).toContain('1 okt 2025 – 31 okt 2025');
      expect(await noSidewaysScroll(page)).toBe(true);
      await expectAccessible(page, 'overview, phone');
      await screenshot(page, 'own-words-phone-4-overview');
      await page.locator('.a-lang button[lang=en]').click();
      const english = page.locator('.d-round').filter({ hasText: 'Autumn 2026' });
      await expect.poll(() => english.innerText()).toContain('no dates planned');
      expect((await english.innerText()).split('no dates planned')).toHaveLength(2);
      await page.context().close();
    }, 90_000);
  },
);
