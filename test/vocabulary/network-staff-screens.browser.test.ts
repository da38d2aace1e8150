import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CHROMIUM,
  expectAccessible,
  hasChromium,
  openLoggedIn,
  PASSWORD,
  screenshot,
  submitLogin,
  useDemoInBrowser,
  waitForLoginForm,
  WIDTHS,
  type DemoInBrowser,
} from '../helpers/browser.js';
import { loginAs, type LoggedIn } from '../helpers/app.js';
import { totpCodeFor } from '../helpers/two-factor.js';
import { MONITOR_SLUG, createMonitorStudy } from './monitor-study.js';

/**
 * The staff screens of a network monitor that is not the demo, in Chromium at 375 and 1280 px,
 * axe-clean: the monitor calls its rounds "peilingen" and its participants "leden", and a
 * reviewer found screens that still spoke the training's words or rondo's internals. Each
 * check here is one of those findings: the study card's count of "Leden", the accounts table
 * naming the study by its title, "1 teamlid", the export's example from the study's own
 * variables, the access log in Dutch with round labels and question texts, the anonymous link
 * without "e-learning", the indicator editor's words kept whole, and the fieldwork monitor
 * whose counts say what they count, whose small-group mark is explained in the page, and which
 * offers no reminder for a closed round.
 */
const WORDS = {
  round: { nl: { one: 'peiling', many: 'peilingen', article: 'de' }, en: { one: 'poll', many: 'polls' } },
  participant: { nl: { one: 'lid', many: 'leden', article: 'het' }, en: { one: 'member', many: 'members' } },
} as const;
const S = `/app/s/${MONITOR_SLUG}`;
const DAY = 86_400_000;

describe.skipIf(!hasChromium)(`a network monitor's staff screens${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let demo: DemoInBrowser;
  let researcher: LoggedIn;
  let rounds: string[];
  useDemoInBrowser((d) => (demo = d));
  beforeAll(async () => {
    researcher = await loginAs(demo.t, 'onderzoeker@ggd.nl', { password: PASSWORD });
    await createMonitorStudy(demo.t, researcher);
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const res = await demo.t.app.inject({ method, url, headers: researcher.headers, ...(payload ? { payload } : {}) });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const base = `/api/studies/${MONITOR_SLUG}`;
    const { definition } = await call('GET', base);
    await call('PUT', `${base}/vocabulary`, { vocabulary: { ...definition.vocabulary, ...WORDS } });
    // An indicator, so that the questionnaire screen shows its editor with the questions to tick.
    const q = await call('GET', `${base}/questionnaire`);
    q.definition.indicators = [
      { key: 'toegerust', name: { nl: 'Goed toegerust' }, items: ['clear_roles', 'know_where'], summary: 'share-agreeing' },
    ];
    await call('PUT', `${base}/questionnaire`, { definition: q.definition, baseVersion: q.version, baseRevision: q.revision });
    // The first round closed a month ago, the second runs now.
    const s = demo.t.data.store.sqlite;
    const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
    rounds = (
      s.prepare('select key from round where study_id = (select id from study where slug = ?) order by position').all(MONITOR_SLUG) as {
        key: string;
      }[]
    ).map((r) => r.key);
    const setTimes = s.prepare(
      'update round set opens_at = ?, closes_at = ? where key = ? and study_id = (select id from study where slug = ?)',
    );
    setTimes.run(iso(-60 * DAY), iso(-30 * DAY), rounds[0], MONITOR_SLUG);
    setTimes.run(iso(-10 * DAY), iso(30 * DAY), rounds[1], MONITOR_SLUG);
    // What the access log should name: the list of members, and the open answers of one round, searched.
    await call('GET', `${base}/participants`);
    await call('GET', `${base}/open-answers/explain?round=${rounds[0]}&q=overleg`);
    // The next half-year is added but not planned: nobody can have answered it yet.
    await call('POST', `${base}/rounds`, { label: { nl: '1e helft 2027' } });
  });

  const open = (size: (typeof WIDTHS)[keyof typeof WIDTHS], next: string) =>
    openLoggedIn(demo.browser, demo.base, 'onderzoeker@ggd.nl', next, size);
  /** The view's text once `expected` shows; the page neither scrolls sideways nor fails axe. */
  async function shown(page: Page, view: string, expected: string, name: string): Promise<string> {
    await expect.poll(() => page.locator(view).innerText(), { timeout: 20_000 }).toContain(expected);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      `${name} scrolls sideways`,
    ).toBeLessThanOrEqual(0);
    await expectAccessible(page, name);
    await screenshot(page, name);
    return page.locator(view).innerText();
  }

  for (const [size, viewport] of Object.entries(WIDTHS)) {
    it(`names members, the team and the export in the study's words (${size})`, async () => {
      const page = await open(viewport, '/app');
      const card = page.locator('article.a-study', { hasText: 'Netwerkmonitor Noord' });
      await expect.poll(() => card.innerText(), { timeout: 20_000 }).toContain('Leden');
      expect(await card.innerText()).not.toContain('Deelnemers');
      await expectAccessible(page, `network-studies-${size}`);

      await page.goto(`${demo.base}${S}/setup`);
      const setup = await shown(page, 'rondo-setup-view', 'teamlid', `network-setup-${size}`);
      expect(setup).toContain('1 teamlid');
      expect(setup).not.toMatch(/\b1 teamleden\b/);
      expect(setup).toContain('8 leden');

      await page.goto(`${demo.base}${S}/export`);
      const exported = await shown(page, 'rondo-exchange-export-view', `_${rounds[1]}`, `network-export-${size}`);
      expect(exported).toContain(`role_${rounds[0]}, _${rounds[1]}`);
      expect(exported).not.toContain('know_signal');
      await page.context().close();
    });

    it(`shows the audit and access logs in Dutch, with round labels and question texts (${size})`, async () => {
      const page = await open(viewport, `${S}/logs`);
      const access = page.locator('section[aria-labelledby=log-access]');
      await expect.poll(() => access.innerText(), { timeout: 20_000 }).toContain('Lijst met leden');
      // Keys are named once the study's rounds and questions have come (a second request).
      await expect.poll(() => access.innerText(), { timeout: 20_000 }).not.toContain(rounds[0]);
      const text = await access.innerText();
      expect(text).toContain('contactgegevens');
      expect(text).toMatch(/Open antwoorden op ‘[^’]+’ \(alleen [^,]+, met zoekterm\)/);
      for (const internal of ['cohort participant list', 'contacts', 'open-answers', 'open answers', rounds[0]])
        expect(text).not.toContain(internal);
      // The audit log says what was done in the study's words, its details and targets in words too.
      const log = await page.locator('section[aria-labelledby=log-audit]').innerText();
      expect(log).toContain('Peiling toegevoegd');
      expect(log).toContain('Peiling 1e helft 2027');
      expect(log).toMatch(/Woorden: \S/);
      for (const raw of ['round:', 'terms:', 'changes:', '{"']) expect(log).not.toContain(raw);
      await shown(page, 'rondo-audit-view', 'Lijst met leden', `network-logs-${size}`);
      await page.context().close();
    });

    it(`keeps the words of the indicator editor whole (${size})`, async () => {
      const page = await open(viewport, `${S}/questionnaire`);
      await expect.poll(() => page.locator('.b-indicator-items').first().innerText(), { timeout: 20_000 }).toContain('clear_roles');
      // Every word of each question to tick (code, text, type) lies on one line: a word split over two lines has two boxes.
      const split = await page.evaluate(() => {
        const broken: string[] = [];
        for (const label of document.querySelectorAll('.b-indicator-items label')) {
          const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of (node.textContent ?? '').matchAll(/[^\s\-–/]+/g)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              if (range.getClientRects().length > 1) broken.push(m[0]);
            }
          }
        }
        return broken;
      });
      expect(split).toEqual([]);
      await expectAccessible(page, `network-indicators-${size}`);
      await page.locator('rondo-indicators-editor').screenshot({ path: `.screens/network-indicators-${size}.png` });
      await page.context().close();
    });

    it(`counts the panel over the peilingen answered so far while the next one is not planned (${size})`, async () => {
      const page = await open(viewport, `${S}/dashboard`);
      // Seven of the eight members answered both peilingen held; "0 answered every peiling" would count the third.
      const tile = page.locator('.d-kpi', { has: page.locator('[data-test=panel]') });
      await expect.poll(() => tile.innerText(), { timeout: 20_000 }).toContain('vulden tot nu toe elke peiling in');
      expect(await tile.locator('[data-test=panel]').innerText()).toBe('7');
      // The unplanned one says nobody was invited yet, not "0 van 0 ingevuld".
      const next = page.locator('.d-kpi', { hasText: '1e helft 2027' });
      expect(await next.innerText()).toContain('nog niemand uitgenodigd');
      expect(await page.locator('rondo-dash-overview-view').innerText()).not.toContain('0 van 0');
      await shown(page, 'rondo-dash-overview-view', '1e helft 2027', `network-overview-${size}`);
      await page.context().close();
    });

    it(`says what the fieldwork counts count, explains the small-group mark in the page, no reminder when closed (${size})`, async () => {
      const page = await open(viewport, `${S}/fieldwork?tab=rounds`);
      const roundsTab = await shown(page, 'rondo-fieldwork-view', 'Anonieme link', `network-fieldwork-rounds-${size}`);
      expect(roundsTab).toContain('Eén open link voor wie niet in de lijst met leden staat.');
      expect(roundsTab).not.toMatch(/e-learning|deelnemers/i);
      expect(roundsTab).toContain('In de peiling');
      expect(roundsTab).not.toContain('Uitgenodigd');

      // The open round: its counts, with the reminder on offer.
      await page.goto(`${demo.base}${S}/fieldwork`);
      const monitor = await shown(page, 'rondo-fieldwork-monitor', 'Leden in deze peiling', `network-fieldwork-open-${size}`);
      expect(monitor).toContain('In de peiling');
      expect(monitor).not.toMatch(/Uitgenodigd|nog niet uitgenodigd/);
      expect(await page.locator('[data-stat=invited]').innerText()).toBe('8');
      expect(await page.getByRole('button', { name: 'Herinnering sturen aan niet-responders…' }).count()).toBe(1);
      // Three organisations of two or three members each: every percentage is marked, and the mark is explained in the text.
      const note = page.locator('#fw-small-note');
      await expect.poll(() => note.isVisible()).toBe(true);
      expect(await note.innerText()).toContain('Kleine groep: lees het percentage met voorzichtigheid.');
      expect(await page.locator('.fw-tables [title]').count()).toBe(0);
      expect(await page.locator('.fw-tables .a-sr', { hasText: 'zie de voetnoot' }).count()).toBeGreaterThan(0);

      // The closed round: no reminder, and the page says why.
      await page.goto(`${demo.base}${S}/fieldwork?round=${rounds[0]}`);
      const closed = await shown(page, 'rondo-fieldwork-monitor', 'is gesloten', `network-fieldwork-closed-${size}`);
      expect(closed).toContain('Deze peiling is gesloten: er gaan geen herinneringen of andere e-mails meer uit.');
      expect(await page.getByRole('button', { name: /Herinnering sturen|E-mail aan selectie/ }).count()).toBe(0);
      await page.context().close();
    });
  }

  it('names the study by its title on the accounts screen', async () => {
    await loginAs(demo.t, 'beheer@ggd.nl', { isAdmin: true, password: PASSWORD });
    const page = await (await demo.browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${demo.base}/login?next=${encodeURIComponent('/app/users')}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, demo.base, 'beheer@ggd.nl', '/app/users', () => totpCodeFor(demo.t, 'beheer@ggd.nl'));
    // The researcher who made the monitor is in it and in the demo.
    const row = page.locator('tr', { hasText: 'onderzoeker@ggd.nl' });
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain('Netwerkmonitor Noord (Onderzoeker)');
    expect(await row.innerText()).not.toContain(MONITOR_SLUG);
    for (const [size, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `network-users-${size}`);
      await screenshot(page, `network-users-${size}`);
    }
    await page.context().close();
  });
});
