import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { hasChromium, screenshot, WIDTHS, expectAccessible, useDemoInBrowser, submitLogin } from '../helpers/browser.js';

/**
 * The privacy and log screens in Chromium: a researcher sets a retention date, edits the
 * privacy statement, erases a participant keeping the answers under a legal basis, de-links the
 * study with both confirmations, and reads the logs. Every state passes axe and is photographed
 * at 1280 and 375 px (.screens/).
 */
let t: TestApp;
let base: string;
let browser: Browser;

describe.skipIf(!hasChromium)('the privacy screens', () => {
  useDemoInBrowser((demo) => ({ t, base, browser } = demo));

  it('sets a retention date, edits the statement, erases a participant, de-links the study and shows the logs', async () => {
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${base}/login?next=${encodeURIComponent('/app/s/1000-kansen/privacy')}`);
    await submitLogin(page, base, 'onderzoeker@ggd.nl', '/app/s/1000-kansen/privacy');
    await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
    await expectAccessible(page, 'privacy');
    await screenshot(page, 'privacy-desktop-1');

    // Retention.
    const next = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Verwijderen op').fill(next);
    await page.getByRole('button', { name: 'Opslaan' }).first().click();
    await expect.poll(() => page.locator('[role=status]').innerText()).toContain('Opgeslagen');
    expect(
      (t.data.store.sqlite.prepare("select retention_until from study where slug = '1000-kansen'").get() as { retention_until: string })
        .retention_until,
    ).toBe(`${next}T00:00:00.000Z`);

    // The statement, with markup that stays text.
    await page.getByLabel('Nederlands').fill('Uw antwoorden blijven bij de GGD. <b>Vragen?</b> onderzoek@example.nl');
    await page
      .locator('#privacy-statement ~ form button[type=submit], section[aria-labelledby=privacy-statement] button[type=submit]')
      .first()
      .click();
    await expect
      .poll(
        () =>
          JSON.parse(
            (t.data.store.sqlite.prepare("select definition from study where slug = '1000-kansen'").get() as { definition: string })
              .definition,
          ).privacyStatement.nl,
      )
      .toContain('<b>Vragen?</b>');

    // Erase a participant, keeping the answers.
    const p = t.data.store.sqlite
      .prepare('select p.key, c.name from participant p join participant_contact c on c.participant_id = p.id order by p.id limit 1')
      .get() as { key: string; name: string };
    await page.getByLabel('Zoek op naam, e-mailadres of sleutel').fill(p.name);
    await page.locator(`#erase-participant option[value="${p.key}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('Wettelijke grondslag', { exact: true }).fill('AVG art. 17 lid 3 sub d');
    await expectAccessible(page, 'privacy, erasing');
    // A subject-access request from the same form: the chosen participant's data as JSON.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'als JSON (machineleesbaar)' }).click(),
    ]);
    expect(JSON.parse(fs.readFileSync(await download.path(), 'utf8')).participant).toMatchObject({ key: p.key, name: p.name });
    await screenshot(page, 'privacy-desktop-subject-access');
    await page.getByRole('button', { name: 'Wissen' }).click();
    await expect.poll(() => page.locator('[role=status]').innerText()).toContain(`${p.name} is gewist.`);
    await page.getByRole('region', { name: 'Gewist, antwoorden bewaard' }).getByText(p.key).waitFor();
    expect(
      t.data.store.sqlite
        .prepare('select count(*) n from participant_contact c join participant p on p.id = c.participant_id where p.key = ?')
        .get(p.key),
    ).toEqual({ n: 0 });

    // De-link: first confirmation, then the slug typed out.
    await page.getByRole('button', { name: 'Ontkoppelen…' }).click();
    await page.getByLabel(/Typ de korte naam/).fill('1000-kansen');
    await expectAccessible(page, 'privacy, de-linking');
    await screenshot(page, 'privacy-desktop-2-delink');
    await page.getByRole('button', { name: 'Definitief ontkoppelen' }).click();
    await expect.poll(() => page.locator('[role=status]').innerText()).toContain('Het onderzoek is ontkoppeld');
    expect(t.data.store.sqlite.prepare('select count(*) n from participant_contact').get()).toEqual({ n: 0 });

    // The logs show what happened.
    await page.goto(`${base}/app/s/1000-kansen/logs`);
    await page.getByRole('heading', { name: 'Logboeken', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Auditlogboek' }).getByText('privacy.study.delink').waitFor();
    // Each action in words, its code beneath (what the filter matches).
    await page.getByRole('region', { name: 'Auditlogboek' }).getByText('Sleutels ontkoppeld (gepseudonimiseerd)').first().waitFor();
    await expectAccessible(page, 'logs');
    await screenshot(page, 'privacy-desktop-3-logs');

    await page.setViewportSize(WIDTHS.phone);
    await expectAccessible(page, 'logs at 375 px');
    await screenshot(page, 'privacy-phone-logs');
    await page.goto(`${base}/app/s/1000-kansen/privacy`);
    await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
    await expectAccessible(page, 'privacy at 375 px');
    await screenshot(page, 'privacy-phone-1');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
