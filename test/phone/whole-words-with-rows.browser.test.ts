import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, type LoggedIn } from '../helpers/app.js';
import { CHROMIUM, expectAccessible, hasChromium, PASSWORD, screenshot, useAppInBrowser, WIDTHS } from '../helpers/browser.js';
import { createGroupedStudy } from '../exchange/grouped-study.js';
import { createUser } from '../../server/users.js';
import { findCutText, findOverflow, settle } from './layout.js';

/**
 * Whole words where the route walk (all-routes.browser.test.ts) finds no rows (issue 16's
 * leftover): the cohort import's preview, the instrument import's table, the e-mail cells of the
 * team and accounts screens and of the participant list, and a question's heading on the
 * results per question — each filled with long Dutch compound words and long e-mail addresses,
 * on a network monitor (not the demo), at 375 and 1280 px: no word split over lines or cut, no
 * cell wider than its box, nothing wider than the screen, axe-clean.
 */
const SLUG = 'netwerk-woorden';
const LONG_EMAIL = 'annemarie.vandenberghe-hoogeveen@jeugdgezondheidszorgzuidoost.nl';
const QUESTION = 'Ik voel me als jeugdgezondheidszorgprofessional toegerust om ouders met samenwerkingsvraagstukken te begeleiden';
const COHORT_CSV =
  'participant;name;email;organisation;role;domain\r\n' +
  `P-W1;Annemarie van den Berghe-Hoogeveen;${LONG_EMAIL};Jeugdgezondheidszorgorganisatie Zuidoost;jeugdverpleegkundige;jeugd\r\n` +
  'P-W2;Mohammed El Idrissi;m.elidrissi@consultatiebureau-netwerkzuid.nl;Consultatiebureau;orthopedagoog;onderwijs\r\n' +
  'P-W3;Lid Drie;drie@netwerk.nl;Huisartsenpraktijk;huisarts;kinderopvangvoorziening\r\n';
const DICTIONARY =
  '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels",' +
  '"Field Note","Text Validation Type OR Show Slider Number","Text Validation Min","Text Validation Max",Identifier?,' +
  '"Branching Logic (Show field only if...)","Required Field?","Custom Alignment","Question Number (surveys only)",' +
  '"Matrix Group Name","Matrix Ranking?","Field Annotation"\r\n' +
  'record_id,intake,,text,"Record ID",,,,,,,,,,,,,\r\n' +
  'samenwerkingsafspraken_ketenpartners,intake,,radio,"Zijn de samenwerkingsafspraken met ketenpartners vastgelegd?",' +
  '"1, Ja | 2, Nee | 3, Weet ik niet",,,,,,,,,,,,\r\n' +
  'toelichting_verbetermaatregelen,intake,,notes,"Toelichting op de kwaliteitsverbetermaatregelen",,,,,,,,,,,,,\r\n';

describe.skipIf(!hasChromium)(`whole words in tables with rows${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let base: string;
  let browser: Browser;
  let researcher: LoggedIn;
  let admin: LoggedIn;

  useAppInBrowser(
    async () => {
      const t = await buildTestApp();
      const studyId = await createGroupedStudy(t.data.store, SLUG);
      // A question whose heading holds long compound words (the stored questionnaire, as the builder would save it).
      t.data.store.sqlite
        .prepare('update questionnaire_version set definition = replace(definition, ?, ?) where study_id = ?')
        .run('Ik voel me in staat ouders te begeleiden', QUESTION, studyId);
      researcher = await loginAs(t, 'verbinder@netwerk.nl', { role: 'researcher', study: SLUG, password: PASSWORD });
      admin = await loginAs(t, 'beheerder@netwerk.nl', { isAdmin: true, password: PASSWORD });
      await createUser(t.data.store.db, { email: LONG_EMAIL, password: PASSWORD, study: { slug: SLUG, role: 'trainer' } });
      const added = await t.app.inject({
        method: 'POST',
        url: `/api/studies/${SLUG}/participants`,
        headers: researcher.headers,
        payload: {
          name: 'Annemarie van den Berghe-Hoogeveen',
          email: LONG_EMAIL,
          organisation: 'Jeugdgezondheidszorg',
          role: '',
          team: '',
        },
      });
      expect(added.statusCode, added.body).toBeLessThan(300);
      return t;
    },
    (running) => ({ base, browser } = running),
  );

  /** A page of the app for this account, already logged in (its session cookie), and a count of requests in flight. */
  async function open(
    who: LoggedIn,
    size: { width: number; height: number },
    path: string,
  ): Promise<{ page: Page; idle: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: size, locale: 'nl-NL' });
    const [name, ...value] = who.cookie.split('=');
    await context.addCookies([{ name, value: value.join('='), url: base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    let inFlight = 0;
    page.on('request', () => inFlight++);
    page.on('requestfinished', () => inFlight--);
    page.on('requestfailed', () => inFlight--);
    await page.goto(`${base}${path}`);
    return { page, idle: () => settle(page, () => inFlight) };
  }

  async function check(page: Page, name: string): Promise<string[]> {
    const problems = [...(await findCutText(page)), ...(await findOverflow(page))].map((p) => `${name}: ${p}`);
    await expectAccessible(page, name);
    await screenshot(page, `whole-words-${name}`);
    return problems;
  }

  for (const [width, size] of Object.entries(WIDTHS)) {
    it(`keeps every word whole in the cohort import's preview (${width})`, async () => {
      const { page, idle } = await open(researcher, size, `/app/s/${SLUG}/cohort/import`);
      await page
        .getByLabel('CSV-bestand')
        .setInputFiles({ name: 'leden.csv', mimeType: 'text/csv', buffer: Buffer.from(COHORT_CSV, 'utf8') });
      await expect.poll(() => page.locator('.k-rows tbody tr').count(), { timeout: 20_000 }).toBe(3);
      await idle();
      expect(await page.locator('.k-rows tbody').innerText()).toContain('Jeugdgezondheidszorgorganisatie');
      expect(await check(page, `cohort-import-${width}`)).toEqual([]);
      await page.context().close();
    }, 60_000);

    it(`keeps every word whole in the instrument import's table (${width})`, async () => {
      const { page, idle } = await open(researcher, size, `/app/s/${SLUG}/questionnaire/instrument`);
      await page.getByLabel(/REDCap/).check();
      await page
        .locator('#ins-file')
        .setInputFiles({ name: 'dictionary.csv', mimeType: 'text/csv', buffer: Buffer.from(DICTIONARY, 'utf8') });
      await expect.poll(() => page.locator('.k-ins-table tbody tr').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      await idle();
      expect(await page.locator('.k-ins-table tbody').innerText()).toContain('samenwerkingsafspraken');
      expect(await check(page, `instrument-import-${width}`)).toEqual([]);
      await page.context().close();
    }, 60_000);

    it(`keeps e-mail addresses whole between their parts in the team, accounts and participant lists (${width})`, async () => {
      const problems: string[] = [];
      for (const [who, path, cell] of [
        [researcher, `/app/s/${SLUG}/members`, 'members'],
        [admin, '/app/users', 'users'],
        [researcher, `/app/s/${SLUG}/cohort`, 'cohort'],
      ] as const) {
        const { page, idle } = await open(who, size, path);
        await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toContain('jeugdgezondheidszorgzuidoost');
        await idle();
        problems.push(...(await check(page, `${cell}-${width}`)));
        await page.context().close();
      }
      expect(problems).toEqual([]);
    }, 90_000);

    it(`keeps every word of a question's heading whole on the results per question (${width})`, async () => {
      const { page, idle } = await open(researcher, size, `/app/s/${SLUG}/dashboard/questions`);
      await expect.poll(() => page.locator('.d-qtext').allInnerTexts(), { timeout: 20_000 }).toContain(QUESTION);
      await idle();
      expect(await check(page, `questions-${width}`)).toEqual([]);
      await page.context().close();
    }, 60_000);
  }
});
