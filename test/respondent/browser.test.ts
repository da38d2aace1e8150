import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { WEB_DIST } from '../../server/app.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { WIDTHS, axe, describeViolations, hasChromium, launchBrowser, screenshot, type AxeViolation } from '../helpers/browser.js';
import { anonymousToken, completeAnswers, freshInvitations, invitations, openRound, type Invitation } from './fixture.js';
import { answerStep, focused, type KeyboardPlan } from './keyboard.js';

/**
 * The respondent's questionnaire in Debian's Chromium: completed with the keyboard alone at
 * phone and desktop width, a draft surviving a closed page and a lost connection, the pages
 * for every link state, and axe-core on every page and step. Screenshots land in .screens/.
 */

const START = /^(Beginnen|Start|Verder waar u gebleven was|Continue where you left off)$/;
const NEXT = /^(Volgende|Next|Naar versturen|Go to submit)$/;
const SEND = /^(Verstuur mijn antwoorden|Submit my answers)$/;

let t: TestApp;
let browser: Browser;
let base: string;
let partnerIds: number[];
let toolIds: number[];
const violations: { state: string; list: AxeViolation[] }[] = [];
const foreignRequests: string[] = [];
/** How each questionnaire page (GET /r, /r/anon) came over the wire: its Content-Encoding. */
const questionnaireEncodings: string[] = [];
const pageErrors: string[] = [];

const overflowing: string[] = [];

/**
 * Screenshot and accessibility check of what is on screen now, and the reflow check (WCAG
 * 1.4.10): at 320 CSS pixels wide, and at 640 (a 1280-pixel screen zoomed to 200%), nothing
 * scrolls sideways.
 */
async function look(page: Page, state: string): Promise<void> {
  await screenshot(page, `respondent-${state}`);
  violations.push({ state, list: await axe(page) });
  const size = page.viewportSize()!;
  for (const width of [320, 640]) {
    await page.setViewportSize({ width, height: 700 });
    // The grids switch between tables and cards on a media-query change, one render later:
    // measure once the page has settled (up to 2 s), so only a lasting overflow counts.
    const { scroll, client } = await page.evaluate(async () => {
      const measure = () => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth });
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
      const until = performance.now() + 2000;
      let m = measure();
      while (m.scroll > m.client && performance.now() < until) {
        await frame();
        m = measure();
      }
      return m;
    });
    if (scroll > client) overflowing.push(`${state} at ${width}px: ${scroll} > ${client}`);
  }
  await page.setViewportSize(size);
  // Grids re-render for the width (tables or cards): wait until they have, before typing on.
  await page.waitForFunction(() => {
    const grids = [...document.querySelectorAll('rondo-grid-item')];
    return grids.every((g) => !!g.querySelector('table') === matchMedia('(min-width: 37.5em)').matches);
  });
}

/**
 * A copy of dist/web taken when the tests start. Other test runs in the same working tree
 * rebuild dist/web (test/global-setup.ts) and it is briefly missing then; the pages load the
 * copy, which holds the same files the server would send.
 */
let assets: string;
async function snapshotAssets(): Promise<void> {
  assets = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-assets-'));
  for (let attempt = 0; ; attempt++) {
    try {
      fs.cpSync(WEB_DIST, assets, { recursive: true });
      if (complete('entry-respondent.js')) return;
    } catch (err) {
      if (attempt > 60) throw err;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Whether a bundle and every chunk it imports are in the copy (a copy taken mid-build is not). */
function complete(entry: string): boolean {
  const file = path.join(assets, entry);
  if (!fs.existsSync(file)) return false;
  const imports = [...fs.readFileSync(file, 'utf8').matchAll(/from\s*"(\.\/[^"]+)"/g)].map((m) =>
    path.posix.join(path.posix.dirname(entry), m[1]),
  );
  return imports.every((i) => complete(i));
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
async function serveAsset(route: Route): Promise<void> {
  const file = path.join(assets, new URL(route.request().url()).pathname.replace(/^\/assets\//, ''));
  if (!file.startsWith(assets) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
  return route.fulfill({
    status: 200,
    body: fs.readFileSync(file),
    headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' },
  });
}

async function newPage(width: keyof typeof WIDTHS): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: WIDTHS[width] });
  await context.route('**/assets/**', serveAsset);
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('http://localhost:')) foreignRequests.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (process.env.DEBUG_PAGE) console.log(m.type(), m.text());
  });
  page.on('response', async (r) => {
    if (/\/r(\/anon)?$/.test(new URL(r.url()).pathname) && r.status() === 200 && r.request().method() === 'GET') {
      const body = await r.text().catch(() => '');
      if (body.includes('id="rondo-form"')) questionnaireEncodings.push(r.headers()['content-encoding'] ?? 'none');
    }
    if (process.env.DEBUG_PAGE && r.status() >= 500) console.log('RESP', r.status(), r.url(), await r.text().catch(() => ''));
  });
  return { context, page };
}

async function openLink(page: Page, token: string): Promise<void> {
  await page.goto(`${base}/r/${token}`);
  await page.waitForURL(/\/r(\/anon)?(\?.*)?$/);
  await page.waitForSelector('.r-step-title, .r-state h1');
}

const PLAN: KeyboardPlan = {
  radio(name) {
    const m = /^q-([a-z_]+)(?:-([pt])(\d+)(?:\.(\w+))?)?$/.exec(name);
    if (!m) return undefined;
    const [, item, kind, id, facet] = m;
    if (kind === 'p') {
      const i = partnerIds.indexOf(Number(id));
      if (facet === 'frequency') return i % 5; // never, yearly, quarterly, monthly, weekly, …
      return i % 5 === 0 ? 5 : 3; // not applicable when never, else "good"
    }
    if (kind === 't') return toolIds.indexOf(Number(id)) === 0 ? 1 : 0;
    const choices: Record<string, number> = { know_problems: 4, help_questions: 2, zat_case: 0, train_rating: 7, case_discussion: 3 };
    return choices[item] ?? 3;
  },
  checkbox: (name, value) => name === 'q-train_parts' && (value === '2' || value === '3'),
  text(id) {
    const texts: Record<string, string> = {
      'q-comp_explain-input': 'Meer zelfvertrouwen in gesprekken met ouders.',
      'q-zat_case_count-input': '3',
      'q-recommend-input': 'Een korte IMH-interventie van vijf gesprekken.',
    };
    return texts[id];
  },
};

/** Completes the post round by keyboard; returns the invitation's stored response. */
async function completeByKeyboard(width: keyof typeof WIDTHS, inv: Invitation, english: boolean) {
  const { context, page } = await newPage(width);
  try {
    return await keyboardFlow(page, context, width, inv, english);
  } catch (err) {
    // Say where it stopped: the step on screen, what has focus, any error summary.
    await screenshot(page, `respondent-failure-${width}`).catch(() => undefined);
    const where = await page
      .evaluate(() => ({
        title: document.title,
        focus: `${document.activeElement?.tagName} ${(document.activeElement as HTMLInputElement | null)?.name ?? ''}`,
        summary: document.querySelector('.r-summary')?.textContent?.replace(/\s+/g, ' ') ?? '',
      }))
      .catch(() => null);
    throw new Error(`${(err as Error).message}\nat: ${JSON.stringify(where)}`);
  }
}

async function keyboardFlow(page: Page, context: BrowserContext, width: keyof typeof WIDTHS, inv: Invitation, english: boolean) {
  await openLink(page, inv.token);
  const tag = `${width}${english ? '-en' : ''}`;
  if (english) {
    // The language switch is the first control on the page.
    await page.keyboard.press('Tab');
    expect((await focused(page)).label).toBe('English');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('.r-step-title')).toBe('IMH training questionnaire');
  }
  await look(page, `intro-${tag}`);
  await answerStep(page, PLAN, START);

  // The first section, moved on from without answers: the error summary takes focus, and its
  // first link leads to the first question.
  await page.waitForSelector('.r-step-title:focus');
  await look(page, `section-1-${tag}`);
  await answerStep(page, { radio: () => undefined, checkbox: () => false, text: () => undefined }, NEXT);
  await page.waitForSelector('.r-summary:focus');
  expect(await page.locator('.r-q .r-error').count()).toBe(6);
  await look(page, `section-1-errors-${tag}`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect((await focused(page)).name).toBe('q-know_problems');
  await answerStep(page, PLAN, NEXT, { startHere: true });

  for (let section = 2; section <= 4; section++) {
    await page.waitForSelector(`.r-progress >> text=${english ? `Part ${section} of 4` : `Onderdeel ${section} van 4`}`);
    await page.waitForSelector('.r-step-title:focus');
    await look(page, `section-${section}-${tag}`);
    await answerStep(page, PLAN, NEXT);
  }
  await page.waitForSelector('.r-confirm .r-step-title:focus');
  await look(page, `confirm-${tag}`);
  await answerStep(page, PLAN, SEND);
  await page.waitForSelector('.r-done .r-step-title:focus');
  await look(page, `thank-you-${tag}`);

  // The same link again: "already submitted", and none of the answers.
  await openLink(page, inv.token);
  expect(await page.textContent('h1')).toBe(
    english ? 'You have already filled in this questionnaire' : 'U heeft deze vragenlijst al ingevuld',
  );
  expect(await page.content()).not.toContain('zelfvertrouwen');
  await look(page, `already-submitted-${tag}`);
  await context.close();
  return t.data.store.sqlite
    .prepare('select id, status, language, participant_id, round_id, submission_id from response where invitation_id = ?')
    .get(inv.id) as { id: number; status: string; language: string; participant_id: number; round_id: number; submission_id: string };
}

function cellsOf(responseId: number): Map<string, { code: number | null; missing: string | null; text: string | null }> {
  const rows = t.data.store.sqlite.prepare('select item, sub, code, missing, text from answer where response_id = ?').all(responseId) as {
    item: string;
    sub: string;
    code: number | null;
    missing: string | null;
    text: string | null;
  }[];
  return new Map(rows.map((r) => [`${r.item}${r.sub ? `/${r.sub}` : ''}`, r]));
}

// A whole questionnaire by keyboard takes some seconds; on a busy machine many more.
describe.skipIf(!hasChromium)('the respondent in the browser', { timeout: 120_000 }, () => {
  let fresh: Invitation[];

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    openRound(t, 'post');
    fresh = freshInvitations(t, 'post');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    const sqlite = t.data.store.sqlite;
    partnerIds = (sqlite.prepare('select id from partner order by position').all() as { id: number }[]).map((r) => r.id);
    toolIds = (sqlite.prepare('select id from tool order by position').all() as { id: number }[]).map((r) => r.id);
    browser = await launchBrowser();
    await snapshotAssets();
    // The server itself serves the same bundle.
    const served = await fetch(`${base}/assets/entry-respondent.js`);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(fs.readFileSync(path.join(assets, 'entry-respondent.js'), 'utf8'));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (assets) fs.rmSync(assets, { recursive: true, force: true });
  });

  it('completes the post round with every item type using only the keyboard, on a desktop', async () => {
    const response = await completeByKeyboard('desktop', fresh[0], false);
    expect(response).toMatchObject({
      status: 'submitted',
      language: 'nl',
      participant_id: fresh[0].participantId,
      round_id: fresh[0].roundId,
    });
    const cells = cellsOf(response.id);
    expect(cells.get('know_problems')?.code).toBe(5);
    expect(cells.get('comp_signal')?.code).toBe(4);
    expect(cells.get('help_questions')?.missing).toBe('dont_know');
    expect(cells.get('comp_explain')?.text).toBe('Meer zelfvertrouwen in gesprekken met ouders.');
    expect(cells.get(`collab/p${partnerIds[0]}.frequency`)?.code).toBe(1);
    expect(cells.get(`collab/p${partnerIds[0]}.quality`)?.missing).toBe('not_applicable');
    expect(cells.get(`collab/p${partnerIds[3]}.frequency`)?.code).toBe(4);
    expect(cells.get(`collab/p${partnerIds[3]}.quality`)?.code).toBe(4);
    expect(cells.get(`tools_use/t${toolIds[0]}`)?.code).toBe(1);
    expect(cells.get(`tools_use/t${toolIds[1]}`)?.code).toBe(0);
    expect(cells.get('zat_case')?.code).toBe(1);
    expect(cells.get('zat_case_count')?.code).toBe(3); // shown because zat_case is yes
    expect(cells.get('train_rating')?.code).toBe(8);
    expect([1, 2, 3, 4, 5].map((o) => cells.get(`train_parts/o${o}`)?.code)).toEqual([0, 1, 1, 0, 0]);
    expect(cells.get('recommend')?.text).toBe('Een korte IMH-interventie van vijf gesprekken.');
    expect(cells.has('tools_explain')).toBe(false); // optional, left open
    expect(cells.size).toBe(6 + 1 + 12 * 2 + 1 + 3 + 2 + 1 + 1 + 5 + 1);
  });

  it('completes it in English on a phone, also by keyboard alone', async () => {
    const response = await completeByKeyboard('phone', fresh[1], true);
    expect(response).toMatchObject({ status: 'submitted', language: 'en' });
    expect(cellsOf(response.id).get('zat_case_count')?.code).toBe(3);
  });

  it("takes single choice and numbers by keyboard too, with the number checked (the pre round's first section)", async () => {
    openRound(t, 'pre');
    const inv = freshInvitations(t, 'pre')[0];
    const { context, page } = await newPage('desktop');
    await openLink(page, inv.token);
    await answerStep(page, PLAN, START);
    await page.waitForSelector('.r-step-title:focus');
    const plan: KeyboardPlan = {
      radio: (name) => ({ 'q-bg_role': 2, 'q-bg_prior_training': 0 })[name],
      checkbox: () => false,
      text: (id) => (id === 'q-bg_years-input' ? '3,5' : undefined),
    };
    await answerStep(page, plan, NEXT);
    await page.waitForSelector('.r-summary:focus');
    expect(await page.textContent('#q-bg_years .r-error')).toContain('Vul een heel getal in');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('q-bg_years-input');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12');
    await answerStep(page, { radio: () => undefined, checkbox: () => false, text: () => undefined }, NEXT);
    await page.waitForSelector('.r-progress >> text=Onderdeel 2 van 3'); // the pre round has three parts
    await page.waitForSelector('text=Uw antwoorden zijn opgeslagen.');
    const saved = t.data.store.sqlite
      .prepare(`select a.item, a.code from answer a join response r on r.id = a.response_id where r.invitation_id = ? order by a.item`)
      .all(inv.id);
    expect(saved).toEqual([
      { item: 'bg_prior_training', code: 1 },
      { item: 'bg_role', code: 3 },
      { item: 'bg_years', code: 12 },
    ]);
    await context.close();
  });

  it('keeps a draft through a closed page, another device and a lost connection', async () => {
    const inv = fresh[2];
    const first = await newPage('phone');
    await openLink(first.page, inv.token);
    await first.page.click('text=Beginnen');
    await first.page.click('#q-comp_signal >> text=Helemaal eens');
    await first.page.fill('#q-comp_explain-input', 'Nog niet af');
    await first.page.waitForSelector('text=Uw antwoorden zijn opgeslagen.');
    await first.context.close();

    // Another device: the same link, a new browser.
    const second = await newPage('desktop');
    await openLink(second.page, inv.token);
    await look(second.page, 'intro-resume-desktop');
    await second.page.click('text=Verder waar u gebleven was');
    expect(await second.page.isChecked('#q-comp_signal input[value="c5"]')).toBe(true);
    // The back button goes to the previous step, not away from the form.
    await second.page.goBack();
    await second.page.waitForSelector('.r-intro');
    await second.page.goForward();
    await second.page.waitForSelector('#q-comp_signal');
    expect(await second.page.inputValue('#q-comp_explain-input')).toBe('Nog niet af');

    // The connection drops, an answer is given, the tab is closed.
    await second.context.setOffline(true);
    await second.page.click('#q-chain_care >> text="Oneens"');
    await second.page.waitForSelector('text=Geen verbinding');
    expect(await second.page.evaluate(() => Object.values(localStorage).join())).toContain('chain_care');
    await look(second.page, 'offline-desktop');
    await second.page.close();
    await second.context.setOffline(false);
    const third = await second.context.newPage();
    await openLink(third, inv.token);
    await third.click('text=Verder waar u gebleven was');
    expect(await third.isChecked('#q-chain_care input[value="c2"]')).toBe(true);
    await third.waitForSelector('text=Uw antwoorden zijn opgeslagen.');
    const saved = t.data.store.sqlite
      .prepare(`select a.code from answer a join response r on r.id = a.response_id where r.invitation_id = ? and a.item = 'chain_care'`)
      .get(inv.id) as { code: number };
    expect(saved.code).toBe(2);
    await second.context.close();
  });

  it('continues a link opened from another site (SameSite=Strict cookie after the link exchange)', async () => {
    const inv = fresh[3];
    const { context, page } = await newPage('desktop');
    // localhost and 127.0.0.1 are different sites: the link is followed from a foreign page.
    await page.goto(base.replace('127.0.0.1', 'localhost') + '/healthz');
    await page.evaluate((href) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'open';
      document.body.append(a);
    }, `${base}/r/${inv.token}`);
    await page.click('text=open');
    await page.waitForURL(`${base}/r`);
    await page.waitForSelector('.r-intro');
    expect(page.url()).not.toContain(inv.token);
    await context.close();
  });

  it('shows a page of its own for a closed round, a round not yet open and an unknown link', async () => {
    openRound(t, 'pre', { opensAt: '2022-01-01T08:00:00.000Z', closesAt: '2022-02-01T17:00:00.000Z' });
    openRound(t, 'mid', { opensAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), closesAt: null });
    const closed = invitations(t, 'pre').find((i) => i.responseStatus !== 'submitted')!;
    const notOpen = invitations(t, 'mid').find((i) => i.responseStatus !== 'submitted')!;
    for (const width of ['phone', 'desktop'] as const) {
      const { context, page } = await newPage(width);
      await openLink(page, closed.token);
      expect(await page.textContent('h1')).toBe('Deze meting is gesloten');
      expect(await page.locator('rondo-survey, .r-q').count()).toBe(0);
      await look(page, `closed-${width}`);
      await page.click('text=English');
      expect(await page.textContent('h1')).toBe('This round is closed');
      await look(page, `closed-en-${width}`);

      await openLink(page, notOpen.token);
      expect(await page.textContent('h1')).toBe('Deze meting is nog niet geopend');
      await look(page, `not-open-${width}`);

      await page.goto(`${base}/r/${crypto.randomBytes(32).toString('base64url')}`);
      expect(await page.textContent('h1')).toBe('Deze link werkt niet');
      await look(page, `unknown-link-${width}`);
      await context.close();
    }
  });

  it('gives each browser on an anonymous link its own response, and guards against a second one', async () => {
    const token = await anonymousToken(t, 'post');
    const { context, page } = await newPage('phone');
    await openLink(page, token);
    await page.waitForURL(`${base}/r/anon`);
    await look(page, 'anonymous-intro-phone');
    const form = JSON.parse((await page.textContent('#rondo-form'))!);
    const status = await page.evaluate(async (answers) => {
      const res = await fetch('/r/anon/api/submit', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: 'anon-browser-test-0001', language: 'nl', answers }),
      });
      return res.status;
    }, completeAnswers(form));
    expect(status).toBe(200);
    await openLink(page, token);
    expect(await page.textContent('h1')).toBe('U heeft deze vragenlijst al ingevuld');
    await look(page, 'anonymous-already-phone');
    const other = await browser.newContext();
    await other.route('**/assets/**', serveAsset);
    const otherPage = await other.newPage();
    await openLink(otherPage, token);
    expect(await otherPage.locator('.r-intro').count()).toBe(1);
    await other.close();
    await context.close();
  });

  it('shows the partner grid as one card per partner under 600 px wide, and as tables from 600 px', async () => {
    const { context, page } = await newPage('desktop');
    await openLink(page, fresh[4].token);
    // A reload returns to the step in the history state: find the step with the partner grid.
    for (let step = 0; step < 8 && !(await page.locator('#q-collab').count()); step++) {
      await page.evaluate((n) => history.replaceState({ step: n }, ''), step);
      await page.reload();
      await page.waitForSelector('.r-step-title');
    }
    const grid = page.locator('rondo-grid-item:has(#q-collab)');
    const partners = partnerIds.length;
    for (const width of [375, 599, 600, 601, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const wide = width >= 600;
      await page.waitForFunction((w) => !!document.querySelector('rondo-grid-item #q-collab table') === w, wide);
      if (wide) {
        expect(await grid.locator('table').count(), `${width}px`).toBe(2); // frequency and quality
        expect(await grid.locator('table').first().locator('tbody tr').count()).toBe(partners);
      } else {
        expect(await grid.locator('fieldset.r-row').count(), `${width}px`).toBe(partners);
        expect(await grid.locator('table').count()).toBe(0);
      }
      const { scroll, client } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(scroll, `sideways scrolling at ${width}px`).toBeLessThanOrEqual(client);
      if (width !== 600) await grid.screenshot({ path: path.resolve('.screens', `respondent-partner-grid-${width}.png`) });
    }
    violations.push({ state: 'partner grid at 1280', list: await axe(page) });
    await context.close();
  });

  it('finds no accessibility violations and no sideways scrolling on any page or step, and loads nothing from elsewhere', () => {
    expect(violations.length).toBeGreaterThanOrEqual(30);
    const failed = violations.filter((v) => v.list.length);
    expect(failed.map((v) => `${v.state}:\n${describeViolations(v.list)}`).join('\n\n')).toBe('');
    expect(overflowing).toEqual([]);
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    // Chromium takes gzip: every questionnaire page came gzipped (server/respondent/pages.ts), and read as it should.
    expect(questionnaireEncodings.length).toBeGreaterThanOrEqual(5);
    expect(new Set(questionnaireEncodings)).toEqual(new Set(['gzip']));
  });
});
