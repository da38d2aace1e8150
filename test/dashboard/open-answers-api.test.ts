import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

/**
 * The open-answer coding API and the dashboard's summary, through HTTP on the demo study:
 * researchers code answers and approve excerpts (stored in the factsheet's quote_excerpt);
 * trainers reach none of it, and get sentences from the suppressed analysis.
 */
let t: TestApp;
let researcher: LoggedIn;
let trainer: LoggedIn;
const base = '/api/studies/1000-kansen';

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
}, 60_000);
afterAll(async () => t?.close());

const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
const send = (who: LoggedIn, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, payload: payload as object });

describe('open answers', () => {
  it('lists the open questions with answers per round', async () => {
    const res = await get(researcher, `${base}/open-answers`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rounds.map((r: { key: string }) => r.key)).toEqual(['pre', 'mid', 'post']);
    const recommend = body.questions.find((q: { item: string }) => q.item === 'recommend');
    expect(recommend.answered.find((a: { round: string }) => a.round === 'pre').count).toBe(0);
    expect(recommend.answered.find((a: { round: string }) => a.round === 'post').count).toBeGreaterThan(0);
  });

  it('creates, renames and merges themes, and codes answers with them', async () => {
    const list = (await get(researcher, `${base}/open-answers/recommend`)).json();
    const [a, b] = list.answers;
    const t1 = (await send(researcher, 'POST', `${base}/open-answers/recommend/themes`, { name: 'Lichte ondersteuning' })).json();
    const t2 = (await send(researcher, 'POST', `${base}/open-answers/recommend/themes`, { name: 'ZAT' })).json();
    expect((await send(researcher, 'POST', `${base}/open-answers/recommend/themes`, { name: 'ZAT' })).json().code).toBe('CONFLICT');
    expect(
      (await send(researcher, 'PUT', `${base}/open-answers/recommend/answers/${a.responseId}/themes`, { themes: [t1.id, t2.id] }))
        .statusCode,
    ).toBe(200);
    expect(
      (await send(researcher, 'PUT', `${base}/open-answers/recommend/answers/${b.responseId}/themes`, { themes: [t2.id] })).statusCode,
    ).toBe(200);
    expect(
      (await send(researcher, 'PATCH', `${base}/open-answers/recommend/themes/${t2.id}`, { name: 'Positieve casuïstiek in het ZAT' }))
        .statusCode,
    ).toBe(200);
    expect((await send(researcher, 'POST', `${base}/open-answers/recommend/themes/${t2.id}/merge`, { into: t1.id })).statusCode).toBe(200);
    const after = (await get(researcher, `${base}/open-answers/recommend`)).json();
    expect(after.themes).toHaveLength(1);
    expect(after.themes[0]).toMatchObject({ id: t1.id, name: 'Lichte ondersteuning', total: 2 });
    expect(after.answers.find((x: { responseId: number }) => x.responseId === a.responseId).themes).toEqual([t1.id]);
  });

  it('stores an approved excerpt in quote_excerpt and warns about identifying text', async () => {
    const list = (await get(researcher, `${base}/open-answers/recommend`)).json();
    const a = list.answers[0];
    const res = await send(researcher, 'PUT', `${base}/open-answers/recommend/answers/${a.responseId}/excerpt`, {
      text: 'Bel mevrouw Bakker op 06-12345678.',
      approved: false,
    });
    expect(
      res
        .json()
        .warnings.map((w: { kind: string }) => w.kind)
        .sort(),
    ).toEqual(['name', 'phone']);
    await send(researcher, 'PUT', `${base}/open-answers/recommend/answers/${a.responseId}/excerpt`, {
      text: 'Houd het licht en kort.',
      approved: true,
    });
    const row = t.data.store.sqlite
      .prepare('select excerpt, approved_at from quote_excerpt where response_id = ? and item = ?')
      .get(a.responseId, 'recommend') as { excerpt: string; approved_at: string | null };
    expect(row.excerpt).toBe('Houd het licht en kort.');
    expect(row.approved_at).not.toBeNull();
    const again = (await get(researcher, `${base}/open-answers/recommend`)).json();
    expect(again.answers.find((x: { responseId: number }) => x.responseId === a.responseId).excerpt).toMatchObject({
      text: 'Houd het licht en kort.',
      approved: true,
    });
  });

  it('searches answers without regard to case', async () => {
    const all = (await get(researcher, `${base}/open-answers/recommend`)).json().answers as { text: string }[];
    const word = all[0].text
      .split(/\s+/)
      .find((w) => w.length > 5)!
      .replace(/[^\p{L}]/gu, '');
    const hits = (await get(researcher, `${base}/open-answers/recommend?q=${encodeURIComponent(word.toUpperCase())}`)).json().answers as {
      text: string;
    }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.text.toLowerCase().includes(word.toLowerCase()))).toBe(true);
  });

  it('refuses trainers every open-answer route', async () => {
    expect((await get(trainer, `${base}/open-answers`)).statusCode).toBe(403);
    expect((await get(trainer, `${base}/open-answers/recommend`)).statusCode).toBe(403);
    expect((await send(trainer, 'POST', `${base}/open-answers/recommend/themes`, { name: 'x' })).statusCode).toBe(403);
    expect((await send(trainer, 'POST', `${base}/open-answers-check`, { text: 'x' })).statusCode).toBe(403);
  });
});

describe('the dashboard summary', () => {
  it('gives researchers the factsheet sentences in both languages and the filter values', async () => {
    const res = await get(researcher, `${base}/dashboard`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.audience).toBe('full');
    expect(body.sentences.length).toBeGreaterThan(2);
    expect(body.sentences.some((s: { text: { nl: string } }) => /62|21/.test(s.text.nl))).toBe(true);
    expect(body.filters.rounds.map((r: { key: string }) => r.key)).toEqual(['pre', 'mid', 'post']);
    expect(body.filters.organisations.length).toBeGreaterThan(1);
  });

  it('carries the same analysis as GET /analysis, for researchers and for trainers', async () => {
    for (const who of [researcher, trainer]) {
      const dash = (await get(who, `${base}/dashboard?round=pre&round=post&matched=1`)).json();
      const analysis = (await get(who, `${base}/analysis?round=pre&round=post&matched=true`)).json();
      expect(dash.analysis).toEqual(analysis);
    }
  });

  it('gives trainers the aggregate audience and refuses subgroup filters', async () => {
    expect((await get(trainer, `${base}/dashboard`)).json()).toMatchObject({
      audience: 'aggregate',
      filters: { organisations: [], roles: [] },
    });
    expect((await get(trainer, `${base}/dashboard?organisation=x`)).statusCode).toBe(403);
  });
});
