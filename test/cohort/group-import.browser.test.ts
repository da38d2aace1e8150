import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs } from '../helpers/app.js';
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
 * The cohort import reading a file with the exports' `group` column (contacts.csv of a study with
 * respondent groups): the preview says which column holds the group and shows each row's group;
 * a group the study does not have is a problem of its row. At 375 and 1280 px, axe-clean.
 */
const SLUG = 'netwerk-import';
const CSV =
  'participant;name;email;group;domain\r\n' +
  'P-C1;Lid Een;een@netwerk.nl;professionals;jeugd\r\n' +
  'P-C2;Lid Twee;twee@netwerk.nl;Professionals;zorg\r\n' +
  'P-C3;Lid Drie;drie@netwerk.nl;bestuur;onderwijs\r\n';

describe.skipIf(!hasChromium)(`the cohort import with a group column${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let base: string;
  let browser: Browser;

  useAppInBrowser(
    async () => {
      const t = await buildTestApp();
      await createGroupedStudy(t.data.store, SLUG, false);
      await loginAs(t, 'verbinder@netwerk.nl', { role: 'researcher', study: SLUG, password: PASSWORD });
      return t;
    },
    (running) => ({ base, browser } = running),
  );

  async function open(size: (typeof WIDTHS)[keyof typeof WIDTHS], next: string): Promise<Page> {
    const page = await openLoggedIn(browser, base, 'verbinder@netwerk.nl', next, size);
    return page;
  }

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`previews each row's group and refuses an unknown one (${name})`, async () => {
      const page = await open(size, `/app/s/${SLUG}/cohort/import`);
      await page.getByLabel('CSV-bestand').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
      await expect.poll(() => page.locator('#imp-group').innerText()).toContain('De respondentgroep komt uit kolom "group"');
      const rows = page.locator('.k-rows tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      const header = await page.locator('.k-rows thead').innerText();
      expect(header).toContain('Groep');
      expect(await rows.nth(1).innerText()).toContain('professionals');
      expect(await page.locator('.k-problems').innerText()).toContain(
        'Rij 4: "bestuur" is geen groep van dit onderzoek die een persoonlijke link krijgt; kies uit: professionals.',
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `group import ${name}`);
      await screenshot(page, `cohort-group-import-${name}`);
      await page.context().close();
    });
  }
});
