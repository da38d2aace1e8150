import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createImhStudy } from '../helpers/study.js';
import { completeAnswers, embedded, exchange } from '../respondent/fixture.js';
import { createFieldworkStudy, markSubmitted, people, SLUG } from './fixture.js';

const NOW = new Date('2026-04-06T09:00:00Z');
const api = `/api/studies/${SLUG}/fieldwork`;
const link = `${api}/rounds/pre/anonymous-link`;

/**
 * A round's anonymous link from the researcher's side: turned on, shown again, replaced (the
 * old link then gets the unknown-link page), turned off; only for the study's researchers;
 * in the audit trail without the link; and its responses counted apart from the cohort.
 */
describe('the anonymous link of a round', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let trainer: LoggedIn;
  let outsider: LoggedIn;
  let study: Awaited<ReturnType<typeof createFieldworkStudy>>;
  let first = '';
  let second = '';
  const call = (who: LoggedIn, method: 'GET' | 'POST' | 'DELETE', url: string) => t.app.inject({ method, url, headers: who.headers });
  const tokenOf = (url: string) => url.slice(url.lastIndexOf('/r/') + 3);
  const unknownPage = async () => (await t.app.inject({ url: `/r/${crypto.randomBytes(32).toString('base64url')}` })).body;

  beforeAll(async () => {
    t = await buildTestApp({ config: { baseUrl: 'https://rondo.example.nl' } });
    t.setNow(NOW);
    study = await createFieldworkStudy(t.data.store.db, people(6));
    await createImhStudy(t.data.store.db, 'ander', { nl: 'Ander', en: 'Other' });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG });
    trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer', study: SLUG });
    outsider = await loginAs(t, 'elders@example.nl', { role: 'researcher', study: 'ander' });
    expect((await call(researcher, 'POST', `${api}/rounds/pre/open`)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is off until a researcher turns it on, and then works', async () => {
    expect((await call(researcher, 'GET', link)).json()).toEqual({ linkOn: false, link: null, submitted: 0, drafts: 0 });
    const on = await call(researcher, 'POST', link);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.headers['cache-control']).toBe('no-store');
    first = on.json().link;
    expect(on.json()).toMatchObject({ linkOn: true, submitted: 0 });
    expect(first).toMatch(/^https:\/\/rondo\.example\.nl\/r\/[A-Za-z0-9_-]{43}$/);
    expect((await t.app.inject({ url: `/r/${tokenOf(first)}` })).headers.refresh).toBe('0; url=/r/anon');
    const overview = (await call(researcher, 'GET', api)).json();
    expect(overview.rounds.find((r: { key: string }) => r.key === 'pre').anonymous).toEqual({ linkOn: true, submitted: 0, drafts: 0 });
    expect(overview.rounds.find((r: { key: string }) => r.key === 'mid').anonymous.linkOn).toBe(false);
  });

  it('shows the same link again, and refuses to turn it on twice', async () => {
    expect((await call(researcher, 'GET', link)).json().link).toBe(first);
    const twice = await call(researcher, 'POST', link);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'ANONYMOUS_ON' } });
    expect((await call(researcher, 'GET', link)).json().link).toBe(first);
  });

  it('counts a response through it apart from the cohort', async () => {
    const cookie = await exchange(t, tokenOf(first));
    const form = embedded((await t.app.inject({ url: '/r/anon', headers: { cookie } })).body).form;
    const res = await t.app.inject({
      method: 'POST',
      url: '/r/anon/api/submit',
      headers: { cookie },
      payload: { submissionId: crypto.randomUUID(), language: 'nl', answers: completeAnswers(form) },
    });
    expect(res.statusCode, res.body).toBe(200);
    const other = await exchange(t, tokenOf(first));
    await t.app.inject({
      method: 'PUT',
      url: '/r/anon/api/draft',
      headers: { cookie: other },
      payload: { language: 'nl', items: ['comp_signal'], answers: [{ item: 'comp_signal', sub: '', code: 4 }] },
    });
    await markSubmitted(t.data.store.db, study.participantIds.P01, study.roundIds.pre, NOW);

    const monitor = (await call(researcher, 'GET', `${api}/monitor/pre`)).json();
    expect(monitor.anonymous).toEqual({ linkOn: true, submitted: 1, drafts: 1 });
    // The cohort's response rate: 1 of 6 invited, the anonymous response not in it.
    expect(monitor.totals).toMatchObject({ invited: 6, submitted: 1 });
    expect(monitor.totals.rate).toBeCloseTo(1 / 6, 12);
    expect(monitor.timeline.at(-1).submitted).toBe(1);
    expect((await call(trainer, 'GET', `${api}/monitor/pre`)).json().anonymous.submitted).toBe(1);
    expect((await call(researcher, 'GET', link)).json()).toMatchObject({ submitted: 1, drafts: 1 });
  });

  it('makes a new link on purpose, after which the old one gets the unknown-link page', async () => {
    const res = await call(researcher, 'POST', `${link}/regenerate`);
    expect(res.statusCode, res.body).toBe(200);
    second = res.json().link;
    expect(second).not.toBe(first);
    const old = await t.app.inject({ url: `/r/${tokenOf(first)}` });
    expect(old.statusCode).toBe(404);
    expect(old.body).toBe(await unknownPage());
    expect((await t.app.inject({ url: `/r/${tokenOf(second)}` })).statusCode).toBe(200);
    expect((await call(researcher, 'GET', link)).json().link).toBe(second);
    // Responses already given stay.
    expect((await call(researcher, 'GET', `${api}/monitor/pre`)).json().anonymous.submitted).toBe(1);
  });

  it('turns it off, after which the link stops working and cannot be replaced', async () => {
    const off = await call(researcher, 'DELETE', link);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ linkOn: false, link: null, submitted: 1, drafts: 1 });
    expect((await t.app.inject({ url: `/r/${tokenOf(second)}` })).statusCode).toBe(404);
    expect((await call(researcher, 'POST', `${link}/regenerate`)).json()).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'ANONYMOUS_OFF' },
    });
    expect((await call(researcher, 'DELETE', link)).statusCode).toBe(200);
    // On again: a new link, never one of the earlier ones.
    const again = (await call(researcher, 'POST', link)).json().link;
    expect([first, second]).not.toContain(again);
    await call(researcher, 'DELETE', link);
  });

  it('is refused to trainers, to researchers of another study and without the CSRF token', async () => {
    for (const [method, url] of [
      ['GET', link],
      ['POST', link],
      ['POST', `${link}/regenerate`],
      ['DELETE', link],
    ] as const) {
      expect((await call(trainer, method, url)).statusCode, `trainer ${method} ${url}`).toBe(403);
      const elsewhere = await call(outsider, method, url);
      expect([elsewhere.statusCode, elsewhere.json().code], `outsider ${method} ${url}`).toEqual([404, 'NOT_FOUND']);
      expect((await t.app.inject({ method, url })).statusCode, `anonymous ${method} ${url}`).toBe(401);
    }
    const forged = await t.app.inject({ method: 'POST', url: link, headers: { ...researcher.headers, 'x-csrf-token': 'forged' } });
    expect([forged.statusCode, forged.json().code]).toEqual([403, 'CSRF']);
    expect((await call(researcher, 'GET', `${api}/rounds/later/anonymous-link`)).statusCode).toBe(404);
    expect((await call(researcher, 'GET', link)).json().linkOn).toBe(false);
  });

  it('is in the audit trail with who and what, never the link', async () => {
    const rows = t.data.store.sqlite
      .prepare("select action, actor, target, details from audit_log where action like 'round.anonymous-link.%' order by id")
      .all() as { action: string; actor: string; target: string; details: string }[];
    expect(rows.map((r) => r.action)).toEqual([
      'round.anonymous-link.enable',
      'round.anonymous-link.shown',
      'round.anonymous-link.shown',
      'round.anonymous-link.shown',
      'round.anonymous-link.regenerate',
      'round.anonymous-link.shown',
      'round.anonymous-link.disable',
      'round.anonymous-link.enable',
      'round.anonymous-link.disable',
    ]);
    expect(new Set(rows.map((r) => r.target))).toEqual(new Set(['round:pre']));
    expect(rows.every((r) => r.actor.startsWith('user:'))).toBe(true);
    const everything = JSON.stringify(t.data.store.sqlite.prepare('select * from audit_log').all());
    for (const url of [first, second]) expect(everything).not.toContain(tokenOf(url));
  });
});
