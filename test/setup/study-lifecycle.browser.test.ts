import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  screenshot,
  submitLogin,
  useDemoInBrowser,
  waitForLoginForm,
  WIDTHS,
  type DemoInBrowser,
} from '../helpers/browser.js';
import { createMonitorStudy } from './monitor-study.js';

/**
 * Issue 16 (rounds) on the set-up screen of a Dutch-only half-yearly network monitor (not the demo), in
 * Chromium at 375 and 1280 px: English added and refused to be removed again while a text exists only in
 * English, a repeating schedule previewed and added (and refused a second time), and the study archived
 * (refused while rounds are planned), read-only, out of the list unless archived studies are shown. axe-clean.
 */
describe.skipIf(!hasChromium)(`study languages, schedule and archive${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let demo: DemoInBrowser;
  useDemoInBrowser((d) => (demo = d));
  const db = () => demo.t.data.store.db;

  beforeAll(async () => {
    const user = await db().selectFrom('user').select('id').where('email', '=', 'onderzoeker@ggd.nl').executeTakeFirstOrThrow();
    for (const name of Object.keys(WIDTHS)) {
      const { studyId } = await createMonitorStudy(db(), `monitor-${name}`);
      await db().insertInto('study_member').values({ study_id: studyId, user_id: user.id, role: 'researcher' }).execute();
    }
  });

  async function open(size: (typeof WIDTHS)[keyof typeof WIDTHS], next: string): Promise<Page> {
    const page = await (await demo.browser.newContext({ viewport: size, locale: 'nl-NL' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${demo.base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, demo.base, 'onderzoeker@ggd.nl', next);
    await page.locator('rondo-study-languages form').waitFor();
    return page;
  }
  const noSidewaysScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const roundKeys = (page: Page) => page.locator('.a-rounds .a-round-head code').allTextContents();

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`changes languages, adds a half-yearly schedule and archives the monitor (${name})`, async () => {
      const slug = `monitor-${name}`;
      const page = await open(size, `/app/s/${slug}/setup`);
      const languages = page.locator('rondo-study-languages');

      // Languages: English added, then refused to be removed while the description exists only in English.
      await languages.getByLabel('Nederlands en Engels').check();
      await languages.getByRole('button', { name: 'Talen opslaan' }).click();
      await expect.poll(() => languages.locator('.a-alert--ok').textContent()).toMatch(/Nog \d+ teksten te vertalen/);
      await page.fill('#sd-desc-nl', '');
      await page.fill('#sd-desc-en', 'A half-yearly self-assessment of the network.');
      await page.getByRole('button', { name: 'Opslaan', exact: true }).first().click();
      await expect.poll(() => page.locator('rondo-setup-view > [role=status]').textContent()).toContain('Opgeslagen');
      await languages.getByLabel('Alleen Nederlands').check();
      await languages.getByRole('button', { name: 'Talen opslaan' }).click();
      await expect
        .poll(() => languages.locator('[role=alert]').textContent())
        .toContain('1 tekst bestaat alleen in het Engels (de gegevens van het onderzoek)');
      await languages.scrollIntoViewIfNeeded();
      await noSidewaysScroll(page);
      await expectAccessible(page, `languages refused ${name}`);
      await screenshot(page, `study-languages-refused-${name}`);

      // A repeating schedule: previewed, added, and refused a second time because its keys exist.
      const series = page.locator('rondo-round-series');
      await series.getByLabel('Om de hoeveel maanden').fill('6');
      await series.getByLabel('Aantal metingen').fill('2');
      await series.getByLabel('Eerste meting opent op').fill('2027-01-11');
      await series.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await expect.poll(() => series.locator('tbody tr').allInnerTexts()).toHaveLength(2);
      expect((await series.locator('tbody tr').allInnerTexts()).join('\n')).toMatch(
        /1e helft 2027\s+r2027h1[\s\S]*2e helft 2027\s+r2027h2/,
      );
      expect(await roundKeys(page)).toEqual(['r2026h1', 'r2026h2']);
      await series.scrollIntoViewIfNeeded();
      await noSidewaysScroll(page);
      await expectAccessible(page, `schedule preview ${name}`);
      await screenshot(page, `study-schedule-preview-${name}`);
      await series.getByRole('button', { name: '2 metingen toevoegen' }).click();
      await expect.poll(() => roundKeys(page)).toEqual(['r2026h1', 'r2026h2', 'r2027h1', 'r2027h2']);
      await series.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await expect.poll(() => series.locator('[role=alert]').textContent()).toContain('Deze metingen bestaan al: r2027h1, r2027h2');

      // Archiving: refused while rounds are planned; once their dates are gone, archived and read-only.
      const archive = page.locator('rondo-study-archive');
      await archive.getByRole('button', { name: 'Onderzoek archiveren' }).click();
      await expect.poll(() => archive.locator('[role=alert]').textContent()).toContain('haal de openingsdatum weg');
      const study = await db().selectFrom('study').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
      await db()
        .updateTable('round')
        .set({ opens_at: null, closes_at: null })
        .where('study_id', '=', study.id)
        .where('key', 'like', 'r2027%')
        .execute();
      await archive.getByRole('button', { name: 'Onderzoek archiveren' }).click();
      await expect.poll(() => page.locator('rondo-setup-view .a-alert--info').first().textContent()).toContain('gearchiveerd');
      expect(await languages.getByRole('button', { name: 'Talen opslaan' }).isDisabled()).toBe(true);
      await expect.poll(() => page.locator('.a-nav-study').innerText()).toContain('gearchiveerd');
      await archive.scrollIntoViewIfNeeded();
      await noSidewaysScroll(page);
      await expectAccessible(page, `archived study ${name}`);
      await screenshot(page, `study-archived-${name}`);

      // Out of the list of studies, unless archived studies are shown.
      await page.goto(`${demo.base}/app`);
      await page.locator('.a-study').first().waitFor();
      const card = page.locator('.a-study').filter({ has: page.locator(`a[href="/app/s/${slug}"]`) });
      expect(await card.count()).toBe(0);
      await page.getByLabel('Toon gearchiveerde onderzoeken').check();
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.locator('h2').innerText()).toMatch(/Netwerkmonitor Jonge Gezinnen\s+gearchiveerd/);
      await noSidewaysScroll(page);
      await expectAccessible(page, `studies with archived ${name}`);
      await screenshot(page, `studies-archived-shown-${name}`);
      await page.context().close();
    }, 120_000);
  }
});
