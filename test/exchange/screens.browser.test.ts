import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { hasChromium, screenshot, WIDTHS, expectAccessible, useDemoInBrowser, submitLogin } from '../helpers/browser.js';
import { xlsxChunks } from '../../server/exchange/xlsx/workbook.js';

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
    // A workbook of two sheets: the chooser offers them, the second is read when chosen.
    const book = path.join(t.dir, 'papier.xlsx');
    const parts: Buffer[] = [];
    const sheets = [
      { name: 'Toelichting', rows: () => [['uitleg'], ['Papieren vragenlijsten, ingetypt']] },
      {
        name: 'Papier',
        rows: () => [
          ['know_where', 'know_problems'],
          [4, 5],
        ],
      },
    ];
    for await (const part of xlsxChunks(sheets)) parts.push(part);
    fs.writeFileSync(book, Buffer.concat(parts));
    await page.getByRole('button', { name: 'Nog een bestand importeren' }).click();
    await page.getByLabel('Meting').selectOption('post');
    await page.getByLabel('CSV-bestand').setInputFiles(book);
    await page.getByRole('heading', { name: 'Controle' }).waitFor();
    expect(await page.getByLabel('Werkblad').locator('option').allInnerTexts()).toEqual(['Toelichting', 'Papier']);
    await page.getByLabel('Werkblad').selectOption('Papier');
    await page.getByRole('button', { name: '1 responsen importeren' }).waitFor();
    for (const [width, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      await expectAccessible(page, `import, sheet chosen, ${width}`);
      await screenshot(page, `exchange-import-sheet-${width}`);
    }
    const codes = t.data.store.sqlite
      .prepare(
        "select a.code from answer a join response r on r.id = a.response_id where r.source like 'import:%' and a.item = 'know_problems' order by r.id",
      )
      .pluck()
      .all();
    expect(codes).toEqual([5, 5]);
  });

  it('imports responders: who was invited, a value map 9 → weet niet, the response per round, a saved mapping', async () => {
    const sqlite = t.data.store.sqlite;
    // Three participants invited to "mid" without a response there: the file holds two who answered, one empty row.
    const keys = sqlite
      .prepare(
        `select p.key from participant p join invitation i on i.participant_id = p.id join round r on r.id = i.round_id
         where r.key = 'mid' and not exists (select 1 from response x where x.participant_id = p.id and x.round_id = r.id)
         order by p.id limit 3`,
      )
      .pluck()
      .all() as string[];
    expect(keys).toHaveLength(3);
    const invitedBefore = sqlite.prepare('select count(*) from invitation').pluck().get();
    const csv = path.join(t.dir, 'mid.csv');
    fs.writeFileSync(csv, `key;know_problems\r\n${keys[0]};4\r\n${keys[1]};9\r\n${keys[2]};\r\n`);
    for (const [width, viewport] of Object.entries(WIDTHS)) {
      const page = await open('/app/s/1000-kansen/import');
      await page.setViewportSize(viewport);
      await page.getByLabel('Meting').selectOption('mid');
      await page.getByLabel('CSV-bestand').setInputFiles(csv);
      await page.getByRole('heading', { name: 'Wie is er uitgenodigd?' }).waitFor();
      await expect.poll(() => page.locator('#imp-errors').locator('..').innerText()).toContain('rij 3, kolom "know_problems"');
      // 9 means "weet niet": added as a value map of the column.
      await page.getByLabel('Kolom', { exact: true }).selectOption('know_problems');
      await page.getByLabel('Waarde in het bestand').fill('9');
      await page.getByLabel('Betekent').selectOption('dont_know');
      await page.getByRole('button', { name: 'Toevoegen' }).click();
      await expect.poll(() => page.locator('.a-alert--ok').first().innerText()).toContain('Geen fouten');
      const rates = page.locator('.k-rates');
      await expect.poll(() => rates.innerText()).toMatch(/Tussenmeting: \d+ uitgenodigd \(uitnodigingen\), \d+ met antwoorden → \d+%/);
      await expect.poll(() => page.getByText('1 rijen zonder antwoorden tellen niet als respons.').count()).toBe(1);
      await page.getByLabel('alle deelnemers van het onderzoek').check();
      await expect.poll(() => rates.innerText()).toContain('(deelnemers)');
      await page.getByLabel('de uitnodigingen die al in rondo staan').check();
      // Everything else the mapping file can say is under "Meer opties".
      await page.getByText('Meer opties').click();
      await page.getByLabel('Decimaalteken').selectOption(',');
      await expect.poll(() => page.locator('.a-alert--ok').first().innerText()).toContain('Geen fouten');
      await expectAccessible(page, `import responders, ${width}`);
      await screenshot(page, `exchange-import-responders-${width}`);
      if (width === 'desktop') {
        await page.getByLabel('Naam van de koppeling').fill('Papier tussenmeting');
        await page.getByRole('button', { name: 'Opslaan in dit onderzoek' }).click();
        await page.getByText('Koppeling “Papier tussenmeting” opgeslagen.').waitFor();
        await page.getByRole('button', { name: '2 responsen importeren' }).click();
        await expect.poll(() => page.getByRole('status').first().innerText()).toContain('2 responsen geïmporteerd');
      }
      await page.context().close();
    }
    expect(sqlite.prepare('select count(*) from invitation').pluck().get()).toBe(invitedBefore);
    expect(sqlite.prepare('select name from import_mapping').pluck().all()).toEqual(['Papier tussenmeting']);
    // The saved mapping is offered on the first step the next time.
    const page = await open('/app/s/1000-kansen/import');
    await expect.poll(() => page.getByLabel('Opgeslagen koppeling van dit onderzoek').innerText()).toContain('Papier tussenmeting');
    await page.context().close();
  });

  it('takes over a LimeSurvey questionnaire: the report per question first, then the replacement', async () => {
    const lss = path.join(import.meta.dirname, 'instruments', 'survey.lss');
    for (const [width, viewport] of Object.entries(WIDTHS)) {
      const page = await open('/app/s/1000-kansen/questionnaire');
      await page.setViewportSize(viewport);
      await page.getByRole('link', { name: 'Uit LimeSurvey of REDCap' }).click();
      await page.getByRole('heading', { name: 'Vragenlijst overnemen uit LimeSurvey of REDCap' }).waitFor();
      await page.getByLabel('Bestand').setInputFiles(lss);
      await page.getByText('14 vragen → 12 vragen in rondo, 2 niet overgenomen').waitFor();
      // HTML from the file is shown as text, never run.
      expect(await page.locator('script:text("alert(1)")').count()).toBe(0);
      await expect.poll(() => page.getByRole('region', { name: 'Per vraag' }).innerText()).toContain('Dit vraagtype heeft rondo niet');
      // The report never scrolls the page sideways: on a phone each question is a block.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await expectAccessible(page, `instrument report, ${width}`);
      await screenshot(page, `exchange-instrument-report-${width}`);
      if (width === 'desktop') {
        await page.getByRole('button', { name: 'Vragenlijst vervangen' }).click();
        await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/De vragenlijst is vervangen \(versie \d+\)/);
      }
      await page.context().close();
    }
  });
});
