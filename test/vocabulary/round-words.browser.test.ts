import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  openLoggedIn,
  PASSWORD,
  screenshot,
  useDemoInBrowser,
  WIDTHS,
  type DemoInBrowser,
} from '../helpers/browser.js';
import { loginAs } from '../helpers/app.js';
import { MONITOR_SLUG, createMonitorStudy } from './monitor-study.js';

/**
 * The words area (session 10) in Chromium at 375 and 1280 px, axe-clean: a network monitor that
 * calls its rounds "peilingen", its instruments "methoden" and its participants "leden" reads those
 * words on its set-up, fieldwork, cohort, groups, privacy and response screens, and a study with competence statements (the demo,
 * renamed in this test only) on its competence dashboard, where rondo used to print "meting".
 */
const ROUND_WORDS = {
  nl: { one: 'peiling', many: 'peilingen', article: 'de' },
  en: { one: 'survey wave', many: 'survey waves' },
} as const;
/** "meting"/"metingen" as a word of their own; a round's name such as "Voormeting" may keep it. */
const METING = /\bmetingen?\b/i;

describe.skipIf(!hasChromium)(`a study's own word for a round${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let demo: DemoInBrowser;
  useDemoInBrowser((d) => (demo = d));
  beforeAll(async () => {
    const researcher = await loginAs(demo.t, 'onderzoeker@ggd.nl', { password: PASSWORD });
    await createMonitorStudy(demo.t, researcher);
    for (const [slug, extra] of [
      [
        MONITOR_SLUG,
        {
          tool: { nl: { one: 'methode', many: 'methoden', article: 'de' } },
          participant: { nl: { one: 'lid', many: 'leden', article: 'het' } },
        },
      ],
      ['1000-kansen', {}],
    ] as const) {
      const base = `/api/studies/${slug}`;
      const { definition } = (await demo.t.app.inject({ method: 'GET', url: base, headers: researcher.headers })).json();
      const round = slug === MONITOR_SLUG ? { nl: ROUND_WORDS.nl } : ROUND_WORDS;
      const res = await demo.t.app.inject({
        method: 'PUT',
        url: `${base}/vocabulary`,
        headers: researcher.headers,
        payload: { vocabulary: { ...definition.vocabulary, ...extra, round } },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  const open = (size: (typeof WIDTHS)[keyof typeof WIDTHS], next: string) =>
    openLoggedIn(demo.browser, demo.base, 'onderzoeker@ggd.nl', next, size);
  /**
   * What a screen says in rondo's words: its text without the words form, whose own explanation
   * ("meting, peiling, ronde") names the choices a study has and stays as it is.
   */
  const shownText = (page: Page, view: string) =>
    page.evaluate((selector) => {
      const forms = [...document.querySelectorAll<HTMLElement>('rondo-vocabulary-form')];
      for (const f of forms) f.style.display = 'none';
      const text = document.querySelector<HTMLElement>(selector)?.innerText ?? '';
      for (const f of forms) f.style.display = '';
      return text;
    }, view);
  /** The screen's text once `expected` shows, checked for "meting", axe-clean, without sideways scrolling. */
  async function check(page: Page, view: string, expected: string, name: string): Promise<string> {
    await expect.poll(() => page.locator(view).innerText(), { timeout: 20_000 }).toContain(expected);
    const text = await shownText(page, view);
    const at = text.search(METING);
    expect(at, `${name}: …${text.slice(Math.max(0, at - 80), at + 40)}…`).toBe(-1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(page, name);
    await screenshot(page, name);
    return text;
  }

  for (const [name, size] of Object.entries(WIDTHS)) {
    it(`says peiling on the monitor's set-up, fieldwork, groups and response screens (${name})`, async () => {
      const page = await open(size, `/app/s/${MONITOR_SLUG}/setup`);
      const setup = await check(page, 'rondo-setup-view', 'Peiling toevoegen', `words-setup-${name}`);
      expect(setup).toContain('Peilingen');
      expect(setup).toMatch(/Peiling 1\b/);

      await page.goto(`${demo.base}/app/s/${MONITOR_SLUG}/fieldwork`);
      await check(page, 'rondo-fieldwork-view', 'Peilingen en verzenden', `words-fieldwork-${name}`);

      await page.goto(`${demo.base}/app/s/${MONITOR_SLUG}/groups`);
      await check(page, 'rondo-groups-view', 'Peiling', `words-groups-${name}`);

      // The cohort screen is named as the study names who answers: in the navigation, its heading,
      // the window's title (and the paths that refusals give, model/domain-coverage-check.ts).
      await page.goto(`${demo.base}/app/s/${MONITOR_SLUG}/cohort`);
      await check(page, 'rondo-cohort-view', 'Leden', `words-cohort-${name}`);
      await expect.poll(() => page.locator('rondo-cohort-view h1').innerText()).toBe('Leden');
      expect(await page.locator('rondo-nav').getByRole('link', { name: 'Leden', exact: true }).count()).toBe(1);
      expect(await page.title()).toMatch(/^Leden — /);
      await page.goto(`${demo.base}/app/s/${MONITOR_SLUG}/cohort/import`);
      await expect.poll(() => page.title()).toMatch(/^Leden importeren — /);

      await page.goto(`${demo.base}/app/s/${MONITOR_SLUG}/privacy`);
      // Once the screen has its data: the rounds still open are named by their labels, not by their keys.
      const privacy = await check(page, 'rondo-privacy-view', 'Nog niet alle peilingen zijn gesloten', `words-privacy-${name}`);
      expect(privacy).toContain('Ontkoppelen na alle peilingen');
      expect(privacy).toContain('gekoppeld over de peilingen heen');
      expect(privacy).not.toMatch(/\brondes?\b/);
      expect(privacy).not.toMatch(/r2026h\d/);

      await page.goto(`${demo.base}/app/s/${MONITOR_SLUG}/dashboard/response`);
      await check(page, 'rondo-dash-response-view', 'Respons per peiling', `words-response-${name}`);
      // The filter bar folds away on a phone: its words are there, shown or not.
      expect(await page.locator('rondo-dash-filters').textContent()).toContain('Peilingen vergeleken');
      await page.context().close();
    }, 90_000);

    it(`says peiling on the competence dashboard of a study with statements (${name})`, async () => {
      const page = await open(size, '/app/s/1000-kansen/dashboard/competence');
      const text = await check(page, 'rondo-dash-competence-view', 'Trend: gemiddelde score per peiling', `words-competence-${name}`);
      expect(text).toContain('Aandeel (helemaal) eens per peiling');
      expect(text).toContain('vulden beide peilingen in');
      await page.context().close();
    }, 90_000);
  }

  it('says survey wave in English', async () => {
    // The researcher's own language is English from here on (the last test of this file).
    const researcher = await loginAs(demo.t, 'onderzoeker@ggd.nl', { password: PASSWORD });
    const res = await demo.t.app.inject({ method: 'PATCH', url: '/api/account', headers: researcher.headers, payload: { language: 'en' } });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const page = await open(WIDTHS.desktop, '/app/s/1000-kansen/setup');
    const main = page.locator('rondo-setup-view');
    await expect.poll(() => main.innerText(), { timeout: 20_000 }).toContain('Add survey wave');
    const text = await shownText(page, 'rondo-setup-view');
    expect(text).toContain('Survey waves');
    const at = text.search(/\brounds?\b/i);
    expect(at, `…${text.slice(Math.max(0, at - 80), at + 40)}…`).toBe(-1);
    await page.context().close();
  }, 60_000);
});
