import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app.js';
import { tempDir } from '../helpers/app.js';
import { hasChromium, screenshot, WIDTHS, expectAccessible, useDemoInBrowser, submitLogin } from '../helpers/browser.js';

/**
 * The study file on the screens: a researcher downloads the demo's study file on its set-up page
 * ("Studiebestand downloaden"), uploads it on the new-study page ("Nieuwe studie uit bestand"),
 * sees the check, and creates the study; a file with problems lists each with its place and
 * creates nothing. Axe-clean, photographed at 1280 and 375 px.
 */
let t: TestApp;
let base: string;
let browser: Browser;

async function login(page: Page, next: string): Promise<void> {
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await submitLogin(page, base, 'onderzoeker@ggd.nl', next);
}

describe.skipIf(!hasChromium)('the study file in the browser', () => {
  useDemoInBrowser((demo) => ({ t, base, browser } = demo));

  for (const [width, viewport] of Object.entries(WIDTHS)) {
    it(`downloads the study file and creates a study from it, and lists a bad file's problems (${width})`, async () => {
      const dir = tempDir('rondo-study-file-browser-');
      const context = await browser.newContext({ viewport, locale: 'nl-NL', acceptDownloads: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await login(page, '/app/s/1000-kansen/setup');

      // 1. Download on the set-up page.
      const link = page.getByRole('link', { name: 'Studiebestand downloaden' });
      await link.scrollIntoViewIfNeeded();
      await expectAccessible(page, `study-file-setup-${width}`);
      await screenshot(page, `study-file-${width}-1-setup`);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('1000-kansen.rondo-study.json');
      const good = path.join(dir, download.suggestedFilename());
      await download.saveAs(good);
      const file = JSON.parse(fs.readFileSync(good, 'utf8'));
      expect(file).toMatchObject({ format: 'rondo-study', version: 1 });

      // 2. A file with problems: each is listed with its place, and nothing is created.
      const bad = path.join(dir, 'kapot.json');
      fs.writeFileSync(
        bad,
        JSON.stringify({ ...file, partners: [...file.partners, file.partners[0]], rounds: [...file.rounds, file.rounds[0]] }),
      );
      await page.goto(`${base}/app/new`);
      await page.getByRole('heading', { name: 'Nieuwe studie uit bestand' }).waitFor();
      await page.getByLabel('Studiebestand').setInputFiles(bad);
      await page.getByLabel('Korte naam in de adresbalk (optioneel)').fill(`kapot-${width}`);
      await page.getByRole('button', { name: 'Bestand controleren' }).click();
      const problems = page.getByRole('alert');
      await expect.poll(() => problems.innerText()).toContain('2 problemen in het bestand. Er is niets aangemaakt.');
      expect(await problems.innerText()).toContain('partners[12].name');
      expect(await problems.innerText()).toContain('rounds[3].key');
      await expectAccessible(page, `study-file-problems-${width}`);
      await screenshot(page, `study-file-${width}-2-problems`);

      // 3. The good file: the check, then the study.
      const slug = `kansen-${width}`;
      await page.getByLabel('Studiebestand').setInputFiles(good);
      await page.getByLabel('Korte naam in de adresbalk (optioneel)').fill(slug);
      await page.getByRole('button', { name: 'Bestand controleren' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Het bestand is in orde' }).innerText())
        .toContain(`(${slug}) met 3 metingen, 12 ketenpartners, 3 tools en 20 vragen`);
      await expectAccessible(page, `study-file-checked-${width}`);
      await screenshot(page, `study-file-${width}-3-checked`);
      expect(t.data.store.sqlite.prepare('select count(*) n from study where slug = ?').get(slug)).toEqual({ n: 0 });
      await page.getByRole('button', { name: 'Onderzoek aanmaken uit dit bestand' }).click();
      await page.waitForURL(`${base}/app/s/${slug}/setup`);
      await page.getByRole('heading', { name: 'Opzet van het onderzoek' }).waitFor();
      expect(
        t.data.store.sqlite.prepare('select count(*) n from partner join study on study.id = partner.study_id where slug = ?').get(slug),
      ).toEqual({ n: 12 });
      expect(t.data.store.sqlite.prepare(`select count(*) n from study where slug like 'kapot-%'`).get()).toEqual({ n: 0 });
      expect(errors).toEqual([]);
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }, 120_000);
  }
});
