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
import { roundKeyFromName } from '../../model/round-key.js';

/**
 * Adding and removing a round on the set-up screen, in Chromium at 375 and 1280 px: the key follows the
 * name until the researcher types one, a key with a space is explained in Dutch and nothing is added,
 * and removing a round asks first, naming it. axe-clean.
 */
describe.skipIf(!hasChromium)(`round keys and removal${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let demo: DemoInBrowser;
  useDemoInBrowser((d) => (demo = d));

  async function open(size: (typeof WIDTHS)[keyof typeof WIDTHS]): Promise<Page> {
    const next = '/app/s/1000-kansen/setup';
    const page = await (await demo.browser.newContext({ viewport: size, locale: 'nl-NL' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${demo.base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, demo.base, 'onderzoeker@ggd.nl', next);
    await page.locator('#r-new-nl').waitFor();
    return page;
  }
  const roundKeys = (page: Page) => page.locator('.a-rounds .a-round-head code').allTextContents();

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`adds a round under a key made from its name or typed, and confirms removal (${name})`, async () => {
      const page = await open(size);
      const roundName = `Eerste helft 2027 ${name}`;
      const key = roundKeyFromName(roundName, ['pre', 'mid', 'post']);
      expect(key).toMatch(/^eerste_helft_.*2027$/);
      await page.fill('#r-new-nl', roundName);
      await expect.poll(() => page.locator('#r-new-key').inputValue()).toBe(key);

      await page.fill('#r-new-key', 'twee woorden');
      await page.getByRole('button', { name: 'Meting toevoegen' }).click();
      await expect.poll(() => page.locator('#r-new-key-error').textContent()).toContain('geen spaties');
      expect(await roundKeys(page)).toEqual(['pre', 'mid', 'post']);
      await page.locator('#r-new-key').scrollIntoViewIfNeeded();
      await expectAccessible(page, `set-up rounds with a refused key ${name}`);
      await screenshot(page, `setup-round-key-refused-${name}`);

      await page.fill('#r-new-key', `h1_${name}`);
      await page.getByRole('button', { name: 'Meting toevoegen' }).click();
      await expect.poll(() => roundKeys(page)).toEqual(['pre', 'mid', 'post', `h1_${name}`]);
      await expect.poll(() => page.locator('#r-new-nl').inputValue()).toBe('');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      const asked: string[] = [];
      page.once('dialog', (d) => (asked.push(d.message()), void d.dismiss()));
      await page.getByRole('button', { name: `Verwijderen ${roundName}` }).click();
      await expect.poll(() => asked).toEqual([`Meting "${roundName}" (h1_${name}) verwijderen? Dit kan niet ongedaan worden gemaakt.`]);
      expect(await roundKeys(page)).toEqual(['pre', 'mid', 'post', `h1_${name}`]);
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: `Verwijderen ${roundName}` }).click();
      await expect.poll(() => roundKeys(page)).toEqual(['pre', 'mid', 'post']);
      await expectAccessible(page, `set-up rounds ${name}`);
      await screenshot(page, `setup-rounds-${name}`);
      await page.context().close();
    }, 90_000);
  }
});
