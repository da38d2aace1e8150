import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { expectAccessible, hasChromium, launchBrowser, screenshot, CHROMIUM, PASSWORD, WIDTHS } from '../helpers/browser.js';
import { SLUG } from './helpers.js';

/**
 * Publishing and reading factsheets in Chromium at 1280 and 375 px: the preview's zoom and page
 * controls, downloads that give the published version once there is one, republishing without
 * changes, public links with their count, the house-style form, and the managers' and
 * trainers' versions screen without sideways scrolling. axe finds no WCAG A/AA violations.
 */
describe.skipIf(!hasChromium)(`factsheet publishing screens${hasChromium ? '' : ` (skipped: Chromium not found at ${CHROMIUM})`}`, () => {
  let t: TestApp;
  let browser: Browser;
  let address: string;
  let researcher: LoggedIn;

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    await loginAs(t, 'manager@example.nl', { role: 'manager' });
    await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(email: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${address}/login`);
    await page.waitForFunction(() => !!customElements.get('rondo-login-view'));
    await page.fill('#login-email', email);
    await page.fill('#login-password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/app/);
    await page.goto(`${address}/app/s/${SLUG}/factsheet`);
    return page;
  }
  const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('publishes once, says so when nothing changed, and then downloads the published version', { timeout: 120_000 }, async () => {
    const page = await open('onderzoeker@example.nl', WIDTHS.desktop);
    const preview = page.frameLocator('iframe.f-frame');
    await expect.poll(() => preview.locator('h1').textContent(), { timeout: 30_000 }).toBe('Evaluatie 1000 Kansen');
    // Zoom: at 150% the sheet is wider than the pane, which scrolls inside itself, not the page.
    await page.click('.f-zoom button:has-text("150%")');
    await expect.poll(() => page.locator('.f-sizer').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(1200);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.click('.f-zoom button:has-text("Passend")');
    await page.click('.f-pager button[aria-label="Volgende pagina"]');
    await expect.poll(() => page.locator('.f-pager span').textContent()).toMatch(/Pagina 2 van [234]/);

    await page.click('button[role=tab]:has-text("Publiceren")');
    await page.click('button.a-primary:has-text("Publiceren")');
    await expect.poll(() => page.locator('.a-alert--ok').textContent(), { timeout: 30_000 }).toContain('Versie 1 is gepubliceerd.');
    await page.click('button.a-primary:has-text("Publiceren")');
    await expect
      .poll(() => page.locator('.a-alert--ok').textContent(), { timeout: 30_000 })
      .toContain('Geen wijzigingen sinds versie 1: er is geen nieuwe versie gemaakt.');
    const versions = t.data.store.sqlite.prepare('select count(*) as n from factsheet_version').get() as { n: number };
    expect(versions.n).toBe(1);

    // "PDF (A4)" under the published version gives version 1, not the draft.
    const pdf = page.locator('h3:has-text("Gepubliceerde versie 1") + ul a:has-text("PDF (A4)")');
    expect(await pdf.getAttribute('href')).toBe(`/api/studies/${SLUG}/factsheets/1?lang=nl&format=pdf&download=1`);
    expect(await page.locator('h3:has-text("Concept downloaden")').count()).toBe(1);
    await expectAccessible(page, 'publish tab');

    // A public link, shown once, counted when opened.
    await page.click('.f-shares summary');
    await page.click('button:has-text("Openbare link maken")');
    const url = (await page.locator('.f-share-url').textContent())!.trim();
    expect(url).toMatch(/\/f\/[A-Za-z0-9_-]{43}$/);
    const visitor = await (await browser.newContext()).newPage();
    const response = await visitor.goto(`${address}${new URL(url).pathname}`);
    expect(response?.status()).toBe(200);
    expect(await visitor.locator('h1').textContent()).toBe('Evaluatie 1000 Kansen');
    await visitor.context().close();
    await expectAccessible(page, 'public links');
    await screenshot(page, 'factsheet-publish-desktop');
    await page.context().close();
  });

  it('offers the house-style form and refuses a colour too light for text', async () => {
    const page = await open('onderzoeker@example.nl', WIDTHS.desktop);
    await page.click('button[role=tab]:has-text("Huisstijl")');
    await page.locator('#fs-primary').evaluate((el: HTMLInputElement) => (el.value = '#99ccff'));
    await page.click('button:has-text("Huisstijl opslaan")');
    await expect.poll(() => page.locator('rondo-factsheet-style [role=alert]').textContent()).toContain('WCAG AA');
    await expectAccessible(page, 'house style');
    // The embedded typefaces, by name.
    expect(await page.locator('#fs-typeface option').allTextContents()).toEqual(['Arimo', 'Source Sans 3', 'Source Serif 4']);
    await page.locator('rondo-factsheet-style').screenshot({ path: '.screens/factsheet-house-style-form.png' });
    await page.context().close();
  });

  for (const email of ['manager@example.nl', 'trainer@example.nl']) {
    it(`shows ${email.split('@')[0]} the published versions at 375 px without sideways scrolling`, { timeout: 90_000 }, async () => {
      const published = t.data.store.sqlite.prepare('select count(*) as n from factsheet_version').get() as { n: number };
      if (!published.n)
        await t.app.inject({ method: 'POST', url: `/api/studies/${SLUG}/factsheet/publish`, headers: researcher.headers, payload: {} });
      const page = await open(email, WIDTHS.phone);
      await expect.poll(() => page.locator('rondo-factsheet-versions').textContent(), { timeout: 30_000 }).toContain('Versie 1');
      await expect
        .poll(() => page.frameLocator('iframe.f-frame').locator('h1').textContent(), { timeout: 30_000 })
        .toBe('Evaluatie 1000 Kansen');
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('*')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 8)
          .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
      );
      expect(await sideways(page), wide.join('\n')).toBeLessThanOrEqual(0);
      await page.click('.f-zoom button:has-text("100%")');
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `versions at 375 px (${email})`);
      await screenshot(page, `factsheet-versions-phone-${email.split('@')[0]}`);
      await page.context().close();
    });
  }
});
