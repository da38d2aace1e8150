import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { checkAtWidths, hasChromium, launchBrowser, PASSWORD, publishFirstVersion, waitForLoginForm, WIDTHS } from '../helpers/browser.js';
import { freePort } from '../fieldwork/smtp.js';
import { createDemoNetworks } from '../../server/studies/demo-networks.js';
import { DEMO_PROGRAMME, DEMO_REPRESENTATIVE_EMAIL, createDemoProgramme } from '../../server/programmes/demo.js';
import { TRAINING_WORDS } from './words.js';

const VENLO = 'imh-netwerk-venlo';
const POINT = 'Ouders eerder wijzen op het steunnetwerk';
const GOAL = 'Elke verloskundige in Venlo verwijst ouders in de zwangerschap naar het netwerk.';
const ACTIONS = ['Verloskundigen uitnodigen voor het netwerkoverleg', 'Folder voor ouders bij de eerste echo'];

/**
 * Issue 17's quality bar on the demo region itself (the data `rondo demo` and the first start write):
 * as the network connector of imh-netwerk-venlo, choose a new improvement point, make a yearly plan
 * with a goal and an indicator target, add two actions for team members, record a quarterly
 * evaluation and publish the network factsheet (the plan in it; never training, ZAT or tools); as the
 * demo's regional representative, the three networks side by side, and every participant-level
 * screen of venlo refused (403 through the page's own API, and the screen's refusal). 375 and 1280 px, axe-clean.
 */
describe.skipIf(!hasChromium)('the demo IMH region in the browser: the connector and the regional representative', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let representativePassword: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ config: { baseUrl: base, port } });
    await createDemoNetworks(t.data.store.db, t.data.secret);
    representativePassword = (await createDemoProgramme(t.data.store.db))!.representative!.password;
    // The demo's own connector account cannot log in (the first start's administrator runs the networks); a
    // researcher of venlo plays the connector, with the demo's team members as the actions' owners.
    await loginAs(t, 'verbinder@example.nl', { role: 'researcher', study: VENLO, password: PASSWORD });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const look = (page: Page, name: string) => checkAtWidths(page, name, 'showcase');

  async function logIn(email: string, password: string, next: string): Promise<Page> {
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${base}${next}`);
    return page;
  }

  it('lets the connector of imh-netwerk-venlo choose a point, plan, evaluate and publish the factsheet', async () => {
    const page = await logIn('verbinder@example.nl', PASSWORD, `/app/s/${VENLO}/improve`);
    await page.getByRole('heading', { name: 'Verbeteren', level: 1 }).waitFor();
    // The demo's own cycle is there: one point chosen by vote, with its plan.
    await page.getByRole('heading', { name: /^Jaarplan 2026: / }).waitFor();

    await page.getByLabel('Omschrijving').fill(POINT);
    await page.getByLabel('Bron').selectOption('indicator');
    await page.getByLabel('Vraag-id, indicator of thema').fill('guide_parents');
    await page.getByRole('button', { name: 'Voorstellen' }).click();
    await page.getByRole('button', { name: `Kiezen als verbinder ${POINT}` }).click();
    const form = page.getByRole('region', { name: `Jaarplan maken voor “${POINT}”` });
    await form.getByLabel('Jaar', { exact: true }).fill('2027');
    await form.getByLabel('Concreet doel').fill(GOAL);
    // The point's indicator is preselected: its target, as a percentage agreeing.
    expect(await form.getByLabel('Indicator').inputValue()).toBe('guide_parents');
    await form.getByLabel('Streefwaarde').fill('75');
    await form.getByRole('button', { name: 'Plan maken' }).click();
    const plan = page.getByRole('region', { name: `Jaarplan 2027: ${POINT}` });
    await plan.waitFor();

    // Two actions, one for each of the demo's team accounts.
    const owners = await plan.getByLabel('Eigenaar').locator('option').allTextContents();
    const team = [owners.find((o) => o.includes('netwerkverbinder')), owners.find((o) => o.includes('netwerkteam'))];
    expect(team.every(Boolean), owners.join(', ')).toBe(true);
    for (const [i, description] of ACTIONS.entries()) {
      const field = plan.getByLabel('Actie', { exact: true });
      if (!(await field.isVisible())) await plan.getByText('Actie toevoegen').first().click();
      await plan.getByLabel('Actie', { exact: true }).fill(description);
      await plan.getByLabel('Eigenaar').selectOption({ label: team[i]!.trim() });
      await plan.getByLabel('Klaar op').fill(`2027-0${3 + 3 * i}-01`);
      await plan.getByRole('button', { name: 'Actie toevoegen' }).click();
      await plan.getByRole('cell', { name: description, exact: true }).waitFor();
    }

    await plan.getByText('Evaluatie opslaan').first().click();
    await plan.getByLabel('Gedaan').fill('Drie verloskundigenpraktijken bezocht');
    await plan.getByLabel('Gemeten').fill('Nog geen nieuwe scan; de volgende meting is in juni');
    await plan.getByLabel('Bijgesteld').fill('Ook de kraamzorg uitnodigen');
    await plan.getByRole('button', { name: 'Evaluatie opslaan' }).click();
    await plan.getByText('Kwartaal 1 2027').waitFor();
    const planText = await plan.innerText();
    expect(planText).toContain(GOAL);
    // A share's target reads as a percentage, as typed here and as the demo's own plan stores it (0.85).
    expect(planText).toMatch(/In staat ouders te begeleiden — Streefwaarde: 75\s?%/);
    const demoPlan = page.getByRole('region', { name: /^Jaarplan 2026: / });
    expect(await demoPlan.innerText()).toMatch(/Kwaliteitseisen nageleefd — Streefwaarde: 85\s?%/);
    expect(planText).toContain('Drie verloskundigenpraktijken bezocht');
    await look(page, 'improve');

    await page.goto(`${base}/app/s/${VENLO}/factsheet`);
    const preview = page.frameLocator('iframe.f-frame');
    await expect
      .poll(() => preview.locator('h2').allTextContents(), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['Waar staan we', 'Verandering sinds de vorige scan', 'Verbeterplan', 'Volgende stappen']));
    await look(page, 'factsheet');
    await publishFirstVersion(page);
    const published = await page.request.get(`${base}/api/studies/${VENLO}/factsheets/1?format=html`);
    expect(published.status()).toBe(200);
    const text = (await published.text())
      .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('IMH-netwerk Venlo (synthetische demo)');
    expect(text).toContain(POINT);
    expect(text).toContain(GOAL);
    expect(text.match(new RegExp(TRAINING_WORDS.source, 'gi'))).toBeNull();
    await page.context().close();
  }, 120_000);

  it('shows the regional representative the three networks side by side and refuses everything participant-level', async () => {
    const overview = `/app/programmes/${DEMO_PROGRAMME}`;
    const page = await logIn(DEMO_REPRESENTATIVE_EMAIL, representativePassword, overview);
    await page.getByRole('heading', { name: 'IMH-regio (demo)', level: 1 }).waitFor();
    // "Regiovertegenwoordiger (demo)": initials from the name's words, not its brackets.
    expect(await page.locator('.a-avatar').innerText()).toBe('RD');
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).toContain('IMH-netwerk Peel');
    // Every indicator of the Quick Scan: the three networks side by side, a value with its count or the honest reason.
    for (const indicator of ['Kwaliteitseisen nageleefd', 'In staat ouders te begeleiden', 'Samenwerking verloopt goed']) {
      const table = page.getByRole('region', { name: indicator, exact: true });
      for (const place of ['Venlo', 'Horst', 'Peel']) {
        const row = await table.getByRole('row', { name: new RegExp(place) }).innerText();
        expect(row, `${indicator}, ${place}`).toMatch(/\d\s?%\s+n = \d+|te weinig antwoorden/);
      }
    }
    // The plans, targets as percentages however the connector typed them (75 here, 0.85 in the demo's own plan).
    const venloPlans = await page.getByRole('region', { name: 'IMH-netwerk Venlo (synthetische demo)' }).innerText();
    expect(venloPlans).toMatch(/In staat ouders te begeleiden: 75\s?%/);
    expect(venloPlans).toMatch(/Kwaliteitseisen nageleefd: 85\s?%/);
    const shown = await main.innerText();
    for (const word of ['training', 'ZAT', 'tools', 'netwerkteam.venlo@example.org']) expect(shown).not.toContain(word);
    await look(page, 'programme');

    // The page's own API (the session's cookie, the app's CSRF header) refuses venlo's participant-level data.
    for (const url of ['open-answers', 'participants', 'exports/contacts.csv', 'exports/long.xlsx']) {
      const refused = await page.request.get(`${base}/api/studies/${VENLO}/${url}`);
      expect(refused.status(), url).toBe(403);
      expect(((await refused.json()) as { details: { text: { nl: string } } }).details.text.nl).toContain('alleen voor het eigen team');
    }
    // The screens say so, in the user's language, and show nothing of the network.
    for (const screen of ['dashboard/open', 'cohort', 'export']) {
      await page.goto(`${base}/app/s/${VENLO}/${screen}`);
      await page.getByRole('heading', { name: 'Geen toegang', level: 1 }).waitFor();
      expect(await page.getByRole('alert').innerText()).toBe(
        'Als lid van het programma "IMH-regio (demo)" ziet u dit netwerk alleen in het overzicht van het programma; ' +
          'deelnemers, antwoorden, open antwoorden en exports van een netwerk zijn alleen voor het eigen team.',
      );
      expect(await main.innerText()).not.toMatch(/@example\.org/);
    }
    await look(page, 'refused');
    await page.getByRole('link', { name: 'Naar het overzicht van het programma' }).click();
    await page.getByRole('heading', { name: 'IMH-regio (demo)', level: 1 }).waitFor();
    await page.context().close();
  }, 120_000);
});
