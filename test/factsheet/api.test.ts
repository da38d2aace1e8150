import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { SLUG, insertExcerpt, postResponseWith, submitPostDrafts } from './helpers.js';

interface DraftReply {
  revision: number;
  composition: {
    quotes: { id: number; section?: string }[];
    edits: { key: string; lang: string; text: string; basis?: string }[];
    [k: string]: unknown;
  };
  sentences: { key: string; text: string; generated: string; edited: boolean; stale: boolean }[];
  warnings: { code: string; ref?: string }[];
  quotes: { id: number; eligible: boolean }[];
}

/**
 * The factsheet API on the demo study in a real database: the composer's draft, edits that
 * survive new data and are flagged, publishing frozen versions, who may see what, and quotes.
 */
describe('factsheet API', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let trainer: LoggedIn;
  let manager: LoggedIn;
  const base = `/api/studies/${SLUG}`;
  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const draft = async (lang = 'nl') => (await get(researcher, `${base}/factsheet/draft?lang=${lang}`)).json() as DraftReply;
  const preview = async (lang = 'nl') => (await get(researcher, `${base}/factsheet/draft/output?lang=${lang}`)).body;
  const save = (body: object) =>
    t.app.inject({ method: 'PUT', url: `${base}/factsheet/draft`, headers: researcher.headers, payload: body });

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
    manager = await loginAs(t, 'manager@example.nl', { role: 'manager' });
  });
  afterAll(() => t.close());

  it('gives the researcher a draft that tells the demo story with counts', async () => {
    const d = await draft();
    const text = d.sentences.map((s) => s.text).join('\n');
    expect(text).toContain(
      'De respons was 62% in de voormeting (21 van 34), 65% in de tussenmeting (22 van 34) en 35% in de nameting (12 van 34).',
    );
    expect(text).toContain('De respons in de nameting lag onder 50%: 35% (12 van 34).');
    expect(text).toMatch(
      /De grootste toename in samenwerkingsfrequentie is gevonden voor (?=.*POH GGZ Jeugd)(?=.*Voorschoolse intern begeleiders)(?=.*Specialistische ondersteuning jeugd)/,
    );
    expect(text).toContain('ligt het hoogste percentage in de tussenmeting');
    expect(text).toContain('Van de tools wordt ‘IMH beslisboom’ het minst gebruikt');
    expect(text).toContain('82% (9 van 11; 95%-BI 52–95%)');
    expect(d.quotes.length).toBeGreaterThanOrEqual(4);
    expect(d.warnings).toEqual([]);
    const html = await preview();
    for (const part of [
      'Aanbevelingen van professionals',
      'laagdrempelige pedagogische ondersteuning',
      'kortdurende IMH-interventie',
      'positieve casussen',
      '— professional over de IMH-training',
    ]) {
      expect(html).toContain(part);
    }
  });

  it('keeps the composer from trainers and managers, who read published versions only', async () => {
    for (const who of [trainer, manager]) {
      expect((await get(who, `${base}/factsheet/draft`)).statusCode).toBe(403);
      expect((await get(who, `${base}/factsheet/draft/output`)).statusCode).toBe(403);
      const publish = await t.app.inject({ method: 'POST', url: `${base}/factsheet/publish`, headers: who.headers, payload: {} });
      expect(publish.statusCode).toBe(403);
      const list = await get(who, `${base}/factsheets`);
      expect(list.statusCode).toBe(200);
    }
  });

  it('saves with the revision it started from and refuses a stale one', async () => {
    const d = await draft();
    const composition = {
      ...d.composition,
      edits: [
        ...d.composition.edits,
        { key: 'partners.context', lang: 'nl', text: 'Weinig samenwerking met een partner is niet altijd een probleem.' },
      ],
    };
    const ok = await save({ revision: d.revision, composition });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().revision).toBe(d.revision + 1);
    const stale = await save({ revision: d.revision, composition });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const bad = await save({
      revision: d.revision + 1,
      composition: { ...composition, sections: [{ key: 'partners', enabled: true, chart: 'trend' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION');
  });

  it('publishes a frozen version: new responses change the draft, never what was published', async () => {
    // An edited sentence on the response numbers, made before the new data arrive.
    const d = await draft();
    const edits = [...d.composition.edits, { key: 'research.response', lang: 'nl', text: 'Eigen zin over de respons.' }];
    expect((await save({ revision: d.revision, composition: { ...d.composition, edits } })).statusCode).toBe(200);

    const published = await t.app.inject({
      method: 'POST',
      url: `${base}/factsheet/publish`,
      headers: researcher.headers,
      payload: { note: 'eerste versie' },
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ version: 1, languages: ['nl', 'en'], note: 'eerste versie' });
    const v1 = (await get(manager, `${base}/factsheets/1?lang=nl`)).body;
    expect(v1).toContain('35% (12 van 34)');
    expect(v1).toContain('Eigen zin over de respons.');

    const added = submitPostDrafts(t);
    expect(added).toBeGreaterThan(0);
    const after = `${Math.round(((12 + added) / 34) * 100)}% (${12 + added} van 34)`;
    expect(await preview()).toContain(after);
    expect((await get(manager, `${base}/factsheets/1?lang=nl`)).body).toBe(v1);
    expect((await get(trainer, `${base}/factsheets/latest?lang=nl`)).body).toBe(v1);

    // The edit is kept on the new data and flagged, because the numbers under it changed.
    const now = await draft();
    const response = now.sentences.find((s) => s.key === 'research.response')!;
    expect(response).toMatchObject({ text: 'Eigen zin over de respons.', edited: true, stale: true });
    expect(response.generated).toContain(`(${12 + added} van 34)`);
    expect(now.sentences.find((s) => s.key === 'partners.context')).toMatchObject({ edited: true, stale: false });
    expect(now.warnings.map((w) => w.code)).toContain('edit-stale');

    const again = await t.app.inject({ method: 'POST', url: `${base}/factsheet/publish`, headers: researcher.headers, payload: {} });
    expect(again.json().version).toBe(2);
    expect((await get(manager, `${base}/factsheets/2?lang=en`)).body).toContain(`(${12 + added} of 34)`);
    expect((await get(manager, `${base}/factsheets/1?lang=nl`)).body).toBe(v1);
    const list = (await get(manager, `${base}/factsheets`)).json();
    expect(list.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(() => t.data.store.sqlite.prepare('update factsheet_version set data = ? where version = 1').run('{}')).toThrow(/never changes/);
  });

  it('prints approved excerpts only, always as text, and only from large enough groups', async () => {
    const rid = postResponseWith(t, 'recommend');
    const script = insertExcerpt(t, {
      responseId: rid,
      item: 'recommend',
      text: '<script>alert("x")</script> Meer tijd voor oefenen.',
      approved: true,
    });
    const secret = insertExcerpt(t, { responseId: rid, item: 'recommend', text: 'ONGOEDGEKEURD fragment', approved: false });
    const small = insertExcerpt(t, {
      responseId: rid,
      item: 'recommend',
      text: 'Fragment uit een kleine groep',
      approved: true,
      participantRole: 'ggd-arts',
    });
    const d = await draft();
    const quotes = [...d.composition.quotes, { id: script }, { id: secret }, { id: small }];
    expect((await save({ revision: d.revision, composition: { ...d.composition, quotes } })).statusCode).toBe(200);

    const after = await draft();
    expect(after.quotes.map((q) => q.id)).not.toContain(secret);
    expect(after.quotes.find((q) => q.id === small)?.eligible).toBe(false);
    expect(after.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'quote-missing', ref: String(secret) }),
        expect.objectContaining({ code: 'quote-group-too-small', ref: String(small) }),
      ]),
    );
    const html = await preview();
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Meer tijd voor oefenen.');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('ONGOEDGEKEURD');
    expect(html).not.toContain('Fragment uit een kleine groep');
    // Open answers themselves never reach the factsheet: only approved excerpts do.
    const answers = t.data.store.sqlite.prepare(`select distinct text from answer where text is not null`).all() as { text: string }[];
    const excerpts = new Set(
      (t.data.store.sqlite.prepare('select excerpt from quote_excerpt where approved_at is not null').all() as { excerpt: string }[]).map(
        (r) => r.excerpt,
      ),
    );
    for (const a of answers) if (!excerpts.has(a.text)) expect(html).not.toContain(a.text);
  });

  it('serves factsheet HTML with a policy that allows no scripts and no outside resources', async () => {
    const res = await get(researcher, `${base}/factsheet/draft/output?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
    expect(res.body).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(res.body).toContain('<title>Evaluation of 1000 Kansen</title>');
    expect(res.body).not.toMatch(/\s(src|href)="(?!mailto:|https:\/\/example\.nl)/);
  });

  it("lets only the composer's preview keep its origin (to be laid into pages), still without scripts", async () => {
    const preview = await get(researcher, `${base}/factsheet/draft/output?lang=nl&mode=preview`);
    const policy = preview.headers['content-security-policy'] as string;
    expect(policy).toContain('sandbox allow-same-origin');
    expect(policy).not.toContain('allow-scripts');
    expect(policy).not.toContain('script-src');
    expect(preview.body).toContain('<article class="sheet" data-footer="Evaluatie 1000 Kansen · ');
    expect(preview.body).not.toMatch(/<script/i);
    for (const url of [`${base}/factsheet/draft/output?lang=nl`, `${base}/factsheet/draft/output?lang=nl&mode=preview&download=1`]) {
      expect((await get(researcher, url)).headers['content-security-policy']).not.toContain('allow-same-origin');
    }
  });
});
