import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import {
  PASSWORD,
  WIDTHS,
  expectAccessible,
  hasChromium,
  launchBrowser,
  screenshot,
  submitLogin,
  waitForLoginForm,
} from '../helpers/browser.js';
import { freePort } from '../fieldwork/smtp.js';
import { exchange } from '../respondent/fixture.js';
import { MONITOR, createMonitorStudy, submissionId } from './fixture.js';

/**
 * The group editor and each group's respondent introduction in a real browser, on a generated
 * network monitor (Dutch only): a researcher sets up professionals (personal links) and parents
 * (anonymous link), turns on the parents' link, and each kind of respondent lands on its own
 * introduction with only its own sections. Every screen at 375 and 1280 px, axe-clean.
 */
describe.skipIf(!hasChromium)('respondent groups in the browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let study: Awaited<ReturnType<typeof createMonitorStudy>>;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ config: { baseUrl: base, port } });
    study = await createMonitorStudy(t, 3);
    await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: MONITOR, password: PASSWORD });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Checks axe and photographs the page at both widths. */
  async function look(page: Page, name: string): Promise<void> {
    for (const [size, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${name} at ${viewport.width} px`);
      await screenshot(page, `groups-${name}-${size === 'phone' ? '375' : '1280'}`);
    }
  }

  it('lets a researcher set up two groups, and each group meets its own introduction', async () => {
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const next = `/app/s/${MONITOR}/groups`;
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, base, 'onderzoeker@example.nl', next);
    await page.getByRole('heading', { name: 'Respondentgroepen' }).waitFor();
    await page.getByRole('button', { name: 'Groepen instellen' }).click();

    const group = (i: number) => page.locator('fieldset.g-group').nth(i);
    await group(0).getByLabel('Sleutel').fill('professionals');
    await group(0).getByLabel('Naam (Nederlands)').fill('Professionals');
    await group(0).getByLabel('Introductie (Nederlands)').fill('Deze vragenlijst is voor de professionals van het netwerk.');
    await group(0).getByLabel('Uw ervaring als ouder').uncheck();
    await page.getByRole('button', { name: 'Groep toevoegen' }).click();
    await group(1).getByLabel('Sleutel').fill('ouders');
    await group(1).getByLabel('Naam (Nederlands)').fill('Ouders');
    await group(1).getByLabel('Introductie (Nederlands)').fill('Fijn dat u als ouder wilt vertellen hoe het ging.');
    await group(1).getByLabel('Samenwerking in het netwerk').uncheck();
    await group(1).getByLabel('Anonieme link').check();
    await group(1).getByLabel('Persoonlijke link (deelnemers)').uncheck();

    // A group without sections is refused in words, and nothing is saved.
    await group(1).getByLabel('Uw ervaring als ouder').uncheck();
    await group(1).getByLabel('Tot slot').uncheck();
    await page.getByRole('button', { name: 'Groepen opslaan' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Groep "ouders" ziet geen enkel onderdeel.');
    await group(1).getByLabel('Uw ervaring als ouder').check();
    await group(1).getByLabel('Tot slot').check();
    await page.getByRole('button', { name: 'Groepen opslaan' }).click();
    await page.getByText('De groepen zijn opgeslagen.').waitFor();

    await page.getByRole('button', { name: /Link aanzetten.*Ouders, Eerste halfjaar 2027/ }).click();
    const linkField = page.getByLabel('Anonieme link voor Ouders, Eerste halfjaar 2027');
    await expect.poll(() => linkField.inputValue()).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
    const parentsLink = await linkField.inputValue();
    const counts = await page.locator('#g-counts').locator('..').innerText();
    expect(counts).toContain('geen (anonieme link)');
    await look(page, 'editor');

    // A professional's personal link and the parents' link, each to its own introduction.
    const respondent = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const r = await respondent.newPage();
    await r.goto(`${base}/r/${study.token(study.participantIds[0], 'h1')}`);
    await r.getByText('Deze vragenlijst is voor de professionals van het netwerk.').waitFor();
    expect(await r.locator('body').innerText()).toContain('2 onderdelen');
    await look(r, 'intro-professionals');
    const parent = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const p = await parent.newPage();
    await p.goto(parentsLink);
    await p.getByText('Fijn dat u als ouder wilt vertellen hoe het ging.').waitFor();
    expect(await p.locator('body').innerText()).not.toContain('professionals van het netwerk');
    await look(p, 'intro-parents');
    await Promise.all([respondent.close(), parent.close()]);

    // Answers come in: two professionals and three parents. The dashboard and the monitor show the
    // same count per group.
    const submit = async (cookie: string, url: string, answers: unknown[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie },
        payload: { submissionId: submissionId(), language: 'nl', answers },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    for (const i of [0, 1])
      await submit(await exchange(t, study.token(study.participantIds[i], 'h1')), '/r/api/submit', [
        { item: 'cijfer', sub: '', code: 8 },
        { item: 'werkveld', sub: '', code: 1 },
      ]);
    for (let i = 0; i < 3; i++)
      await submit(await exchange(t, parentsLink.slice(parentsLink.lastIndexOf('/r/') + 3)), '/r/anon/api/submit', [
        { item: 'gehoord', sub: '', code: 5 },
        { item: 'geholpen', sub: '', code: 1 },
      ]);
    await page.goto(`${base}/app/s/${MONITOR}/dashboard/response`);
    const table = page.locator('[data-test="group-response"]');
    await table.waitFor();
    expect(await table.locator('tr[data-group="professionals"][data-round="h1"] [data-test="submitted"]').innerText()).toBe('2');
    expect(await table.locator('tr[data-group="ouders"][data-round="h1"]').innerText()).toContain('anonieme link');
    await page.getByLabel('Respondentgroep', { exact: true }).selectOption('ouders');
    await expect.poll(() => page.url()).toContain('group=ouders');
    await look(page, 'dashboard-response');
    await page.goto(`${base}/app/s/${MONITOR}/fieldwork`);
    const monitor = page.locator('[data-test="monitor-groups"]');
    await monitor.waitFor();
    await page.locator('#fw-round').selectOption('h1');
    await expect.poll(() => monitor.locator('tr[data-group="professionals"]').innerText()).toContain('2 van 3');
    expect(await monitor.locator('tr[data-group="ouders"]').innerText()).toMatch(/anonieme link\s+3\s+3/);
    await look(page, 'monitor');
    await context.close();
  }, 180_000);
});
