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

/** Switches the section on or off in the draft, as the composer's checkbox does. */
const switchQuestions = async (enabled: boolean) => {
  const before = await draft();
  const composition = {
    ...before.composition,
    sections: before.composition.sections.map((s) => (s.key === 'questions' ? { ...s, enabled } : s)),
  };
  const put = await t.app.inject({
    method: 'PUT',
    url: URL,
    headers: researcher.headers,
    payload: { revision: before.revision, composition },
  });
  expect(put.statusCode).toBe(200);
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
