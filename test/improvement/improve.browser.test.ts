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
import { NETWORK, OPEN, createNetworkStudy } from './fixture.js';

/**
 * "Verbeteren / Improve" in a real browser on a generated network study (Dutch only): the network
 * connector proposes a point, chooses it, writes the yearly plan with an indicator target, adds an
 * action for a team member and records a quarterly evaluation beside the indicator's values per
 * round; the member then sets their own action's status. At 375 and 1280 px, axe-clean.
 */
describe.skipIf(!hasChromium)('the improvement cycle in the browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ config: { baseUrl: base, port } });
    t.setNow(OPEN);
    await createNetworkStudy(t);
    await loginAs(t, 'verbinder@example.nl', { role: 'researcher', study: NETWORK, password: PASSWORD });
    await loginAs(t, 'lid@example.nl', { role: 'trainer', study: NETWORK, password: PASSWORD });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function look(page: Page, name: string): Promise<void> {
    for (const [size, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${name} at ${viewport.width} px`);
      await screenshot(page, `improve-${name}-${size === 'phone' ? '375' : '1280'}`);
    }
  }

  async function open(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const next = `/app/s/${NETWORK}/improve`;
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, base, email, next);
    await page.getByRole('heading', { name: 'Verbeteren', level: 1 }).waitFor();
    return page;
  }

  it('lets the connector run the cycle and a member update their own action', async () => {
    const page = await open('verbinder@example.nl');
    await page.getByLabel('Omschrijving').fill('Betere samenwerking met de huisartsen');
    await page.getByLabel('Bron').selectOption('indicator');
    await page.getByLabel('Vraag-id, indicator of thema').fill('samenwerking');
    await page.getByRole('button', { name: 'Voorstellen' }).click();
    await page.getByRole('button', { name: 'Stem Betere samenwerking met de huisartsen' }).click();
    await page.getByText('U heeft gestemd').waitFor();
    await page.getByRole('button', { name: 'Kiezen (meeste stemmen) Betere samenwerking met de huisartsen' }).click();
    await page.getByRole('heading', { name: 'Jaarplan maken voor “Betere samenwerking met de huisartsen”' }).waitFor();
    await page.getByLabel('Jaar', { exact: true }).fill('2027');
    await page.getByLabel('Concreet doel').fill('Elke huisarts in de wijk kent het netwerk.');
    await page.getByLabel('Streefwaarde').fill('7,5');
    await page.getByRole('button', { name: 'Plan maken' }).click();
    await page.getByRole('heading', { name: 'Jaarplan 2027: Betere samenwerking met de huisartsen' }).waitFor();
    // The indicator's values per round with their counts, and the honest verdict for four answers.
    await page.getByText('Eerste halfjaar 2027: 6 (4 antwoorden)').waitFor();
    await page.getByText('Tweede halfjaar 2027: 7,5 (4 antwoorden)').waitFor();
    await page.getByText('Eerste halfjaar 2027 → Tweede halfjaar 2027: te weinig antwoorden om een verandering te toetsen').waitFor();

    await page.getByText('Actie toevoegen').first().click();
    await page.getByLabel('Actie', { exact: true }).fill('Huisartsen uitnodigen voor het netwerkoverleg');
    await page.getByLabel('Eigenaar').selectOption({ label: 'lid@example.nl' });
    await page.getByLabel('Klaar op').fill('2027-04-01');
    await page.getByRole('button', { name: 'Actie toevoegen' }).click();
    await page.getByRole('cell', { name: 'Huisartsen uitnodigen voor het netwerkoverleg', exact: true }).waitFor();

    await page.getByText('Evaluatie opslaan').first().click();
    await page.getByLabel('Gedaan').fill('Twee huisartsen bezocht');
    await page.getByLabel('Gemeten').fill('Cijfer samenwerking 7,5 bij 4 antwoorden: te weinig om te toetsen');
    await page.getByLabel('Bijgesteld').fill('Ook de praktijkondersteuners uitnodigen');
    await page.getByRole('button', { name: 'Evaluatie opslaan' }).click();
    await page.getByText('Kwartaal 1 2027').waitFor();
    await look(page, 'connector');
    await page.context().close();

    const member = await open('lid@example.nl');
    await member.getByText('U ziet het plan').waitFor();
    // The member's audience does not see values from four answers; the screen says why.
    await member.getByText('Eerste halfjaar 2027: te weinig antwoorden om te tonen (4 antwoorden)').waitFor();
    expect(await member.getByRole('button', { name: 'Voorstellen' }).count()).toBe(0);
    await member.getByLabel('Status van “Huisartsen uitnodigen voor het netwerkoverleg”').selectOption('in-progress');
    await member.getByText('Opgeslagen.').waitFor();
    await look(member, 'member');
    await member.context().close();
    const status = t.data.store.sqlite.prepare('select status from improvement_action').get() as { status: string };
    expect(status.status).toBe('in-progress');
  }, 120_000);
});
