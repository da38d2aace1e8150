import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  openLoggedIn,
  PASSWORD,
  screenshot,
  useAppInBrowser,
  WIDTHS,
} from '../helpers/browser.js';
import { createGroupedStudy } from '../exchange/grouped-study.js';

/**
 * The cohort import of a file bigger than its preview: the server sends the first 200 rows and
 * the first problems (server/cohort/parse-cohort.ts shownPreview), and the screen still says how
 * many rows and problems the whole file has, and imports all of it. A network study with
 * respondent groups and a cohort attribute, 1,000 rows, every third address without a domain.
 */
const SLUG = 'netwerk-groot';
const DOMAINS = ['jeugd', 'zorg', 'onderwijs'];
const CSV =
  'name;email;organisation;domain\r\n' +
  Array.from(
    { length: 1000 },
    (_, i) =>
      `Lid ${i + 1};${i % 3 === 2 ? `lid${i + 1}@` : `lid${i + 1}@netwerk.nl`};Netwerkpartner ${(i % 12) + 1};${DOMAINS[i % 3]}\r\n`,
  ).join('');

describe.skipIf(!hasChromium)(`the cohort import of a big file${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let base: string;
  let browser: Browser;
  let app: TestApp;

  useAppInBrowser(
    async () => {
      app = await buildTestApp();
      await createGroupedStudy(app.data.store, SLUG, false);
      await loginAs(app, 'verbinder@netwerk.nl', { role: 'researcher', study: SLUG, password: PASSWORD });
      return app;
    },
    (running) => ({ base, browser } = running),
  );

  const participants = () =>
    (
      app.data.store.sqlite
        .prepare('select count(*) n from participant p join study s on s.id = p.study_id where s.slug = ?')
        .get(SLUG) as {
        n: number;
      }
    ).n;

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`shows the first 200 rows and 100 problems, counts all 1,000 rows and 333 problems, and imports them all (${name})`, async () => {
      const before = participants();
      const page = await openLoggedIn(browser, base, 'verbinder@netwerk.nl', `/app/s/${SLUG}/cohort/import`, size);
      await page.getByLabel('CSV-bestand').setInputFiles({ name: 'leden.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
      const rows = page.locator('.k-rows tbody tr');
      await expect.poll(() => rows.count()).toBe(200);
      const stats = await page.locator('.a-stats').innerText();
      expect(stats.replace(/\s+/g, ' ')).toMatch(/1\.000 .*667 .*333 /);
      expect(await page.getByText('De eerste 200 van 1.000 rijen worden getoond.').count()).toBe(1);
      const problems = page.locator('.k-problems');
      expect(await problems.locator('h2 .a-badge').innerText()).toBe('333');
      expect(await problems.locator('li').count()).toBe(100);
      expect(await problems.innerText()).toContain('en nog 233 problemen');
      // Row 4 (the third person) shows its own problem in the table.
      expect(await rows.nth(2).innerText()).toContain('lid3@');
      expect(await rows.nth(2).getAttribute('class')).toContain('a-row-error');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `big cohort import ${name}`);
      await screenshot(page, `cohort-big-import-${name}`);
      if (name === 'desktop') {
        // Imported once, after the phone's look: then every address is in the cohort.
        await page.getByLabel(/Sla de 333 rijen met problemen over/).check();
        await page.getByRole('button', { name: /667/ }).click();
        await expect.poll(() => participants()).toBe(before + 667);
      }
      await page.context().close();
    });
  }
});
