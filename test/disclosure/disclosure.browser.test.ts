import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import {
  CHROMIUM,
  PASSWORD,
  expectAccessible,
  hasChromium,
  launchBrowser,
  screenshot,
  submitLogin,
  waitForLoginForm,
  WIDTHS,
} from '../helpers/browser.js';
import { createSmallTeamStudy, TEAM_SLUG } from './small-team.js';
import { findLabelProblems } from '../phone/layout.js';

/**
 * The disclosure settings screen and a team-mode dashboard chart, in Chromium at 375 and 1280 px,
 * on a small team's self-assessment (five members, two rounds): the trainer first sees an empty
 * chart that says why; the researcher's out-of-range value is explained in Dutch and nothing is
 * saved; with team mode on, the trainer's chart shows "x van n" and no percentage. axe-clean.
 */
describe.skipIf(!hasChromium)(`disclosure settings and team mode${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let researcher: LoggedIn;
  const DEFAULTS = { minDenominatorForPercent: 10, minSubgroup: 5, minGroupForQuotes: 10, teamMode: false };

  beforeAll(async () => {
    t = await buildTestApp();
    await createSmallTeamStudy(t.data.store.db, t.data.secret);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    researcher = await loginAs(t, 'onderzoeker@ggd.nl', { role: 'researcher', study: TEAM_SLUG, password: PASSWORD });
    await loginAs(t, 'teamleider@ggd.nl', { role: 'trainer', study: TEAM_SLUG, password: PASSWORD });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(size: (typeof WIDTHS)[keyof typeof WIDTHS], email: string, next: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: size, locale: 'nl-NL' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, base, email, next);
    return page;
  }
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const stored = async () =>
    (await t.app.inject({ url: `/api/studies/${TEAM_SLUG}/disclosure`, headers: researcher.headers })).json().settings;
  const availCharts = (page: Page) => page.locator('article[aria-labelledby="d-cp-avail"] rondo-chart');

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`explains the rule, refuses a bad value and shows the team its counts in team mode (${name})`, async () => {
      const reset = await t.app.inject({
        method: 'PUT',
        url: `/api/studies/${TEAM_SLUG}/disclosure`,
        headers: researcher.headers,
        payload: DEFAULTS,
      });
      expect(reset.statusCode).toBe(200);
      const dashboard = `/app/s/${TEAM_SLUG}/dashboard/competence`;

      // Standard mode: the trainer's charts are empty and say why.
      const trainer = await open(size, 'teamleider@ggd.nl', dashboard);
      const empty = availCharts(trainer).first().locator('.d-empty');
      await expect.poll(() => empty.textContent()).toContain('Geen percentages: minder dan 10 antwoorden (n = 5)');
      await expectAccessible(trainer, `dashboard standard mode ${name}`);
      await screenshot(trainer, `disclosure-dashboard-standard-${name}`);

      // The researcher's settings: an out-of-range value is explained and nothing is saved.
      const page = await open(size, 'onderzoeker@ggd.nl', `/app/s/${TEAM_SLUG}/setup`);
      await page.locator('#dc-minSubgroup').waitFor();
      await expect.poll(() => page.locator('[data-rule]').textContent()).toContain('percentages vanaf n = 10; daaronder geen percentage');
      await page.fill('#dc-minSubgroup', '2');
      await page.getByRole('button', { name: 'Regels opslaan' }).click();
      await expect
        .poll(() => page.locator('#dc-minSubgroup-error').textContent())
        .toBe('Minimum groepsgrootte moet een geheel getal van 3 tot en met 50 zijn.');
      expect(await page.locator('#dc-minSubgroup').getAttribute('aria-invalid')).toBe('true');
      expect(await stored()).toEqual(DEFAULTS);
      await page.locator('#dc-title').scrollIntoViewIfNeeded();
      await expectAccessible(page, `disclosure settings refused ${name}`);
      await screenshot(page, `disclosure-settings-refused-${name}`);
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      await page.fill('#dc-minSubgroup', '5');
      await page.getByLabel('Teamweergave (voor zelfevaluaties van een team)').check();
      await page.getByRole('button', { name: 'Regels opslaan' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Opgeslagen' }).count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator('[data-rule]').textContent()).toContain('teamweergave: aantallen');
      expect(await stored()).toEqual({ ...DEFAULTS, teamMode: true });
      await expectAccessible(page, `disclosure settings saved ${name}`);
      await screenshot(page, `disclosure-settings-saved-${name}`);
      await page.context().close();

      // Team mode: the trainer's chart shows "x van n" on a count axis, no percentage.
      await trainer.reload();
      const chart = availCharts(trainer).first();
      await chart.locator('canvas').waitFor();
      const table = (await chart.locator('table').textContent()) ?? '';
      expect(table).toContain('0 van 5');
      expect(table).toContain('5 van 5');
      expect(table).not.toMatch(/\d\s?%(?! ?\))/);
      expect(await chart.locator('canvas').getAttribute('aria-label')).toContain('teamweergave: aantallen');
      await chart.scrollIntoViewIfNeeded();
      await expectAccessible(trainer, `dashboard team mode ${name}`);
      await screenshot(trainer, `disclosure-dashboard-team-${name}`);
      expect(await overflow(trainer)).toBeLessThanOrEqual(0);
      // The counts on the bars ("5 van 5") and the names never run into one another (issue 16: "5 van 5 van 5").
      expect(await findLabelProblems(trainer)).toEqual([]);
      await trainer.context().close();
    }, 120_000);
  }
});
