import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FACTSHEET } from '../../content/demo/factsheet.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { SLUG } from './helpers.js';

/** The text a reader sees in the factsheet HTML (the HTML the PDF is printed from). */
function visibleText(html: string): string {
  return html
    .replace(/<(style|script|title|desc)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const P_VALUE = /\bp\s?[=<]\s?0[,.]\d/g;

interface Draft {
  revision: number;
  composition: { quotes: { id: number; section?: string; translation?: Record<string, string> }[] } & Record<string, unknown>;
  warnings: { code: string; ref?: string; message: string }[];
}

/**
 * The quality bars of the factsheet's text (issue 18) on the demo's default factsheet: plain
 * sentences (the test name and a p-value at most once, in the methods box), labels instead of
 * role codes, and an English edition without Dutch quotes.
 */
describe('the default demo factsheet in plain words', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const base = `/api/studies/${SLUG}/factsheet`;
  const output = async (lang: string) =>
    visibleText((await t.app.inject({ method: 'GET', url: `${base}/draft/output?lang=${lang}`, headers: researcher.headers })).body);
  const draft = async (lang = 'nl') =>
    (await t.app.inject({ method: 'GET', url: `${base}/draft?lang=${lang}`, headers: researcher.headers })).json() as Draft;
  const save = (body: object) => t.app.inject({ method: 'PUT', url: `${base}/draft`, headers: researcher.headers, payload: body });

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  });
  afterAll(() => t.close());

  for (const lang of ['nl', 'en']) {
    it(`names the test at most once and prints at most one p-value, in the methods box (${lang})`, async () => {
      const text = await output(lang);
      expect(text.match(/Wilcoxon/g)?.length ?? 0).toBeLessThanOrEqual(1);
      const ps = text.match(P_VALUE) ?? [];
      expect(ps.length).toBeLessThanOrEqual(1);
      const methods =
        lang === 'nl'
          ? /heet aantoonbaar als die toets na correctie voor meerdere toetsen (\([^)]*\) )?p < 0,05/
          : /demonstrable when that test/;
      expect(text).toMatch(methods);
      expect(text).not.toMatch(/gecorrigeerde p|adjusted p|procentpunt \(95%-BI|interval van het verschil bevat geen 0/);
    });

    it(`prints role labels, never role codes (${lang})`, async () => {
      const text = await output(lang);
      expect(text).not.toMatch(/ggd-arts|jgz-verpleegkundige/);
      expect(text).toContain(lang === 'nl' ? 'GGD-arts' : 'GGD physician');
    });
  }

  it('keeps the technical annex off by default; switched on, it lists each test with its p-values', async () => {
    const d = await draft('nl');
    const annex = (d.composition as unknown as { sections: { key: string; enabled: boolean }[] }).sections.find((x) => x.key === 'annex');
    expect(annex).toEqual({ key: 'annex', enabled: false });
    expect(await output('nl')).not.toContain('Technische bijlage');
    const sections = (d.composition as unknown as { sections: { key: string; enabled: boolean }[] }).sections.map((x) =>
      x.key === 'annex' ? { ...x, enabled: true } : x,
    );
    const saved = await save({ revision: d.revision, composition: { ...d.composition, sections } });
    expect(saved.statusCode).toBe(200);
    const text = await output('nl');
    expect(text).toContain('Technische bijlage');
    expect(text).toMatch(
      new RegExp(
        '‘POH GGZ Jeugd \\(samenwerkingsfrequentie\\)’, voormeting → nameting: Wilcoxon-rangtekentoets; n = 11 paren; ' +
          'p [=<] [0-9,]+; gecorrigeerde p = [0-9,]+; een aantoonbare toename\\.',
      ),
    );
    expect((text.match(P_VALUE) ?? []).length).toBeGreaterThan(10);
    const back = await save({ revision: saved.json().revision, composition: d.composition });
    expect(back.statusCode).toBe(200);
    expect(await output('nl')).not.toContain('Technische bijlage');
  });

  it('says that tool use rose, and what the figures show for the peak', async () => {
    const nl = await output('nl');
    expect(nl).toContain('Het gebruik van alle 3 tools steeg tussen de tussenmeting en de nameting');
    expect(nl).toContain('Bij 3 van de 5 uitspraken over kennis en competenties ligt het hoogste percentage in de tussenmeting');
    expect(nl).not.toContain('Bij 4 van de 5');
  });

  it('carries the headline figure’s attrition and low-response flags with it', async () => {
    const nl = await output('nl');
    expect(nl).toMatch(/82% \(9 van 11; 95%-BI 52–95%\)[^.]*\.[^.]*Let op: de respons in de nameting was laag \(35%\) en wie afhaakte/);
  });

  it('prints the English edition’s quotes in English, marked as translated, and no Dutch quote', async () => {
    const en = await output('en');
    for (const q of DEMO_FACTSHEET.quotes) {
      expect(en).not.toContain(q.excerpt.slice(0, 40));
      expect(en).toContain(q.translation.en.slice(0, 40));
    }
    expect(en.match(/\(translated from Dutch\)/g)?.length).toBe(DEMO_FACTSHEET.quotes.length);
    const nl = await output('nl');
    expect(nl).toContain(DEMO_FACTSHEET.quotes[0].excerpt.slice(0, 40));
  });

  it('leaves out of the English edition a quote without translation, and tells the composer', async () => {
    const d = await draft('en');
    const [first, ...rest] = d.composition.quotes;
    const { translation: _t, ...bare } = first;
    const saved = await save({ revision: d.revision, composition: { ...d.composition, quotes: [bare, ...rest] } });
    expect(saved.statusCode).toBe(200);
    const after = await draft('en');
    expect(after.warnings).toContainEqual(expect.objectContaining({ code: 'quote-untranslated', ref: String(first.id) }));
    expect(await output('en')).not.toContain(DEMO_FACTSHEET.quotes[0].translation.en.slice(0, 40));
    expect((await draft('nl')).warnings.filter((w) => w.code === 'quote-untranslated')).toEqual([]);
    const back = await save({ revision: after.revision, composition: { ...after.composition, quotes: d.composition.quotes } });
    expect(back.statusCode).toBe(200);
  });

  for (const [name, text, message] of [
    ['HTML', '<b>Use</b> bridges<script>alert(1)</script>', /contains HTML markup; write plain text/],
    ['50,000 characters', 'x'.repeat(50_000), /has 50000 characters; at most 2000/],
  ] as const) {
    it(`refuses a quote translation with ${name}, with a clear message, and stores nothing`, async () => {
      const d = await draft('en');
      const quotes = d.composition.quotes.map((q, i) => (i === 0 ? { ...q, translation: { en: text } } : q));
      const res = await save({ revision: d.revision, composition: { ...d.composition, quotes } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION' });
      expect(res.json().message).toMatch(message);
      const after = await draft('en');
      expect(after.revision).toBe(d.revision);
      expect(after.composition.quotes).toEqual(d.composition.quotes);
    });
  }
});

describe('a sentence whose claim its figures contradict', () => {
  it('is left out of the factsheet and listed for the composer with the reason', async () => {
    const fs = await import('node:fs');
    const { buildDocument } = await import('../../server/factsheet/document.js');
    const { demoComposition } = await import('../../server/factsheet/demo-composition.js');
    const data = JSON.parse(fs.readFileSync(new URL('../../analysis/findings/fixtures/demo-data.json', import.meta.url), 'utf8'));
    // An ordinal item whose test on the whole scale rose while its printed top-box share fell.
    const item = data.competence.find((c: { id: string }) => c.id === 'comp_signal');
    item.perRound[2] = { x: 2, n: 12, ci: null };
    const doc = buildDocument({ data, composition: demoComposition('nl'), quotes: [], lang: 'nl', at: '2026-12-05T12:00:00.000Z' });
    const dropped = doc.warnings.filter((w) => w.code === 'sentence-dropped');
    // The item is now the peak example; its sentence would call 29% → 17% a demonstrable increase.
    const hit = dropped.find(
      (w) => w.ref !== 'competence.change' && /comp_signal: een aantoonbare toename terwijl de cijfers niet stegen/.test(w.message),
    );
    expect(hit?.message).toMatch(
      /29% \(6 van 21\) in de voormeting.* 17% \(2 van 12\) in de nameting; .*aantoonbare toename.* — weggelaten: /,
    );
    const printed = doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'paragraph' ? b.sentences.map((x) => x.key) : []));
    expect(printed).not.toContain(hit!.ref);
    // The lead that counts it among the increases goes too; the chart shows it fell.
    expect(dropped.find((w) => w.ref === 'competence.change')?.message).toMatch(
      /comp_signal: een aantoonbare toename terwijl de cijfers niet stegen/,
    );
    expect(printed).not.toContain('competence.change');
    expect(printed).toContain('competence.peak');
  });
});
