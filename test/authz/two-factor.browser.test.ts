import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { expectAccessible, hasChromium, PASSWORD, screenshot, useDemoInBrowser, waitForLoginForm, WIDTHS } from '../helpers/browser.js';
import { totpCodeFor, totpCodeFromSecret } from '../helpers/two-factor.js';
import { createUser } from '../../server/users.js';

/**
 * Two-step verification in Chromium, as an administrator meets it: sent to enrolment at the
 * first login, enrols with the code an app computes from the key shown, keeps the recovery
 * codes, logs out, logs in with a code from the app and then with a recovery code. At 1280 and
 * 375 px, accessible, photographed.
 */
let t: TestApp;
let base: string;
let browser: Browser;
const EMAIL = 'beheer-2fa@ggd.nl';

async function logOut(page: Page): Promise<void> {
  await page.locator('.a-account > button').click();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL(`${base}/login`);
}

async function passwordStep(page: Page): Promise<void> {
  await waitForLoginForm(page, 3);
  await page.getByLabel('E-mailadres').fill(EMAIL);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

describe.skipIf(!hasChromium)('two-step verification in the browser', () => {
  useDemoInBrowser((demo) => ({ t, base, browser } = demo));

  it('enrols an administrator at the first login, then logs in with a code and with a recovery code', async () => {
    await createUser(t.data.store.db, { email: EMAIL, password: PASSWORD, isAdmin: true });
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // First login: the administrator has no second factor yet and is sent to set it up.
    await page.goto(`${base}/login`);
    await passwordStep(page);
    await page.waitForURL(`${base}/app/account`);
    await page.getByText('Voor uw account is tweestapsverificatie verplicht').waitFor();
    await page.goto(`${base}/app/users`); // nothing else opens until enrolled
    await page.waitForURL(`${base}/app/account`);
    await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
    const qr = page.getByRole('img', { name: 'QR-code om rondo aan uw authenticator-app toe te voegen' });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth > 0 && img.src.startsWith('data:image/svg+xml'))).toBe(true);
    await expectAccessible(page, 'enrolment');
    await screenshot(page, 'two-factor-enrol-desktop');
    await page.setViewportSize(WIDTHS.phone);
    await expectAccessible(page, 'enrolment at 375 px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'two-factor-enrol-phone');
    await page.setViewportSize(WIDTHS.desktop);

    const secret = (await page.locator('#tf-secret').innerText()).replace(/\s/g, '');
    await page.getByLabel('Code uit de app').fill(totpCodeFromSecret(t, secret, 2)); // a wrong code first
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText('Deze code klopt niet').waitFor();
    await page.getByLabel('Code uit de app').fill(totpCodeFromSecret(t, secret));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('heading', { name: 'Uw herstelcodes' }).waitFor();
    const codes = await page.locator('.a-recovery-codes li').allInnerTexts();
    expect(codes).toHaveLength(10);
    await expectAccessible(page, 'recovery codes');
    await screenshot(page, 'two-factor-codes-desktop');
    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/app') && url.pathname !== '/app/account');
    await logOut(page);

    // With a code from the app.
    await passwordStep(page);
    await page.getByRole('heading', { name: 'Tweestapsverificatie', level: 1 }).waitFor();
    await expectAccessible(page, 'second login step');
    await screenshot(page, 'two-factor-login-desktop');
    await page.setViewportSize(WIDTHS.phone);
    await expectAccessible(page, 'second login step at 375 px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'two-factor-login-phone');
    await page.setViewportSize(WIDTHS.desktop);
    await page.getByLabel('Code uit de app').fill('000000');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('Deze code klopt niet').waitFor();
    await page.getByLabel('Code uit de app').fill(totpCodeFor(t, EMAIL));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/app'));
    await page.locator('.a-account > button').waitFor();
    await logOut(page);

    // With a recovery code.
    await passwordStep(page);
    await page.getByRole('button', { name: 'App niet bij de hand? Gebruik een herstelcode' }).click();
    await page.getByLabel('Herstelcode').fill(codes[0]!);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/app'));
    await page.goto(`${base}/app/account`);
    await page.getByText('U heeft nog 9 ongebruikte herstelcodes.').waitFor();
    await expectAccessible(page, 'account with two-step verification on');
    await screenshot(page, 'two-factor-account-desktop');
    await page.getByRole('button', { name: 'EN English' }).click();
    await page.getByText('Two-step verification is on.').waitFor();
    await page.getByRole('button', { name: 'Turn off two-step verification' }).click();
    await page.getByLabel('Code from the app or recovery code').waitFor();
    await expectAccessible(page, 'turning it off, in English');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
