import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  launchBrowser,
  PASSWORD,
  screenshot,
  submitLogin,
  waitForLoginForm,
  WIDTHS,
} from '../helpers/browser.js';
import { COHORT_CSV, createNetworkMonitor, seedResponses } from './network-monitor.js';

/**
 * Cohort attributes in Chromium at 375 and 1280 px on a half-yearly network monitor (not the
 * demo): the cohort list shows each participant's domain and team and fits the screen (stacked
 * on a phone, no sideways scrolling at 1280), the attribute editor lists the domain; the
 * dashboard filters by domain and splits by it with small groups hidden. axe-clean.
 */
const SLUG = 'netwerkmonitor';

describe.skipIf(!hasChromium)(`cohort attributes on screen${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await buildTestApp();
    const { studyId } = await createNetworkMonitor(t.data.store, SLUG);
    const researcher = await loginAs(t, 'verbinder@netwerk.nl', { role: 'researcher', study: SLUG, password: PASSWORD });
    const data = Buffer.from(COHORT_CSV).toString('base64');
    const imported = await t.app.inject({
      method: 'POST',
      url: `/api/studies/${SLUG}/cohort/import`,
      headers: researcher.headers,
      payload: {
        data,
        encoding: 'auto',
        delimiter: 'auto',
        acceptRoles: ['jeugdarts', 'fysiotherapeut'],
        createAttributes: [{ key: 'domain', label: { nl: 'Domein', en: 'Domain' } }],
        attributeColumns: { domain: 5 },
      },
    });
    expect(imported.json()).toEqual({ added: 14, skipped: 0 });
    const values = ['jeugd', 'onderwijs', 'zorg'].map((value) => ({ value, label: { nl: value[0].toUpperCase() + value.slice(1) } }));
    await t.app.inject({
      method: 'PUT',
      url: `/api/studies/${SLUG}/cohort/attributes`,
      headers: researcher.headers,
      payload: { attributes: [{ key: 'domain', label: { nl: 'Domein', en: 'Domain' }, values }] },
    });
    seedResponses(t.data.store, studyId);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(size: (typeof WIDTHS)[keyof typeof WIDTHS], next: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: size, locale: 'nl-NL' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, base, 'verbinder@netwerk.nl', next);
    return page;
  }
  const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`shows the cohort with its attributes and filters and splits the dashboard by domain (${name})`, async () => {
      const page = await open(size, `/app/s/${SLUG}/cohort`);
      const rows = page.locator('table.k-cohort tbody tr');
      await expect.poll(() => rows.count()).toBe(14);
      expect(await rows.first().locator('.k-traits').innerText()).toMatch(/Team\/regio\s*Venlo\s*Domein\s*Jeugd/);
      expect(await page.locator('.k-attr-list li').first().innerText()).toContain('Jeugd · Onderwijs · Zorg');
      await screenshot(page, `cohort-attributes-${name}`);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      if (name === 'desktop') {
        // The whole list fits: no column cut off, the actions column included.
        const wrap = page.locator('.a-table-wrap').first();
        expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
        expect(await page.getByRole('columnheader', { name: 'Acties' }).isVisible()).toBe(true);
      }
      await expectAccessible(page, `cohort with attributes ${name}`);

      // The import offers a column no field reads as a new attribute, and maps the domain column by itself.
      await page.goto(`${base}/app/s/${SLUG}/cohort/import`);
      await page.locator('#imp-file').setInputFiles({
        name: 'nieuw.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Naam;E-mail;Domein;Werkveld\r\nNieuw;nieuw@netwerk.nl;Zorg;Noord\r\n'),
      });
      await page.getByRole('heading', { name: 'Extra kolommen' }).waitFor();
      expect(await page.locator('#map-attr-domain').inputValue()).toBe('2');
      await page.getByLabel('Overnemen als kenmerk').check();
      await expect
        .poll(() => page.locator('.k-rows thead th').allInnerTexts())
        .toEqual(['Rij', 'Naam', 'E-mailadres', 'Domein', 'Werkveld', 'Controle']);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `cohort import with an extra column ${name}`);
      await screenshot(page, `cohort-import-attribute-${name}`);

      await page.goto(`${base}/app/s/${SLUG}/dashboard`);
      const domain = page.getByLabel('Domein', { exact: true });
      // The filter bar is open on wide screens and folded on phones until asked for.
      await page.locator('.d-filters details').waitFor();
      if (
        !(await page
          .locator('.d-filters details')
          .getAttribute('open')
          .then((v) => v !== null))
      )
        await page.locator('.d-filters summary').click();
      await domain.selectOption('jeugd');
      await expect.poll(() => new URL(page.url()).searchParams.getAll('attribute')).toEqual(['domain:jeugd']);
      await expect.poll(() => page.locator('.d-filters .a-badge').innerText()).toBe('1 actief');
      await page.getByLabel('Uitsplitsen naar').selectOption('domain');
      const split = page.locator('.d-attr-split');
      await expect.poll(() => split.locator('h2').innerText()).toBe('Uitgesplitst naar Domein');
      // Filtered to one domain, the split shows that group only.
      expect(await split.locator('thead th').allInnerTexts()).toEqual(['Vraag', 'Jeugd', 'Vraag', 'Jeugd']);
      await domain.selectOption('');
      await expect
        .poll(() => split.locator('thead').first().locator('th').allInnerTexts())
        .toEqual(['Vraag', 'Jeugd', 'Onderwijs', 'Zorg']);
      // Round 1: zorg has 3 respondents (hidden), so onderwijs is hidden too; jeugd shows 6.
      expect(await split.locator('tbody').first().locator('tr').first().innerText()).toMatch(/Respondenten\s+6\s+verborgen\s+verborgen/);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await split.scrollIntoViewIfNeeded();
      await expectAccessible(page, `dashboard split by domain ${name}`);
      await screenshot(page, `dashboard-split-domain-${name}`);
      await page.context().close();
    }, 90_000);
  }
});
