import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionSub, type AnswerCell, type RespondentForm } from '../../model/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { packedCopies } from '../helpers/packed.js';
import { disableAnonymousLink, enableAnonymousLink, invitationLink } from '../../server/respondent/links.js';
import { deriveInvitationToken, hashToken } from '../../server/tokens.js';
import {
  DEMO,
  addInvitations,
  anonymousToken,
  completeAnswers,
  embedded,
  exchange,
  freshInvitations,
  openRound,
  type Invitation,
} from './fixture.js';

/**
 * The respondent's HTTP surface through app.inject(): link exchange, pages per state, drafts,
 * submission (idempotent, validated, inside the round's window), anonymous links, rate limits
 * and bad input. The browser tests (browser.test.ts) cover what a person sees.
 */

let t: TestApp;
let fresh: Invitation[];
let form: RespondentForm;
let next = 0;
/** A new invitation of the open post round, never used by another test. */
const take = () => fresh[next++];

const sqlite = () => t.data.store.sqlite;
const responseOf = (inv: Invitation) =>
  sqlite().prepare('select * from response where invitation_id = ?').get(inv.id) as
    | {
        id: number;
        status: string;
        submission_id: string | null;
        participant_id: number;
        round_id: number;
        language: string;
        submitted_at: string;
      }
    | undefined;
const answersOf = (responseId: number) =>
  sqlite().prepare('select item, sub, code, missing, text from answer where response_id = ? order by item, sub').all(responseId) as {
    item: string;
    sub: string;
    code: number | null;
    missing: string | null;
    text: string | null;
  }[];
const counts = () =>
  sqlite().prepare('select (select count(*) from response) as responses, (select count(*) from answer) as answers').get();

const submit = (cookie: string, payload: unknown, url = '/r/api/submit') =>
  t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
const draft = (cookie: string, payload: unknown, url = '/r/api/draft') =>
  t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: payload as object });
const submission = (answers: AnswerCell[], submissionId = crypto.randomUUID()) => ({ submissionId, language: 'nl', answers });

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  openRound(t, 'post');
  fresh = [...freshInvitations(t, 'post'), ...addInvitations(t, 'post', 40)];
  const cookie = await exchange(t, fresh[fresh.length - 1].token);
  form = embedded((await t.app.inject({ url: '/r', headers: { cookie } })).body).form;
});

afterAll(async () => {
  await t?.close();
});

describe('the link exchange', () => {
  it('trades the token for an HttpOnly, SameSite=Strict cookie and continues at a URL without it', async () => {
    const inv = take();
    const res = await t.app.inject({ url: `/r/${inv.token}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.refresh).toBe('0; url=/r');
    expect(res.headers['set-cookie']).toBe(`rondo_r=${inv.token}; Path=/r; HttpOnly; SameSite=Strict`);
    expect(res.body).not.toContain(inv.token);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the same security headers as every other route', async () => {
    const security = (headers: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(headers).filter(([k]) => /^(content-security-policy|cross-origin-|origin-agent-cluster|referrer-policy|x-)/.test(k)),
      );
    const elsewhere = security((await t.app.inject({ url: '/healthz' })).headers);
    expect(Object.keys(elsewhere).length).toBeGreaterThanOrEqual(8);
    const cookie = await exchange(t, take().token);
    for (const res of [
      await t.app.inject({ url: '/r', headers: { cookie } }),
      await t.app.inject({ url: '/r/unknown' }),
      await draft(cookie, { language: 'nl', items: [], answers: [] }),
      await submit(cookie, { bad: true }),
    ]) {
      expect(security(res.headers)).toEqual(elsewhere);
    }
  });

  it("answers what no route under /r has with the app's 404, security headers included", async () => {
    const elsewhere = await t.app.inject({ url: '/no-such-page' });
    for (const res of [await t.app.inject({ method: 'PATCH', url: '/r/api/submit' }), await t.app.inject({ method: 'POST', url: '/r' })]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(elsewhere.json());
      for (const name of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'x-content-type-options']) {
        expect(res.headers[name], name).toBe(elsewhere.headers[name]);
      }
    }
    expect(elsewhere.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it("runs none of the staff context's hooks: helmet's and the guard's stay off the respondent's routes", () => {
    // The hooks of one route as Fastify prints them: the lines after the route's own line in printRoutes' tree.
    const hooksOf = (method: string, label: string) => {
      const lines = t.app.printRoutes({ includeHooks: true, commonPrefix: false, method }).split('\n');
      const at = lines.findIndex((line) => line.endsWith(`── ${label} (${method})`));
      expect(at, `${method} ${label}`).toBeGreaterThanOrEqual(0);
      const hooks: string[] = [];
      for (let i = at + 1; i < lines.length && lines[i].includes('• ('); i++) hooks.push(lines[i]);
      return hooks.join('\n');
    };
    const staff = hooksOf('POST', '/api/login');
    expect(staff).toContain('helmetConfigureReply');
    expect(staff).toContain('staffGuard');
    for (const [method, label] of [
      ['PUT', '/r/api/draft'],
      ['POST', '/r/api/submit'],
      ['PUT', '/r/anon/api/draft'],
      ['POST', '/r/anon/api/submit'],
      ['GET', 'r'],
      ['GET', '/anon'],
    ]) {
      const hooks = hooksOf(method, label);
      expect(hooks, `${method} ${label}`).toContain('onRequest');
      expect(hooks, `${method} ${label}`).not.toMatch(/helmet|staffGuard/);
    }
  });

  it('marks the cookie Secure when rondo is served over HTTPS', async () => {
    const https = await buildTestApp({ demo: true, config: { baseUrl: 'https://rondo.example.nl' } });
    try {
      openRound(https, 'post');
      const res = await https.app.inject({ url: `/r/${freshInvitations(https, 'post')[0].token}` });
      expect(res.headers['set-cookie']).toContain('; Secure');
    } finally {
      await https.close();
    }
  });

  it('records when the link was first opened, once', async () => {
    const inv = take();
    await exchange(t, inv.token);
    const first = sqlite().prepare('select opened_at from invitation where id = ?').get(inv.id) as { opened_at: string };
    expect(first.opened_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    await exchange(t, inv.token);
    expect(sqlite().prepare('select opened_at from invitation where id = ?').get(inv.id)).toEqual(first);
  });

  it('answers unknown, malformed, regenerated and revoked links with one and the same page', async () => {
    const unknown = await t.app.inject({ url: `/r/${crypto.randomBytes(32).toString('base64url')}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('text/html');
    expect(unknown.headers['set-cookie']).toBeUndefined();

    const revoked = take();
    sqlite().prepare('update invitation set revoked_at = ? where id = ?').run(new Date().toISOString(), revoked.id);
    const regenerated = take();
    const newToken = deriveInvitationToken(t.data.secret, regenerated.participantId, regenerated.roundId, 2);
    sqlite().prepare('update invitation set token_generation = 2, token_hash = ? where id = ?').run(hashToken(newToken), regenerated.id);

    for (const url of [
      `/r/${revoked.token}`,
      `/r/${regenerated.token}`,
      '/r/short',
      `/r/${'A'.repeat(10_000)}`,
      '/r/%2e%2e%2fadmin',
      `/r/${revoked.token}/x`,
    ]) {
      const res = await t.app.inject({ url });
      expect({ url, status: res.statusCode, body: res.body }).toEqual({ url, status: 404, body: unknown.body });
    }
    // A path that climbs out of /r/ never reaches the respondent routes: a plain 404.
    const climbing = await t.app.inject({ url: '/r/../../etc/passwd' });
    expect(climbing.statusCode).toBe(404);
    expect(climbing.json().code).toBe('NOT_FOUND');
    // The regenerated link works, and the researcher's link is the new one.
    expect((await t.app.inject({ url: `/r/${newToken}` })).statusCode).toBe(200);
    expect(await invitationLink({ config: t.config, secret: t.data.secret }, t.data.store.db, regenerated.id)).toBe(
      `${t.config.baseUrl}/r/${newToken}`,
    );
  });

  it('stops a link that was revoked after it was opened', async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    sqlite().prepare('update invitation set revoked_at = ? where id = ?').run(new Date().toISOString(), inv.id);
    expect((await t.app.inject({ url: '/r', headers: { cookie } })).statusCode).toBe(404);
    const res = await draft(cookie, { language: 'nl', items: [], answers: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('LINK_INVALID');
  });

  it('takes about as long for an unknown link as for a revoked one', async () => {
    const revoked = take();
    sqlite().prepare('update invitation set revoked_at = ? where id = ?').run(new Date().toISOString(), revoked.id);
    const time = async (url: string) => {
      const start = process.hrtime.bigint();
      await t.app.inject({ url, remoteAddress: `10.9.${next}.${Math.floor(Math.random() * 250)}` });
      return Number(process.hrtime.bigint() - start);
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 150; i++) {
      unknown.push(await time(`/r/${crypto.randomBytes(32).toString('base64url')}`));
      known.push(await time(`/r/${revoked.token}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    const ratio = median(unknown) / median(known);
    // Same hashing, same two indexed lookups, same page: the medians differ by noise only.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('the questionnaire page', () => {
  it("embeds the round's items only, with partners and tools, and loads only the respondent bundle", async () => {
    const cookie = await exchange(t, take().token);
    const res = await t.app.inject({ url: '/r', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const { form: f, draft: d } = embedded(res.body);
    const items = f.questionnaire.sections.flatMap((s: { items: { id: string }[] }) => s.items.map((i) => i.id));
    expect(items).toContain('tools_use');
    expect(items).not.toContain('bg_role'); // pre round only
    expect(f.partners).toHaveLength(12);
    expect(f.tools.map((x: { name: string }) => x.name)).toEqual(['IMH beslisboom', 'ZAT aanmeldformulier', 'ZAT vaste methode']);
    expect(d).toMatchObject({ language: 'nl', answers: [], graceUntil: null });
    expect([...res.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1])).toEqual(['/assets/entry-respondent.js']);
    expect(res.body).not.toMatch(/chart|analysis/i);
    // Its icon is served: no 404 in the respondent's browser console.
    expect(res.body).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
    const icon = await t.app.inject({ url: '/assets/favicon.svg' });
    expect([icon.statusCode, icon.headers['content-type']]).toEqual([200, 'image/svg+xml']);
  });

  it("keeps researchers' texts inert: a partner name cannot end the JSON script element", async () => {
    const id = (sqlite().prepare('select id from partner order by position limit 1').get() as { id: number }).id;
    sqlite().prepare('update partner set name = ? where id = ?').run('</script><script>alert(1)</script>', id);
    try {
      const res = await t.app.inject({ url: '/r', headers: { cookie: await exchange(t, take().token) } });
      expect(res.body).not.toContain('</script><script>');
      expect(embedded(res.body).form.partners[0].name).toBe('</script><script>alert(1)</script>');
    } finally {
      sqlite().prepare('update partner set name = ? where id = ?').run('POH GGZ Jeugd', id);
    }
  });

  it("speaks the study's default language, or the one asked for", async () => {
    const cookie = await exchange(t, take().token);
    const en = await t.app.inject({ url: '/r?lang=en&utm_source=mail', headers: { cookie } });
    expect(en.body).toContain('<html lang="en">');
    expect(embedded(en.body).draft.language).toBe('en');
    const odd = await t.app.inject({ url: '/r?lang=fr', headers: { cookie } });
    expect(odd.body).toContain('<html lang="nl">');
  });

  it('shows nothing of the questionnaire when the round is not open yet or closed', async () => {
    const other = await buildTestApp({ demo: true });
    try {
      const now = new Date('2026-11-23T12:00:00Z');
      other.setNow(now);
      const inv = freshInvitations(other, 'post')[0];
      const cookie = await exchange(other, inv.token);
      const page = async () => (await other.app.inject({ url: '/r', headers: { cookie } })).body;
      openRound(other, 'post', { opensAt: '2026-11-30T08:00:00Z', closesAt: null });
      expect(await page()).toContain('Deze meting is nog niet geopend');
      openRound(other, 'post', { opensAt: null, closesAt: null });
      expect(await page()).toContain('Deze meting is nog niet geopend');
      openRound(other, 'post', { opensAt: '2026-11-01T08:00:00Z', closesAt: '2026-11-23T11:30:00Z' });
      // In the grace period, only someone who had started continues.
      expect(await page()).toContain('Deze meting is gesloten');
      for (const body of [await page()]) expect(body).not.toContain('rondo-form');
    } finally {
      await other.close();
    }
  });
});

describe('drafts', () => {
  it('replace the answers of the items named and keep the rest', async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    let res = await draft(cookie, {
      language: 'nl',
      items: ['comp_signal', 'comp_explain'],
      answers: [
        { item: 'comp_signal', sub: '', code: 4 },
        { item: 'comp_explain', sub: '', text: 'eerste versie' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().savedAt).toMatch(/Z$/);
    res = await draft(cookie, {
      language: 'en',
      items: ['comp_explain', 'know_where'],
      answers: [{ item: 'know_where', sub: '', missing: 'dont_know' }],
    });
    expect(res.statusCode).toBe(200);
    const response = responseOf(inv)!;
    expect(response).toMatchObject({ status: 'draft', language: 'en', participant_id: inv.participantId, round_id: inv.roundId });
    expect(answersOf(response.id)).toEqual([
      { item: 'comp_signal', sub: '', code: 4, missing: null, text: null },
      { item: 'know_where', sub: '', code: null, missing: 'dont_know', text: null },
    ]);
    expect(sqlite().prepare('select started_at from invitation where id = ?').get(inv.id)).toMatchObject({
      started_at: expect.stringMatching(/Z$/),
    });
    // The page restores it, in the language last chosen.
    const page = embedded((await t.app.inject({ url: '/r', headers: { cookie } })).body);
    expect(page.draft.language).toBe('en');
    expect(page.draft.answers).toEqual([
      { item: 'comp_signal', sub: '', code: 4 },
      { item: 'know_where', sub: '', missing: 'dont_know' },
    ]);
  });

  it('refuse the whole save when one cell is invalid, or names an item not listed', async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    let res = await draft(cookie, {
      language: 'nl',
      items: ['comp_signal', 'train_rating'],
      answers: [
        { item: 'comp_signal', sub: '', code: 4 },
        { item: 'train_rating', sub: '', code: 11 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { issues: [{ item: 'train_rating', code: 'not-on-scale' }] } });
    res = await draft(cookie, { language: 'nl', items: ['comp_signal'], answers: [{ item: 'know_where', sub: '', code: 4 }] });
    expect(res.statusCode).toBe(400);
    expect(responseOf(inv)).toBeUndefined();
  });
});

describe('submission', () => {
  it("stores a complete response for the invitation's participant and round", async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    const res = await submit(cookie, { ...submission(completeAnswers(form)), language: 'en' });
    expect(res.statusCode).toBe(200);
    const { submittedAt, repeated } = res.json();
    expect(repeated).toBe(false);
    const response = responseOf(inv)!;
    expect(response).toMatchObject({
      status: 'submitted',
      submitted_at: submittedAt,
      participant_id: inv.participantId,
      round_id: inv.roundId,
      language: 'en',
    });
    expect(answersOf(response.id)).toHaveLength(completeAnswers(form).length);
    const partnerRow = sqlite()
      .prepare("select partner_id, tool_id from answer where response_id = ? and sub like 'p%' limit 1")
      .get(response.id) as { partner_id: number };
    expect(partnerRow.partner_id).toBe(form.partners[0].id);
    expect(sqlite().prepare('select submitted_at from invitation where id = ?').get(inv.id)).toEqual({ submitted_at: submittedAt });
    // The packed copy the exports read is written with it, exactly as the answer rows.
    const [copy] = packedCopies(sqlite(), 'r.id = ?', response.id);
    expect(copy.packed).not.toBeNull();
    expect([copy.layoutKeys, copy.packed]).toEqual([copy.keys, copy.values]);
  });

  it('answers a retry with the first result, and refuses another submission', async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    const body = submission(completeAnswers(form));
    const first = await submit(cookie, body);
    const again = await submit(cookie, { ...body, answers: completeAnswers(form).slice(1) });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ submittedAt: first.json().submittedAt, repeated: true });
    const other = await submit(cookie, submission(completeAnswers(form)));
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('ALREADY_SUBMITTED');
    const later = await draft(cookie, { language: 'nl', items: ['comp_signal'], answers: [] });
    expect(later.json().code).toBe('ALREADY_SUBMITTED');
    expect(answersOf(responseOf(inv)!.id)).toHaveLength(completeAnswers(form).length);
    // The page says so, and shows none of the answers.
    const page = (await t.app.inject({ url: '/r', headers: { cookie } })).body;
    expect(page).toContain('U heeft deze vragenlijst al ingevuld');
    expect(page).not.toContain('Antwoord op comp_explain');
  });

  it('stores one response for fifty simultaneous submissions of one invitation (one double-clicked id)', async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    await draft(cookie, { language: 'nl', items: ['comp_signal'], answers: [{ item: 'comp_signal', sub: '', code: 2 }] });
    const body = submission(completeAnswers(form));
    const results = await Promise.all(Array.from({ length: 50 }, () => submit(cookie, body)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    expect(new Set(results.map((r) => r.json().submittedAt)).size).toBe(1);
    expect(results.filter((r) => !r.json().repeated)).toHaveLength(1);
    expect(sqlite().prepare('select count(*) as n from response where invitation_id = ?').get(inv.id)).toEqual({ n: 1 });
    expect(answersOf(responseOf(inv)!.id)).toHaveLength(completeAnswers(form).length);
  });

  it('stores one response for fifty simultaneous submissions with fifty different ids', async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    const bodies = Array.from({ length: 50 }, () => submission(completeAnswers(form)));
    const results = await Promise.all(bodies.map((b) => submit(cookie, b)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(responseOf(inv)!.submission_id).toBe(bodies[statuses.indexOf(200)].submissionId);
    expect(sqlite().prepare('select count(*) as n from response where invitation_id = ?').get(inv.id)).toEqual({ n: 1 });
  });

  it('refuses an incomplete or invalid response with a message per item, storing nothing', async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    const answers = completeAnswers(form)
      .filter((c) => c.item !== 'comp_signal')
      .map((c) => (c.item === 'train_rating' ? { ...c, code: 0 } : c));
    const res = await submit(cookie, submission(answers));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues.map((i: { item: string; code: string }) => `${i.item}:${i.code}`)).toEqual([
      'train_rating:not-on-scale',
      'comp_signal:required',
    ]);
    expect(responseOf(inv)).toBeUndefined();
  });

  it('takes participant and round from the link only: a body naming others changes nothing', async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    const before = counts();
    for (const extra of [{ participantId: 1 }, { roundId: 1 }, { round: 'pre' }, { invitationId: fresh[0].id }]) {
      const res = await submit(cookie, { ...submission(completeAnswers(form)), ...extra });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
    }
    const otherRound = await submit(cookie, submission([...completeAnswers(form), { item: 'bg_role', sub: '', code: 1 }]));
    expect(otherRound.json().details.issues).toMatchObject([{ item: 'bg_role', code: 'not-in-round' }]);
    expect(counts()).toEqual(before);
  });

  it('accepts a submission in the grace period after closing, and refuses it later, keeping the draft', async () => {
    const other = await buildTestApp({ demo: true });
    try {
      const now = new Date('2026-11-23T12:00:00Z');
      other.setNow(now);
      openRound(other, 'post', { opensAt: '2026-11-01T08:00:00Z', closesAt: '2026-11-23T13:00:00Z' });
      const [a, b] = freshInvitations(other, 'post');
      const page = async (cookie: string) => (await other.app.inject({ url: '/r', headers: { cookie } })).body;
      const ca = await exchange(other, a.token);
      const cb = await exchange(other, b.token);
      const postForm: RespondentForm = embedded(await page(ca)).form;
      for (const c of [ca, cb])
        await other.app.inject({
          method: 'PUT',
          url: '/r/api/draft',
          headers: { cookie: c },
          payload: { language: 'nl', items: ['comp_signal'], answers: [{ item: 'comp_signal', sub: '', code: 5 }] },
        });

      // 13:30: closed half an hour ago, the grace period (60 minutes) still runs.
      other.setNow(new Date('2026-11-23T13:30:00Z'));
      expect(embedded(await page(ca)).draft.graceUntil).toBe('2026-11-23T14:00:00.000Z');
      const inGrace = await other.app.inject({
        method: 'POST',
        url: '/r/api/submit',
        headers: { cookie: ca },
        payload: submission(completeAnswers(postForm)),
      });
      expect(inGrace.statusCode).toBe(200);

      // 14:01: too late; the draft stays for the researcher.
      other.setNow(new Date('2026-11-23T14:01:00Z'));
      const late = await other.app.inject({
        method: 'POST',
        url: '/r/api/submit',
        headers: { cookie: cb },
        payload: submission(completeAnswers(postForm)),
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('ROUND_CLOSED');
      const kept = other.data.store.sqlite
        .prepare('select r.status, a.code from response r join answer a on a.response_id = r.id where r.invitation_id = ?')
        .all(b.id);
      expect(kept).toEqual([{ status: 'draft', code: 5 }]);
      expect(await page(cb)).toContain('Antwoorden die u al had opgeslagen, blijven bewaard');
    } finally {
      await other.close();
    }
  });

  it('lets only those who had started before closing save or submit in the grace period', async () => {
    const other = await buildTestApp({ demo: true });
    try {
      other.setNow(new Date('2026-11-23T12:00:00Z'));
      openRound(other, 'post', { opensAt: '2026-11-01T08:00:00Z', closesAt: '2026-11-23T13:00:00Z' });
      const [drafted, opened, late] = freshInvitations(other, 'post');
      const api = (method: 'PUT' | 'POST', url: string, cookie: string, payload: object) =>
        other.app.inject({ method, url, headers: { cookie }, payload });
      const page = async (cookie: string, url = '/r') => (await other.app.inject({ url, headers: { cookie } })).body;
      const one = { language: 'nl', items: ['comp_signal'], answers: [{ item: 'comp_signal', sub: '', code: 5 }] };
      // Before closing: one saves a draft, one only opens the link (nothing saved yet).
      const cDrafted = await exchange(other, drafted.token);
      const postForm: RespondentForm = embedded(await page(cDrafted)).form;
      expect((await api('PUT', '/r/api/draft', cDrafted, one)).statusCode).toBe(200);
      const cOpened = await exchange(other, opened.token);
      const anonToken = await anonymousToken(other, 'post');
      const anonStarted = await exchange(other, anonToken);
      expect((await api('PUT', '/r/anon/api/draft', anonStarted, one)).statusCode).toBe(200);

      // 13:30, in the grace period.
      other.setNow(new Date('2026-11-23T13:30:00Z'));
      const cLate = await exchange(other, late.token);
      const anonLate = await exchange(other, anonToken);
      const responses = () =>
        (other.data.store.sqlite.prepare('select count(*) as n from response where round_id = ?').get(drafted.roundId) as { n: number }).n;
      const before = responses();
      // Who had not started gets the closed round, on the page and from the API alike.
      expect(await page(cLate)).toContain('Deze meting is gesloten');
      expect(await page(anonLate, '/r/anon')).toContain('Deze meting is gesloten');
      for (const [url, cookie] of [
        ['/r/api', cLate],
        ['/r/anon/api', anonLate],
      ] as const) {
        const saved = await api('PUT', `${url}/draft`, cookie, one);
        expect([saved.statusCode, saved.json().code]).toEqual([409, 'ROUND_CLOSED']);
        const sent = await api('POST', `${url}/submit`, cookie, submission(completeAnswers(postForm)));
        expect([sent.statusCode, sent.json().code]).toEqual([409, 'ROUND_CLOSED']);
      }
      expect(responses()).toBe(before);
      // Who had a draft, or had opened the link before closing, goes on and submits.
      expect(await page(cOpened)).toContain('rondo-form');
      expect((await api('PUT', '/r/api/draft', cOpened, one)).statusCode).toBe(200);
      for (const [url, cookie] of [
        ['/r/api', cDrafted],
        ['/r/api', cOpened],
        ['/r/anon/api', anonStarted],
      ] as const) {
        const sent = await api('POST', `${url}/submit`, cookie, submission(completeAnswers(postForm)));
        expect(sent.statusCode, `${url}: ${sent.body}`).toBe(200);
      }
    } finally {
      await other.close();
    }
  });
});

describe('bad input', () => {
  let inv: Invitation;
  let cookie: string;
  beforeAll(async () => {
    inv = take();
    cookie = await exchange(t, inv.token);
  });

  const cases: [string, () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>, number, string][] = [];
  const raw = (name: string, body: string, status: number, code: string, contentType = 'application/json') =>
    cases.push([
      name,
      () => t.app.inject({ method: 'POST', url: '/r/api/submit', headers: { cookie, 'content-type': contentType }, payload: body }),
      status,
      code,
    ]);
  // Bodies are built when the test runs: the form is read in beforeAll.
  const json = (name: string, body: () => unknown, status: number, code: string) =>
    cases.push([name, () => submit(cookie, body()), status, code]);
  const withCell = (c: Record<string, unknown>) => () =>
    submission([...completeAnswers(form).filter((x) => x.item !== c.item), c as unknown as AnswerCell]);

  for (const code of [0, 6, 3.5]) json(`a scale answer of ${code}`, withCell({ item: 'comp_signal', sub: '', code }), 400, 'VALIDATION');
  json('a scale answer as a string "3"', withCell({ item: 'comp_signal', sub: '', code: '3' }), 400, 'VALIDATION');
  raw(
    'NaN',
    JSON.stringify(submission([])).replace('"answers":[]', '"answers":[{"item":"comp_signal","sub":"","code":NaN}]'),
    400,
    'BAD_REQUEST',
  );
  raw(
    '1e309',
    JSON.stringify(submission([])).replace('"answers":[]', '"answers":[{"item":"comp_signal","sub":"","code":1e309}]'),
    400,
    'VALIDATION',
  );
  json('an item of another round', withCell({ item: 'bg_years', sub: '', code: 3 }), 400, 'VALIDATION');
  json('an unknown item', withCell({ item: 'favourite_colour', sub: '', code: 3 }), 400, 'VALIDATION');
  json('an item id that is not a variable name', withCell({ item: '../etc', sub: '', code: 3 }), 400, 'VALIDATION');
  json('an unknown field in the body', () => ({ ...submission(completeAnswers(form)), extra: 1 }), 400, 'VALIDATION');
  json('an unknown field in a cell', withCell({ item: 'comp_signal', sub: '', code: 3, weight: 2 }), 400, 'VALIDATION');
  json('text beyond its limit', withCell({ item: 'comp_explain', sub: '', text: 'x'.repeat(1001) }), 400, 'VALIDATION');
  json('text beyond any limit', withCell({ item: 'comp_explain', sub: '', text: 'x'.repeat(10_001) }), 400, 'VALIDATION');
  json('text with a NUL byte', withCell({ item: 'comp_explain', sub: '', text: 'a\u0000b' }), 400, 'VALIDATION');
  json('a malformed sub-address', withCell({ item: 'collab', sub: 'p1.price', code: 3 }), 400, 'VALIDATION');
  json(
    '2,001 cells',
    () => submission(Array.from({ length: 2001 }, (_, i) => ({ item: 'comp_explain', sub: optionSub(i), code: 1 }))),
    400,
    'VALIDATION',
  );
  json('a short submission id', () => ({ ...submission(completeAnswers(form)), submissionId: 'x' }), 400, 'VALIDATION');
  json('an unknown language', () => ({ ...submission(completeAnswers(form)), language: 'de' }), 400, 'VALIDATION');
  raw(
    'a 2 MB body',
    JSON.stringify(submission([{ item: 'comp_explain', sub: '', text: 'x'.repeat(2 * 1024 * 1024) }])),
    413,
    'BODY_TOO_LARGE',
  );
  raw(
    'a __proto__ key',
    '{"__proto__":{"admin":true},"submissionId":"abcdefabcdefabcdef","language":"nl","answers":[]}',
    400,
    'BAD_REQUEST',
  );
  raw(
    'a constructor.prototype key',
    '{"constructor":{"prototype":{"x":1}},"submissionId":"abcdefabcdefabcdef","language":"nl","answers":[]}',
    400,
    'BAD_REQUEST',
  );
  raw('plain text', 'comp_signal=4', 415, 'UNSUPPORTED_MEDIA_TYPE', 'text/plain');
  raw('a form post', 'comp_signal=4', 415, 'UNSUPPORTED_MEDIA_TYPE', 'application/x-www-form-urlencoded');
  raw('invalid JSON', '{"submissionId":', 400, 'BAD_REQUEST');
  raw('an empty body', '', 400, 'BAD_REQUEST');

  it.each(cases)('%s → a clear 4xx, nothing stored, no stack trace', async (_name, send, status, code) => {
    const before = counts();
    const res = await send();
    expect(res.statusCode).toBe(status);
    const body = JSON.parse(res.body);
    expect(body.code).toBe(code);
    expect(body.message.length).toBeGreaterThan(5);
    expect(res.body).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d/);
    expect(counts()).toEqual(before);
  });

  it('answers API calls without a link cookie with LINK_INVALID', async () => {
    for (const res of [await submit('', submission([])), await draft('rondo_r=nonsense', { language: 'nl', items: [], answers: [] })]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('LINK_INVALID');
    }
  });
});

describe('anonymous round links', () => {
  it('give each browser its own response, separate from the cohort, and refuse a second one', async () => {
    const token = await anonymousToken(t, 'post');
    const first = await t.app.inject({ url: `/r/${token}` });
    expect(first.headers.refresh).toBe('0; url=/r/anon');
    const cookieA = `rondo_a=${first.cookies.find((c) => c.name === 'rondo_a')!.value}`;
    expect(first.cookies.find((c) => c.name === 'rondo_a')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/r',
      maxAge: 180 * 86_400,
    });
    // The same browser opening the link again keeps its key; another browser gets a new one.
    const again = await t.app.inject({ url: `/r/${token}`, headers: { cookie: cookieA } });
    expect(`rondo_a=${again.cookies[0].value}`).toBe(cookieA);
    const cookieB = await exchange(t, token);
    expect(cookieB).not.toBe(cookieA);

    const anonForm: RespondentForm = embedded((await t.app.inject({ url: '/r/anon', headers: { cookie: cookieA } })).body).form;
    expect(anonForm.api).toBe('/r/anon/api');
    expect((await submit(cookieA, submission(completeAnswers(anonForm)), '/r/anon/api/submit')).statusCode).toBe(200);
    const second = await submit(cookieA, submission(completeAnswers(anonForm)), '/r/anon/api/submit');
    expect(second.json().code).toBe('ALREADY_SUBMITTED');
    expect((await t.app.inject({ url: '/r/anon', headers: { cookie: cookieA } })).body).toContain(
      'Op dit apparaat is deze vragenlijst al ingevuld',
    );
    expect((await submit(cookieB, submission(completeAnswers(anonForm)), '/r/anon/api/submit')).statusCode).toBe(200);

    const rows = sqlite().prepare('select anonymous, participant_id, invitation_id, status from response where anonymous = 1').all();
    expect(rows).toEqual([
      { anonymous: 1, participant_id: null, invitation_id: null, status: 'submitted' },
      { anonymous: 1, participant_id: null, invitation_id: null, status: 'submitted' },
    ]);
    // The invitation cookie does not reach the anonymous API, nor the other way round.
    expect((await submit(cookieA, submission([]), '/r/api/submit')).json().code).toBe('LINK_INVALID');
  });

  it('stop working when closed or renewed', async () => {
    const roundId = (
      sqlite().prepare("select id from round where key = 'post' and study_id = (select id from study where slug = ?)").get(DEMO) as {
        id: number;
      }
    ).id;
    const ctx = { config: t.config, secret: t.data.secret };
    const old = await enableAnonymousLink(ctx, t.data.store.db, roundId);
    const renewed = await enableAnonymousLink(ctx, t.data.store.db, roundId);
    expect((await t.app.inject({ url: old.slice(t.config.baseUrl.length) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: renewed.slice(t.config.baseUrl.length) })).statusCode).toBe(200);
    await disableAnonymousLink(t.data.store.db, roundId);
    expect((await t.app.inject({ url: renewed.slice(t.config.baseUrl.length) })).statusCode).toBe(404);
  });
});

describe('rate limits', () => {
  it('stop one link after 240 requests a minute, and leave other links alone', async () => {
    const inv = take();
    const cookie = await exchange(t, inv.token);
    let status = 200;
    for (let i = 0; i < 240 && status === 200; i++)
      status = (await t.app.inject({ url: '/r', headers: { cookie }, remoteAddress: `10.1.${i % 200}.1` })).statusCode;
    const limited = await t.app.inject({ url: '/r', headers: { cookie } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toContain('Even geduld');
    expect((await draft(cookie, { language: 'nl', items: [], answers: [] })).json().code).toBe('RATE_LIMITED');
    expect((await t.app.inject({ url: '/r', headers: { cookie: await exchange(t, take().token) } })).statusCode).toBe(200);
  });

  it('stop an address after 6,000 requests a minute: HTML on the page, an error on the API, security headers kept', async () => {
    const address = '10.202.0.1';
    const cookie = await exchange(t, take().token);
    // Requests without a link: 404, then (after 60) 429 from the limit on unknown links; all count for the address.
    for (let i = 0; i < 6000; i++) await t.app.inject({ url: '/r', remoteAddress: address });
    const page = await t.app.inject({ url: '/r', headers: { cookie }, remoteAddress: address });
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Even geduld');
    expect(page.headers['retry-after']).toMatch(/^\d+$/);
    const healthz = await t.app.inject({ url: '/healthz' });
    for (const name of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'x-content-type-options']) {
      expect(page.headers[name]).toBe(healthz.headers[name]);
    }
    expect(page.headers['cache-control']).toBe('no-store');
    const api = await t.app.inject({
      method: 'PUT',
      url: '/r/api/draft',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ language: 'nl', items: [], answers: [] }),
      remoteAddress: address,
    });
    expect(api.statusCode).toBe(429);
    expect(api.json().code).toBe('RATE_LIMITED');
    // Another address goes on as before.
    expect((await t.app.inject({ url: '/r', headers: { cookie }, remoteAddress: '10.202.0.2' })).statusCode).toBe(200);
  });

  it('allow an address many respondents, but few unknown links', async () => {
    const address = '10.200.0.1';
    const codes = [];
    for (let i = 0; i < 61; i++)
      codes.push((await t.app.inject({ url: `/r/${crypto.randomBytes(32).toString('base64url')}`, remoteAddress: address })).statusCode);
    expect(codes.slice(0, 60)).toEqual(Array(60).fill(404));
    expect(codes[60]).toBe(429);
    expect((await t.app.inject({ url: `/r/${take().token}`, remoteAddress: address })).statusCode).toBe(200);
  });

  it.each([
    ['a guessed link cookie on the questionnaire page', (i: number) => ({ url: '/r', headers: { cookie: `rondo_r=${guess(i)}` } })],
    [
      'a guessed anonymous cookie on the anonymous page',
      (i: number) => ({ url: '/r/anon', headers: { cookie: `rondo_a=${guess(i)}.${guess(i + 1)}` } }),
    ],
    [
      'a guessed link cookie on the draft API',
      (i: number) => ({
        method: 'PUT' as const,
        url: '/r/api/draft',
        headers: { cookie: `rondo_r=${guess(i)}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ language: 'nl', items: [], answers: [] }),
      }),
    ],
    [
      'a guessed anonymous cookie on the submit API',
      (i: number) => ({
        method: 'POST' as const,
        url: '/r/anon/api/submit',
        headers: { cookie: `rondo_a=${guess(i)}.${guess(i + 1)}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ submissionId: 'guess-submission-0001', language: 'nl', answers: [] }),
      }),
    ],
  ])('limit unknown links sent as %s the same way', async (_name, request) => {
    const address = `10.201.${++guessRun}.1`;
    const codes = [];
    for (let i = 0; i < 61; i++) codes.push((await t.app.inject({ ...request(i), remoteAddress: address })).statusCode);
    expect(
      codes.slice(0, 60).every((c) => c === 404 || c === 403),
      String(codes.slice(0, 60)),
    ).toBe(true);
    expect(codes[60]).toBe(429);
  });
});

let guessRun = 0;
const guess = (i: number) => crypto.createHash('sha256').update(`guess ${guessRun} ${i}`).digest('base64url');
