import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { CHROMIUM, WIDTHS, axe, describeViolations, hasChromium, launchBrowser, openLoggedIn, screenshot } from '../helpers/browser.js';
import { SPLIT_SLUG, seedSplitMonitor } from './split-monitor.js';

/**
 * The composer's subgroup choices (issue 16) in Chromium, on the generated network monitor: the
 * researcher limits the factsheet to the parents (the preview's title area says "Alleen ouders"),
 * then splits the indicators per domain (the preview shows the table with the hidden cells), and
 * leaves a question out of the questions section; at 1280 and 375 px, axe-clean.
 */
describe.skipIf(!hasChromium)(`factsheet composer: subgroups${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let t: TestApp;
  let browser: Browser;
  let address: string;
  let researcher: LoggedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    await seedSplitMonitor(t.data.store);
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SPLIT_SLUG });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const open = (viewport: { width: number; height: number }): Promise<Page> =>
    openLoggedIn(browser, address, 'onderzoeker@example.nl', `/app/s/${SPLIT_SLUG}/factsheet`, viewport);

  it('limits the factsheet to one group and splits a section per domain, shown in the preview', async () => {
    const page = await open(WIDTHS.desktop);
    const preview = page.frameLocator('iframe.f-frame');
    await expect.poll(() => preview.locator('h1').textContent(), { timeout: 20_000 }).toBe('Netwerkmonitor Jeugdnetwerk Zuid');

    await page.selectOption('#f-audience', 'ouders');
    await expect.poll(() => preview.locator('.scope').textContent(), { timeout: 20_000 }).toBe('Alleen ouders');
    await page.selectOption('#f-audience', '');
    await expect.poll(() => preview.locator('.scope').count(), { timeout: 20_000 }).toBe(0);

    await page.selectOption('#f-sec-indicators-split', 'domain');
    await expect.poll(() => preview.locator('.split caption').first().textContent(), { timeout: 20_000 }).toBe('Per domein');
    expect(await preview.locator('.split td.hidden').count()).toBeGreaterThan(0);
    // With the questions' half-width panels on, the preview breaks into as many A4 pages as the PDF.
    await page.locator('.f-section:has-text("Uitkomsten per vraag") input[type=checkbox]').check();
    await expect.poll(() => preview.locator('.pair').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await preview.locator('.sheet.paged').waitFor();
    await expect.poll(() => page.locator('.f-bar [role=status]').textContent(), { timeout: 20_000 }).toContain('Opgeslagen');
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/studies/${SPLIT_SLUG}/factsheet/draft/output?format=pdf`,
      headers: researcher.headers,
    });
    const pages = (pdf.rawPayload.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(2);
    await expect.poll(() => preview.locator('.page').count(), { timeout: 20_000 }).toBe(pages);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.locator('#f-sec-indicators-split').scrollIntoViewIfNeeded();
    await screenshot(page, 'factsheet-composer-split-desktop');

    const phone = await open(WIDTHS.phone);
    await expect.poll(() => phone.locator('#f-sec-indicators-split').inputValue(), { timeout: 20_000 }).toBe('domain');
    await phone.locator('#f-sec-indicators-split').scrollIntoViewIfNeeded();
    const onPhone = await axe(phone);
    expect(onPhone, describeViolations(onPhone)).toEqual([]);
    // Nothing wider than the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, 'factsheet-composer-split-phone');
  }, 120_000);

  it('says in Dutch why a split whose attribute was removed is refused, and saves once it is changed', async () => {
    // The draft splits the indicators per domain (the test above); the researcher then removes the attribute.
    const removed = await t.app.inject({
      method: 'PUT',
      url: `/api/studies/${SPLIT_SLUG}/cohort/attributes`,
      headers: researcher.headers,
      payload: { attributes: [] },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    for (const [name, size] of Object.entries(WIDTHS)) {
      const page = await open(size);
      const split = page.locator('#f-sec-indicators-split');
      await expect.poll(() => split.inputValue(), { timeout: 20_000 }).toBe('domain');
      expect(await split.locator('option:checked').textContent()).toBe('domain (bestaat niet meer)');
      expect(await split.getAttribute('aria-invalid')).toBe('true');
      if (name === 'desktop') {
        // Any change is refused while the split names what the study no longer has, with the reason in Dutch.
        await page.locator('.f-section:has-text("Technische bijlage") input[type=checkbox]').check();
        const alert = page.locator('.a-main [role=alert]').first();
        await expect
          .poll(() => alert.textContent(), { timeout: 20_000 })
          .toContain('De sectie "Indicatoren" is uitgesplitst naar "domain", maar dat kenmerk heeft dit onderzoek (niet meer)');
      }
      await split.scrollIntoViewIfNeeded();
      const violations = await axe(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await screenshot(page, `factsheet-composer-split-gone-${name}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      if (name === 'desktop') {
        await split.selectOption('');
        await expect.poll(() => page.locator('.f-bar [role=status]').textContent(), { timeout: 20_000 }).toContain('Opgeslagen');
      }
      await page.context().close();
    }
  }, 120_000);

  it('leaves a question out of "Uitkomsten per vraag" by its checkbox, in the preview and the saved draft', async () => {
    const page = await open(WIDTHS.desktop);
    const preview = page.frameLocator('iframe.f-frame');
    const QUESTION = 'Welk cijfer geeft u de hulp?';
    const omitted = async () => {
      const saved = await t.app.inject({ url: `/api/studies/${SPLIT_SLUG}/factsheet/draft`, headers: researcher.headers });
      return saved.json().composition.sections.find((s: { key: string }) => s.key === 'questions').omit;
    };
    await expect.poll(() => preview.locator('.s-questions').textContent(), { timeout: 20_000 }).toContain(QUESTION);
    const list = page.locator('.f-questions');
    const summary = list.locator('summary');
    const total = await list.locator('input[type=checkbox]').count();
    expect(total).toBeGreaterThan(2);
    expect(await summary.textContent()).toBe(`Vragen: ${total} van ${total}`);
    await summary.click();
    await list.getByLabel(QUESTION).uncheck();
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toBe(`Vragen: ${total - 1} van ${total}`);
    await expect.poll(() => page.locator('.f-bar [role=status]').textContent(), { timeout: 20_000 }).toContain('Opgeslagen');
    await expect.poll(() => preview.locator('.s-questions').textContent(), { timeout: 20_000 }).not.toContain(QUESTION);
    expect(await omitted()).toEqual(['ouder_cijfer']);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await list.scrollIntoViewIfNeeded();
    await screenshot(page, 'factsheet-composer-questions-desktop');
    // Ticked again, the question is back and the list stays open under the researcher's hand.
    await list.getByLabel(QUESTION).check();
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toBe(`Vragen: ${total} van ${total}`);
    expect(await list.getAttribute('open')).toBe('');
    await list.getByLabel(QUESTION).uncheck();
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toBe(`Vragen: ${total - 1} van ${total}`);
    await expect.poll(omitted, { timeout: 20_000 }).toEqual(['ouder_cijfer']);

    // On a phone the list opens by itself when a question is off, and fits the screen.
    const phone = await open(WIDTHS.phone);
    const onPhoneList = phone.locator('.f-questions');
    await expect.poll(() => onPhoneList.getAttribute('open'), { timeout: 20_000 }).toBe('');
    expect(await onPhoneList.getByLabel(QUESTION).isChecked()).toBe(false);
    await onPhoneList.scrollIntoViewIfNeeded();
    const onPhone = await axe(phone);
    expect(onPhone, describeViolations(onPhone)).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, 'factsheet-composer-questions-phone');

    // In English (the researcher's own language from here on: the last test of this file).
    const english = await t.app.inject({ method: 'PATCH', url: '/api/account', headers: researcher.headers, payload: { language: 'en' } });
    expect(english.statusCode, english.body).toBeLessThan(300);
    const en = await open(WIDTHS.desktop);
    const enList = en.locator('.f-questions');
    await expect.poll(() => enList.locator('summary').textContent(), { timeout: 20_000 }).toBe(`Questions: ${total - 1} of ${total}`);
    expect(await enList.locator('legend').textContent()).toBe('Which questions are in the factsheet?');
    await enList.scrollIntoViewIfNeeded();
    await screenshot(en, 'factsheet-composer-questions-en-desktop');
  }, 120_000);
});
