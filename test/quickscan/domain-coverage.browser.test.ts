import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DomainsResponse } from '../../model/api/domains.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  openLoggedIn,
  PASSWORD,
  screenshot,
  useAppInBrowser,
  WIDTHS,
} from '../helpers/browser.js';
import { ATTRIBUTES, ZUID, createZuidStudy } from './domain-fixture.js';

/**
 * The cohort screen's network profile and domain coverage setting (issue 17, domainsui) in
 * Chromium on a generated network study (not the demo): only attributes with allowed values and
 * only the fitting question are offered; a refusal (the attribute lost its values in another tab)
 * is shown next to its field and saves nothing; saved, the profile lists the members per domain
 * and role and the missing domain, in Dutch and English. 1280 and 375 px, axe-clean; screenshots
 * in .screens/.
 */
const COHORT = `/app/s/${ZUID}/cohort`;

describe.skipIf(!hasChromium)(`domain coverage on the cohort screen${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let connector: LoggedIn;

  useAppInBrowser(
    async () => {
      const t = await buildTestApp();
      connector = await createZuidStudy(t, () =>
        loginAs(t, 'verbinder@netwerkzuid.nl', { role: 'researcher', study: ZUID, password: PASSWORD }),
      );
      return t;
    },
    (running) => ({ t, base, browser } = running),
  );

  async function open(size: (typeof WIDTHS)[keyof typeof WIDTHS]): Promise<Page> {
    const page = await openLoggedIn(browser, base, 'verbinder@netwerkzuid.nl', COHORT, size);
    await page.locator('rondo-domain-coverage').getByRole('heading', { name: 'Netwerkprofiel' }).waitFor();
    return page;
  }
  const setting = async () =>
    (
      (
        await t.app.inject({ method: 'GET', url: `/api/studies/${ZUID}/cohort/domains`, headers: connector.headers })
      ).json() as DomainsResponse
    ).setting;
  const putAttributes = async (attributes: unknown) => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/studies/${ZUID}/cohort/attributes`,
      headers: connector.headers,
      payload: { attributes },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const options = (page: Page, id: string) => page.locator(`#${id} option`).allInnerTexts();

  it('offers only fitting choices, shows a refusal next to its field, saves, and lists the profile (1280 px)', async () => {
    const page = await open(WIDTHS.desktop);
    const card = page.locator('rondo-domain-coverage');
    expect(await card.innerText()).toContain('Domeindekking staat uit.');
    expect(await options(page, 'dc-attribute')).toEqual(['Kies een kenmerk', 'Werkveld', 'Rol in het netwerk']);
    await page.getByLabel('Kenmerk met de domeinen').selectOption('werkveld');
    expect(await options(page, 'dc-role')).toEqual(['Geen', 'Rol in het netwerk', 'Gemeente']);
    expect(await options(page, 'dc-item')).toEqual(['Geen', 'Welke werkvelden zijn in het netwerk vertegenwoordigd?']);
    await page.locator('#dc-item').selectOption('domeinen');

    // Meanwhile, in another tab, the domain attribute loses its list of values: the server refuses.
    await putAttributes([{ key: 'werkveld', label: ATTRIBUTES[0].label }, ...ATTRIBUTES.slice(1)]);
    await card.getByRole('button', { name: 'Opslaan' }).click();
    const problem = page.locator('#dc-attribute-error');
    await expect.poll(() => problem.innerText()).toContain('heeft geen lijst met toegestane waarden');
    expect(await page.locator('#dc-attribute').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#dc-attribute').getAttribute('aria-describedby')).toContain('dc-attribute-error');
    expect(await setting()).toBeNull();
    await expectAccessible(page, 'domain coverage refusal 1280');
    await screenshot(page, 'domainsui-refusal-desktop');

    // Put right, reloaded, chosen again and saved.
    await putAttributes(ATTRIBUTES);
    await page.reload();
    await card.getByRole('heading', { name: 'Netwerkprofiel' }).waitFor();
    await page.getByLabel('Kenmerk met de domeinen').selectOption('werkveld');
    await page.getByLabel('Kenmerk met de rol in het netwerk (optioneel)').selectOption('netwerkrol');
    await page.locator('#dc-item').selectOption('domeinen');
    await card.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => card.getByRole('status').innerText()).toBe('Domeindekking opgeslagen.');
    expect(await setting()).toEqual({ attribute: 'werkveld', roleAttribute: 'netwerkrol', item: 'domeinen' });
    expect(await card.locator('[data-test=coverage]').innerText()).toBe('3 van 4 domeinen vertegenwoordigd; ontbreekt: Sociaal domein');
    expect(await card.locator('li[data-domain=jgz]').innerText()).toMatch(/Jeugdgezondheidszorg\s+2 leden: Netwerkteam 1 · Steunnetwerk 1/);
    expect(await card.locator('li[data-domain=sd]').innerText()).toMatch(/Sociaal domein\s+ontbreekt\s+geen leden/);
    expect(await page.locator('main').innerText()).not.toMatch(/\b(training|ZAT|tools?)\b/i);
    await card.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'network profile on the cohort screen 1280');
    await screenshot(page, 'domainsui-cohort-desktop');
    await card.screenshot({ path: '.screens/domainsui-card-desktop.png' });

    await page.getByRole('button', { name: 'EN English' }).click();
    await expect.poll(() => card.locator('[data-test=coverage]').innerText()).toBe('3 of 4 domains represented; missing: Social domain');
    expect(await card.locator('li[data-domain=ko]').innerText()).toMatch(/Childcare\s+2 members: Network team 1 · Support network 1/);
    await expectAccessible(page, 'network profile on the cohort screen 1280 en');
    // The choice is saved on the account (PATCH /api/account): the phone test logs in as the same
    // user, so it must be saved before this context closes, or that test opens in English.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/account') && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'NL Nederlands' }).click();
    expect((await saved).ok()).toBe(true);
    await page.context().close();
  });

  it('fits the phone, the setting folded away under its summary (375 px)', async () => {
    const page = await open(WIDTHS.phone);
    const card = page.locator('rondo-domain-coverage');
    await card.locator('[data-test=coverage]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await card.getByText('Instelling domeindekking wijzigen').click();
    expect(await page.locator('#dc-role').inputValue()).toBe('netwerkrol');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'network profile on the cohort screen 375');
    await screenshot(page, 'domainsui-cohort-phone');
    await card.screenshot({ path: '.screens/domainsui-card-phone.png' });
    await page.context().close();
  });
});
