import { describe, expect, it } from 'vitest';
import { QUICK_SCAN_ATTRIBUTES } from '../../content/templates/imh-quick-scan.js';
import { checkDomainCoverage } from '../../model/domain-coverage-check.js';
import { domainCoverageSentence } from '../../model/domain-coverage-text.js';
import type { DomainCoverageSetting } from '../../model/domains.js';
import type { Item } from '../../model/index.js';
import { analyzeStudy } from './analyze.js';
import { domainInput } from './domains.js';
import { makeInput, questionnaire, type TestStudy } from './testing.js';

/**
 * Domain coverage (issue 17): from the cohort (active members per domain and network role) and
 * from the answers (per round, respondents naming each domain of those who answered the item).
 */
const ROUNDS = ['h1', 'h2'];
const DOMAINS = QUICK_SCAN_ATTRIBUTES[0].values!;
const item: Item = {
  id: 'domains',
  type: 'multi',
  measure: 'background',
  required: false,
  rounds: ROUNDS,
  text: { nl: 'Welke domeinen?', en: 'Which domains?' },
  options: DOMAINS.map((d, i) => ({ code: i + 1, label: { ...d.label! } })),
};
const SETTING: DomainCoverageSetting = { attribute: 'domain', roleAttribute: 'network_role', item: 'domains' };

/** A network of six: GGZ missing, one member left; three answer in h1 and two in h2. */
function network(setting: DomainCoverageSetting | null = SETTING, extra: Partial<TestStudy> = {}) {
  const member = (domain: string, role: string, leftFrom = -1) => ({ attributes: { domain, network_role: role }, leftFrom });
  const named = (codes: number[]) => Object.fromEntries(DOMAINS.map((_, i) => [`domains.o${i + 1}`, codes.includes(i + 1) ? 1 : 0]));
  const input = makeInput({
    rounds: ROUNDS,
    items: [item],
    participants: [
      member('geboortezorg', 'netwerkteam'),
      member('geboortezorg', 'steunnetwerk'),
      member('jeugdgezondheidszorg', 'netwerkverbinder'),
      member('sociaal_domein', 'steunnetwerk'),
      member('medisch_specialistisch', 'steunnetwerk'),
      // Left before the first round: no longer represents anything.
      member('ggz', 'steunnetwerk', 0),
    ],
    responses: [
      { p: 0, round: 'h1', answers: named([1, 2, 3]) },
      { p: 1, round: 'h1', answers: named([1, 4]) },
      { p: 2, round: 'h1', answers: named([1, 2, 3, 5]) },
      { p: 0, round: 'h2', answers: named([1, 2, 3, 5]) },
      { p: 3, round: 'h2', answers: named([1, 3, 5]) },
    ],
    ...extra,
  });
  const domains = domainInput({ domainCoverage: setting ?? undefined, cohortAttributes: QUICK_SCAN_ATTRIBUTES });
  if (domains) input.domains = domains;
  return input;
}

describe('domain coverage', () => {
  it('lists represented and missing domains from the active members, per network role', () => {
    const c = analyzeStudy(network()).domains!;
    expect(c.attribute).toBe('domain');
    expect(c.domains.map((d) => d.value)).toEqual(DOMAINS.map((d) => d.value));
    expect(c.cohort.represented).toEqual(['geboortezorg', 'jeugdgezondheidszorg', 'sociaal_domein', 'medisch_specialistisch']);
    expect(c.cohort.missing).toEqual(['ggz']);
    const geboorte = c.cohort.perDomain.find((d) => d.value === 'geboortezorg')!;
    expect(geboorte).toMatchObject({ members: 2, byRole: { netwerkteam: 1, steunnetwerk: 1 } });
    expect(c.cohort.perDomain.find((d) => d.value === 'ggz')).toMatchObject({ members: 0, byRole: {} });
    expect(domainCoverageSentence(c, 'nl')).toBe('4 van 5 domeinen vertegenwoordigd; ontbreekt: (Ouder- en kind-)GGZ');
    expect(domainCoverageSentence(c, 'en')).toBe('4 of 5 domains represented; missing: (Parent and child) mental health care');
  });

  it('counts per round how many of those who answered named each domain', () => {
    const c = analyzeStudy(network()).domains!;
    expect(c.answers.map((r) => [r.round, r.n])).toEqual([
      ['h1', 3],
      ['h2', 2],
    ]);
    const h1 = Object.fromEntries(c.answers[0].perDomain.map((d) => [d.value, d.count]));
    expect(h1).toEqual({ geboortezorg: 3, jeugdgezondheidszorg: 2, sociaal_domein: 2, ggz: 1, medisch_specialistisch: 1 });
    expect(c.answers[1].perDomain.find((d) => d.value === 'ggz')).toEqual({ value: 'ggz', count: 0, n: 2 });
  });

  it('has no per-role counts without a role attribute, and no answers without an item', () => {
    const c = analyzeStudy(network({ attribute: 'domain' })).domains!;
    expect(c.cohort.perDomain.every((d) => d.byRole === undefined)).toBe(true);
    expect(c.cohort.missing).toEqual(['ggz']);
    expect(c.answers).toEqual([]);
  });

  it('is null when the study has no domain coverage setting', () => {
    expect(analyzeStudy(network(null)).domains).toBeNull();
  });

  it('keeps the cohort counts but hides the answers of a subgroup round whose counts an aggregate reader may not see', () => {
    const c = analyzeStudy(network(), {
      audience: 'aggregate',
      attributes: { network_role: ['netwerkteam', 'netwerkverbinder', 'steunnetwerk'] },
    }).domains;
    // The cohort is a fact about the study's members: not narrowed, not hidden.
    expect(c?.cohort.missing).toEqual(['ggz']);
    // A subgroup of fewer than minSubgroup (5) respondents per round is not analysed for this audience at all.
    expect(c?.answers).toEqual([]);
  });

  it('marks a round suppressed when a subgroup count is hidden, instead of showing it', () => {
    const many = Array.from({ length: 8 }, () => ({ attributes: { domain: 'geboortezorg', network_role: 'netwerkteam' } }));
    const answers = (codes: number[]) => Object.fromEntries(DOMAINS.map((_, i) => [`domains.o${i + 1}`, codes.includes(i + 1) ? 1 : 0]));
    const input = makeInput({
      rounds: ROUNDS,
      items: [item],
      participants: many,
      // Two of eight name GGZ: a small cell in a subgroup (fewer than minSubgroup = 5).
      responses: many.map((_, p) => ({ p, round: 'h1', answers: answers(p < 2 ? [1, 4] : [1]) })),
    });
    input.domains = domainInput({ domainCoverage: SETTING, cohortAttributes: QUICK_SCAN_ATTRIBUTES });
    const c = analyzeStudy(input, { audience: 'aggregate', attributes: { network_role: ['netwerkteam'] } }).domains!;
    expect(c.answers).toEqual([{ round: 'h1', n: 8, perDomain: [], suppressed: true }]);
    const full = analyzeStudy(input, { audience: 'full', attributes: { network_role: ['netwerkteam'] } }).domains!;
    expect(full.answers[0].perDomain.find((d) => d.value === 'ggz')?.count).toBe(2);
  });
});

describe('checkDomainCoverage', () => {
  const q = questionnaire([
    item,
    { ...item, id: 'one', type: 'single' } as Item,
    { ...item, id: 'other', options: item.type === 'multi' ? item.options.slice(1) : [] },
  ]);
  const codes = (s: DomainCoverageSetting, attributes = QUICK_SCAN_ATTRIBUTES) => checkDomainCoverage(s, attributes, q).map((i) => i.code);

  it('accepts the Quick Scan setting', () => {
    expect(codes(SETTING)).toEqual([]);
  });

  it.each([
    ['an unknown attribute', { attribute: 'werkveld' }, 'unknown-attribute'],
    ['an unknown role attribute', { attribute: 'domain', roleAttribute: 'rol_netwerk' }, 'unknown-role-attribute'],
    ['the same attribute twice', { attribute: 'domain', roleAttribute: 'domain' }, 'same-attribute'],
    ['an unknown item', { attribute: 'domain', item: 'werkvelden' }, 'unknown-item'],
    ['a single-choice item', { attribute: 'domain', item: 'one' }, 'item-not-multiple-choice'],
    ['options that are not the domains', { attribute: 'domain', item: 'other' }, 'options-not-domains'],
  ] as const)('refuses %s, in Dutch and English', (_, setting, code) => {
    const issues = checkDomainCoverage(setting as DomainCoverageSetting, QUICK_SCAN_ATTRIBUTES, q);
    expect(issues.map((i) => i.code)).toEqual([code]);
    expect(issues[0].message.nl).toMatch(/^Domeindekking: /);
    expect(issues[0].message.en).toMatch(/^Domain coverage: /);
  });

  it('refuses an attribute without a list of allowed values', () => {
    expect(codes({ attribute: 'domain' }, [{ key: 'domain', label: { nl: 'Domein' } }])).toEqual(['attribute-without-values']);
  });
});
