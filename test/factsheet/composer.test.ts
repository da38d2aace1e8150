import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { axe, describeViolations, hasChromium, launchBrowser, screenshot, CHROMIUM } from '../helpers/browser.js';
import { SLUG } from './helpers.js';

/**
 * The factsheet screen in Chromium: a researcher composes with a live A4 preview (an iframe of
 * the printed HTML), an edited sentence is saved and shown in the preview; a manager sees the
 * published versions only. axe-core finds no WCAG A/AA violations.
 */
describe.skipIf(!hasChromium)(`factsheet screen${hasChromium ? '' : ` (skipped: Chromium not found at ${CHROMIUM})`}`, () => {
  let t: TestApp;
  let browser: Browser;
  let address: string;

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    await loginAs(t, 'manager@example.nl', { role: 'manager' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(email: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${address}/login`);
    // Fill the form only once the app has taken it over (a native submit would reload the page).
    await page.waitForFunction(() => !!customElements.get('rondo-login-view'));
    await page.fill('#login-email', email);
    await page.fill('#login-password', 'correct horse battery staple');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/app/);
    await page.goto(`${address}/app/s/${SLUG}/factsheet`);
    return page;
  }

  it('lets a researcher compose with a live A4 preview; edits are saved and shown', async () => {
    const page = await open('onderzoeker@example.nl');
    const preview = page.frameLocator('iframe.f-frame');
    await expect.poll(() => preview.locator('h1').textContent(), { timeout: 20_000 }).toBe('Evaluatie 1000 Kansen');
    expect(await preview.locator('svg.chart').count()).toBe(4);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await page.click('button[role=tab]:has-text("Zinnen")');
    const first = page.locator('.f-sentences textarea').first();
    await first.fill('Een eigen zin van de onderzoeker.');
    await first.blur();
    await expect.poll(() => page.locator('.f-bar [role=status]').textContent(), { timeout: 20_000 }).toContain('Opgeslagen');
    await expect.poll(() => preview.locator('text=Een eigen zin van de onderzoeker.').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('.f-sentences .a-badge').first().textContent()).toBe('aangepast');
    await screenshot(page, 'factsheet-composer-desktop');

    for (const tab of ['Onderdelen', 'Teksten', 'Citaten', 'Publiceren']) {
      await page.click(`button[role=tab]:has-text("${tab}")`);
      const v = await axe(page);
      expect(v, `${tab}: ${describeViolations(v)}`).toEqual([]);
    }
    await page.context().close();
  });

  it('shows a manager the published versions only', async () => {
    const page = await open('manager@example.nl');
    await expect
      .poll(() => page.locator('rondo-factsheet-versions').textContent(), { timeout: 20_000 })
      .toContain('Er is nog geen factsheet gepubliceerd.');
    expect(await page.locator('rondo-factsheet-composer').count()).toBe(0);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.context().close();
  });
});
