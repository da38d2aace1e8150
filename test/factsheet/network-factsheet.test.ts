import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFactsheetDocx } from '../../server/factsheet/docx/render.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { analysisSource } from '../../server/factsheet/load-data.js';
import { withNetworkFigures } from '../../server/factsheet/network/load.js';
import { buildDocument, type Block, type FactsheetDocument } from '../../server/factsheet/document.js';
import { networkComposition } from '../../server/factsheet/network/composition.js';
import { checkNetworkClaim } from '../../server/factsheet/network/claims.js';
import type { Composition } from '../../server/factsheet/composition.js';
import { findStudyBySlug } from '../../server/studies/repository.js';
import { openDraft, renderDraft, type StudyRef } from '../../server/factsheet/service.js';
import { createDemoNetworks } from '../../server/studies/demo-networks.js';
import { TRAINING_WORDS } from '../quickscan/words.js';
import { MONITOR, createMonitorStudy } from '../groups/fixture.js';
import { INDICATOR, NETWORK, OPEN, TEST_DOMAINS, createNetworkFactsheetStudy } from './network-factsheet-fixture.js';

/** Every printed text of a document: sentences, texts, tables and lists. */
function printed(doc: FactsheetDocument, only?: string): string {
  const text = (b: Block): string[] => {
    switch (b.kind) {
      case 'paragraph':
        return b.sentences.map((s) => s.text);
      case 'text':
        return [b.text];
      case 'figures':
        return [b.caption, ...b.head, ...b.rows.flat(), b.note ?? ''];
      case 'list':
        return [b.title, ...b.items];
      case 'table':
        return [b.caption, ...b.head, ...b.rows.flatMap((r) => r.cells), b.note];
      case 'quote':
        return [b.text, b.attribution];
      case 'colophon':
        return [b.text, ...b.lines.flatMap((l) => [l.label, l.value])];
      case 'chart':
        return [];
    }
  };
  return doc.sections
    .filter((s) => !only || s.key === only)
    .flatMap((s) => [s.title, ...s.blocks.flatMap(text)])
    .join('\n');
}

/**
 * A network study's factsheet (issue 17, deliverable 5) on a generated study that is not the demo:
 * a team of four, two half-yearly rounds, one indicator (a mean score), a plan with three actions
 * and two quarterly entries. What each of the four sections says with team mode off and on, that
 * every sentence's claim holds on the printed figures, what is left out when data are missing,
 * and that the composer offers the sections only to a study that has the data.
 */
describe('a network study’s factsheet', () => {
  let t: TestApp;
  let connector: LoggedIn;
  let data: FactsheetData;
  let study: StudyRef;
  beforeAll(async () => {
    t = await buildTestApp();
    ({ connector } = await createNetworkFactsheetStudy(t));
    const row = await findStudyBySlug(t.data.store.db, NETWORK);
    study = { id: row!.id, slug: NETWORK, definition: row!.definition, isDemo: false };
    const raw = await withNetworkFigures(analysisSource(t.app.analysis), t.app.analysis, t.data.store.db, () => OPEN)(study);
    // The Quick Scan's analysis adds domain coverage in another area (StudyAnalysis.domains); until then the test gives it.
    data = {
      ...raw,
      network: { ...raw.network!, domains: TEST_DOMAINS, roleLabels: { team: { nl: 'Team' }, steun: { nl: 'Steunnetwerk' } } },
    };
  }, 60_000);
  afterAll(async () => t?.close());

  const doc = (d: FactsheetData, edit: (c: Composition) => void = () => {}): FactsheetDocument => {
    const composition = networkComposition(study.definition);
    edit(composition);
    return buildDocument({ data: d, composition, quotes: [], lang: 'nl', at: OPEN.toISOString() });
  };
  const teamMode = (on: boolean): FactsheetData => ({ ...data, settings: { ...data.settings, teamMode: on } });

  it('reads the plan, its actions and quarterly entries and the indicator’s last change from the store and the analysis', () => {
    const net = data.network!;
    expect(net.plans).toHaveLength(1);
    expect(net.plans[0]).toMatchObject({
      year: 2027,
      point: { title: 'Samenwerking met de kinderopvang versterken', selectedBy: 'connector' },
    });
    expect(net.plans[0].actions.map((a) => [a.status, a.ownerRole])).toEqual([
      ['done', 'researcher'],
      ['in-progress', 'trainer'],
      ['not-started', 'trainer'],
    ]);
    expect(net.plans[0].pdca.map((e) => e.quarter)).toEqual([1, 2]);
    const ind = net.indicators.find((i) => i.id === INDICATOR)!;
    expect(ind.means.map((m) => m && [m.value, m.n])).toEqual([
      [6, 4],
      [7.5, 4],
    ]);
    // Four pairs that all rose: no exact test can reach p < 0.05, so the change is not tested.
    expect(ind.change).toMatchObject({ from: 0, to: 1, evidence: 'not-tested', paired: true, n: 4 });
  });

  it('with team mode off, names only the n of figures under the threshold and never a difference', () => {
    const d = doc(teamMode(false));
    expect(d.warnings.filter((w) => w.code === 'sentence-dropped')).toEqual([]);
    expect(d.sections.map((s) => s.key).slice(0, 5)).toEqual([
      'project',
      'network-standing',
      'network-change',
      'network-plan',
      'network-next',
    ]);
    const standing = printed(d, 'network-standing');
    expect(standing).toContain('4 van 5 domeinen vertegenwoordigd in het team en het steunnetwerk; ontbreekt: Kinderopvang.');
    expect(standing).toContain('niet getoond');
    expect(standing).not.toMatch(/7,5|4 van 4/);
    const change = printed(d, 'network-change');
    expect(change).toContain(
      '‘Samenwerking in het netwerk’ in het eerste halfjaar 2027 en in het tweede halfjaar 2027: te weinig antwoorden om cijfers te ' +
        'tonen (n = 4 en 4); te weinig waarnemingen om een verandering te toetsen.',
    );
    expect(change).toContain('is één indicator vergeleken: 1 met te weinig waarnemingen om te toetsen.');
    expect(change).not.toMatch(/verschil|procentpunt|6,0|7,5/);
    expect(printed(d, 'network-plan')).toContain(
      'De streefwaarde voor ‘Samenwerking in het netwerk’ is in het tweede halfjaar 2027 niet te beoordelen',
    );
  });

  it('with team mode on, shows the team its own figures with n and says the change is too small to test', () => {
    const d = doc(teamMode(true));
    expect(d.warnings.filter((w) => w.code === 'sentence-dropped')).toEqual([]);
    const standing = d.sections.find((s) => s.key === 'network-standing')!;
    const table = standing.blocks.find((b) => b.kind === 'figures' && b.caption.startsWith('Indicatoren'));
    expect(table).toMatchObject({ rows: [['Samenwerking in het netwerk', 'Tweede halfjaar 2027', '7,5', '4', '—']] });
    const domains = standing.blocks.find((b) => b.kind === 'figures' && b.caption.startsWith('Domeinen'));
    expect(domains).toMatchObject({ rows: expect.arrayContaining([['Kinderopvang', '0', '0', '0', '1 van 4']]) });
    expect(printed(d, 'network-change')).toContain(
      '‘Samenwerking in het netwerk’ steeg van gemiddeld 6,0 (n = 4) in het eerste halfjaar 2027 naar 7,5 (n = 4) in het tweede ' +
        'halfjaar 2027: te weinig waarnemingen om dit te toetsen.',
    );
    const plan = printed(d, 'network-plan');
    expect(plan).toContain('De streefwaarde voor ‘Samenwerking in het netwerk’ is in het tweede halfjaar 2027 nog niet bereikt.');
    expect(plan).toContain('3 acties: 1 klaar, 1 bezig en 1 niet begonnen.');
    expect(plan).toContain('Kwartaalevaluaties (plan – do – check – act) vastgelegd voor K1 en K2 2027.');
    const next = printed(d, 'network-next');
    expect(next).toContain('Casusoverleg plannen met de pedagogisch medewerkers — uiterlijk 30 juni 2027 · Lid van het team · bezig');
    expect(next).toContain(
      'De volgende kwartaalevaluatie van ‘Samenwerking met de kinderopvang versterken’ is die van K3 2027, met 2 openstaande acties.',
    );
  });

  it('names owners by role unless the factsheet may name members, and prints the researcher’s next steps', () => {
    expect(printed(doc(data))).not.toContain('@example.nl');
    const named = doc(data, (c) => {
      c.nameMembers = true;
      c.texts.nextSteps = { nl: 'In de **intervisie** van september kiezen we het volgende punt.' };
    });
    expect(printed(named, 'network-plan')).toContain('verbinder@example.nl (netwerkverbinder)');
    expect(printed(named, 'network-next')).toContain('In de **intervisie** van september kiezen we het volgende punt.');
  });

  it('uses the study’s own words: no “training”, “ZAT” or “tools” in the Dutch factsheet', () => {
    for (const on of [false, true]) expect(printed(doc(teamMode(on)))).not.toMatch(/\btraining\b|\bZAT\b|\btools?\b/i);
  });

  it('checks the network sentences’ claims on the printed figures and refuses claims they contradict', () => {
    expect(checkNetworkClaim({ kind: 'domains', represented: 4, total: 5, missing: ['opvang'] }, data)).toBeNull();
    expect(checkNetworkClaim({ kind: 'domains', represented: 5, total: 5, missing: [] }, data)?.nl).toContain('4 van 5');
    const counts = { 'not-started': 1, 'in-progress': 1, done: 1, dropped: 0 };
    const plan = data.network!.plans[0].id;
    expect(checkNetworkClaim({ kind: 'actions', plan, counts }, data)).toBeNull();
    expect(checkNetworkClaim({ kind: 'actions', plan, counts: { ...counts, done: 2 } }, data)).not.toBeNull();
    expect(checkNetworkClaim({ kind: 'next-quarter', plan, quarter: 1 }, data)).not.toBeNull();
    // The factsheet's own claims run on the network figures: the change is not tested, so "increase" is refused.
    expect(
      checkNetworkClaim({ kind: 'mean-direction', id: INDICATOR, from: 0, to: 1, direction: 'rose', evidence: 'increase' }, teamMode(true)),
    ).not.toBeNull();
    expect(checkNetworkClaim({ kind: 'withheld', id: INDICATOR, round: 1, n: 4 }, teamMode(false))).toBeNull();
    expect(checkNetworkClaim({ kind: 'withheld', id: INDICATOR, round: 1, n: 4 }, teamMode(true))).not.toBeNull();
  });

  it('shows a share on enough answers with its interval, and drops a sentence its figures contradict', () => {
    const change = (difference: number, evidence: 'increase' | 'no-change') => ({
      from: 0,
      to: 1,
      difference,
      ci: null,
      p: evidence === 'increase' ? 0.01 : 0.5,
      pAdjusted: evidence === 'increase' ? 0.01 : 0.5,
      alpha: 0.05,
      evidence,
      paired: true,
      n: 12,
      method: 'exact McNemar test',
      observed: 'increase' as const,
    });
    const indicator = (id: string, from: [number, number], to: [number, number], c: ReturnType<typeof change>) => ({
      id,
      label: { nl: id === 'eisen' ? 'Kwaliteitseisen gevolgd' : 'Gezinsplan gebruikt' },
      value: 'share' as const,
      percent: true,
      form: 'yes' as const,
      perRound: [
        { x: from[0], n: from[1], ci: [0.25, 0.75] as [number, number] },
        { x: to[0], n: to[1], ci: [0.47, 0.91] as [number, number] },
      ],
      means: [null, null],
      change: c,
    });
    const d = doc({
      ...teamMode(false),
      network: {
        ...data.network!,
        indicators: [
          indicator('eisen', [6, 12], [9, 12], change(0.25, 'no-change')),
          // A test that says "increase" beside shares that fell: the sentence would contradict its figures.
          indicator('gezinsplan', [9, 12], [6, 12], change(0.25, 'increase')),
        ],
      },
    });
    const standing = d.sections.find((s) => s.key === 'network-standing')!;
    expect(standing.blocks.find((b) => b.kind === 'figures' && b.caption.startsWith('Indicatoren'))).toMatchObject({
      rows: [
        ['Kwaliteitseisen gevolgd', 'Tweede halfjaar 2027', '75%', '12', '47–91%'],
        ['Gezinsplan gebruikt', 'Tweede halfjaar 2027', '50%', '12', '47–91%'],
      ],
    });
    const change2 = printed(d, 'network-change');
    expect(change2).toContain(
      '‘Kwaliteitseisen gevolgd’ steeg van 50% (6 van 12) in het eerste halfjaar 2027 naar 75% (9 van 12) in het tweede halfjaar 2027: ' +
        'geen aantoonbare verandering.',
    );
    expect(change2).not.toContain('Gezinsplan');
    expect(d.warnings).toContainEqual(expect.objectContaining({ code: 'sentence-dropped', ref: 'network-change.gezinsplan' }));
    // The lead that would count it as a demonstrable increase goes too.
    expect(d.warnings).toContainEqual(expect.objectContaining({ code: 'sentence-dropped', ref: 'network-change.lead' }));
    expect(change2).not.toContain('aantoonbaar toegenomen');
  });

  it('leaves out what has no data: no answers yet, no plan, no domains', () => {
    const net = data.network!;
    const unanswered: FactsheetData = {
      ...data,
      network: {
        ...net,
        domains: null,
        indicators: net.indicators.map((i) => ({
          ...i,
          perRound: i.perRound.map(() => null),
          means: i.means.map(() => null),
          change: null,
        })),
      },
    };
    const d = doc(unanswered);
    expect(d.sections.some((s) => s.key === 'network-change')).toBe(false);
    expect(d.sections.some((s) => s.key === 'network-standing')).toBe(false);
    expect(printed(d, 'network-plan')).toContain('is nog niet te beoordelen: er zijn nog geen antwoorden');
    const none = doc({ ...data, network: undefined });
    expect(none.sections.filter((s) => s.key.startsWith('network-'))).toEqual([]);
  });

  it('offers the network sections in the composer and starts a network study with them', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/studies/${NETWORK}/factsheet/draft?lang=nl`, headers: connector.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const keys = body.catalogue.map((c: { key: string }) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['network-standing', 'network-change', 'network-plan', 'network-next']));
    expect(body.catalogue.find((c: { key: string }) => c.key === 'network-change').title).toBe('Verandering sinds de vorige meting');
    const on = body.composition.sections.filter((s: { enabled: boolean }) => s.enabled).map((s: { key: string }) => s.key);
    expect(on.slice(0, 5)).toEqual(['project', 'network-standing', 'network-change', 'network-plan', 'network-next']);
    expect(on).not.toContain('training');
    expect(body.sentences.map((s: { key: string }) => s.key)).toContain(`network-change.${INDICATOR}`);
  });

  it('publishes the network factsheet as a version that keeps its plan, and writes it as an editable Word file', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/studies/${NETWORK}/factsheet/publish`,
      headers: connector.headers,
      payload: { note: 'Quick Scan najaar' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const version = res.json().version;
    const html = await t.app.inject({
      method: 'GET',
      url: `/api/studies/${NETWORK}/factsheets/${version}?format=html`,
      headers: connector.headers,
    });
    expect(html.statusCode, html.body).toBe(200);
    for (const text of ['Waar staan we', 'Verbeterplan', 'Volgende stappen', 'Samenwerking met de kinderopvang versterken', 'K1 2027'])
      expect(html.body).toContain(text);
    const stored = t.data.store.sqlite.prepare('select data from factsheet_version where version = ?').get(version) as { data: string };
    expect(JSON.parse(stored.data).network.plans[0].actions).toHaveLength(3);
    const docx = await renderFactsheetDocx(doc(teamMode(true)), async (svgs) => svgs.map(() => Buffer.alloc(0)));
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
    for (const text of ['Streefwaarde', 'Casusoverleg plannen met de pedagogisch medewerkers', 'Openstaande acties'])
      expect(xml).toContain(text);
  });
});

describe('a study without a plan or domains', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await createMonitorStudy(t, 3);
  }, 60_000);
  afterAll(async () => t?.close());

  it('gets no network sections offered and the ordinary first draft', async () => {
    const who = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: MONITOR });
    const res = await t.app.inject({ method: 'GET', url: `/api/studies/${MONITOR}/factsheet/draft?lang=nl`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.catalogue.map((c: { key: string }) => c.key).filter((k: string) => k.startsWith('network-'))).toEqual([]);
    expect(body.composition.sections.filter((s: { key: string; enabled: boolean }) => s.key.startsWith('network-') && s.enabled)).toEqual(
      [],
    );
  });
});

describe('the demo network imh-netwerk-venlo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await createDemoNetworks(t.data.store.db, t.data.secret);
  }, 60_000);
  afterAll(async () => t?.close());

  it('gets a Dutch factsheet with its domains, its change and its plan, without “training”, “ZAT” or “tools”', async () => {
    const row = (await findStudyBySlug(t.data.store.db, 'imh-netwerk-venlo'))!;
    const study = { id: row.id, slug: row.slug, definition: row.definition, isDemo: row.isDemo };
    const now = new Date('2026-12-06T09:00:00Z');
    const source = withNetworkFigures(analysisSource(t.app.analysis), t.app.analysis, t.data.store.db, () => now);
    const draft = await openDraft(t.data.store.db, study, { userId: null, label: 'test' }, now);
    const { document } = await renderDraft(t.data.store.db, source, study, draft.composition, 'nl', now);
    expect(document.warnings.filter((w) => w.code === 'sentence-dropped')).toEqual([]);
    expect(document.sections.map((s) => s.key).slice(0, 5)).toEqual([
      'project',
      'network-standing',
      'network-change',
      'network-plan',
      'network-next',
    ]);
    const text = printed(document);
    expect(text).toMatch(/domeinen zijn vertegenwoordigd|domeinen vertegenwoordigd in het team en het steunnetwerk/);
    expect(text).toContain('Verandering sinds de vorige scan');
    expect(text).not.toMatch(TRAINING_WORDS);
  });
});
