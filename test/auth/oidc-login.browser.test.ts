import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { expectAccessible, hasChromium, launchBrowser, PASSWORD, screenshot, WIDTHS } from '../helpers/browser.js';
import { startProvider, type TestProvider } from '../helpers/oidc-provider.js';
import type { Config } from '../../server/config.js';
import { createUser } from '../../server/users.js';

/**
 * The login screen with single sign-on, in Chromium against a real OpenID provider process:
 * the "Inloggen met …" button next to the password form, the whole round trip through the
 * provider's login page, a refusal said on the screen, and the screen without the password form
 * when password login is off. At 1280 and 375 px, accessible, photographed.
 */
const CLIENT = { clientId: 'rondo-browser', clientSecret: 'another-secret-only-the-test-knows' };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let provider: TestProvider;
let browser: Browser;
const apps: TestApp[] = [];

/** rondo listening on 127.0.0.1 with single sign-on to the test provider. */
async function rondo(base: string, port: number, config: Partial<Config> = {}): Promise<TestApp> {
  const t = await buildTestApp({
    config: {
      baseUrl: base,
      port,
      oidc: {
        issuer: provider.issuer,
        ...CLIENT,
        redirectUrl: `${base}/login/sso/callback`,
        allowedDomains: ['ggd.example'],
        accountClaim: 'email',
        createAccounts: false,
        buttonName: 'GGD-account',
      },
      ...config,
    },
  });
  apps.push(t);
  await createUser(t.data.store.db, { email: 'anna.jansen@ggd.example', password: PASSWORD, displayName: 'Anna Jansen' });
  await t.app.listen({ port, host: '127.0.0.1' });
  return t;
}

const ports: number[] = [];
const bases: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  for (let i = 0; i < 2; i++) {
    ports.push(await freePort());
    bases.push(`http://127.0.0.1:${ports[i]}`);
  }
  [provider, browser] = await Promise.all([
    startProvider({
      ...CLIENT,
      claimsInIdToken: true,
      redirectUri: `${bases[0]}/login/sso/callback`,
      postLogoutRedirectUri: `${bases[0]}/login`,
      extraRedirectUris: [`${bases[1]}/login/sso/callback`],
    }),
    launchBrowser(),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(apps.map((t) => t.close()));
  await provider?.stop();
});

async function openPage(
  width: (typeof WIDTHS)[keyof typeof WIDTHS],
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: width, locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, close: () => context.close() };
}

describe.skipIf(!hasChromium)('the login screen with single sign-on', () => {
  it('offers "Inloggen met GGD-account" beside the password form, logs in through the provider and back', async () => {
    await rondo(bases[0], ports[0]);
    const { page, errors, close } = await openPage(WIDTHS.desktop);
    await page.goto(`${bases[0]}/login?next=${encodeURIComponent('/app/account')}`);
    const button = page.getByRole('button', { name: 'Inloggen met GGD-account' });
    await button.waitFor();
    await expect.poll(() => page.getByLabel('E-mailadres').isVisible()).toBe(true);
    await expectAccessible(page, 'login with single sign-on');
    await screenshot(page, 'login-sso-desktop');
    await page.setViewportSize(WIDTHS.phone);
    await expectAccessible(page, 'login with single sign-on at 375 px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'login-sso-phone');

    await button.click();
    // The provider's own login page (oidc-provider's development form).
    await page.locator('input[name="login"]').fill('anna');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${bases[0]}/app/account`);
    expect(errors).toEqual([]);
    await close();
  }, 60_000);

  it('says why a single sign-on was refused', async () => {
    const { page, close } = await openPage(WIDTHS.phone);
    await page.goto(`${bases[0]}/login?sso=unknown-account`);
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe('Er is geen rondo-account voor uw e-mailadres. Vraag de beheerder van rondo om een account.');
    await expectAccessible(page, 'refused single sign-on');
    await screenshot(page, 'login-sso-refused-phone');
    await page.goto(`${bases[0]}/login?sso=throttled&wait=60`);
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('Te veel mislukte pogingen. Probeer het over 1 minuut opnieuw.');
    await close();
  }, 60_000);

  it('shows only the single sign-on button when password login is off, and no password card on the account screen', async () => {
    await rondo(bases[1], ports[1], { passwordLogin: false });
    const { page, errors, close } = await openPage(WIDTHS.desktop);
    await page.goto(`${bases[1]}/login`);
    await page.getByRole('button', { name: 'Inloggen met GGD-account' }).waitFor();
    await expect.poll(() => page.getByText('Log in met het account van uw organisatie.').isVisible()).toBe(true);
    expect(await page.getByLabel('E-mailadres').count()).toBe(0);
    await expectAccessible(page, 'login with single sign-on only');
    await screenshot(page, 'login-sso-only-desktop');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Log in with GGD-account' }).click();
    await page.locator('input[name="login"]').fill('anna');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${bases[1]}/app`);
    // The account screen (in the account's language, Dutch): no password or two-step cards
    // where only single sign-on logs in.
    await page.goto(`${bases[1]}/app/account`);
    await page.getByText('U logt in met GGD-account. Uw wachtwoord en tweestapsverificatie regelt u bij uw organisatie.').waitFor();
    expect(await page.getByLabel('Huidig wachtwoord').count()).toBe(0);
    await expectAccessible(page, 'account with single sign-on only');
    await screenshot(page, 'account-sso-only-desktop');
    expect(errors).toEqual([]);
    await close();
  }, 60_000);
});
