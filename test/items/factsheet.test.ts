import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Composition } from '../../model/api/factsheet.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { MONITOR_SLUG, seedMonitor } from './monitor.js';

let t: TestApp;
let researcher: LoggedIn;

beforeAll(async () => {
  t = await buildTestApp();
  await seedMonitor(t.data.store);
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: MONITOR_SLUG });
}, 60_000);
afterAll(() => t?.close());

const URL = `/api/studies/${MONITOR_SLUG}/factsheet/draft`;
type Draft = {
  revision: number;
  composition: Composition;
  catalogue: { key: string; title: string }[];
  sentences: { key: string; section: string; text: string }[];
  warnings: { code: string; message: string }[];
};
const draft = async () => {
  const res = await t.app.inject({ method: 'GET', url: URL, headers: researcher.headers });
  expect(res.statusCode).toBe(200);
  return res.json() as Draft;
};

type Section = Composition['sections'][number];
/** Saves the draft changed by `edit`, as the composer does; the response. */
const put = async (edit: (c: Composition) => Composition) => {
  const before = await draft();
  return t.app.inject({
    method: 'PUT',
    url: URL,
    headers: researcher.headers,
    payload: { revision: before.revision, composition: edit(before.composition) },
  });
};
/** The composition with one section changed. */
const withSection = (c: Composition, key: string, change: (s: Section) => Section) => ({
  ...c,
  sections: c.sections.map((s) => (s.key === key ? change(s) : s)),
});

/** Switches the section on or off in the draft, as the composer's checkbox does. */
const switchQuestions = async (enabled: boolean) => {
  expect((await put((c) => withSection(c, 'questions', (s) => ({ ...s, enabled })))).statusCode).toBe(200);
};

describe('the factsheet section "Uitkomsten per vraag" of a network monitor', () => {
  it('is offered in the composer, on in the first draft of a monitor (no training to report), and can be switched off', async () => {
    const d = await draft();
    expect(d.catalogue.find((c) => c.key === 'questions')?.title).toBe('Uitkomsten per vraag');
    expect(d.composition.sections.find((s) => s.key === 'questions')).toEqual({ key: 'questions', enabled: true });
    expect(d.sentences.filter((s) => s.section === 'questions').length).toBeGreaterThan(0);
    await switchQuestions(false);
    expect((await draft()).sentences.filter((s) => s.section === 'questions')).toEqual([]);
  });

  it('writes a checked sentence per question once switched on, and prints them', async () => {
    await switchQuestions(true);
    const d = await draft();
    const texts = d.sentences.filter((s) => s.section === 'questions').map((s) => s.text);
    expect(texts).toEqual([
      '‘Welk rapportcijfer geeft u de samenwerking in het netwerk?’: gemiddeld 6,0 in het voorjaar 2026 (n = 13) ' +
        'en 7,5 in het najaar 2026 (n = 12); het gemiddelde steeg: ' +
        'een aantoonbare toename bij de 10 deelnemers die beide metingen invulden.',
      'Bij ‘Hoe is het overleg over gezinnen met meervoudige problemen georganiseerd?’ werd in het najaar 2026 ' +
        '‘Vast casusoverleg met alle ketenpartners in de wijk, elke maand op dezelfde dag’ het vaakst gekozen: 75% (9 van 12). ' +
        'Tussen het voorjaar 2026 en het najaar 2026 waren er te weinig veranderingen om een verschuiving te toetsen.',
      'Bij ‘Aan welke onderwerpen moet het netwerk volgend halfjaar voorrang geven? Kies er hoogstens drie’ (elk koos er hoogstens 3) ' +
        'kregen in het najaar 2026 de meeste stemmen: ‘Snellere toegang tot specialistische jeugdhulp’: 100% (12 van 12), ' +
        '‘Privacyafspraken voor gegevensdeling’: 92% (11 van 12) en ‘Scholing over signalering van kindermishandeling’: 33% (4 van 12).',
      expect.stringMatching(
        /^‘Eén gezin, één plan: gezamenlijke plannen met gezinnen opstellen’ daalde van 86% \(12 van 14\) .*aantoonbare afname/,
      ),
      expect.stringMatching(/^‘Privacyafspraken voor gegevensdeling’ steeg van 14% \(2 van 14\) .*aantoonbare toename/),
      '‘Hoeveel uur per maand besteedt u aan netwerkoverleg?’: gemiddeld 3,7 uur per maand in het voorjaar 2026 (n = 13) ' +
        'en 6,0 uur per maand in het najaar 2026 (n = 12); het gemiddelde steeg: ' +
        'een aantoonbare toename bij de 10 deelnemers die beide metingen invulden.',
    ]);
    expect(d.warnings.filter((w) => w.code === 'sentence-dropped')).toEqual([]);
    const html = await t.app.inject({ method: 'GET', url: `${URL}/output?format=html`, headers: researcher.headers });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Uitkomsten per vraag');
    expect(html.body).toContain('de meeste stemmen');
    expect(html.body).not.toMatch(/training|ZAT\b/);
  });
});

describe('questions left out of "Uitkomsten per vraag"', () => {
  const PRIORITY = 'Aan welke onderwerpen moet het netwerk volgend halfjaar voorrang geven?';
  type Options = Draft & { questionOptions?: { id: string; label: string }[]; charts: { id: string; section: string; title: string }[] };
  it('lists every question the section can report, and leaves out the ones switched off: sentences, charts, annex and print', async () => {
    await switchQuestions(true);
    // The technical annex on too: it has a line per tested change of a question.
    const annex = await put((c) => withSection(c, 'annex', (s) => ({ ...s, enabled: true })));
    expect(annex.statusCode).toBe(200);
    const all = (await draft()) as Options;
    expect(all.questionOptions).toEqual([
      { id: 'nw_cijfer', label: 'Welk rapportcijfer geeft u de samenwerking in het netwerk?' },
      { id: 'nw_overleg', label: 'Hoe is het overleg over gezinnen met meervoudige problemen georganiseerd?' },
      { id: 'nw_prioriteit', label: `${PRIORITY} Kies er hoogstens drie.` },
      { id: 'nw_uren', label: 'Hoeveel uur per maand besteedt u aan netwerkoverleg?' },
    ]);
    expect(all.sentences.some((s) => s.key.startsWith('questions.nw_prioriteit'))).toBe(true);
    expect(all.sentences.some((s) => s.section === 'annex' && s.key.startsWith('annex.nw_prioriteit'))).toBe(true);
    expect(all.charts.some((c) => c.title.startsWith(PRIORITY))).toBe(true);
    // An edit of a sentence about the question, kept while the question is off.
    const edited = 'Eigen zin over de voorrang.';
    // … and one hidden by an empty edit (an option's change).
    const HIDDEN = 'questions.nw_prioriteit.o5.change';
    expect(all.sentences.some((s) => s.key === HIDDEN)).toBe(true);
    const on = await put((c) => ({
      ...c,
      edits: [...c.edits, { key: 'questions.nw_prioriteit', lang: 'nl', text: edited }, { key: HIDDEN, lang: 'nl', text: '' }],
    }));
    expect(on.statusCode).toBe(200);

    const off = await put((c) => withSection(c, 'questions', (s) => ({ ...s, omit: ['nw_prioriteit'] })));
    expect(off.statusCode).toBe(200);
    const d = (await draft()) as Options;
    expect(d.composition.sections.find((s) => s.key === 'questions')?.omit).toEqual(['nw_prioriteit']);
    // Still offered, so it can be switched on again.
    expect(d.questionOptions?.map((q) => q.id)).toEqual(['nw_cijfer', 'nw_overleg', 'nw_prioriteit', 'nw_uren']);
    expect(d.sentences.filter((s) => /nw_prioriteit/.test(s.key))).toEqual([]);
    expect(d.sentences.filter((s) => s.section === 'questions').map((s) => s.key)).toEqual([
      'questions.nw_cijfer',
      'questions.nw_overleg',
      'questions.nw_uren',
    ]);
    expect(d.charts.filter((c) => c.section === 'questions').map((c) => c.title)).toEqual([
      'Welk rapportcijfer geeft u de samenwerking in het netwerk?',
      'Hoe is het overleg over gezinnen met meervoudige problemen georganiseerd?',
      'Hoeveel uur per maand besteedt u aan netwerkoverleg?',
    ]);
    expect(d.warnings.filter((w) => w.code === 'edit-orphaned')).toEqual([]);
    expect((d as Options & { hidden: string[] }).hidden).toEqual([]);
    const html = await t.app.inject({ method: 'GET', url: `${URL}/output?format=html`, headers: researcher.headers });
    expect(html.body).toContain('Hoe is het overleg');
    expect(html.body).not.toContain('voorrang geven');
    expect(html.body).not.toContain('Privacyafspraken');
    expect(html.body).not.toContain(edited);
    // A version published now keeps the question out.
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/studies/${MONITOR_SLUG}/factsheet/publish`,
      headers: researcher.headers,
      payload: {},
    });
    expect(published.statusCode, published.body).toBe(201);
    const version = await t.app.inject({ url: `/api/studies/${MONITOR_SLUG}/factsheets/latest?format=html`, headers: researcher.headers });
    expect(version.body).toContain('Hoe is het overleg');
    expect(version.body).not.toContain('voorrang geven');

    // Switched on again, the question and the researcher's own sentence come back.
    expect((await put((c) => withSection(c, 'questions', ({ omit: _o, ...s }) => s))).statusCode).toBe(200);
    const back = await draft();
    expect(back.sentences.find((s) => s.key === 'questions.nw_prioriteit')?.text).toBe(edited);
    expect((back as Draft & { hidden: string[] }).hidden).toEqual([HIDDEN]);
    const reset = await put((c) => ({
      ...withSection(c, 'annex', (s) => ({ ...s, enabled: false })),
      edits: c.edits.filter((e) => !e.key.startsWith('questions.nw_prioriteit')),
    }));
    expect(reset.statusCode).toBe(200);
  });

  it('refuses questions to leave out anywhere but the questions section, or ids that are no question ids, and saves nothing', async () => {
    const before = await draft();
    const other = await put((c) => withSection(c, 'findings', (s) => ({ ...s, omit: ['nw_uren'] })));
    expect(other.statusCode).toBe(400);
    expect(other.json().details.issues.map((i: { reason: string; path: string }) => [i.reason, i.path])).toEqual([
      ['omit-section', `/sections/${before.composition.sections.findIndex((s) => s.key === 'findings')}/omit`],
    ]);
    expect(other.json().details.text.nl).toBe(
      'In de sectie "Bevindingen algemeen" kunt u geen vragen weglaten; dat kan alleen in "Uitkomsten per vraag".',
    );
    for (const omit of [['Nw_Uren'], ['nw_uren', 'nw_uren'], 'nw_uren', Array.from({ length: 501 }, (_, i) => `q${i}`)]) {
      const bad = await put((c) => withSection(c, 'questions', (s) => ({ ...s, omit: omit as string[] })));
      expect(bad.statusCode, JSON.stringify(omit).slice(0, 40)).toBe(400);
    }
    const after = await draft();
    expect(after.revision).toBe(before.revision);
    expect(after.composition).toEqual(before.composition);
  });
});
