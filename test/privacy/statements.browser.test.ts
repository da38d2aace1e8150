import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { expectAccessible, hasChromium, screenshot, useDemoInBrowser, waitForLoginForm, WIDTHS } from '../helpers/browser.js';
import { freshInvitations, openRound } from '../respondent/fixture.js';

/**
 * The statements in Chromium: the respondent reaches the privacy statement from the
 * questionnaire's intro and the accessibility statement from its footer; the login page links to
 * the accessibility statement. Each page accessible at 1280 and 375 px, photographed.
 */
let t: TestApp;
let base: string;
let browser: Browser;

async function checkBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(WIDTHS.desktop);
  await expectAccessible(page, name);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(WIDTHS.phone);
  await expectAccessible(page, `${name} at 375 px`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(WIDTHS.desktop);
}

describe.skipIf(!hasChromium)('the statements in the browser', () => {
  useDemoInBrowser((demo) => ({ t, base, browser } = demo));

  it('leads a respondent from the questionnaire to the privacy and accessibility statements, and back', async () => {
    openRound(t, 'post');
    const token = freshInvitations(t, 'post')[0]!.token;
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${base}/r/${token}`);
    await page.waitForURL(`${base}/r`);
    await page.getByRole('link', { name: 'Lees in de privacyverklaring wat er met uw antwoorden gebeurt' }).click();
    await page.waitForURL(`${base}/r/privacy?lang=nl`);
    await page.getByRole('heading', { name: 'Privacyverklaring', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Wie ziet wat' }).waitFor();
    await checkBothWidths(page, 'privacy-statement');

    await page.getByRole('link', { name: 'Terug naar de vragenlijst' }).click();
    await page.waitForURL(`${base}/r?lang=nl`);
    await page.locator('.r-footer').getByRole('link', { name: 'Toegankelijkheid' }).click();
    await page.waitForURL(`${base}/toegankelijkheid`);
    await page.getByRole('heading', { name: 'Toegankelijkheidsverklaring', level: 1 }).waitFor();
    await checkBothWidths(page, 'accessibility-statement');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Accessibility statement', level: 1 }).waitFor();
    await expectAccessible(page, 'accessibility statement in English');

    await page.goto(`${base}/login`);
    await waitForLoginForm(page, 3);
    await page.getByRole('link', { name: 'Toegankelijkheid' }).click();
    await page.waitForURL(`${base}/toegankelijkheid`);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
