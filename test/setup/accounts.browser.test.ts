import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loginAs, type TestApp } from '../helpers/app.js';
import { totpCodeFor } from '../helpers/two-factor.js';
import { expectAccessible, hasChromium, PASSWORD, screenshot, submitLogin, useDemoInBrowser, WIDTHS } from '../helpers/browser.js';

/**
 * The accounts screen in Chromium: an administrator puts an existing account in a study (only
 * administrators add people to studies), and is told in Dutch that an account exists already;
 * at 1280 and 375 px, accessible, photographed.
 */
let t: TestApp;
let base: string;
let browser: Browser;

describe.skipIf(!hasChromium)('the accounts screen', () => {
  useDemoInBrowser((demo) => ({ t, base, browser } = demo));

  it('lets an administrator add an existing account to a study, and says in Dutch that an account exists already', async () => {
    await loginAs(t, 'beheer@ggd.nl', { isAdmin: true, password: PASSWORD });
    await loginAs(t, 'trainer-zonder-onderzoek@ggd.nl', { password: PASSWORD });
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/login?next=${encodeURIComponent('/app/users')}`);
    await submitLogin(page, base, 'beheer@ggd.nl', '/app/users', () => totpCodeFor(t, 'beheer@ggd.nl'));
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await expectAccessible(page, 'accounts');

    await page.getByLabel('Account', { exact: true }).selectOption({ label: 'trainer-zonder-onderzoek@ggd.nl' });
    await page.getByLabel('Onderzoek', { exact: true }).selectOption('1000-kansen');
    await page.locator('#as-role').selectOption('trainer');
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await expect.poll(() => page.locator('#users-status').innerText()).toContain('trainer-zonder-onderzoek@ggd.nl is toegevoegd aan');
    expect(
      t.data.store.sqlite
        .prepare(
          'select m.role from study_member m join user u on u.id = m.user_id join study s on s.id = m.study_id ' +
            "where u.email = ? and s.slug = '1000-kansen'",
        )
        .pluck()
        .get('trainer-zonder-onderzoek@ggd.nl'),
    ).toBe('trainer');
    await screenshot(page, 'accounts-desktop');

    await page.setViewportSize(WIDTHS.phone);
    await expectAccessible(page, 'accounts at 375 px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'accounts-phone');

    // An account that exists already: refused in Dutch where the administrator is looking (the form is at the
    // bottom of a long list, the message above it), nothing added; on a phone and on a desktop.
    const users = () => t.data.store.sqlite.prepare('select count(*) from user').pluck().get() as number;
    for (const [name, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      await page.reload();
      await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
      const before = users();
      await page.locator('#nu-email').fill('onderzoeker@ggd.nl');
      await page.locator('#nu-email').press('Enter');
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.innerText()).toBe('Er is al een account voor onderzoeker@ggd.nl.');
      // The refusal itself has the focus (not the empty status region above it), once the list has
      // been read again: the refusal shows before that, the focus moves after it.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('users-error');
      const box = (await alert.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      expect(users()).toBe(before);
      await expectAccessible(page, `accounts refusal at ${viewport.width} px`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `accounts-exists-${name}`);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
