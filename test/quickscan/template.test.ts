import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_SCAN_GROUPS, quickScanQuestionnaire } from '../../content/templates/imh-quick-scan.js';
import { checkQuestionnaire } from '../../model/check-questionnaire.js';
import { checkDomainCoverage } from '../../model/domain-coverage-check.js';
import { checkIndicators } from '../../model/indicators.js';
import { checkGroups } from '../../model/respondent-groups.js';
import { TEMPLATES } from '../../server/setup/templates.js';
import { TRAINING_WORDS } from './words.js';
import { embedded, exchange } from '../respondent/fixture.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

/**
 * The IMH Quick Scan template (issue 17, deliverable 1): its questionnaire passes the checks every
 * questionnaire passes, it speaks a network's words, and "Nieuw onderzoek" creates a study from it
 * with both respondent groups, the domain and role attributes and the domain coverage setting.
 * The setting is refused, with a Dutch and English message and nothing saved, when it names an
 * unknown attribute or an item that is not the domains' multiple-choice question.
 */
describe('the Quick Scan template', () => {
  const template = TEMPLATES.find((t) => t.key === 'imh-quick-scan')!;
  const built = template.build({ nl: 'Netwerk', en: 'Network' }, new Date('2027-02-01T00:00:00Z'));

  it('has half-yearly scans and a questionnaire that passes the questionnaire checks in Dutch and English', () => {
    expect(built.rounds.map((r) => r.label.nl)).toEqual(['Eerste helft 2027', 'Tweede helft 2027']);
    const checked = checkQuestionnaire(built.questionnaire, {
      languages: ['nl', 'en'],
      roundKeys: built.rounds.map((r) => r.key),
      partnerCount: built.partners.length,
      toolCount: 0,
    });
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    const q = quickScanQuestionnaire(built.rounds.map((r) => r.key));
    const items = q.sections.flatMap((s) => s.items);
    expect(checkIndicators(q.indicators!, items, ['nl', 'en'])).toEqual([]);
    expect(checkGroups(QUICK_SCAN_GROUPS, ['nl', 'en'], q)).toEqual([]);
    expect(checkDomainCoverage(built.definition!.domainCoverage!, built.definition!.cohortAttributes, q)).toEqual([]);
    expect(q.indicators!.map((i) => i.key)).toEqual([
      'quality_requirements',
      'guide_parents',
      'collaboration',
      'satisfaction_professionals',
      'satisfaction_parents',
    ]);
    // Availability per intervention is a single choice: available / missing / don't know.
    const availability = items.filter((i) => i.measure === 'availability');
    expect(availability.length).toBeGreaterThanOrEqual(8);
    expect(
      availability.every((i) => i.type === 'single' && i.options.map((o) => o.label.en).join('/') === "Available/Missing/Don't know"),
    ).toBe(true);
  });

  it('never says training, ZAT or tools, in either language', () => {
    // Every text value (not the keys: the study file's `tools: []` is a field name, not a word anyone reads).
    const texts: string[] = [];
    JSON.stringify({ template: [template.name, template.description], built }, (_, v) => (typeof v === 'string' && texts.push(v), v));
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((x) => TRAINING_WORDS.test(x))).toEqual([]);
  });

  it('shows parents only their own section, through the anonymous link', () => {
    const parents = QUICK_SCAN_GROUPS.find((g) => g.key === 'parents')!;
    expect(parents).toMatchObject({ sections: ['parents'], reach: ['anonymous'] });
    expect(QUICK_SCAN_GROUPS.find((g) => g.key === 'professionals')).toMatchObject({ reach: ['personal'] });
    expect(QUICK_SCAN_GROUPS.find((g) => g.key === 'professionals')!.sections).not.toContain('parents');
  });
});

describe('a study from the Quick Scan template over HTTP', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const as = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: researcher.headers, ...(payload ? { payload } : {}) });
  const definition = async () => (await as('GET', '/api/studies/netwerk-noord')).json().definition;

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'verbinder@example.nl', { role: 'researcher' });
  });
  afterAll(() => t.close());

  it('is offered in "Nieuw onderzoek" and creates the study with its groups, attributes and domain coverage', async () => {
    const offered = (await as('GET', '/api/templates')).json().templates.find((x: { key: string }) => x.key === 'imh-quick-scan');
    expect(offered.name.nl).toBe('IMH Quick Scan netwerkzorg (halfjaarlijks)');
    expect(offered.vocabulary.round.nl).toEqual({ one: 'scan', many: 'scans', article: 'de' });
    const made = await as('POST', '/api/studies', {
      title: { nl: 'Netwerk Noord' },
      organisation: 'IMH-netwerk Noord',
      slug: 'netwerk-noord',
      source: { kind: 'template', template: 'imh-quick-scan' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const def = await definition();
    expect(def.groups.map((g: { key: string }) => g.key)).toEqual(['professionals', 'parents']);
    expect(def.cohortAttributes.map((a: { key: string }) => a.key)).toEqual(['domain', 'network_role']);
    expect(def.cohortAttributes[0].values).toHaveLength(5);
    expect(def.domainCoverage).toEqual({ attribute: 'domain', roleAttribute: 'network_role', item: 'domains' });
    expect(def.vocabulary.partner.nl.one).toBe('netwerkpartner');
    expect(def.settings).toEqual({ teamMode: true });
    const analysis = (await as('GET', '/api/studies/netwerk-noord/analysis')).json();
    expect(analysis.domains.cohort.missing).toHaveLength(5);
  });

  it('shows parents their own introduction and only their section, through the anonymous link', async () => {
    const round = (await as('GET', '/api/studies/netwerk-noord')).json().rounds[0].key;
    expect((await as('POST', `/api/studies/netwerk-noord/fieldwork/rounds/${round}/open`)).statusCode).toBe(200);
    const on = await as('POST', `/api/studies/netwerk-noord/fieldwork/rounds/${round}/groups/parents/anonymous-link`);
    expect(on.statusCode, on.body).toBe(200);
    const link: string = on.json().link;
    const cookie = await exchange(t, link.slice(link.lastIndexOf('/r/') + 3));
    const { form } = embedded((await t.app.inject({ url: '/r/anon', headers: { cookie } })).body);
    expect(form.study.description.nl).toMatch(/^U heeft de afgelopen tijd hulp gekregen/);
    expect(form.questionnaire.sections.map((x: { key: string }) => x.key)).toEqual(['parents']);
    const professionals = await as('POST', `/api/studies/netwerk-noord/fieldwork/rounds/${round}/groups/professionals/anonymous-link`);
    expect(professionals.json().details.reason).toBe('GROUP_NOT_ANONYMOUS');
  });

  it.each([
    ['an unknown attribute', { attribute: 'werkveld' }, 'unknown-attribute', /deelnemerskenmerk "werkveld"/],
    [
      'an attribute without allowed values',
      { attribute: 'network_role', item: 'sat_professionals' },
      'item-not-multiple-choice',
      /geen meerkeuzevraag/,
    ],
    [
      'a multiple-choice item whose options are not the domains',
      { attribute: 'domain', item: 'priorities' },
      'options-not-domains',
      /niet precies de domeinen/,
    ],
  ])('refuses %s with a clear message and saves nothing', async (_, domainCoverage, reason, nl) => {
    const before = await definition();
    const res = await as('PATCH', '/api/studies/netwerk-noord', { title: { nl: 'Anders' }, domainCoverage });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toMatchObject({ reason });
    expect(res.json().details.text.nl).toMatch(nl);
    expect(res.json().details.text.en).toMatch(/^Domain coverage: /);
    expect(await definition()).toEqual(before);
  });

  it('saves a valid setting and removes it with null', async () => {
    expect((await as('PATCH', '/api/studies/netwerk-noord', { domainCoverage: { attribute: 'domain' } })).statusCode).toBe(200);
    expect((await definition()).domainCoverage).toEqual({ attribute: 'domain' });
    expect((await as('PATCH', '/api/studies/netwerk-noord', { domainCoverage: null })).statusCode).toBe(200);
    expect((await definition()).domainCoverage).toBeUndefined();
    expect((await as('GET', '/api/studies/netwerk-noord/analysis')).json().domains).toBeNull();
  });

  it('refuses a study file whose domain coverage names an item that is not the domains question', async () => {
    const file = (await as('GET', '/api/studies/netwerk-noord/study-file')).json();
    file.study.domainCoverage = { attribute: 'domain', item: 'families' };
    const res = await as('POST', '/api/studies/from-file', { file, slug: 'netwerk-kopie', dryRun: false });
    expect(res.json().ok).toBe(false);
    expect(res.json().issues.map((i: { text?: { nl: string } }) => i.text?.nl)).toContain(
      'Domeindekking: vraag "families" is geen meerkeuzevraag (meerdere antwoorden).',
    );
    expect((await as('GET', '/api/studies/netwerk-kopie')).statusCode).toBe(404);
    file.study.domainCoverage = { attribute: 'domain', roleAttribute: 'network_role', item: 'domains' };
    const ok = await as('POST', '/api/studies/from-file', { file, slug: 'netwerk-kopie', dryRun: true });
    expect(ok.json().issues).toEqual([]);
  });
});
