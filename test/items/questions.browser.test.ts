import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginAs, type TestApp } from '../helpers/app.js';
import {
  expectAccessible,
  hasChromium,
  PASSWORD,
  screenshot,
  startDemoInBrowser,
  submitLogin,
  waitForLoginForm,
  WIDTHS,
} from '../helpers/browser.js';
import { MONITOR_ITEMS, MONITOR_SLUG, seedMonitor } from './monitor.js';

/**
 * The "Alle vragen" view in Chromium on a Dutch-only network monitor (not the demo): every
 * question with a chart, a table and the verdict, at 375 and 1280 px, axe-clean, nothing
 * scrolling sideways, labels from the questionnaire and never item codes; and on the demo.
 */
let t: TestApp;
let base: string;
let browser: Browser;

describe.skipIf(!hasChromium)('the All questions view in the browser', () => {
  beforeAll(async () => {
    ({ t, base, browser } = await startDemoInBrowser());
    await seedMonitor(t.data.store);
    await loginAs(t, 'netwerk@ggd.nl', { role: 'researcher', study: MONITOR_SLUG, password: PASSWORD });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every question of the monitor with chart, table and verdict at 1280 and 375 px', async () => {
    const url = `/app/s/${MONITOR_SLUG}/dashboard/questions`;
    for (const [name, viewport] of [
      ['desktop', WIDTHS.desktop],
      ['phone', WIDTHS.phone],
    ] as const) {
      const context = await browser.newContext({ viewport, locale: 'nl-NL' });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/login?next=${encodeURIComponent(url)}`);
      await waitForLoginForm(page, 1);
      await submitLogin(page, base, 'netwerk@ggd.nl', url);
      await page.locator('.d-question rondo-chart canvas').first().waitFor();
      await expect.poll(() => page.locator('.d-question').count()).toBe(4);
      // Wait until every chart is drawn before measuring and taking pictures.
      await expect.poll(() => page.locator('.d-question rondo-chart canvas').count()).toBe(5);
      await page.waitForTimeout(300);

      expect(await page.locator('h1').innerText()).toBe('Alle vragen');
      const headings = await page.locator('.d-question h2').allInnerTexts();
      expect(headings).toEqual(MONITOR_ITEMS.map((i) => i.text.nl));
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/nw_/);
      expect(text).not.toMatch(/training|ZAT|tools?\b/i);
      // The priority vote ranked by votes, the single choice per option, the verdicts.
      await expect
        .poll(() => page.getByRole('region', { name: /Rangorde naar stemmen — Najaar 2026 \(n = 12\)/ }).innerText())
        .toMatch(/^Plaats\s+Antwoord\s+Stemmen[^\n]*\n1\s+Snellere toegang tot specialistische jeugdhulp\s+12 \(100%\)\s+76–100%/m);
      expect(text).toContain('Aantoonbare toename');
      expect(text).toContain('Niet getoetst: te weinig veranderingen voor een toets');
      expect(text).toMatch(/Verschoven: 50% van de antwoorden/);
      expect(text).toMatch(/Vast casusoverleg met alle ketenpartners[^\n]*\s+2 \(14%\)\s+4–40%/);

      await expectAccessible(page, `questions ${name}`);
      await screenshot(page, `items-questions-${name}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      // On failure, name the widest elements that stick out.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 6)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
      );
      expect(overflow, `the page scrolls sideways: ${wide.join(', ')}`).toBeLessThanOrEqual(0);
      if (name === 'phone') {
        // Long option labels wrap on the chart axis: the chart for the single choice grows to fit them.
        const height = await page
          .locator('.d-question')
          .nth(1)
          .locator('.d-canvas')
          .first()
          .evaluate((el) => el.clientHeight);
        expect(height).toBeGreaterThan(300);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);

  it('shows the demo’s questions in the study’s own words, accessible', async () => {
    const url = '/app/s/1000-kansen/dashboard/questions';
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login?next=${encodeURIComponent(url)}`);
    await waitForLoginForm(page, 1);
    await submitLogin(page, base, 'onderzoeker@ggd.nl', url);
    await page.locator('.d-question rondo-chart canvas').first().waitFor();
    expect(await page.locator('.d-question').count()).toBeGreaterThan(8);
    expect(await page.locator('nav a[href$="/dashboard/questions"]').innerText()).toBe('Alle vragen');
    await expectAccessible(page, 'questions demo');
    await screenshot(page, 'items-questions-demo-desktop');
    await context.close();
  }, 60_000);
});
