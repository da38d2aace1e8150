import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { expectAccessible, hasChromium, screenshot, submitLogin, useDemoInBrowser, WIDTHS } from '../helpers/browser.js';

/**
 * The API tokens on the account screen in Chromium: a researcher makes a token (shown once,
 * copied with the button), the token reads the analysis, the list shows it used, and revoking
 * after a confirmation ends it — at 1280 and 375 px, accessible, photographed.
 */
let t: TestApp;
let base: string;
let browser: Browser;

describe.skipIf(!hasChromium)('the API tokens on the account screen', () => {
  useDemoInBrowser((demo) => ({ t, base, browser } = demo));

  it('makes a token shown once, lists its use and revokes it after a confirmation', async () => {
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/login?next=${encodeURIComponent('/app/account')}`);
    await submitLogin(page, base, 'onderzoeker@ggd.nl', '/app/account');
    await page.getByRole('heading', { name: 'API-sleutels', level: 2 }).waitFor();
    await page.getByText('U heeft nog geen API-sleutels.').waitFor();
    await expectAccessible(page, 'account with API tokens');

    const create = page.getByRole('button', { name: 'Sleutel maken' });
    await page.getByLabel('Naam', { exact: true }).last().fill('R-script jaarrapport');
    await create.click();
    await page.getByText('Kies minstens één recht.').waitFor();
    await page.getByRole('checkbox', { name: /Analyse lezen/ }).check();
    await page.getByLabel('Geldig').selectOption('30');
    await create.click();

    const field = page.getByLabel('API-sleutel', { exact: true });
    await field.waitFor();
    const token = await field.inputValue();
    expect(token).toMatch(/^rondo_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Kopiëren' }).click();
    await page.getByText('Gekopieerd.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await expectAccessible(page, 'new token shown once');
    await screenshot(page, 'api-tokens-desktop');

    const used = await fetch(`${base}/api/studies/1000-kansen/analysis`, { headers: { authorization: `Bearer ${token}` } });
    expect(used.status).toBe(200);
    await page.getByRole('button', { name: 'Ik heb hem bewaard' }).click();
    await page.reload();
    const row = page.locator('tr', { hasText: 'R-script jaarrapport' });
    await expect.poll(() => row.innerText()).toContain('actief');
    expect(await row.innerText()).toContain('analyse');
    expect(await row.innerText()).not.toContain('nooit');
    expect(await page.content()).not.toContain(token);

    await page.setViewportSize(WIDTHS.phone);
    await expectAccessible(page, 'API tokens at 375 px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'api-tokens-phone');

    page.once('dialog', (d) => {
      expect(d.message()).toContain('R-script jaarrapport');
      void d.accept();
    });
    await page.getByRole('button', { name: 'Sleutel R-script jaarrapport intrekken' }).click();
    await page.getByText('De sleutel “R-script jaarrapport” is ingetrokken.').waitFor();
    await expect.poll(() => row.innerText()).toContain('ingetrokken');
    const refused = await fetch(`${base}/api/studies/1000-kansen/analysis`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe('TOKEN_REVOKED');

    await page.locator('.a-lang button[lang="en"]').click();
    await page.getByRole('heading', { name: 'API tokens', level: 2 }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
