import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createSmallTeamStudy, TEAM_SLUG } from './small-team.js';

/**
 * Disclosure settings and team mode (issue 16) on a small team's self-assessment: five members,
 * two half-yearly rounds, every denominator 5 — under the default threshold of 10. Through HTTP
 * per role: what the researcher, the trainer, the manager and a public share link get, in
 * standard and in team mode; the generated sentences (the "verschil +100" leak); the factsheet's
 * methods box; the settings API's checks and its audit entries.
 */

/** Percentages in a text, leaving out the "95%" of an interval's name. */
const percentages = (text: string) => [...text.replace(/95%/g, '').matchAll(/(?<![\d,.])\d{1,3}\s?%/g)].map((m) => m[0]);

interface Sentence {
  key: string;
  text: { nl: string; en: string };
}

describe('a small team under the disclosure rules', () => {
  let t: TestApp;
  let studyId: number;
  let researcher: LoggedIn;
  let trainer: LoggedIn;
  let manager: LoggedIn;
  const base = `/api/studies/${TEAM_SLUG}`;
  const dashboard = async (who: LoggedIn) => {
    const res = await t.app.inject({ url: `${base}/dashboard`, headers: who.headers });
    expect(res.statusCode).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: the analysis JSON is read field by field, as a client would.
    return res.json() as { audience: string; analysis: Record<string, any>; sentences: Sentence[] };
  };
  const putDisclosure = (who: LoggedIn, payload: unknown) =>
    t.app.inject({ method: 'PUT', url: `${base}/disclosure`, headers: who.headers, payload: payload as object });
  const auditRows = () =>
    t.data.store.sqlite
      .prepare("select actor, details from audit_log where study_id = ? and action = 'study.disclosure' order by id")
      .all(studyId) as { actor: string; details: string }[];
  const definition = () =>
    JSON.parse(
      (t.data.store.sqlite.prepare('select definition from study where id = ?').get(studyId) as { definition: string }).definition,
    );

  beforeAll(async () => {
    t = await buildTestApp();
    studyId = await createSmallTeamStudy(t.data.store.db, t.data.secret);
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: TEAM_SLUG });
    trainer = await loginAs(t, 'teamleider@example.nl', { role: 'trainer', study: TEAM_SLUG });
    manager = await loginAs(t, 'manager@example.nl', { role: 'manager', study: TEAM_SLUG });
  });
  afterAll(() => t?.close());

  describe('in standard mode (the defaults)', () => {
    it('shows the defaults as today to every member', async () => {
      for (const who of [researcher, trainer, manager]) {
        const res = await t.app.inject({ url: `${base}/disclosure`, headers: who.headers });
        expect(res.statusCode).toBe(200);
        expect(res.json().settings).toEqual({ minDenominatorForPercent: 10, minSubgroup: 5, minGroupForQuotes: 10, teamMode: false });
      }
    });

    it('writes no sentence with a difference or percentage that the charts hide ("verschil +100")', async () => {
      for (const who of [researcher, trainer]) {
        const { sentences } = await dashboard(who);
        const all = sentences.flatMap((s) => [s.text.nl, s.text.en]);
        const annex = sentences.find((s) => s.key === 'annex.avail')!;
        // The yes/no item went from 0 of 5 to 5 of 5: the annex names the test and the pairs, not "+100".
        expect(annex.text.nl).toContain('n = 5 paren');
        for (const text of all) {
          expect(text).not.toMatch(/\+100|procentpunt|percentage points/);
          expect(percentages(text)).toEqual([]);
        }
        expect(sentences.find((s) => s.key === 'competence.indicator.avail')!.text.nl).toContain('van 0 van 5');
      }
    });

    it('gives the trainer counts but no share, interval, mean or difference under the threshold', async () => {
      const { audience, analysis } = await dashboard(trainer);
      expect(audience).toBe('aggregate');
      const avail = analysis.items.find((i: { id: string }) => i.id === 'avail');
      for (const s of avail.rounds) {
        expect(s.topBox).toMatchObject({ n: 5, estimate: null, ci: null });
        expect(s.distribution.every((c: { share: number | null }) => c.share === null)).toBe(true);
      }
      expect(avail.rounds.map((s: { topBox: { x: number } }) => s.topBox.x)).toEqual([0, 5]);
      const paired = avail.changes[0].paired;
      expect(paired.n).toBe(5);
      expect(paired.meanDifference).toBeNull();
      expect(paired.effect).toMatchObject({ measure: 'difference-in-proportions', estimate: null, ci: null });
      expect(analysis.rounds.every((r: { responseRate: number | null }) => r.responseRate === null)).toBe(true);
      // Trend points are means and shares of five: hidden too.
      const points = analysis.trends.flatMap((tr: { points: { value: number | null }[] }) => tr.points.map((p) => p.value));
      expect(points.length).toBeGreaterThan(0);
      expect(points.every((v: number | null) => v === null)).toBe(true);
      // The researcher still sees every number, with flags.
      const full = (await dashboard(researcher)).analysis.items.find((i: { id: string }) => i.id === 'avail');
      expect(full.changes[0].paired.effect.estimate).toBe(1);
      expect(full.rounds[1].flags).toContain('no-percentage');
    });

    it('keeps the full analysis, subgroups and the dashboard from trainers and managers', async () => {
      const get = (who: LoggedIn, url: string) => t.app.inject({ url, headers: who.headers });
      expect((await get(trainer, `${base}/analysis?audience=full`)).statusCode).toBe(403);
      expect((await get(trainer, `${base}/analysis?organisation=GGD%20Noord`)).statusCode).toBe(403);
      expect((await get(manager, `${base}/analysis`)).statusCode).toBe(403);
      expect((await get(manager, `${base}/dashboard`)).statusCode).toBe(403);
    });
  });

  describe('the settings API', () => {
    it('refuses bad input with a message in Dutch and English and changes nothing', async () => {
      const before = definition();
      const good = { minDenominatorForPercent: 10, minSubgroup: 5, minGroupForQuotes: 10, teamMode: true };
      const cases: [object, string][] = [
        [{ ...good, minDenominatorForPercent: 2 }, 'minDenominatorForPercent'],
        [{ ...good, minSubgroup: 0 }, 'minSubgroup'],
        [{ ...good, minGroupForQuotes: 5000 }, 'minGroupForQuotes'],
        [{ ...good, minSubgroup: 8, minGroupForQuotes: 6 }, 'minGroupForQuotes'],
        [{ ...good, minSubgroup: 12, minGroupForQuotes: 12 }, 'minDenominatorForPercent'],
      ];
      for (const [payload, field] of cases) {
        const res = await putDisclosure(researcher, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { field } });
        expect(res.json().details.nl).toMatch(/moet|vraagt|vragen/);
        expect(res.json().message).toMatch(/must|needs?/);
      }
      for (const payload of [
        { ...good, minSubgroup: 'vijf' },
        { ...good, minSubgroup: 5.5 },
        { ...good, teamMode: 'yes' },
        { ...good, extra: 1 },
        { minSubgroup: 5 },
      ]) {
        const res = await putDisclosure(researcher, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION');
      }
      expect((await putDisclosure(trainer, good)).statusCode).toBe(403);
      expect((await putDisclosure(manager, good)).statusCode).toBe(403);
      expect(definition()).toEqual(before);
      expect(auditRows()).toEqual([]);
    });

    it('saves a change and audit-logs each changed field old → new; saving the same again logs nothing', async () => {
      const res = await putDisclosure(researcher, { minDenominatorForPercent: 10, minSubgroup: 5, minGroupForQuotes: 12, teamMode: true });
      expect(res.statusCode).toBe(200);
      expect(res.json().changed).toEqual(['minGroupForQuotes', 'teamMode']);
      expect(definition().settings).toMatchObject({ minGroupForQuotes: 12, teamMode: true });
      const again = await putDisclosure(researcher, {
        minDenominatorForPercent: 10,
        minSubgroup: 5,
        minGroupForQuotes: 12,
        teamMode: true,
      });
      expect(again.json().changed).toEqual([]);
      const rows = auditRows();
      expect(rows).toHaveLength(1);
      expect(rows[0].actor).toMatch(/^user:\d+$/);
      expect(JSON.parse(rows[0].details)).toEqual({ minGroupForQuotes: { from: 10, to: 12 }, teamMode: { from: false, to: true } });
    });
  });

  describe('in team mode', () => {
    it('tells the trainer the rule and still gives no percentage or difference: the mode never widens', async () => {
      const { analysis, sentences } = await dashboard(trainer);
      expect(analysis.settings).toMatchObject({ teamMode: true, minDenominatorForPercent: 10 });
      const avail = analysis.items.find((i: { id: string }) => i.id === 'avail');
      expect(avail.rounds.map((s: { topBox: object }) => s.topBox)).toMatchObject([
        { x: 0, n: 5, estimate: null },
        { x: 5, n: 5, estimate: null },
      ]);
      expect(avail.changes[0].paired.effect.estimate).toBeNull();
      const texts = sentences.flatMap((s) => [s.text.nl, s.text.en]);
      for (const text of texts) expect(percentages(text)).toEqual([]);
      expect(texts.join(' ')).not.toMatch(/\+100/);
      // Team mode sentences in counts.
      expect(sentences.find((s) => s.key === 'findings.indicator.avail')!.text.nl).toContain('antwoordden 5 van 5 ‘ja’');
    });

    it('says in the methods box which rule applied', async () => {
      const { sentences } = await dashboard(researcher);
      const methods = sentences.find((s) => s.key === 'research.disclosure')!.text;
      expect(methods.nl).toContain('Percentages tonen we vanaf n = 10');
      expect(methods.nl).toContain('teamweergave: aantallen');
      expect(methods.en).toContain('team view: counts');
      const draft = await t.app.inject({ url: `${base}/factsheet/draft?lang=nl`, headers: researcher.headers });
      expect(draft.statusCode).toBe(200);
      const inDraft = (draft.json().sentences as { key: string; text: string }[]).find((s) => s.key === 'research.disclosure')!;
      expect(inDraft.text).toContain('teamweergave: aantallen');
      expect(draft.json().thresholds).toMatchObject({ minDenominatorForPercent: 10, teamMode: true });
    });

    it('publishes a factsheet that managers and a public link read without a percentage under the threshold', async () => {
      const published = await t.app.inject({ method: 'POST', url: `${base}/factsheet/publish`, headers: researcher.headers, payload: {} });
      expect(published.statusCode).toBe(201);
      const forManager = await t.app.inject({ url: `${base}/factsheets/1?lang=nl`, headers: manager.headers });
      expect(forManager.statusCode).toBe(200);
      const made = await t.app.inject({
        method: 'POST',
        url: `${base}/factsheets/1/shares`,
        headers: researcher.headers,
        payload: { lang: 'nl', days: 30 },
      });
      expect(made.statusCode).toBe(201);
      const page = await t.app.inject({ url: new URL(made.json().url).pathname, remoteAddress: '10.0.0.7' });
      expect(page.statusCode).toBe(200);
      for (const html of [forManager.body, page.body]) {
        const text = html
          .replace(/<style[\s\S]*?<\/style>/g, '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/&nbsp;|\s+/g, ' ');
        expect(text).toContain('teamweergave: aantallen');
        expect(text).not.toMatch(/\+100|procentpunt/);
        expect(text).toContain('5 van 5');
        // The response chart had "100% (5 van 5)": figures with counts never carry a percentage.
        expect(text).not.toMatch(/\d\s?%\s*\(\d+ van \d+\)/);
        // Axis ticks of a chart and the 50% response line may read 0%–100%; no figure of the study is a percentage.

        expect(percentages(text).filter((p) => !/^(0|25|50|75|100) ?%$/.test(p))).toEqual([]);
      }
    });
  });
});
