import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import {
  CHROMIUM,
  WIDTHS,
  expectAccessible,
  hasChromium,
  launchBrowser,
  openLoggedIn,
  publishFirstVersion,
  screenshot,
} from '../helpers/browser.js';
import { NETWORK, OPEN, createNetworkFactsheetStudy } from './network-factsheet-fixture.js';

/**
 * Issue 17's quality bar in Chromium: the network connector opens the factsheet of a network study
 * (not the demo), sees its four network sections in the live preview, writes the next steps in
 * their own words and publishes; at 375 and 1280 px, axe-clean.
 */
describe.skipIf(!hasChromium)(`a network study's factsheet screen${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let t: TestApp;
  let browser: Browser;
  let address: string;

  beforeAll(async () => {
    t = await buildTestApp();
    await createNetworkFactsheetStudy(t);
    t.setNow(OPEN);
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = (viewport: { width: number; height: number }): Promise<Page> =>
    openLoggedIn(browser, address, 'verbinder@example.nl', `/app/s/${NETWORK}/factsheet`, viewport);

  it('lets the network connector write the next steps and publish the network factsheet', async () => {
    const page = await open(WIDTHS.desktop);
    const preview = page.frameLocator('iframe.f-frame');
    await expect
      .poll(() => preview.locator('h2').allTextContents(), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['Waar staan we', 'Verandering sinds de vorige meting', 'Verbeterplan', 'Volgende stappen']));
    await expectAccessible(page, 'network factsheet composer');

    await page.click('button[role=tab]:has-text("Teksten")');
    await page.fill('#f-text-nextSteps', 'In de intervisie van september kiezen we samen het volgende verbeterpunt.');
    await page.locator('#f-text-nextSteps').blur();
    await expect.poll(() => page.locator('.f-bar [role=status]').textContent(), { timeout: 20_000 }).toContain('Opgeslagen');
    await expect
      .poll(() => preview.locator('text=In de intervisie van september kiezen we samen het volgende verbeterpunt.').count(), {
        timeout: 20_000,
      })
      .toBe(1);
    expect(await page.locator('#f-name-members').isChecked()).toBe(false);
    await expectAccessible(page, 'network factsheet texts');
    await screenshot(page, 'network-factsheet-composer-desktop');

    await publishFirstVersion(page);
    const html = await t.app.inject({
      method: 'GET',
      url: `/api/studies/${NETWORK}/factsheets/1?format=html`,
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(html.body).toContain('In de intervisie van september kiezen we samen het volgende verbeterpunt.');
    await page.context().close();
  }, 120_000);

  it('fits a phone', async () => {
    const page = await open(WIDTHS.phone);
    await expect.poll(() => page.frameLocator('iframe.f-frame').locator('h2').count(), { timeout: 20_000 }).toBeGreaterThan(4);
    await expectAccessible(page, 'network factsheet composer on a phone');
    await screenshot(page, 'network-factsheet-composer-phone');
    await page.context().close();
  }, 60_000);
});
