import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { hasChromium, screenshot, WIDTHS, expectAccessible, useDemoInBrowser, submitLogin } from '../helpers/browser.js';
import { xlsxChunks } from '../../server/exchange/xlsx/workbook.js';

/**
 * A researcher sets up a study in the browser: creates it from the IMH template, edits an
 * item in Dutch and English, adds a chain partner, previews the questionnaire, imports a
 * cohort CSV with errors, fixes the file and imports it. Every screen passes axe (WCAG 2.1 AA)
 * and is photographed at 1280 and 375 px for a person to look at (.screens/).
 */
const BAD_CSV =
  'Naam;E-mail;Organisatie;Functie\r\nAnna de Vries;anna@ggd.nl;GGD Limburg-Noord;JGZ-verpleegkundige\r\nBram <b>Jansen</b>;bram@;Wijkteam Venray;gezinscoach\r\n';
const GOOD_CSV = BAD_CSV.replace('bram@;', 'bram@wijkteam.nl;');

let t: TestApp;
let base: string;
let browser: Browser;

async function login(page: Page, next: string): Promise<void> {
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await submitLogin(page, base, 'onderzoeker@ggd.nl', next);
}

describe.skipIf(!hasChromium)('study set-up in the browser', () => {
  useDemoInBrowser((demo) => ({ t, base, browser } = demo));

  it('creates a study from the template, edits an item in both languages, adds a partner, previews it and imports a cohort', async () => {
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${base}/login`);
    await expectAccessible(page, 'login');
    await screenshot(page, 'setup-desktop-1-login');
    await login(page, '/app/new');

    // 1. A new study from the IMH template.
    await expectAccessible(page, 'new study');
    await page.getByLabel('Titel (Nederlands)').fill('IMH-training Venlo 2027');
    await page.getByLabel('Titel (Engels)').fill('IMH training Venlo 2027');
    await page.getByLabel('Organisatie', { exact: true }).fill('GGD Limburg-Noord');
    await expect.poll(() => page.getByRole('radio', { name: /Evaluatie IMH-training/ }).isChecked()).toBe(true);
    await screenshot(page, 'setup-desktop-2-new-study');
    await page.getByRole('button', { name: 'Onderzoek aanmaken' }).click();
    await page.waitForURL(`${base}/app/s/imh-training-venlo-2027/questionnaire`);
    await page.locator('.b-item').first().waitFor();
    await expectAccessible(page, 'builder');

    // 2. Edit an item in Dutch and English, with markup that must stay text.
    await page.getByRole('button', { name: 'Vraag comp_signal bewerken' }).click();
    await page.locator('#ie-comp_signal-text-nl').fill('Ik kan problemen bij jonge kinderen <script>alert(1)</script> goed signaleren.');
    await page.locator('#ie-comp_signal-text-en').fill('I can signal problems in young children well.');
    await expect.poll(() => page.locator('.b-status').innerText()).toContain('Niet-opgeslagen wijzigingen');
    await expectAccessible(page, 'builder with an item open');
    await screenshot(page, 'setup-desktop-3-builder-item');
    // Reorder by dragging: the third item of the first section to the top.
    const row = (id: string) =>
      page.locator('.b-item').filter({ has: page.locator('.b-item-row .b-var', { hasText: new RegExp(`^${id}$`) }) });
    await row('bg_prior_training').dragTo(row('bg_role'));
    expect((await page.locator('.b-var').allInnerTexts()).slice(0, 3)).toEqual(['bg_prior_training', 'bg_role', 'bg_years']);
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => page.locator('.a-alert--ok').innerText()).toContain('Opgeslagen in versie 1');

    // 3. The preview shows the new wording as text, in both languages.
    const preview = page.locator('rondo-questionnaire-preview');
    await expect
      .poll(() => preview.innerText())
      .toContain('Ik kan problemen bij jonge kinderen <script>alert(1)</script> goed signaleren.');
    expect(await page.locator('rondo-questionnaire-preview script').count()).toBe(0);
    await page.locator('#pv-lang').selectOption('en');
    await expect.poll(() => preview.innerText()).toContain('I can signal problems in young children well.');

    // 4. A new chain partner.
    await page.getByRole('link', { name: 'Ketenpartners en tools' }).click();
    await page.getByRole('heading', { name: 'Ketenpartners en tools' }).waitFor();
    await page.locator('#new-partner-name').fill('Consultatiebureau Venlo');
    await page.locator('#new-partner-domain').fill('Publieke gezondheid');
    await page.getByRole('button', { name: 'Toevoegen' }).first().click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('"Consultatiebureau Venlo" toegevoegd.');
    await expectAccessible(page, 'partners');
    await screenshot(page, 'setup-desktop-4-partners');
    // The same partner again: refused in Dutch, not in the server's English.
    await page.locator('#new-partner-name').fill('Consultatiebureau Venlo');
    await page.getByRole('button', { name: 'Toevoegen' }).first().click();
    await expect
      .poll(() => page.locator('rondo-catalogues-view [role=alert]').first().innerText())
      .toContain('‘Consultatiebureau Venlo’ staat al in de lijst.');
    // …where the user sees it, not only above a list longer than the window (nor under the sticky bar).
    const seen = await page
      .locator('rondo-catalogues-view [role=alert]')
      .first()
      .evaluate((e) => {
        const box = e.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + 4);
        return box.top >= 0 && box.bottom <= window.innerHeight && !!hit && e.contains(hit);
      });
    expect(seen).toBe(true);
    await expectAccessible(page, 'partners, refused');
    await screenshot(page, 'setup-desktop-4-partners-refused');

    // …which the preview's partner grid now shows.
    await page.getByRole('link', { name: 'Vragenlijst' }).click();
    await page.locator('rondo-questionnaire-preview').getByText('Consultatiebureau Venlo').first().waitFor();
    await screenshot(page, 'setup-desktop-5-preview');

    // 5. A cohort file with an error: reported by row and column, nothing imported.
    await page.getByRole('link', { name: 'Deelnemers' }).click();
    await page.getByRole('link', { name: 'Importeren uit CSV' }).click();
    await page.getByRole('heading', { name: 'Deelnemers importeren' }).waitFor();
    await expectAccessible(page, 'import step 1');
    await page
      .getByLabel('CSV-bestand')
      .setInputFiles({ name: 'deelnemers.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV, 'utf8') });
    await expect
      .poll(() => page.locator('.k-problems').innerText())
      .toContain('Rij 3, kolom "E-mail": "bram@" is geen geldig e-mailadres.');
    expect(await page.getByRole('button', { name: /deelnemers importeren/ }).isDisabled()).toBe(true);
    await expect.poll(() => page.locator('.k-rows').innerText()).toContain('Bram <b>Jansen</b>');
    await expectAccessible(page, 'import preview with errors');
    await screenshot(page, 'setup-desktop-6-import-errors');

    // 6. The corrected file imports in one go.
    await page
      .getByLabel('Ander of gecorrigeerd bestand kiezen')
      .setInputFiles({ name: 'deelnemers.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV, 'utf8') });
    await expect.poll(() => page.locator('.k-problems').count()).toBe(0);
    await page.getByRole('button', { name: '2 deelnemers importeren' }).click();
    await expect.poll(() => page.locator('.a-alert--ok').innerText()).toContain('2 deelnemers toegevoegd.');
    await page.getByRole('link', { name: 'Naar de deelnemerslijst' }).click();
    await expect.poll(() => page.locator('table').innerText()).toContain('Bram <b>Jansen</b>');
    await expect.poll(() => page.locator('table').innerText()).toContain('jgz-verpleegkundige');
    await expectAccessible(page, 'cohort list');
    await screenshot(page, 'setup-desktop-7-cohort');

    // 7. In a study with responses, a scale change becomes a new version after confirmation.
    await page.goto(`${base}/app/s/1000-kansen/questionnaire`);
    await page.getByRole('button', { name: 'Vraag know_problems bewerken' }).click();
    await page.getByLabel('Code van punt 5').first().fill('6');
    await page.getByLabel('Code van punt 5').first().blur();
    await expect.poll(() => page.locator('.b-status').innerText()).toContain('Bij opslaan: nieuwe versie 2');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain('Vraag "know_problems": antwoordschaal of opties gewijzigd');
    await expectAccessible(page, 'new version dialog');
    await screenshot(page, 'setup-desktop-8-new-version');
    await page.getByLabel('Notitie bij deze versie (optioneel)').fill('Code van "helemaal eens" gelijkgetrokken');
    await dialog.getByRole('button', { name: 'Nieuwe versie opslaan' }).click();
    await expect.poll(() => page.locator('.a-alert--ok').innerText()).toContain('Opgeslagen als nieuwe versie 2.');

    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('works on a 375 px phone: builder, preview tab, import preview and team', async () => {
    const context = await browser.newContext({ viewport: WIDTHS.phone, locale: 'nl-NL' });
    const page = await context.newPage();
    await login(page, '/app/s/imh-training-venlo-2027/questionnaire');
    await page.locator('.b-item').first().waitFor();
    await page.getByRole('button', { name: 'Vraag know_problems bewerken' }).click();
    await expectAccessible(page, 'phone builder');
    await screenshot(page, 'setup-phone-1-builder');
    // Reordering with the keyboard: Alt-free arrow keys on the handle move the item.
    await page.getByRole('button', { name: 'Verplaats vraag comp_discuss (pijltjestoetsen)' }).focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('[role=status]').filter({ hasText: 'comp_discuss' }).innerText()).toContain('plaats 2');
    // Delete with undo.
    await page.getByRole('button', { name: 'Vraag bg_years verwijderen' }).click();
    await expect.poll(() => page.locator('.b-var', { hasText: 'bg_years' }).count()).toBe(0);
    await page.getByRole('button', { name: /Ongedaan maken/ }).click();
    await expect.poll(() => page.locator('.b-var', { hasText: 'bg_years' }).count()).toBe(1);
    await page.getByRole('tab', { name: 'Voorbeeld' }).click();
    await expectAccessible(page, 'phone preview');
    await screenshot(page, 'setup-phone-2-preview');

    await page.goto(`${base}/app/s/imh-training-venlo-2027/cohort/import`);
    await page
      .getByLabel('CSV-bestand')
      .setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV.replace('anna@ggd.nl', 'nieuw@ggd.nl'), 'utf8') });
    await page.locator('.k-problems').waitFor();
    await expectAccessible(page, 'phone import preview');
    await screenshot(page, 'setup-phone-3-import-errors');

    // A workbook of two sheets: the first read, the other chosen in the sheet chooser.
    const rows = (csv: string) =>
      csv
        .trim()
        .split('\r\n')
        .map((line) => line.split(';'));
    const sheets = [
      { name: 'Goed', rows: () => rows(GOOD_CSV.replace('anna@ggd.nl', 'nieuw@ggd.nl')) },
      { name: 'Fout', rows: () => rows(BAD_CSV.replace('anna@ggd.nl', 'nieuw@ggd.nl')) },
    ];
    const parts: Buffer[] = [];
    for await (const part of xlsxChunks(sheets)) parts.push(part);
    await page
      .getByLabel(/bestand kiezen/)
      .setInputFiles({ name: 'deelnemers.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.concat(parts) });
    await page.getByLabel('Werkblad').waitFor();
    expect(await page.getByLabel('Werkblad').locator('option').allInnerTexts()).toEqual(['Goed', 'Fout']);
    // The other sheet, with a faulty e-mail address, is read when chosen: its problem is another.
    const problems = () => page.locator('.k-problems').innerText();
    const before = await problems();
    await page.getByLabel('Werkblad').selectOption('Fout');
    await expect.poll(problems).not.toBe(before);
    expect(await problems()).toContain('bram@');
    await expectAccessible(page, 'phone import, sheet chosen');
    await screenshot(page, 'setup-phone-3-import-sheet');
    await page.setViewportSize(WIDTHS.desktop);
    await expectAccessible(page, 'desktop import, sheet chosen');
    await screenshot(page, 'setup-desktop-import-sheet');
    await page.setViewportSize(WIDTHS.phone);

    await page.goto(`${base}/app/s/imh-training-venlo-2027/members`);
    await page.getByRole('heading', { name: 'Team', exact: true }).waitFor();
    await expectAccessible(page, 'phone team');
    await screenshot(page, 'setup-phone-4-team');
    await context.close();
  }, 60_000);
});
