import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { hasChromium, screenshot, WIDTHS, expectAccessible, useDemoInBrowser, submitLogin } from '../helpers/browser.js';

/**
 * A researcher exports the demo study and imports responses from a CSV in the browser: the
 * export screen offers a download link per format, the import screen suggests a mapping, shows
 * every problem by row and column, lets the researcher map an unknown value and imports.
 * Every screen passes axe (WCAG 2.1 AA) and is photographed (.screens/).
 */
// Paper questionnaires of the post round, typed in: two anonymous respondents, one value that needs mapping.
const CSV =
  'know_where;Ik heb voldoende kennis van mogelijke problematiek rond het jonge kind (0–4 jaar).;opmerking\r\n4;Helemaal eens;=1+1\r\n5;Zeer mee eens;\r\n';

let t: TestApp;
let base: string;
let browser: Browser;

describe.skipIf(!hasChromium)('the exchange screens in the browser', () => {
  useDemoInBrowser((demo) => ({ t, base, browser } = demo));

  async function open(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => expect.fail(e.message));
    await page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
    await submitLogin(page, base, 'onderzoeker@ggd.nl', path);
    return page;
  }

  it('exports: a download per format with the chosen options, and the key list apart', async () => {
    const page = await open('/app/s/1000-kansen/export');
    await page.getByText('55 ingediende responsen').waitFor();
    await expectAccessible(page, 'export');
    await screenshot(page, 'exchange-export-desktop');
    await page.getByRole('radio', { name: /Breed \(CSV\)/ }).check();
    await page.getByLabel('Antwoorden op open vragen meenemen').check();
    const link = page.getByRole('link', { name: /Downloaden: Breed/ });
    expect(await link.getAttribute('href')).toBe('/api/studies/1000-kansen/exports/wide?flavour=nl&openText=1&lang=nl');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const text = fs.readFileSync(file!, 'utf8');
    expect(text.startsWith('\uFEFF"participant";')).toBe(true);
    expect(text).toContain('recommend_post');
    expect(await page.getByRole('link', { name: /Sleutellijst downloaden/ }).getAttribute('href')).toBe(
      '/api/studies/1000-kansen/exports/contacts.csv?flavour=nl',
    );
    // The same file as an Excel workbook; the .sav has no file type to choose.
    await page.getByLabel('Bestandstype').selectOption('xlsx');
    const excel = page.getByRole('link', { name: 'Downloaden: Breed (Excel)' });
    expect(await excel.getAttribute('href')).toBe('/api/studies/1000-kansen/exports/wide?flavour=nl&openText=1&lang=nl&file=xlsx');
    const [workbook] = await Promise.all([page.waitForEvent('download'), excel.click()]);
    expect(workbook.suggestedFilename()).toMatch(/^1000-kansen-wide-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(
      fs
        .readFileSync((await workbook.path())!)
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    await page.getByRole('radio', { name: /SPSS-databestand/ }).check();
    expect(await page.getByLabel('Bestandstype').count()).toBe(0);
    expect(await page.getByRole('link', { name: /Downloaden: SPSS-databestand/ }).getAttribute('href')).toBe(
      '/api/studies/1000-kansen/exports/sav?flavour=nl&openText=1&lang=nl',
    );
    await expectAccessible(page, 'export, .sav chosen');
    await page.setViewportSize(WIDTHS.phone);
    await page.getByRole('radio', { name: /Lang \(CSV\)/ }).check();
    await expectAccessible(page, 'export, mobile');
    await screenshot(page, 'exchange-export-mobile');
  });

  it('imports: suggested mapping, every problem by row and column, a value mapped by hand, one commit', async () => {
    const page = await open('/app/s/1000-kansen/import');
    await page.getByLabel('Meting').selectOption('post');
    await expectAccessible(page, 'import, step 1');
    const csv = path.join(t.dir, 'papier.csv');
    fs.writeFileSync(csv, CSV);
    await page.getByLabel('CSV-bestand').setInputFiles(csv);
    await page.getByRole('heading', { name: 'Controle' }).waitFor();
    // "Zeer mee eens" resembles no label closely enough: an error on row 3, mapped by hand.
    await expect.poll(() => page.locator('#imp-errors').locator('..').innerText()).toContain('rij 3, kolom "Ik heb voldoende kennis');
    await expectAccessible(page, 'import, check with errors');
    await screenshot(page, 'exchange-import-errors-desktop');
    await page.getByLabel(/Zeer mee eens/).selectOption('5');
    await expect.poll(() => page.locator('.a-alert--ok').first().innerText()).toContain('Geen fouten');
    await page.getByRole('button', { name: '2 responsen importeren' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('2 responsen geïmporteerd');
    await expectAccessible(page, 'import, done');
    await screenshot(page, 'exchange-import-done-desktop');
    const codes = t.data.store.sqlite
      .prepare(
        "select a.code from answer a join response r on r.id = a.response_id where r.source like 'import:%' and a.item = 'know_problems' order by r.id",
      )
      .pluck()
      .all();
    expect(codes).toEqual([5, 5]);
  });
});
