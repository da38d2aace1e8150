import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import {
  PASSWORD,
  WIDTHS,
  expectAccessible,
  hasChromium,
  launchBrowser,
  screenshot,
  submitLogin,
  waitForLoginForm,
} from '../helpers/browser.js';
import { MONITOR_SLUG, seedMonitorStudy } from './monitor-study.js';

/**
 * The study's own indicators in Chromium (issue 16), on a study that is not the demo: the
 * generated half-yearly network monitor (Dutch only, two rounds, seven indicators). At 1280 px a
 * researcher adds an indicator in the builder, is told in Dutch that a statement and a yes/no
 * question do not make one indicator, fixes it and saves; the dashboard's Indicators view shows
 * each indicator's chart, table and verdict. At 375 px both screens fit the phone. Axe finds
 * nothing; screenshots in .screens/.
 */
let t: TestApp;
let base: string;
let browser: Browser;
const Q = `/app/s/${MONITOR_SLUG}/questionnaire`;
const DASH = `/app/s/${MONITOR_SLUG}/dashboard/indicators`;

async function login(width: keyof typeof WIDTHS, next: string): Promise<Page> {
  const context = await browser.newContext({ viewport: WIDTHS[width], locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await waitForLoginForm(page, 1);
  await submitLogin(page, base, 'monitor@ggd.nl', next);
  return page;
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasChromium)('indicators in the browser', () => {
  beforeAll(async () => {
    t = await buildTestApp();
    await seedMonitorStudy(t.data.store);
    await loginAs(t, 'monitor@ggd.nl', { role: 'researcher', study: MONITOR_SLUG, password: PASSWORD });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a researcher define an indicator in the builder and read every indicator on the dashboard (1280 px)', async () => {
    const page = await login('desktop', Q);
    const editor = page.locator('rondo-indicators-editor');
    await editor.getByRole('heading', { name: 'Indicatoren' }).waitFor();
    expect(await editor.locator('fieldset.b-indicator').count()).toBe(7);

    await editor.getByRole('button', { name: '+ Indicator toevoegen' }).click();
    const added = editor.locator('fieldset.b-indicator').nth(7);
    await added.getByLabel('Naam Nederlands').fill('Richtlijn en aanbod');
    await added.getByLabel('Samenvatting').selectOption({ label: 'Aandeel ja' });
    await added.getByRole('checkbox', { name: /^r1 / }).check();
    await added.getByRole('checkbox', { name: /^a1 / }).check();
    await expect
      .poll(() => added.locator('.b-issues').innerText())
      .toContain('de vragen zijn van verschillende soorten (stelling, ja/nee); een indicator telt vragen van één soort');
    await expectAccessible(page, 'builder with an indicator problem');
    await added.scrollIntoViewIfNeeded();
    await screenshot(page, 'indicators-desktop-1-builder-problem');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => page.locator('#b-issues').innerText()).toContain('Indicator "indicator8"');

    await added.getByRole('checkbox', { name: /^r1 / }).uncheck();
    await added.getByRole('checkbox', { name: /^a2 / }).check();
    await expect.poll(() => added.locator('.b-issues').count()).toBe(0);
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => page.locator('.a-alert--ok').innerText()).toContain('Opgeslagen');
    await screenshot(page, 'indicators-desktop-2-builder-saved');

    await page.goto(`${base}${DASH}`);
    await page.getByRole('heading', { name: 'Richtlijn en aanbod', level: 2 }).waitFor();
    const article = (name: string) => page.locator('article').filter({ has: page.getByRole('heading', { name, exact: true, level: 2 }) });
    await article('Richtlijnen gevolgd').locator('rondo-chart canvas, rondo-chart svg').first().waitFor();
    expect(await page.locator('article h2').allInnerTexts()).toHaveLength(8);
    // The mean of per-person shares (R: 0.3827 → 38%, 0.6733 → 67%) and its verdict after Holm.
    await expect.poll(() => page.locator('[aria-labelledby="d-in-richtlijnen-table"] table').innerText()).toMatch(/38%[\s\S]*67%/);
    await expect.poll(() => article('Richtlijnen gevolgd').locator('rondo-change').first().innerText()).toContain('Aantoonbare toename');
    // Significant before, not after the correction: no verdict of an increase.
    await expect
      .poll(() => article('Richtlijn bij aanmelding').locator('rondo-change').first().innerText())
      .toContain('Geen aantoonbare verandering');
    await expect.poll(() => article('Prioriteit').innerText()).toContain('Voor een verdeling wordt geen verandering getoetst.');
    await expectAccessible(page, 'dashboard indicators');
    await screenshot(page, 'indicators-desktop-3-dashboard');
    const text = await page.locator('main').innerText();
    for (const word of ['training', 'ZAT', 'tools']) expect(text).not.toContain(word);
    await page.context().close();
  }, 120_000);

  it('fits both screens on a 375 px phone', async () => {
    const page = await login('phone', DASH);
    await page.getByRole('heading', { name: 'Richtlijnen gevolgd', level: 2 }).waitFor();
    await page.locator('rondo-chart canvas, rondo-chart svg').first().waitFor();
    await expectAccessible(page, 'dashboard indicators, phone');
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'indicators-phone-1-dashboard');

    await page.goto(`${base}${Q}`);
    const editor = page.locator('rondo-indicators-editor');
    await editor.locator('fieldset.b-indicator').first().waitFor();
    await editor.locator('fieldset.b-indicator').first().scrollIntoViewIfNeeded();
    await expectAccessible(page, 'builder indicators, phone');
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'indicators-phone-2-builder');

    // A new question starts with no measure, and saving asks for one instead of guessing.
    await page.locator('#add-type-0').selectOption('yesno');
    await page.getByRole('button', { name: '+ Toevoegen (Werkwijze en aanbod)' }).click();
    const measure = page.locator('#ie-q1-measure');
    expect(await measure.inputValue()).toBe('');
    expect(await measure.locator('option:checked').innerText()).toBe('— Kies wat deze vraag meet —');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => page.locator('#b-issues').innerText()).toContain('Vraag "q1": kies wat deze vraag meet');
    await expect.poll(() => page.locator('#ie-q1-measure').getAttribute('aria-invalid')).toBe('true');
    await measure.scrollIntoViewIfNeeded();
    await screenshot(page, 'indicators-phone-3-no-measure');
    await measure.selectOption({ label: 'Beschikbaarheid (aanbod, interventie)' });
    await expect.poll(() => page.locator('#b-issues').count()).toBe(0);
    await page.context().close();
  }, 90_000);
});
