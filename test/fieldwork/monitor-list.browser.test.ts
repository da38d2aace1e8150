import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../helpers/app.js';
import { expectAccessible, hasChromium, openLoggedIn, PASSWORD, useAppInBrowser, WIDTHS } from '../helpers/browser.js';
import { createFieldworkStudy, markSubmitted, people, SLUG } from './fixture.js';

/**
 * Lists longer than a page (250 participants, not the demo), a hundred rows at a time with
 * Previous and Next (web/app/pager.ts): the monitor's list of who answered, whose search and "only
 * those who have not submitted" the server answers, with a selection for a mail kept across pages;
 * and the participants screen. At 375 and 1280 px, axe-clean, photographed (.screens/). A round of
 * 10,000 once drew 10,000 rows (420,000 elements), the monitor at every refresh.
 */
describe.skipIf(!hasChromium)('lists of many participants', () => {
  let base: string;
  let browser: Browser;
  const cohort = people(250).map((p, i) => ({ ...p, key: `P${String(i + 1).padStart(3, '0')}` }));
  cohort[136] = { ...cohort[136], name: 'Zoë Çelik', organisation: 'Jeugdgezondheidszorg Noord' };
  const SUBMITTED = 40;

  useAppInBrowser(
    async () => {
      const t = await buildTestApp();
      const study = await createFieldworkStudy(t.data.store.db, cohort);
      await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG, password: PASSWORD });
      const staff = await loginAs(t, 'onderzoeker@example.nl', { password: PASSWORD });
      const open = await t.app.inject({ method: 'POST', url: `/api/studies/${SLUG}/fieldwork/rounds/pre/open`, headers: staff.headers });
      expect(open.statusCode, open.body).toBe(200);
      // Every sixth participant has submitted (P001, P007, …), 40 in all.
      for (let i = 0; i < SUBMITTED; i++)
        await markSubmitted(t.data.store.db, study.participantIds[cohort[i * 6].key], study.roundIds.pre, new Date());
      return t;
    },
    (running) => ({ base, browser } = running),
  );

  /**
   * Photographs the window from `heading` down (.screens/): a hundred rows make pages of 10,000 to
   * 46,000 px at 375 px, whose full-page images cost seconds each and show nothing more.
   */
  const shoot = async (page: Page, heading: string, name: string) => {
    await page
      .locator(heading)
      .first()
      .evaluate((e) => {
        e.scrollIntoView({ block: 'start' });
        // Below the app's top bar, which stays at the top of the window.
        window.scrollBy(0, -80);
      });
    await page.screenshot({ path: path.resolve('.screens', `${name}.png`) });
  };
  const list = (page: Page) => page.locator('rondo-fieldwork-monitor');
  const shown = (page: Page) => list(page).locator('.fw-list-tools [aria-live]');
  const codes = (page: Page) => list(page).locator('table.fw-people tbody td.fw-code').allTextContents();

  for (const [size, viewport] of Object.entries(WIDTHS)) {
    it(`pages, searches and filters the list on the server, and keeps a selection across pages (${viewport.width} px)`, async () => {
      const page = await openLoggedIn(browser, base, 'onderzoeker@example.nl', `/app/s/${SLUG}/fieldwork?round=pre`, viewport);
      try {
        await expect.poll(() => shown(page).textContent()).toBe('1–100 van 250 getoond');
        expect(await codes(page)).toHaveLength(100);
        expect((await codes(page))[0]).toBe('P001');
        const previous = list(page).getByRole('button', { name: 'Vorige 100' });
        const next = list(page).getByRole('button', { name: 'Volgende 100' });
        expect(await previous.isDisabled()).toBe(true);
        await expectAccessible(page, `the monitor list at ${viewport.width} px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
        await shoot(page, '#fw-people-h', `fieldwork-monitor-list-${size === 'phone' ? '375' : '1280'}`);

        // A selection on page 1 and one on page 2 make one mail of two.
        await list(page).getByRole('checkbox', { name: 'Selecteer P002' }).check();
        await next.click();
        await expect.poll(() => shown(page).textContent()).toBe('101–200 van 250 getoond');
        expect((await codes(page))[0]).toBe('P101');
        await list(page).getByRole('checkbox', { name: 'Selecteer P150' }).check();
        await next.click();
        await expect.poll(() => shown(page).textContent()).toBe('201–250 van 250 getoond');
        expect(await codes(page)).toHaveLength(50);
        expect(await next.isDisabled()).toBe(true);
        expect(await list(page).getByRole('button', { name: 'E-mail aan selectie (2)…' }).isEnabled()).toBe(true);
        await previous.click();
        await expect.poll(() => shown(page).textContent()).toBe('101–200 van 250 getoond');
        expect(await list(page).getByRole('checkbox', { name: 'Selecteer P150' }).isChecked()).toBe(true);

        // The search starts at the first page again; accents and case aside.
        await list(page).getByLabel('Zoeken op code, naam of organisatie').fill('zoe celik');
        await expect.poll(() => shown(page).textContent()).toBe('1–1 van 1 getoond (250 in deze meting)');
        expect(await codes(page)).toEqual(['P137']);
        await list(page).getByLabel('Zoeken op code, naam of organisatie').fill('geen zo iemand');
        await expect.poll(() => shown(page).textContent()).toBe('Niemand gevonden.');
        await expect.poll(() => list(page).locator('table.fw-people tbody').textContent()).toContain('Niemand gevonden.');
        await list(page).getByLabel('Zoeken op code, naam of organisatie').fill('');

        // Only those who have not submitted: 210, over three pages.
        await list(page).getByLabel('Alleen wie nog niet heeft ingevuld').check();
        await expect.poll(() => shown(page).textContent()).toBe('1–100 van 210 getoond (250 in deze meting)');
        expect(await codes(page)).not.toContain('P001');
        expect((await codes(page))[0]).toBe('P002');
        await shoot(page, '#fw-people-h', `fieldwork-monitor-list-open-${size === 'phone' ? '375' : '1280'}`);
      } finally {
        await page.context().close();
      }
    });
  }

  for (const [size, viewport] of Object.entries(WIDTHS)) {
    it(`shows the participants screen a page at a time, searched over every page (${viewport.width} px)`, async () => {
      const page = await openLoggedIn(browser, base, 'onderzoeker@example.nl', `/app/s/${SLUG}/cohort`, viewport);
      try {
        const view = page.locator('rondo-cohort-view');
        const count = view.locator('.k-tools [aria-live]');
        const keys = () => view.locator('table.k-cohort tbody td.k-code code').allTextContents();
        await expect.poll(() => count.textContent()).toBe('1–100 van 250 getoond');
        expect(await keys()).toHaveLength(100);
        await expectAccessible(page, `the participants screen at ${viewport.width} px`);
        await shoot(page, 'main h1', `cohort-long-list-${size === 'phone' ? '375' : '1280'}`);
        await view.getByRole('button', { name: 'Volgende 100' }).click();
        await view.getByRole('button', { name: 'Volgende 100' }).click();
        await expect.poll(() => count.textContent()).toBe('201–250 van 250 getoond');
        expect((await keys())[0]).toBe('P201');
        // A search looks through every page, starts at its first, and takes no notice of accents.
        await view.getByLabel('Zoeken').fill('celik');
        await expect.poll(() => count.textContent()).toBe('1 van 250 getoond');
        expect(await keys()).toEqual(['P137']);
        await view.getByLabel('Zoeken').fill('deelnemer');
        await expect.poll(() => count.textContent()).toBe('1–100 van 249 getoond (van 250 deelnemers)');
      } finally {
        await page.context().close();
      }
    });
  }
});
