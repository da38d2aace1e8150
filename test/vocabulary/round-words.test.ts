import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { MONITOR_SLUG, createMonitorStudy, stringsOf, textOf } from './monitor-study.js';

/**
 * The words area (session 10): a study that calls its rounds "peilingen" (survey waves) and its
 * instruments "methoden" reads those words in the factsheet's chart titles, notes and sentences and in the
 * subject-access overview, where rondo used to print "meting" whatever the study said.
 */
describe("a study's own word for a round in generated texts", () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: researcher.headers });

  beforeAll(async () => {
    t = await buildTestApp();
    researcher = await loginAs(t, 'onderzoeker@example.nl', { isAdmin: true });
    await createMonitorStudy(t, researcher);
    const base = `/api/studies/${MONITOR_SLUG}`;
    const { definition } = (await get(base)).json();
    const res = await t.app.inject({
      method: 'PUT',
      url: `${base}/vocabulary`,
      headers: researcher.headers,
      payload: {
        vocabulary: {
          ...definition.vocabulary,
          round: { nl: { one: 'peiling', many: 'peilingen', article: 'de' } },
          tool: { nl: { one: 'methode', many: 'methoden', article: 'de' } },
        },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(() => t.close());

  it('titles the factsheet charts and writes its sentences per peiling, never per meting', async () => {
    const res = await get(`/api/studies/${MONITOR_SLUG}/factsheet/draft/output?lang=nl`);
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Respons per peiling');
    expect(text).toContain('Aandeel uitgenodigden dat de vragenlijst invulde, per peiling');
    expect(text).toContain('Gebruik van de methoden per peiling');
    // Nor do the generated sentences and the methods box (analysis/findings/sentences.ts).
    const at = text.search(/\bmetingen?\b/i);
    expect(at, `…${text.slice(Math.max(0, at - 80), at + 40)}…`).toBe(-1);
  });

  it('writes the dashboard sentences per peiling, never per meting', async () => {
    const res = await get(`/api/studies/${MONITOR_SLUG}/dashboard`);
    expect(res.statusCode).toBe(200);
    const text = stringsOf(res.json()).join('\n');
    expect(text).toMatch(/\bpeilingen\b/);
    const at = text.search(/\bmetingen?\b/i);
    expect(at, `…${text.slice(Math.max(0, at - 80), at + 40)}…`).toBe(-1);
  });

  it("names the rounds and participants in the subject-access overview in the study's words", async () => {
    // m2 wrote no open answer, so nothing the participant typed can say "meting".
    const res = await get(`/api/studies/${MONITOR_SLUG}/privacy/participants/m2/subject-access?format=html&lang=nl`);
    expect(res.statusCode, res.body).toBe(200);
    const text = textOf(res.body);
    expect(text).toMatch(/\bPeiling\b/);
    expect(text).not.toMatch(/\bmeting(en)?\b/i);
  });
});
