import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { MONITOR_SLUG, createMonitorStudy, stringsOf, textOf, trainingWordsIn } from './monitor-study.js';

/**
 * Issue 16, "the study's own words": a repeated monitor made from its template (Dutch only, no
 * training, other partners) prints none of the training's words in what its dashboard, its
 * factsheet and its exports show, while the 1000 Kansen demo keeps them.
 */
describe('a study of another kind speaks its own words', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: researcher.headers });

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    await createMonitorStudy(t, researcher);
  });
  afterAll(() => t.close());

  const dashboardText = async (slug: string) => {
    const res = await get(`/api/studies/${slug}/dashboard`);
    expect(res.statusCode).toBe(200);
    return stringsOf(res.json()).join('\n');
  };
  const factsheetText = async (slug: string) => {
    const res = await get(`/api/studies/${slug}/factsheet/draft/output?lang=nl`);
    expect(res.statusCode).toBe(200);
    return textOf(res.body);
  };
  const exportText = async (slug: string) => {
    const parts = await Promise.all(['codebook', 'long'].map((f) => get(`/api/studies/${slug}/exports/${f}?lang=nl`)));
    for (const p of parts) expect(p.statusCode).toBe(200);
    return parts.map((p) => p.body).join('\n');
  };

  it('has answers in both half-yearly rounds', async () => {
    const d = (await get(`/api/studies/${MONITOR_SLUG}/dashboard`)).json();
    expect(d.analysis.rounds.map((r: { key: string }) => r.key)).toEqual([expect.stringMatching(/h1$/), expect.stringMatching(/h2$/)]);
    expect(d.analysis.response.flow.map((r: { submitted: number }) => r.submitted)).toEqual([8, 7]);
    expect(d.analysis.items.length).toBeGreaterThan(4);
  });

  it('prints no training, ZAT or tools on its dashboard, but its own word for its interventions', async () => {
    const text = await dashboardText(MONITOR_SLUG);
    expect(trainingWordsIn(text)).toEqual([]);
    expect(text).toMatch(/Van de interventies wordt .* het minst gebruikt/);
  });

  it('prints no training, ZAT or tools in its Dutch factsheet, but its own words', async () => {
    const html = await factsheetText(MONITOR_SLUG);
    expect(trainingWordsIn(html)).toEqual([]);
    for (const own of ['Gebruik interventies', 'Gebruik van de interventies per meting', 'Samenwerking met netwerkpartners'])
      expect(html).toContain(own);
  });

  it('prints no training, ZAT or tools in its export labels', async () => {
    expect(trainingWordsIn(await exportText(MONITOR_SLUG))).toEqual([]);
  });

  it('offers in the composer only the factsheet sections it has data for, titled in its words', async () => {
    const catalogue = async (slug: string) =>
      Object.fromEntries(
        ((await get(`/api/studies/${slug}/factsheet/draft?lang=nl`)).json().catalogue as { key: string; title: string }[]).map((c) => [
          c.key,
          c.title,
        ]),
      );
    const monitor = await catalogue(MONITOR_SLUG);
    // No item measures knowledge and competence: that section is not offered.
    expect(Object.keys(monitor)).not.toContain('competence');
    expect(monitor).toMatchObject({
      training: 'Over de werkwijze',
      tools: 'Gebruik interventies',
      partners: 'Samenwerking met netwerkpartners',
    });
    const demo = await catalogue('1000-kansen');
    expect(demo).toMatchObject({ training: 'Over de training', tools: 'Gebruik tools', partners: 'Samenwerking met ketenpartners' });
  });

  it('leaves the demo its words: training, ZAT and tools', async () => {
    const dashboard = await dashboardText('1000-kansen');
    expect(dashboard).toMatch(/\btools\b/i);
    const factsheet = await factsheetText('1000-kansen');
    for (const word of [/\btraining\b/i, /\bZAT\b/, /\btools\b/i]) expect(factsheet).toMatch(word);
    expect(await exportText('1000-kansen')).toMatch(/\bZAT\b/);
  });

  it('reports what needs attention per question, without the background question the researcher switches off', async () => {
    const url = `/api/studies/${MONITOR_SLUG}/factsheet/draft`;
    const d = (await get(url)).json();
    expect(d.questionOptions.map((q: { id: string }) => q.id)).toEqual(['role', 'mark', 'attention']);
    const put = async (omit?: string[]) => {
      const before = (await get(url)).json();
      const sections = before.composition.sections.map((s: { key: string }) =>
        s.key === 'questions' ? { key: 'questions', enabled: true, ...(omit ? { omit } : {}) } : s,
      );
      const res = await t.app.inject({
        method: 'PUT',
        url,
        headers: researcher.headers,
        payload: { revision: before.revision, composition: { ...before.composition, sections } },
      });
      expect(res.statusCode, res.body).toBe(200);
      return factsheetText(MONITOR_SLUG);
    };
    const all = await put();
    expect(all).toContain('Uitkomsten per vraag');
    expect(all).toContain('Wat verdient de komende periode aandacht?');
    expect(all).toContain('Wat is uw rol?');
    const without = await put(['role']);
    expect(without).toContain('Wat verdient de komende periode aandacht?');
    expect(without).toContain('Welk rapportcijfer geeft u de afgelopen periode?');
    expect(without).not.toContain('Wat is uw rol?');
  });
});
