import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { optionSub, partnerSub, toolSub, validateAnswers, type AnswerCell, type Questionnaire } from '../../model/index.js';
import { IMH_QUESTIONNAIRE } from '../../content/templates/imh-training.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import {
  hasChromium,
  launchBrowser,
  screenshot,
  WIDTHS,
  PASSWORD,
  expectAccessible,
  submitLogin,
  waitForLoginForm,
} from '../helpers/browser.js';
import { createFieldworkStudy, markSubmitted, people, SLUG } from './fixture.js';
import { freePort, smtpConfig, startSink, type Sink } from './smtp.js';

/**
 * The fieldwork screens in a real browser: the monitor follows a submission made through a
 * personal link, names with HTML stay text, trainers see totals without the list, and each
 * screen passes axe (WCAG 2.1 AA) and is photographed at 375 and 1280 px (.screens/).
 */

/** A complete, valid answer set for a round: the first point of every required item. */
function validAnswers(q: Questionnaire, roundKey: string, partnerIds: number[], toolIds: number[]): AnswerCell[] {
  const cells: AnswerCell[] = [];
  for (const item of q.sections.flatMap((s) => s.items)) {
    if (!item.required || !item.rounds.includes(roundKey) || item.showIf) continue;
    switch (item.type) {
      case 'likert':
      case 'frequency':
        cells.push({ item: item.id, sub: '', code: item.scale.points[0].code });
        break;
      case 'single':
        cells.push({ item: item.id, sub: '', code: item.options[0].code });
        break;
      case 'yesno':
        cells.push({ item: item.id, sub: '', code: 1 });
        break;
      case 'rating':
        cells.push({ item: item.id, sub: '', code: item.max });
        break;
      case 'number':
        cells.push({ item: item.id, sub: '', code: item.min });
        break;
      case 'partnerGrid':
        for (const id of partnerIds)
          for (const f of item.facets) cells.push({ item: item.id, sub: partnerSub(id, f.key), code: f.scale.points[0].code });
        break;
      case 'toolGrid':
        for (const id of toolIds) cells.push({ item: item.id, sub: toolSub(id), code: item.scale.points[0].code });
        break;
      case 'multi':
        item.options.forEach((o, i) => cells.push({ item: item.id, sub: optionSub(o.code), code: i === 0 ? 1 : 0 }));
        break;
      case 'text':
        cells.push({ item: item.id, sub: '', text: 'x' });
        break;
    }
  }
  return cells;
}

describe.skipIf(!hasChromium)('the fieldwork screens in the browser', () => {
  let t: TestApp;
  let sink: Sink;
  let base: string;
  let browser: Browser;
  let study: Awaited<ReturnType<typeof createFieldworkStudy>>;
  const cohort = people(12);
  cohort[1] = { ...cohort[1], name: '<img src=x onerror="window.pwned=1">Bram' };

  async function login(context: BrowserContext, email: string, next: string): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await waitForLoginForm(page, 3);
    await submitLogin(page, base, email, next);
    return page;
  }
  /** Photographs at both widths; a dialog as the viewport shows it, a page in full. */
  async function shoot(page: Page, name: string, dialog = false): Promise<void> {
    for (const [size, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      const file = `fieldwork-${name}-${size === 'phone' ? '375' : '1280'}`;
      if (dialog) await page.screenshot({ path: path.resolve('.screens', `${file}.png`) });
      else await screenshot(page, file);
    }
    await page.setViewportSize(WIDTHS.desktop);
  }
  const stat = (page: Page, name: string) => page.locator(`[data-stat="${name}"]`).textContent();

  // Every test's browser context is closed after it: an open monitor keeps polling, and the
  // server's global rate limit counts every request.
  const contexts: BrowserContext[] = [];
  const newContext = async () => {
    const c = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'nl-NL' });
    contexts.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  beforeAll(async () => {
    sink = await startSink();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ config: { smtp: smtpConfig(sink.port), baseUrl: base, port } });
    study = await createFieldworkStudy(t.data.store.db, cohort);
    await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG, password: PASSWORD });
    await loginAs(t, 'trainer@example.nl', { role: 'trainer', study: SLUG, password: PASSWORD });
    const staff = await loginAs(t, 'onderzoeker@example.nl', { password: PASSWORD });
    const api = `/api/studies/${SLUG}/fieldwork`;
    const now = Date.now();
    await t.app.inject({
      method: 'PUT',
      url: `${api}/rounds/pre/schedule`,
      headers: staff.headers,
      payload: {
        opensAt: new Date(now + 3_600_000).toISOString(),
        closesAt: new Date(now + 21 * 86_400_000).toISOString(),
        autoInvite: false,
        reminderDays: [7, 14],
        language: null,
      },
    });
    expect((await t.app.inject({ method: 'POST', url: `${api}/rounds/pre/open`, headers: staff.headers })).statusCode).toBe(200);
    await t.app.inject({
      method: 'PUT',
      url: `${api}/rounds/mid/schedule`,
      headers: staff.headers,
      payload: {
        opensAt: new Date(now + 40 * 86_400_000).toISOString(),
        closesAt: null,
        autoInvite: true,
        reminderDays: [7],
        language: null,
      },
    });
    await t.app.inject({
      method: 'POST',
      url: `${api}/rounds/pre/send`,
      headers: staff.headers,
      payload: { kind: 'invitation', selection: 'not-sent' },
    });
    await t.app.fieldwork.sender.idle();
    await sink.waitFor(12);
    for (const key of ['P03', 'P04', 'P07', 'P10'])
      await markSubmitted(t.data.store.db, study.participantIds[key], study.roundIds.pre, new Date(now - 60_000));
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.stop();
  });

  it('shows the monitor and updates it after a submission through a personal link', async () => {
    const context = await newContext();
    const page = await login(context, 'onderzoeker@example.nl', `/app/s/${SLUG}/fieldwork`);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await expect.poll(() => stat(page, 'submitted')).toBe('4');
    expect(await stat(page, 'invited')).toBe('12');
    expect(await stat(page, 'rate')).toMatch(/^33\s?%$/);
    // The dashboard's one chart element draws the response over time, with its table behind a toggle.
    await page.locator('rondo-chart canvas').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Ingevuld en geopend, opgeteld (n = 12 in de meting)' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Tabel' }).first().click();
    expect(await page.getByRole('cell', { name: /^4 van 12 \(33\s?%\)$/ }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Verberg tabel' }).first().click();
    // The name with HTML is text in the list, and nothing ran.
    await expect.poll(() => page.getByRole('cell', { name: '<img src=x onerror="window.pwned=1">Bram' }).count()).toBe(1);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await expectAccessible(page, 'monitor');
    await shoot(page, 'monitor');

    // A participant opens the link from their mail and submits; the monitor follows by itself.
    await page.evaluate(() => {
      (document.querySelector('rondo-fieldwork-monitor') as unknown as { pollSeconds: number; refresh(): Promise<void> }).pollSeconds = 1;
    });
    await page.evaluate(() => (document.querySelector('rondo-fieldwork-monitor') as unknown as { refresh(): Promise<void> }).refresh());
    const mail = sink.mails.find((m) => m.to[0] === 'p6@example.nl')!;
    const link = /http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
    const respondent = await context.newPage();
    await respondent.goto(link);
    await respondent.waitForURL(`${base}/r`);
    const partners = t.data.store.sqlite
      .prepare('select id from partner where study_id = ? order by position')
      .all(study.studyId)
      .map((r) => (r as { id: number }).id);
    const tools = t.data.store.sqlite
      .prepare('select id from tool where study_id = ? order by position')
      .all(study.studyId)
      .map((r) => (r as { id: number }).id);
    const answers = validAnswers(IMH_QUESTIONNAIRE, 'pre', partners, tools);
    expect(validateAnswers(IMH_QUESTIONNAIRE, answers, { roundKey: 'pre', partnerIds: partners, toolIds: tools }, 'submit').issues).toEqual(
      [],
    );
    const status = await respondent.evaluate(
      async (body) => {
        const res = await fetch('/r/api/submit', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return res.status;
      },
      { submissionId: 'fieldwork-browser-test-0001', language: 'nl', answers },
    );
    expect(status).toBe(200);
    await expect.poll(() => stat(page, 'submitted'), { timeout: 10_000 }).toBe('5');
    expect(await page.locator('tr', { hasText: 'P06' }).getByText('ingevuld').count()).toBe(1);

    // A reminder to two people picked from the list: the one who submitted is skipped.
    await page.evaluate(() => ((document.querySelector('rondo-fieldwork-monitor') as unknown as { pollSeconds: number }).pollSeconds = 0));
    await page.getByRole('checkbox', { name: 'Selecteer P08' }).check();
    await page.getByRole('checkbox', { name: 'Selecteer P06' }).check();
    await page.getByRole('button', { name: 'E-mail aan selectie (2)…' }).click();
    await page.getByText('Gaat naar 1 deelnemer.').waitFor();
    await page.getByText('1 deelnemer wordt overgeslagen').click();
    expect(await page.getByText('P06: heeft al ingevuld').count()).toBe(1);
    const before = sink.mails.length;
    await page.getByRole('button', { name: 'Versturen', exact: true }).click();
    await page.getByText('e-mails staan klaar').waitFor();
    await sink.waitFor(before + 1);
    expect(sink.mails.slice(before).map((m) => [m.to[0], m.subject])).toEqual([
      ['p8@example.nl', 'Herinnering: vragenlijst Veldwerk & co'],
    ]);
    await page.getByRole('button', { name: 'Sluiten' }).click();

    // One link, shown for copying: the same as in the mail.
    await page.getByRole('button', { name: 'Link… P05' }).click();
    const shown = page.getByRole('textbox', { name: 'Persoonlijke link van P05' });
    await shown.waitFor();
    expect(sink.mails.find((m) => m.to[0] === 'p5@example.nl')!.text).toContain(await shown.inputValue());
    await expectAccessible(page, 'link dialog');
    await shoot(page, 'link', true);
    await page.getByRole('button', { name: 'Sluiten' }).click();
    expect(errors).toEqual([]);
  });

  it('shows rounds, sending and mailings, with the schedule and send dialogs', async () => {
    const context = await newContext();
    const page = await login(context, 'onderzoeker@example.nl', `/app/s/${SLUG}/fieldwork?tab=rounds`);
    await page.getByRole('heading', { name: /Voormeting/ }).waitFor();
    await page.getByRole('heading', { name: 'Verzendingen' }).waitFor();
    expect(await page.getByRole('cell', { name: /^uitnodiging · Voormeting/ }).count()).toBe(1);
    await expectAccessible(page, 'rounds');
    await shoot(page, 'rounds');

    await page.getByRole('button', { name: 'Planning wijzigen Tussenmeting' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByLabel('Herinneringen, in dagen na de uitnodiging').inputValue()).toBe('7');
    await expectAccessible(page, 'schedule dialog');
    await shoot(page, 'schedule', true);
    await page.getByRole('button', { name: 'Annuleren' }).click();

    await page.getByRole('button', { name: 'Versturen… Voormeting' }).click();
    await page.getByText('Gaat naar').waitFor();
    // Everyone had an invitation, so the dialog starts with reminders to non-responders.
    const open = (
      t.data.store.sqlite
        .prepare('select count(*) as n from invitation where round_id = ? and submitted_at is null')
        .get(study.roundIds.pre) as { n: number }
    ).n;
    expect(await page.getByText(`Gaat naar ${open} deelnemers.`).count()).toBe(1);
    await expectAccessible(page, 'send dialog');
    await shoot(page, 'send', true);
    const before = sink.mails.length;
    await page.getByRole('button', { name: 'Versturen', exact: true }).click();
    await page.getByText('e-mails staan klaar').waitFor();
    await sink.waitFor(before + open);
    expect(new Set(sink.mails.slice(before).map((m) => m.to[0])).size).toBe(open);
    expect(sink.mails.slice(before).every((m) => m.subject.startsWith('Herinnering'))).toBe(true);
  });

  it('turns on a round’s anonymous link, which a fresh browser answers through, counted apart in the monitor', async () => {
    const context = await newContext();
    const page = await login(context, 'onderzoeker@example.nl', `/app/s/${SLUG}/fieldwork?tab=rounds`);
    page.on('dialog', (d) => void d.accept());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('button', { name: 'Anonieme link aanzetten (Voormeting)' }).click();
    const box = page.getByRole('textbox', { name: 'Anonieme link van Voormeting' });
    await box.waitFor();
    const first = await box.inputValue();
    expect(first).toMatch(new RegExp(`^${base}/r/[A-Za-z0-9_-]{43}$`));
    await page.getByText('De anonieme link van Voormeting staat aan.').waitFor();
    expect(await page.getByRole('button', { name: 'Kopiëren Anonieme link van Voormeting' }).count()).toBe(1);
    await expectAccessible(page, 'rounds with an anonymous link');
    await shoot(page, 'rounds-anonymous');

    // Hidden, shown again: the same link. A new link replaces it; the old one stops working.
    await page.getByRole('button', { name: 'Verbergen Anonieme link van Voormeting' }).click();
    await page.getByRole('button', { name: 'Link tonen Anonieme link van Voormeting' }).click();
    await expect.poll(() => box.inputValue()).toBe(first);
    await page.getByRole('button', { name: 'Nieuwe link maken… Anonieme link van Voormeting' }).click();
    await page.getByText('De oude link werkt niet meer.').waitFor();
    const link = await box.inputValue();
    expect(link).not.toBe(first);

    // Someone outside the cohort, in a browser of their own, opens the link and submits.
    const outside = await newContext();
    const respondent = await outside.newPage();
    await respondent.goto(first);
    expect(await respondent.textContent('h1')).toBe('Deze link werkt niet');
    await respondent.goto(link);
    await respondent.waitForURL(`${base}/r/anon`);
    const partners = t.data.store.sqlite
      .prepare('select id from partner where study_id = ? order by position')
      .all(study.studyId)
      .map((r) => (r as { id: number }).id);
    const tools = t.data.store.sqlite
      .prepare('select id from tool where study_id = ? order by position')
      .all(study.studyId)
      .map((r) => (r as { id: number }).id);
    const status = await respondent.evaluate(
      async (body) => {
        const res = await fetch('/r/anon/api/submit', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return res.status;
      },
      { submissionId: 'fieldwork-anonymous-test-0001', language: 'nl', answers: validAnswers(IMH_QUESTIONNAIRE, 'pre', partners, tools) },
    );
    expect(status).toBe(200);

    // The monitor counts it apart: the cohort's numbers and response rate stay as they were.
    const cohort = (
      t.data.store.sqlite
        .prepare('select count(*) as n from invitation where round_id = ? and submitted_at is not null')
        .get(study.roundIds.pre) as { n: number }
    ).n;
    await page.goto(`${base}/app/s/${SLUG}/fieldwork?round=pre`);
    await expect.poll(() => stat(page, 'anonymous')).toBe('1');
    expect(await stat(page, 'submitted')).toBe(String(cohort));
    expect(await stat(page, 'rate')).toMatch(new RegExp(`^${Math.round((cohort / 12) * 100)}\\s?%$`));
    expect(await page.getByText('Via de anonieme link: 1 ingevuld, 0 begonnen.').count()).toBe(1);
    await expectAccessible(page, 'monitor with anonymous responses');
    await shoot(page, 'monitor-anonymous');

    // Turned off: the link stops working; the response stays counted.
    await page.goto(`${base}/app/s/${SLUG}/fieldwork?tab=rounds`);
    await page.getByRole('button', { name: 'Uitzetten… Anonieme link van Voormeting' }).click();
    await page.getByText('De anonieme link van Voormeting staat uit.').waitFor();
    await page.getByRole('button', { name: 'Anonieme link aanzetten (Voormeting)' }).waitFor();
    expect(await page.getByText('1 ingevuld, 0 begonnen via de anonieme link.').count()).toBe(1);
    await respondent.goto(link);
    expect(await respondent.textContent('h1')).toBe('Deze link werkt niet');
    expect(errors).toEqual([]);
  });

  it('edits a text and refuses an unknown placeholder by name', async () => {
    const context = await newContext();
    const page = await login(context, 'onderzoeker@example.nl', `/app/s/${SLUG}/fieldwork?tab=texts`);
    const body = page.getByLabel('Tekst', { exact: true });
    await body.waitFor();
    await expect.poll(() => page.locator('.fw-mail').textContent()).toContain('Beste Deelnemer 1,');
    await body.fill('Beste {voornaam}, klik op {link}');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('{voornaam}');
    await expectAccessible(page, 'texts with an error');
    await shoot(page, 'texts');
    await body.fill('Hallo {name}, klik op {link}');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    expect(await page.getByText('eigen tekst', { exact: false }).count()).toBeGreaterThan(0);
  });

  it('gives a trainer the totals with small cells hidden and no participant list', async () => {
    const context = await newContext();
    const page = await login(context, 'trainer@example.nl', `/app/s/${SLUG}/fieldwork`);
    await expect.poll(() => stat(page, 'submitted')).toMatch(/^\d+$/);
    expect(await page.getByRole('heading', { name: 'Responsmonitor', exact: true }).count()).toBe(1);
    expect(await page.locator('.fw-tabs').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Deelnemers in deze meting' }).count()).toBe(0);
    expect(await page.locator('abbr.fw-hidden-cell').count()).toBeGreaterThan(0);
    expect(await page.getByText('Bram').count()).toBe(0);
    await expectAccessible(page, 'trainer monitor');
    await shoot(page, 'trainer');
    // The rounds part is not for trainers: asking for it shows the monitor.
    await page.goto(`${base}/app/s/${SLUG}/fieldwork?tab=rounds`);
    await page.locator('[data-stat="submitted"]').waitFor();
    expect(await page.getByRole('heading', { name: 'Metingen' }).count()).toBe(0);
  });
});
