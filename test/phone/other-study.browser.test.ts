import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AnswerCell, Questionnaire } from '../../model/index.js';
import { optionSub } from '../../model/index.js';
import { createStudy } from '../../server/studies/create-study.js';
import { ROUTES } from '../../web/app/routes.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
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
import { findCutText, findLabelProblems, findOverflow, settle } from './layout.js';

/**
 * Issue 16's quality bar: a study of another kind than the 1000 Kansen training goes through
 * builder → links → submissions → dashboard → factsheet in Chromium, and neither its dashboard nor
 * its factsheet speaks of "training", "ZAT" or "tools". The study is a network's half-yearly monitor,
 * Dutch only, with ratings, a single and a multiple choice question, and two respondent groups. Its
 * first half-year was held in March 2026 (links from the mail-merge export, answered over HTTP with
 * the app's clock set to then); in the browser the researcher defines a custom indicator in the
 * builder, sets up the groups (professionals by personal link, parents by anonymous link), opens the
 * second half-year, takes the personal links from the mail-merge export and the parents' link from
 * the groups screen; one professional answers on a phone, five more and three parents over HTTP,
 * and the researcher reads every
 * dashboard screen and the factsheet draft, at 1280 px and at 375 px.
 *
 * The cohort comes from a spreadsheet whose domain column becomes the `domain` attribute, and the
 * overview is split by it. The words are checked on every dashboard screen of the router, also those
 * the study's navigation leaves out (collaboration, tools, competence: reached by their address).
 * Two long statements (one of 120 characters) and an option that is one long compound check that
 * every chart shows its category names whole and without overlap, at both widths. Every table on
 * those screens, and the cohort list with its three attributes (long Dutch compounds among the
 * values), keeps each word whole on one line and cuts nothing, at both widths (findCutText).
 */
const SLUG = 'netwerkmonitor-noord';
const AGREE = {
  points: ['Oneens', 'Eerder oneens', 'Neutraal', 'Eerder eens', 'Eens'].map((nl, i) => ({ code: i + 1, label: { nl } })),
  topBox: [4, 5],
};
/** A 120-character statement and one around a long compound. */
const STATEMENTS = [
  [
    'signaleren',
    'Ik weet bij welke ketenpartner in de wijk ik terecht kan als ouders zich zorgen maken over de ontwikkeling van hun kind.',
  ],
  ['afspraken', 'Samenwerkingsafspraken over de overdracht van kraamzorg naar jeugdgezondheidszorg worden nageleefd.'],
] as const;
const FORBIDDEN = /training|ZAT|tools/i;

const QUESTIONNAIRE: Questionnaire = {
  format: 'rondo.questionnaire/1',
  title: { nl: 'Halfjaarlijkse netwerkmonitor' },
  sections: [
    {
      key: 'netwerk',
      title: { nl: 'Het netwerk' },
      items: [
        {
          type: 'rating',
          id: 'cijfer',
          text: { nl: 'Welk rapportcijfer geeft u de samenwerking in het netwerk?' },
          required: true,
          rounds: ['h1_2026', 'h2_2026'],
          measure: 'satisfaction',
          min: 1,
          max: 10,
        },
        {
          type: 'single',
          id: 'richtlijn',
          text: { nl: 'Werkt uw team volgens de afgesproken richtlijn?' },
          required: true,
          rounds: ['h1_2026', 'h2_2026'],
          measure: 'background',
          options: [
            { code: 1, label: { nl: 'Ja' } },
            { code: 2, label: { nl: 'Deels' } },
            { code: 3, label: { nl: 'Nee' } },
            // A long Dutch compound among the options: shown whole on every axis (issue 16, deliverable 8).
            { code: 4, label: { nl: 'Jeugdgezondheidszorgrichtlijn' } },
          ],
        },
        // Long statements on the competence screen: whole, wrapped between words, never "…".
        ...STATEMENTS.map(([id, text]) => ({
          type: 'likert' as const,
          id,
          text: { nl: text },
          required: false,
          rounds: ['h1_2026', 'h2_2026'],
          measure: 'competence' as const,
          scale: AGREE,
        })),
        {
          type: 'multi',
          id: 'aanbod',
          text: { nl: 'Welk aanbod is in uw wijk beschikbaar?' },
          required: false,
          rounds: ['h1_2026', 'h2_2026'],
          measure: 'background',
          options: [
            { code: 1, label: { nl: 'Oudergroep' } },
            { code: 2, label: { nl: 'Huisbezoek' } },
            { code: 3, label: { nl: 'Spreekuur' } },
          ],
        },
      ],
    },
    {
      key: 'ouders',
      title: { nl: 'Uw ervaring als ouder' },
      items: [
        {
          type: 'rating',
          id: 'ouder_cijfer',
          text: { nl: 'Welk rapportcijfer geeft u de hulp die u kreeg?' },
          required: false,
          rounds: ['h1_2026', 'h2_2026'],
          measure: 'satisfaction',
          min: 1,
          max: 10,
        },
      ],
    },
  ],
};

let t: TestApp;
let base: string;
let browser: Browser;

const inject = (who: LoggedIn, method: string, url: string, payload?: unknown) =>
  t.app.inject({ method: method as 'GET', url, headers: who.headers, payload: payload as object });

/** The personal links of a round's mail-merge export (what the researcher pastes into Outlook). */
function linksOf(csv: string): string[] {
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((row) => /https?:\/\/[^,;"\s]+\/r\/[A-Za-z0-9_-]+/.exec(row)?.[0] ?? '')
    .filter(Boolean);
}

/** A professional's answers: a rating, the guideline (1 yes, 2 partly) and the offers chosen. */
function answers(rating: number, guideline: number, offers: number[]): AnswerCell[] {
  return [
    { item: 'cijfer', sub: '', code: rating },
    { item: 'richtlijn', sub: '', code: guideline },
    ...[1, 2, 3].map((c) => ({ item: 'aanbod', sub: optionSub(c), code: offers.includes(c) ? 1 : 0 })),
    ...STATEMENTS.map(([item], k) => ({ item, sub: '', code: 1 + ((rating + k) % 5) })),
  ];
}

/** Opens a personal or anonymous link over HTTP and submits the answers, as the respondent app does. */
async function submitOverHttp(link: string, cells: AnswerCell[]): Promise<void> {
  const opened = await t.app.inject({ url: new URL(link).pathname });
  expect(opened.statusCode).toBe(200);
  const c = opened.cookies.find((x) => x.name === 'rondo_r' || x.name === 'rondo_a')!;
  const res = await t.app.inject({
    method: 'POST',
    url: c.name === 'rondo_a' ? '/r/anon/api/submit' : '/r/api/submit',
    headers: { cookie: `${c.name}=${c.value}` },
    payload: { submissionId: crypto.randomUUID(), language: 'nl', answers: cells },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function login(width: keyof typeof WIDTHS, next: string): Promise<Page> {
  const context = await browser.newContext({ viewport: WIDTHS[width], locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await waitForLoginForm(page, 1);
  await submitLogin(page, base, 'netwerk@ggd-noord.nl', next);
  return page;
}

describe.skipIf(!hasChromium)('a half-yearly network monitor from builder to factsheet', () => {
  beforeAll(async () => {
    t = await buildTestApp();
    await createStudy(t.data.store.db, {
      study: {
        slug: SLUG,
        title: { nl: 'Netwerkmonitor Jonge Gezinnen Noord' },
        description: { nl: 'Halfjaarlijkse zelfevaluatie van het netwerk.' },
        organisation: 'GGD Regio Noord',
        languages: ['nl'],
        defaultLanguage: 'nl',
        colophon: {},
      },
      rounds: [
        {
          key: 'h1_2026',
          label: { nl: 'Eerste halfjaar 2026' },
          opensAt: '2026-03-02T08:00:00.000Z',
          closesAt: '2026-03-30T15:00:00.000Z',
        },
        { key: 'h2_2026', label: { nl: 'Tweede halfjaar 2026' }, opensAt: null, closesAt: null },
      ],
      partners: [],
      tools: [],
      questionnaire: QUESTIONNAIRE,
    });
    // The first half-year, held in March: the cohort, the links of the export, seven answers.
    t.setNow(new Date('2026-03-10T09:00:00.000Z'));
    const march = await loginAs(t, 'netwerk@ggd-noord.nl', { role: 'researcher', study: SLUG, password: PASSWORD });
    // The cohort from a spreadsheet with a domain column, which becomes the `domain` attribute.
    const roles = ['jeugdarts', 'kinderfysiotherapeut', 'ambulant hulpverlener', 'netwerkverbinder'];
    // Three attributes, two of them long Dutch compounds: shown whole in the cohort list (issue 16, deliverable 8).
    const fields = ['Jeugdgezondheidszorg', 'Kinderopvangorganisatie', 'Gemeentelijke ondersteuningsteams'];
    const towns = ['Súdwest-Fryslân', 'Noardeast-Fryslân', 'Westerkwartier'];
    const csv =
      'Naam;E-mail;Organisatie;Functie;Team;domain;werkveld;gemeente\r\n' +
      Array.from(
        { length: 8 },
        (_, i) =>
          `Professional ${i + 1};professional${i + 1}@netwerk-noord.nl;${i % 2 ? 'Kraamzorg Noord' : 'GGD Regio Noord'};` +
          `${roles[i % roles.length]};Noord;${i < 5 ? 'jeugd' : 'zorg'};${fields[i % 3]};${towns[i % 3]}`,
      ).join('\r\n');
    const imported = await inject(march, 'POST', `/api/studies/${SLUG}/cohort/import`, {
      data: Buffer.from(csv, 'utf8').toString('base64'),
      encoding: 'auto',
      delimiter: 'auto',
      acceptRoles: roles,
      createAttributes: [
        { key: 'domain', label: { nl: 'Domein' } },
        { key: 'werkveld', label: { nl: 'Werkveld' } },
        { key: 'gemeente', label: { nl: 'Gemeente' } },
      ],
      attributeColumns: { domain: 5, werkveld: 6, gemeente: 7 },
    });
    expect(imported.json()).toEqual({ added: 8, skipped: 0 });
    const first = await inject(march, 'GET', `/api/studies/${SLUG}/fieldwork/rounds/h1_2026/mail-merge.csv`);
    expect(first.statusCode, first.body).toBe(200);
    const marchLinks = linksOf(first.body);
    expect(marchLinks).toHaveLength(8);
    for (const [i, link] of marchLinks.slice(0, 7).entries())
      await submitOverHttp(link, answers(5 + (i % 3), 1 + (i % 2), i % 2 ? [1] : [1, 2]));
    t.setNow(new Date());
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('goes through builder, links, submissions, dashboard and factsheet without the training words', async () => {
    const started = Date.now();
    const problems: string[] = [];
    // Builder: a custom indicator, the mean rating of the network's collaboration.
    const page = await login('desktop', `/app/s/${SLUG}/questionnaire`);
    const editor = page.locator('rondo-indicators-editor');
    await editor.getByRole('heading', { name: 'Indicatoren' }).waitFor();
    await editor.getByRole('button', { name: '+ Indicator toevoegen' }).click();
    const added = editor.locator('fieldset.b-indicator').last();
    await added.getByLabel('Naam Nederlands').fill('Tevredenheid over de samenwerking');
    await added.getByLabel('Samenvatting').selectOption({ label: 'Gemiddelde score' });
    await added.getByRole('checkbox', { name: /^cijfer / }).check();
    await expect.poll(() => added.locator('.b-issues').count()).toBe(0);
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => page.locator('.a-alert--ok').innerText()).toContain('Opgeslagen');
    await screenshot(page, 'other-study-desktop-1-builder');

    // Groups: the professionals by personal link see the network's questions, the parents by anonymous link their own.
    await page.goto(`${base}/app/s/${SLUG}/groups`);
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
    await group(1).getByLabel('Het netwerk').uncheck();
    await group(1).getByLabel('Anonieme link').check();
    await group(1).getByLabel('Persoonlijke link (deelnemers)').uncheck();
    await page.getByRole('button', { name: 'Groepen opslaan' }).click();
    await page.getByText('De groepen zijn opgeslagen.').waitFor();

    // Links: the second half-year opened now, the personal links from the mail-merge export.
    await page.goto(`${base}/app/s/${SLUG}/fieldwork?tab=rounds`);
    await page.getByRole('button', { name: 'Nu openen Tweede halfjaar 2026' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Tweede halfjaar 2026 is geopend.');
    const csv = await page.evaluate(
      async (slug) => (await fetch(`/api/studies/${slug}/fieldwork/rounds/h2_2026/mail-merge.csv`)).text(),
      SLUG,
    );
    const links = linksOf(csv);
    expect(links).toHaveLength(8);
    await screenshot(page, 'other-study-desktop-2-fieldwork');
    await page.goto(`${base}/app/s/${SLUG}/groups`);
    await page.getByRole('button', { name: /Link aanzetten.*Ouders, Tweede halfjaar 2026/ }).click();
    const linkField = page.getByLabel('Anonieme link voor Ouders, Tweede halfjaar 2026');
    await expect.poll(() => linkField.inputValue()).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
    const parentsLink = await linkField.inputValue();

    // Submissions: one professional on a phone, five more over HTTP.
    const phone = await (await browser.newContext({ viewport: WIDTHS.phone, locale: 'nl-NL' })).newPage();
    await phone.goto(`${base}${new URL(links[0]).pathname}`);
    await phone.getByRole('button', { name: 'Beginnen' }).click();
    await phone.locator('#q-cijfer').getByText('8', { exact: true }).click();
    await phone.locator('#q-richtlijn').getByText('Ja', { exact: true }).click();
    await phone.locator('#q-aanbod').getByText('Huisbezoek', { exact: true }).click();
    for (let i = 0; i < 3 && (await phone.getByRole('button', { name: 'Verstuur mijn antwoorden' }).count()) === 0; i++) {
      await phone.getByRole('button', { name: /^(Volgende|Naar versturen)$/ }).click();
    }
    await phone.getByRole('button', { name: 'Verstuur mijn antwoorden' }).click();
    await expect.poll(() => phone.locator('main').innerText()).toContain('Hartelijk dank!');
    await screenshot(phone, 'other-study-phone-3-submitted');
    await phone.context().close();
    for (const [i, link] of links.slice(1, 6).entries())
      await submitOverHttp(link, answers(7 + (i % 3), 1, [1, 2, 3].slice(0, 1 + (i % 3))));
    for (const code of [6, 8, 9]) await submitOverHttp(parentsLink, [{ item: 'ouder_cijfer', sub: '', code }]);

    // Dashboard: every dashboard screen the researcher may open, at 1280 and 375 px.
    const dashboards = ROUTES.filter((r) => r.path.startsWith('/app/s/:slug/dashboard') && r.roles.includes('researcher'));
    // The links screen shows each group's own link beside the round's: the parents' with copy button and QR code,
    // and says the professionals have none.
    const linksScreen = async (view: Page, width: string) => {
      await view.goto(`${base}/app/s/${SLUG}/fieldwork?tab=rounds`);
      const groupLinks = view.locator('rondo-fieldwork-group-links').nth(1);
      await groupLinks.locator('[data-group=professionals]').getByText('Geen anonieme link voor deze groep').waitFor();
      await groupLinks.getByRole('button', { name: 'Link tonen Anonieme link voor Ouders, Tweede halfjaar 2026' }).click();
      expect(await groupLinks.getByLabel('Anonieme link voor Ouders, Tweede halfjaar 2026', { exact: true }).inputValue()).toBe(
        parentsLink,
      );
      await groupLinks.getByRole('img', { name: 'QR-code van de anonieme link voor Ouders, Tweede halfjaar 2026' }).waitFor();
      await groupLinks.getByRole('button', { name: /^Kopiëren/ }).waitFor();
      // The round's own link counts none of the parents' answers: they came through the group's link.
      expect(await view.locator('rondo-fieldwork-anonymous-link').nth(1).locator('[data-anonymous-counts]').count()).toBe(0);
      problems.push(...(await findOverflow(view)).map((o) => `${width} links screen: ${o}`));
      await expectAccessible(view, `${width} links screen with the groups' links`);
      await screenshot(view, `other-study-${width}-2-group-links`);
    };
    // Filtered to the parents, the response card counts their three answers through the anonymous link.
    const parentsResponse = async (view: Page, width: string) => {
      await view.goto(`${base}/app/s/${SLUG}/dashboard/response?group=ouders`);
      await view.locator('[data-test=response-table] [data-test=anonymous]').first().waitFor();
      expect(await view.locator('[data-test=response-table] [data-test=anonymous]').allInnerTexts()).toEqual(['0', '3']);
      const card = view.locator('rondo-chart').first();
      await card.locator('canvas').waitFor();
      expect(await card.innerText()).not.toContain('Nog geen antwoorden');
      expect(await card.locator('canvas').getAttribute('aria-label')).toContain('3 ingevuld via de anonieme link');
      problems.push(...(await findLabelProblems(view)).map((o) => `${width} response for parents: ${o}`));
      await expectAccessible(view, `${width} response filtered to the parents`);
      await screenshot(view, `other-study-${width}-4-response-parents`);
      // The overview's tiles say the same: nobody invited, 3 through the anonymous link now.
      await view.goto(`${base}/app/s/${SLUG}/dashboard?group=ouders`);
      await view.locator('.d-kpi [data-test=anonymous]').first().waitFor();
      expect(await view.locator('.d-kpi [data-test=anonymous]').allInnerTexts()).toEqual(['0', '3']);
      await screenshot(view, `other-study-${width}-4-overview-parents`);
    };
    // The cohort list with its three attributes keeps every word whole, at both widths; the study has no attribute
    // with allowed values nor the coverage setting, so no network profile card.
    const cohortScreen = async (view: Page, width: string) => {
      await view.goto(`${base}/app/s/${SLUG}/cohort`);
      await view.locator('.k-cohort .k-traits').first().waitFor();
      expect(await view.locator('.k-cohort tbody tr').first().innerText()).toContain('Jeugdgezondheidszorg');
      expect(await view.locator('rondo-domain-coverage').innerText()).toBe('');
      // At 1280 px the whole list fits, the actions column included; on a phone each participant is a card.
      const wider = await view
        .locator('.k-cohort')
        .evaluate((table) => table.parentElement!.scrollWidth - table.parentElement!.clientWidth);
      if (wider > 0) problems.push(`${width} cohort: the list is ${wider} px wider than its box`);
      problems.push(...(await findOverflow(view)).map((o) => `${width} cohort: ${o}`));
      problems.push(...(await findCutText(view)).map((o) => `${width} cohort: ${o}`));
      await expectAccessible(view, `${width} cohort with three attributes`);
      await screenshot(view, `other-study-${width}-6-cohort`);
      await view
        .locator('.k-cohort tbody tr')
        .nth(2)
        .screenshot({ path: `.screens/other-study-${width}-6-cohort-row.png` });
    };
    for (const width of ['desktop', 'phone'] as const) {
      const view = width === 'desktop' ? page : await login('phone', `/app/s/${SLUG}/dashboard`);
      let inFlight = 0;
      view.on('request', () => inFlight++);
      view.on('requestfinished', () => inFlight--);
      view.on('requestfailed', () => inFlight--);
      for (const route of dashboards) {
        const url = route.path.replace(':slug', SLUG);
        await view.goto(`${base}${url}`);
        await settle(view, () => inFlight);
        const text = await view.locator('main').innerText();
        if (FORBIDDEN.test(text)) problems.push(`${width} ${url}: "${FORBIDDEN.exec(text)?.[0]}" in "${context(text, FORBIDDEN)}"`);
        problems.push(...(await findOverflow(view)).map((o) => `${width} ${url}: ${o}`));
        problems.push(...(await findLabelProblems(view)).map((o) => `${width} ${url}: ${o}`));
        problems.push(...(await findCutText(view)).map((o) => `${width} ${url}: ${o}`));
        await expectAccessible(view, `${width} ${url}`);
        await screenshot(view, `other-study-${width}-4${url.replace(`/app/s/${SLUG}`, '').replace(/\//g, '-')}`);
      }
      await parentsResponse(view, width);
      await linksScreen(view, width);
      await cohortScreen(view, width);
      if (width === 'phone') await view.context().close();
    }
    // Split by the cohort's domain on the overview, in the study's words.
    await page.goto(`${base}/app/s/${SLUG}/dashboard`);
    await page.getByLabel('Uitsplitsen naar').selectOption('domain');
    const split = page.locator('.d-attr-split');
    await expect.poll(() => split.locator('h2').innerText()).toBe('Uitgesplitst naar Domein');
    const splitText = await split.innerText();
    if (FORBIDDEN.test(splitText)) problems.push(`split by domain: "${context(splitText, FORBIDDEN)}"`);
    problems.push(...(await findCutText(page)).map((o) => `split by domain: ${o}`));
    await expectAccessible(page, 'overview split by domain');
    await screenshot(page, 'other-study-desktop-4-split-domain');

    // The overview counts both half-years: 7 of 8 in March, 6 of 8 now.
    await page.goto(`${base}/app/s/${SLUG}/dashboard/response`);
    await page.locator('[data-test=response-table] tbody tr').first().waitFor();
    expect(await page.locator('[data-test=response-table] [data-test=submitted]').allInnerTexts()).toEqual(['7', '6']);
    // Each group counted once: the professionals 6 of 8 by personal link, the parents 3 by their anonymous link.
    const analysis = (await page.evaluate(async (slug) => (await fetch(`/api/studies/${slug}/analysis`)).json(), SLUG)) as {
      response: { byGroup: { key: string; rounds: { round: string; invited: number | null; submitted: number }[] }[] };
    };
    const now = (key: string) => analysis.response.byGroup.find((g) => g.key === key)?.rounds.find((r) => r.round === 'h2_2026');
    expect(now('professionals')).toMatchObject({ invited: 8, submitted: 6 });
    expect(now('ouders')).toMatchObject({ invited: null, submitted: 3 });
    expect(await page.locator('main').innerText()).toContain('Ouders');

    // Factsheet: the draft composed from the analysis, read in the composer's preview.
    await page.goto(`${base}/app/s/${SLUG}/factsheet`);
    const preview = page.frameLocator('iframe.f-frame');
    await expect.poll(() => preview.locator('h1').textContent(), { timeout: 30_000 }).toContain('Netwerkmonitor');
    const sheet = await preview.locator('body').innerText();
    if (FORBIDDEN.test(sheet)) problems.push(`factsheet: "${FORBIDDEN.exec(sheet)?.[0]}" in "${context(sheet, FORBIDDEN)}"`);
    expect(sheet).toContain('Tweede halfjaar 2026');
    await screenshot(page, 'other-study-desktop-5-factsheet');
    console.log(`builder → links → submissions → dashboard → factsheet in ${Date.now() - started} ms`);
    expect(problems).toEqual([]);
  }, 180_000);
});

/** The words around the first match, for a readable failure. */
function context(text: string, pattern: RegExp): string {
  const at = text.search(pattern);
  return text.slice(Math.max(0, at - 60), at + 60).replace(/\s+/g, ' ');
}
