import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createDemoNetworks } from '../../server/studies/demo-networks.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { expectAccessible, hasChromium, openLoggedIn, PASSWORD, screenshot, useAppInBrowser, WIDTHS } from '../helpers/browser.js';

/**
 * The network profile on the dashboard (issue 17), on the demo network that misses a domain
 * (imh-netwerk-peel): the summary "4 van 5 domeinen vertegenwoordigd; ontbreekt: …", members per
 * domain and network role, and per scan the respondents naming each domain. At 1280 and 375 px,
 * axe-clean, no sideways scrolling on the phone; screenshots in .screens/.
 */
let t: TestApp;
let base: string;
let browser: Browser;
const DASH = '/app/s/imh-netwerk-peel/dashboard';

async function open(width: keyof typeof WIDTHS): Promise<Page> {
  const page = await openLoggedIn(browser, base, 'verbinder@ggd.nl', DASH, WIDTHS[width], 1);
  await page.locator('rondo-network-profile').getByRole('heading', { name: 'Netwerkprofiel' }).waitFor();
  return page;
}

describe.skipIf(!hasChromium)('the network profile in the browser', () => {
  useAppInBrowser(
    async () => {
      const t = await buildTestApp();
      await createDemoNetworks(t.data.store.db, t.data.secret);
      await loginAs(t, 'verbinder@ggd.nl', { role: 'researcher', study: 'imh-netwerk-peel', password: PASSWORD });
      return t;
    },
    (running) => ({ t, base, browser } = running),
  );

  it('shows which domains are represented and missing, per role and per scan (1280 px)', async () => {
    const page = await open('desktop');
    const card = page.locator('rondo-network-profile');
    expect(await card.locator('[data-test=coverage]').innerText()).toBe(
      '4 van 5 domeinen vertegenwoordigd; ontbreekt: (Ouder- en kind-)GGZ',
    );
    const ggz = card.locator('tr[data-domain=ggz]');
    expect(await ggz.innerText()).toContain('ontbreekt');
    expect(await card.getByRole('columnheader', { name: 'IMH-steunnetwerk' }).count()).toBe(1);
    expect(await card.getByRole('heading', { name: 'Volgens de antwoorden, per scan' }).count()).toBe(1);
    expect(await card.locator('table').nth(1).innerText()).toMatch(/\d+ van 10/);
    expect(await page.locator('main').innerText()).not.toMatch(/\b(training|ZAT|tools?)\b/i);
    await card.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'network profile 1280');
    await screenshot(page, 'quickscan-network-profile-desktop');
    await card.screenshot({ path: '.screens/quickscan-network-profile-card-desktop.png' });
    // English through the language switch, the study's words kept ("per scan").
    await page.getByRole('button', { name: 'EN English' }).click();
    await expect
      .poll(() => card.locator('[data-test=coverage]').innerText())
      .toBe('4 of 5 domains represented; missing: (Parent and child) mental health care');
    expect(await card.getByRole('heading', { name: 'According to the answers, per scan' }).count()).toBe(1);
    await expectAccessible(page, 'network profile 1280 en');
    await page.getByRole('button', { name: 'NL Nederlands' }).click();
    await expect.poll(() => card.getByRole('heading', { name: 'Netwerkprofiel' }).count()).toBe(1);
    // "Mijn onderzoeken" names the network's rounds in its own word too.
    await page.goto(`${base}/app`);
    const studyCard = page.locator('article.a-study', { hasText: 'Peel' });
    await expect.poll(() => studyCard.innerText(), { timeout: 20_000 }).toMatch(/Scans\s/);
    expect(await studyCard.innerText()).not.toContain('Metingen');
    await page.context().close();
  });

  it('fits the phone (375 px)', async () => {
    const page = await open('phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // One domain a line instead of the tables: every number in view without scrolling sideways.
    const ggz = page.locator('rondo-network-profile .d-network-list li').filter({ hasText: '(Ouder- en kind-)GGZ' });
    expect(await ggz.innerText()).toMatch(/ontbreekt\s+0 leden\s+Genoemd: Eerste helft 2026: \d+ van 10 · Tweede helft 2026: \d+ van 10/);
    await expectAccessible(page, 'network profile 375');
    await screenshot(page, 'quickscan-network-profile-phone');
    await page.locator('rondo-network-profile').screenshot({ path: '.screens/quickscan-network-profile-card-phone.png' });
    await page.context().close();
  });
});
