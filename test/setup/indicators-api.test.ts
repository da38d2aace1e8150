import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, Item, Questionnaire } from '../../model/index.js';
import { readFileSync } from 'node:fs';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { MONITOR_SLUG, seedMonitorStudy } from '../dashboard/monitor-study.js';

/**
 * Indicators through the builder's API (issue 16): saved with the questionnaire version they
 * belong to, refused with a clear Dutch and English message when they do not fit its items —
 * and then nothing is saved — and reported by the analysis. Also: a question without a measure
 * is refused with a message that says what to do.
 */
let t: TestApp;
let researcher: LoggedIn;

const api = (method: string, url: string, payload?: unknown) =>
  t.app.inject({ method: method as 'GET', url, headers: researcher.headers, payload: payload as object });

type Loaded = { version: number; revision: number; definition: Questionnaire };
const current = async (slug: string): Promise<Loaded> => (await api('GET', `/api/studies/${slug}/questionnaire`)).json();

async function save(slug: string, edit: (q: Questionnaire) => void) {
  const q = await current(slug);
  const definition = structuredClone(q.definition);
  edit(definition);
  return api('PUT', `/api/studies/${slug}/questionnaire`, { definition, baseVersion: q.version, baseRevision: q.revision });
}
const items = (q: Questionnaire) => q.sections.flatMap((s) => s.items);
const ofType = (q: Questionnaire, type: Item['type']) => items(q).filter((i) => i.type === type);

const SLUG = 'netwerkmonitor';
const good = (q: Questionnaire): Indicator[] => [
  {
    key: 'kennis',
    name: { nl: 'Kennis op peil', en: 'Knowledge up to date' },
    items: ofType(q, 'likert')
      .slice(0, 3)
      .map((i) => i.id),
    summary: 'share-agreeing',
  },
  { key: 'eerder', name: { nl: 'Eerder getraind', en: 'Trained before' }, items: [ofType(q, 'yesno')[0].id], summary: 'share-yes' },
];

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  const res = await api('POST', '/api/studies', {
    title: { nl: 'Netwerkmonitor', en: 'Network monitor' },
    organisation: 'GGD Test',
    source: { kind: 'template', template: 'imh-training' },
  });
  expect(res.statusCode).toBe(201);
  expect(res.json().slug).toBe(SLUG);
});
afterAll(async () => t?.close());

describe('saving indicators with the questionnaire', () => {
  it('saves indicators in the questionnaire version and records the change in the history', async () => {
    const res = await save(SLUG, (q) => (q.indicators = good(q)));
    expect(res.statusCode).toBe(200);
    expect(res.json().changes).toEqual([expect.objectContaining({ kind: 'indicators', newVersion: false })]);
    const after = await current(SLUG);
    expect(after.definition.indicators?.map((i) => i.key)).toEqual(['kennis', 'eerder']);
    expect(after.version).toBe(1);
    // The study as a file (rondo study export/create) carries them with the questionnaire.
    const file = await api('GET', `/api/studies/${SLUG}/study-file`);
    expect(file.statusCode).toBe(200);
    expect(file.json().questionnaire.indicators).toEqual(after.definition.indicators);
  });

  const refusals: [string, (q: Questionnaire) => Indicator, RegExp, RegExp][] = [
    [
      'items of mixed types',
      (q) => ({
        key: 'mix',
        name: { nl: 'Mix', en: 'Mix' },
        items: [ofType(q, 'likert')[0].id, ofType(q, 'yesno')[0].id],
        summary: 'share-yes',
      }),
      /verschillende soorten \(stelling, ja\/nee\)/,
      /different types \(statement, yes\/no\)/,
    ],
    [
      'an unknown item',
      () => ({ key: 'weg', name: { nl: 'Weg', en: 'Gone' }, items: ['bestaat_niet'], summary: 'share-yes' }),
      /vraag "bestaat_niet" bestaat niet in deze vragenlijst/,
      /question "bestaat_niet" is not in this questionnaire/,
    ],
    [
      'a summary that does not fit the items',
      (q) => ({ key: 'gem', name: { nl: 'Gem', en: 'Mean' }, items: [ofType(q, 'yesno')[0].id], summary: 'mean-score' }),
      /"gemiddelde score" past niet bij vragen van de soort ja\/nee/,
      /"mean score" does not fit questions of type yes\/no/,
    ],
    [
      'a duplicate key',
      (q) => ({ ...good(q)[1], name: { nl: 'Nog eens', en: 'Again' }, key: 'kennis' }),
      /deze sleutel wordt al gebruikt/,
      /this key is used twice/,
    ],
    [
      'an empty name',
      (q) => ({ ...good(q)[1], key: 'leeg', name: { nl: '  ', en: 'Empty' } }),
      /de naam ontbreekt in het Nederlands/,
      /the name is missing in Dutch/,
    ],
  ];
  for (const [what, make, nl, en] of refusals) {
    it(`refuses ${what} with a Dutch and English message and saves nothing`, async () => {
      const before = await current(SLUG);
      const res = await save(SLUG, (q) => (q.indicators = [...good(q), make(q)]));
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION');
      const issue = body.details.issues.find((i: { code: string }) => i.code === 'indicator');
      expect(issue.path).toMatch(/^\/indicators\/2\//);
      expect(issue.text.nl).toMatch(nl);
      expect(issue.text.en).toMatch(en);
      expect(body.message).toBe(issue.message);
      expect(await current(SLUG)).toEqual(before);
    });
  }

  it('gives the same issues on the live check the builder runs, without saving', async () => {
    const q = await current(SLUG);
    const definition = structuredClone(q.definition);
    definition.indicators = [{ key: 'Fout sleutel', name: { nl: 'x', en: 'x' }, items: [], summary: 'distribution' }];
    const res = await api('POST', `/api/studies/${SLUG}/questionnaire/check`, { definition });
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(false);
    expect(res.json().issues.map((i: { text: { en: string } }) => i.text.en)).toEqual([
      'Indicator "#1": the key starts with a lower-case letter and holds only a–z, 0–9 and _ (at most 40 characters)',
      'Indicator "#1": choose at least one question that measures it',
    ]);
  });
});

describe('the measure of a question', () => {
  it('refuses a question without a measure with a message that says to choose one', async () => {
    const before = await current(SLUG);
    const res = await save(SLUG, (q) => {
      const added = { ...structuredClone(ofType(q, 'yesno')[0]), id: 'beschikbaar' } as Partial<Item>;
      delete added.measure;
      q.sections[0].items.push(added as Item);
    });
    expect(res.statusCode).toBe(400);
    const issue = res.json().details.issues[0];
    expect(issue).toMatchObject({ item: 'beschikbaar', path: '/sections/0/items/3/measure' });
    expect(issue.text).toEqual({
      nl: 'Vraag "beschikbaar": kies wat deze vraag meet',
      en: 'Item "beschikbaar": choose what this question measures',
    });
    expect(await current(SLUG)).toEqual(before);
  });

  it('accepts the neutral measures for availability and an own indicator', async () => {
    const res = await save(SLUG, (q) => {
      const yes = ofType(q, 'yesno')[0];
      q.sections[0].items.push({ ...structuredClone(yes), id: 'beschikbaar', measure: 'availability' } as Item);
      q.sections[0].items.push({ ...structuredClone(ofType(q, 'likert')[0]), id: 'richtlijn', measure: 'other' } as Item);
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('indicators in the analysis', () => {
  it('reports each indicator per round with its statistics on a study with responses', async () => {
    const demo = await current('1000-kansen');
    const likert = ofType(demo.definition, 'likert').slice(0, 2);
    const res = await save('1000-kansen', (q) => {
      q.indicators = [
        { key: 'competent', name: { nl: 'Competent', en: 'Competent' }, items: likert.map((i) => i.id), summary: 'share-agreeing' },
      ];
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('wording');
    const analysis = (await api('GET', '/api/studies/1000-kansen/analysis')).json();
    expect(analysis.indicators).toHaveLength(1);
    const ind = analysis.indicators[0];
    expect(ind).toMatchObject({ key: 'competent', summary: 'share-agreeing', scoring: 'person-share' });
    expect(ind.result.rounds.map((r: { round: string }) => r.round)).toEqual(analysis.rounds.map((r: { key: string }) => r.key));
    for (const r of ind.result.rounds) if (r.n > 0) expect(r.mean.ci[0]).toBeLessThanOrEqual(r.mean.estimate);
    expect(analysis.families.map((f: { id: string }) => f.id)).toContain('indicators');
  });
});

describe('a generated network monitor stored in the database', () => {
  it('gives, through the API, the indicator values R computed from the same answers', async () => {
    await seedMonitorStudy(t.data.store);
    const who = await loginAs(t, 'monitor@example.nl', { role: 'researcher', study: MONITOR_SLUG });
    const analysis = (await t.app.inject({ url: `/api/studies/${MONITOR_SLUG}/analysis`, headers: who.headers })).json();
    const ref = JSON.parse(readFileSync(new URL('../../fixtures/reference/indicators-reference.json', import.meta.url), 'utf8'));
    type Summary = { n: number; topBox: { estimate: number } | null; mean: { estimate: number } | null };
    for (const r of ref.indicators) {
      const ind = analysis.indicators.find((i: { key: string }) => i.key === r.key);
      ind.result.rounds.forEach((s: Summary, k: number) => {
        const want = r.rounds[k];
        expect(s.n, `${r.key} n`).toBe(want.n);
        if (r.kind === 'binary') expect(s.topBox!.estimate).toBeCloseTo(want.estimate, 12);
        else if (r.kind !== 'nominal') expect(s.mean!.estimate).toBeCloseTo(want.mean, 12);
      });
      if (r.change.pairedP !== undefined) expect(ind.result.changes[0].paired.test.p).toBeCloseTo(r.change.pairedP, 12);
    }

    // Its factsheet draft has the indicators section, in sentences that follow the adjusted test.
    const draft = (await t.app.inject({ url: `/api/studies/${MONITOR_SLUG}/factsheet/draft?lang=nl`, headers: who.headers })).json();
    const indicators = draft.sentences.filter((s: { section: string }) => s.section === 'indicators');
    expect(indicators.map((s: { key: string }) => s.key)).toContain('indicators.mean.richtlijnen');
    const guidelines = indicators.find((s: { key: string }) => s.key === 'indicators.mean.richtlijnen').text;
    expect(guidelines).toMatch(/^‘Richtlijnen gevolgd’ steeg van gemiddeld 38% \(n = 27\) in het eerste halfjaar 2027 naar 67% \(n = 25\)/);
    expect(guidelines).toContain(': een aantoonbare toename');
    expect(indicators.find((s: { key: string }) => s.key === 'indicators.change.r1_eens').text).toContain(
      'niet aantoonbaar na correctie voor meerdere toetsen',
    );
    // A study of another kind: none of the draft's generated sentences speaks of a training or tools.
    const all = draft.sentences.map((s: { text: string }) => s.text).join('\n');
    for (const word of ['training', 'ZAT', 'tools']) expect(all).not.toContain(word);
  });
});
