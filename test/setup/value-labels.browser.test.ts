import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  screenshot,
  submitLogin,
  useDemoInBrowser,
  waitForLoginForm,
  WIDTHS,
  type DemoInBrowser,
} from '../helpers/browser.js';

/**
 * Role and organisation labels in the cohort screen and quote translations in the factsheet composer, in
 * Chromium at 375 and 1280 px: a researcher edits a label and sees a refused one explained;
 * the composer's quote list has a translation field for the English edition. axe-clean.
 */
describe.skipIf(!hasChromium)(`role labels and quote translations${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let demo: DemoInBrowser;
  useDemoInBrowser((d) => (demo = d));

  async function open(size: (typeof WIDTHS)[keyof typeof WIDTHS], next: string): Promise<Page> {
    const page = await (await demo.browser.newContext({ viewport: size, locale: 'nl-NL' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${demo.base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, demo.base, 'onderzoeker@ggd.nl', next);
    return page;
  }

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`shows the role codes with their labels in the cohort screen (${name})`, async () => {
      const page = await open(size, '/app/s/1000-kansen/cohort');
      const table = page.locator('rondo-value-labels');
      await expect.poll(() => table.locator('.k-labels-roles form').count(), { timeout: 20_000 }).toBe(4);
      expect(await table.locator('.k-labels-organisations form').count()).toBeGreaterThan(0);
      expect(await page.locator('#vl-nl-1').inputValue()).toBe('GGD-arts');
      expect(await page.locator('#vl-en-1').inputValue()).toBe('GGD physician');
      await table.scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, `cohort labels ${name}`);
      await screenshot(page, `cohort-labels-${name}`);
      await table.screenshot({ path: `.screens/cohort-labels-${name}-table.png` });
      await page.context().close();
    }, 60_000);
  }

  it('saves a label and explains a refused one', async () => {
    const page = await open(WIDTHS.desktop, '/app/s/1000-kansen/cohort');
    await page.locator('#vl-nl-1').waitFor();
    await page.fill('#vl-nl-1', 'Jeugdarts');
    await page.locator('rondo-value-labels form').nth(1).getByRole('button').click();
    await expect.poll(() => page.locator('rondo-value-labels .a-alert--ok').textContent()).toContain('ggd-arts');
    expect(await page.locator('#vl-nl-1').inputValue()).toBe('Jeugdarts');
    await page.fill('#vl-nl-0', '<b>coach</b>');
    await page.locator('rondo-value-labels form').nth(0).getByRole('button').click();
    await expect.poll(() => page.locator('rondo-value-labels [role=alert]').textContent()).toContain('platte tekst');
    await expectAccessible(page, 'cohort labels with a refused label');
    // An organisation's label, in the second table.
    const org = page.locator('rondo-value-labels .k-labels-organisations form').first();
    const code = (await org.locator('code').textContent())!;
    await page.fill('#vl-org-nl-0', 'Organisatie Een');
    await org.getByRole('button').click();
    await expect.poll(() => page.locator('rondo-value-labels .a-alert--ok').textContent()).toContain(code);
    expect(await page.locator('#vl-org-nl-0').inputValue()).toBe('Organisatie Een');
    await page.context().close();
  }, 60_000);

  it('offers a translation field for each chosen quote in the composer', async () => {
    const page = await open(WIDTHS.desktop, '/app/s/1000-kansen/factsheet');
    await page.click('button[role=tab]:has-text("Citaten")');
    const field = page.locator('textarea[id^="f-qt-"]').first();
    await field.waitFor({ timeout: 20_000 });
    expect(await field.inputValue()).toMatch(/^I look more closely at the parent–child interaction/);
    expect(await page.locator('label[for^="f-qt-"]').first().textContent()).toBe('Vertaling (Engels)');
    await expectAccessible(page, 'composer quotes with translations');
    await screenshot(page, 'factsheet-quotes-translation');
    await page.locator('.f-quotes li').first().screenshot({ path: '.screens/factsheet-quotes-translation-item.png' });
    await page.context().close();
  }, 60_000);
});
