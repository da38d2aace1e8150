import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { checkAtWidths, hasChromium, launchBrowser, openLoggedIn, PASSWORD, screenshot, WIDTHS } from '../helpers/browser.js';
import { freePort } from '../fieldwork/smtp.js';
import { addProgrammeMember, addProgrammeStudy, createProgramme } from '../../server/programmes/store.js';
import { DOMAINS, addPlan, createNetwork } from './fixture.js';

/**
 * The regional representative's screen in a real browser (issue 17, regional view), on three
 * generated networks (not the demo): from "Mijn onderzoeken" to the programme, the networks side by
 * side per indicator and half-year ("te weinig antwoorden" where a network is too small), domain
 * coverage and the plans; English through the language switch; a researcher starting a programme from "Mijn
 * onderzoeken" and filling it; 375 and 1280 px, axe-clean.
 */
describe.skipIf(!hasChromium)('the programme screen in the browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ config: { baseUrl: base, port } });
    const store = t.data.store;
    const venlo = await createNetwork(store, { slug: 'netwerk-venlo', title: 'IMH-netwerk Venlo', members: 12 });
    await createNetwork(store, {
      slug: 'netwerk-horst',
      title: 'IMH-netwerk Horst aan de Maas',
      members: 4,
      teamMode: true,
      domains: DOMAINS.slice(0, 3),
    });
    await createNetwork(store, { slug: 'netwerk-peel', title: 'IMH-netwerk Peel', members: 11 });
    await loginAs(t, 'verbinder@example.nl', { role: 'researcher', study: 'netwerk-venlo', password: PASSWORD });
    const owner = store.sqlite.prepare("select id from user where email = 'verbinder@example.nl'").get() as { id: number };
    await addPlan(store, venlo, owner.id);
    await loginAs(t, 'regio@example.nl', { password: PASSWORD });
    await loginAs(t, 'nieuw@example.nl', { password: PASSWORD });
    // A study of the coordinator's own that lacks one of the programme's indicators.
    const anders = await createNetwork(store, { slug: 'netwerk-anders', title: 'Ander netwerk', members: 3, without: ['aanbod'] });
    store.sqlite.prepare("insert into study_member (study_id, user_id, role) values (?, ?, 'researcher')").run(anders, owner.id);
    const by = { actor: 'cli', now: new Date() };
    const programme = await createProgramme(
      store.db,
      { slug: 'regio-limburg', title: { nl: 'IMH-regio Noord-Limburg', en: 'IMH region North Limburg' }, coordinator: owner.id },
      by,
    );
    for (const slug of ['netwerk-venlo', 'netwerk-horst', 'netwerk-peel']) await addProgrammeStudy(store.db, programme, slug, by);
    await addProgrammeMember(store.db, programme, 'regio@example.nl', 'representative', by);
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const look = (page: Page, name: string) => checkAtWidths(page, name, 'programme');

  it('shows a representative the networks side by side, in Dutch and in English', async () => {
    const page = await openLoggedIn(browser, base, 'regio@example.nl', '/app', WIDTHS.desktop);
    const context = page.context();
    await page.getByRole('heading', { name: "Mijn programma's" }).waitFor();
    await look(page, 'home');
    await page.getByRole('link', { name: 'IMH-regio Noord-Limburg' }).click();
    await page.getByRole('heading', { name: 'IMH-regio Noord-Limburg', level: 1 }).waitFor();

    const richtlijn = page.getByRole('region', { name: 'Werken volgens de richtlijn' });
    const venlo = richtlijn.getByRole('row', { name: /IMH-netwerk Venlo/ });
    await expect.poll(() => venlo.innerText()).toMatch(/50\s?%\s+n = 12/);
    // A small team in team mode: its counts, never a percentage; a network of 11 is shown.
    const horst = await richtlijn.getByRole('row', { name: /Horst/ }).innerText();
    expect(horst).toMatch(/\d van 4; te weinig antwoorden voor een percentage/);
    expect(horst).not.toMatch(/%/);
    expect(await richtlijn.getByRole('row', { name: /Peel/ }).innerText()).toMatch(/n = 11/);
    const domains = await page.getByRole('region', { name: 'Domeinen' }).innerText();
    expect(domains).toContain('3 van 5 domeinen vertegenwoordigd. Ontbreekt: Sociaal domein, Verloskunde');
    const plans = await page.getByRole('region', { name: 'IMH-netwerk Venlo' }).innerText();
    expect(plans).toContain('Richtlijn beter volgen');
    expect(plans).toMatch(/1 niet begonnen, 1 klaar/);
    expect(plans).toContain('K1');
    const text = await page.locator('main').innerText();
    for (const word of ['training', 'ZAT', 'tools', 'verbinder@example.nl']) expect(text).not.toContain(word);
    // The yearly report opens in a tab of its own, from the same overview.
    const [report] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Jaarrapport bekijken' }).click()]);
    await report.waitForLoadState();
    expect(await report.locator('body').innerText()).toContain('IMH-netwerk Venlo');
    await report.close();
    await look(page, 'overview');

    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'IMH region North Limburg', level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: 'Domains' }).innerText()).toContain('3 of 5 domains represented');
    await screenshot(page, 'programme-overview-en-1280');
    // A representative manages nothing.
    expect(await page.getByRole('heading', { name: 'Managing the programme' }).count()).toBe(0);
    await context.close();
  }, 120_000);

  it('lets the coordinator add a representative, and refuses a network without the same indicators', async () => {
    const page = await openLoggedIn(browser, base, 'verbinder@example.nl', '/app/programmes/regio-limburg', WIDTHS.desktop);
    const context = page.context();
    const manage = page.getByRole('region', { name: 'Beheer van het programma' });
    await manage.waitFor();
    await manage.getByLabel('Netwerk om toe te voegen').selectOption('netwerk-anders');
    await manage.getByRole('button', { name: 'Toevoegen' }).first().click();
    await expect
      .poll(() => manage.getByRole('alert').innerText())
      .toBe(
        'netwerk-anders gebruikt niet dezelfde Quick Scan: de indicator aanbod ontbreekt in de huidige vragenlijst. Er is niets gewijzigd.',
      );
    await manage.getByLabel('E-mailadres van het account').fill('nieuw@example.nl');
    await manage.getByRole('button', { name: 'Toevoegen' }).last().click();
    await manage.getByText('nieuw@example.nl · Regiovertegenwoordiger').waitFor();
    await look(page, 'manage');
    await context.close();
  }, 120_000);

  it('lets a researcher start a programme from "Mijn onderzoeken", with refusals next to their field, and fill it', async () => {
    const page = await openLoggedIn(browser, base, 'verbinder@example.nl', '/app', WIDTHS.desktop);
    const context = page.context();
    await page.getByRole('button', { name: 'Nieuw programma' }).click();
    const form = page.getByRole('region', { name: 'Nieuw programma' });
    const slug = form.getByLabel('Korte naam (in het webadres)');
    const create = form.getByRole('button', { name: 'Programma aanmaken' });
    // Each refusal is the server's, next to the field it concerns, and the field says it is invalid.
    const refusalAt = async (id: string) => {
      const error = page.locator(`#${id}-error`);
      await error.waitFor();
      expect(await page.locator(`#${id}`).getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator(`#${id}`).getAttribute('aria-describedby')).toContain(`${id}-error`);
      return error.innerText();
    };
    await slug.fill('Regio Zuid');
    await form.getByLabel('Titel (Nederlands)').fill('IMH-regio Zuid-Limburg');
    await create.click();
    expect(await refusalAt('pc-slug')).toBe('"Regio Zuid" is geen geldige korte naam: gebruik kleine letters, cijfers en streepjes.');
    await look(page, 'create');
    await slug.fill('regio-limburg');
    await create.click();
    await expect
      .poll(() => page.locator('#pc-slug-error').innerText())
      .toBe('Er is al een programma "regio-limburg". Er is niets gewijzigd.');
    await slug.fill('regio-zuid');
    await form.getByLabel('Titel (Nederlands)').fill(' ');
    await create.click();
    expect(await refusalAt('pc-title-nl')).toBe('Geef het programma een Nederlandse titel.');
    expect(await page.locator('#pc-slug-error').count()).toBe(0);
    // In English, the same refusal in English.
    await page.getByRole('button', { name: /English/ }).click();
    const english = page.getByRole('region', { name: 'New programme' });
    await english.getByRole('button', { name: 'Create programme' }).click();
    await expect.poll(() => page.locator('#pc-title-nl-error').innerText()).toBe('Give the programme a Dutch title.');
    await page.getByRole('button', { name: /Nederlands/ }).click();

    await form.getByLabel('Titel (Nederlands)').fill('IMH-regio Zuid-Limburg');
    await form.getByLabel('Titel (Engels, optioneel)').fill('IMH region South Limburg');
    await form.getByLabel('Beschrijving (Nederlands, optioneel)').fill('De IMH-netwerken van Zuid-Limburg naast elkaar.');
    await create.click();
    await page.waitForURL(`${base}/app/programmes/regio-zuid`);
    await page.getByRole('heading', { name: 'IMH-regio Zuid-Limburg', level: 1 }).waitFor();
    // The creator is its coordinator: they add one of their own networks (which brings the indicators) and a representative.
    const manage = page.getByRole('region', { name: 'Beheer van het programma' });
    await manage.getByLabel('Netwerk om toe te voegen').selectOption('netwerk-venlo');
    await manage.getByRole('button', { name: 'Toevoegen' }).first().click();
    await expect
      .poll(() => manage.getByRole('status').innerText())
      .toBe(
        'Opgeslagen. Het programma volgt nu de indicatoren van dit netwerk: richtlijn, aanbod, samenwerking. ' +
          'Elk volgend netwerk moet ze ook hebben.',
      );
    await manage.getByRole('button', { name: 'Verwijderen IMH-netwerk Venlo' }).waitFor();
    // The network without the programme's indicators is refused next to its field, naming what is missing.
    await manage.getByLabel('Netwerk om toe te voegen').selectOption('netwerk-anders');
    await manage.getByRole('button', { name: 'Toevoegen' }).first().click();
    expect(await refusalAt('pm-study')).toContain('de indicator aanbod ontbreekt');
    await manage.getByLabel('E-mailadres van het account').fill('niemand@example.nl');
    await manage.getByRole('button', { name: 'Toevoegen' }).last().click();
    expect(await refusalAt('pm-email')).toContain('niemand@example.nl');
    expect(await page.locator('#pm-study-error').count()).toBe(0);
    await screenshot(page, 'programme-manage-refused-1280');
    await manage.getByLabel('E-mailadres van het account').fill('regio@example.nl');
    await manage.getByRole('button', { name: 'Toevoegen' }).last().click();
    await manage.getByText('regio@example.nl · Regiovertegenwoordiger').waitFor();
    expect(await manage.getByLabel('E-mailadres van het account').inputValue()).toBe('');
    await look(page, 'created');
    await context.close();
  }, 120_000);
});
