import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainsResponse } from '../../model/api/domains.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { ATTRIBUTES, ZUID, createZuidStudy } from './domain-fixture.js';

/**
 * The cohort screen's domain coverage setting and network profile (issue 17, domainsui), through
 * the calls the screen makes: GET …/cohort/domains for the choices and the profile, PATCH
 * /api/studies/:slug to save or switch off. On a generated network study (not the demo). A refusal
 * names the field, says why in Dutch and English, and saves nothing (no audit entry either).
 */
describe('the domain coverage setting on the cohort screen', () => {
  let t: TestApp;
  let connector: LoggedIn;
  const base = `/api/studies/${ZUID}`;
  const domains = async (who = connector) => {
    const res = await t.app.inject({ method: 'GET', url: `${base}/cohort/domains`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as DomainsResponse;
  };
  const save = (domainCoverage: unknown, who = connector) =>
    t.app.inject({ method: 'PATCH', url: base, headers: who.headers, payload: { domainCoverage } });
  const audits = () =>
    t.data.store.sqlite.prepare("select details from audit_log where action = 'study.update' order by id").pluck().all() as string[];

  beforeAll(async () => {
    t = await buildTestApp();
    connector = await createZuidStudy(t, () => loginAs(t, 'verbinder@netwerkzuid.nl', { role: 'researcher', study: ZUID }));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('starts off, offering the attributes with allowed values and only the question whose options are the domains', async () => {
    const d = await domains();
    expect(d.setting).toBeNull();
    expect(d.coverage).toBeNull();
    expect(d.attributes).toEqual([
      { key: 'werkveld', label: ATTRIBUTES[0].label, hasValues: true },
      { key: 'netwerkrol', label: ATTRIBUTES[1].label, hasValues: true },
      { key: 'gemeente', label: ATTRIBUTES[2].label, hasValues: false },
    ]);
    // Multiple-choice questions only (not the single-choice "werkveld"), each with the attributes its options fit.
    expect(d.items.map((i) => [i.id, i.domainsOf])).toEqual([
      ['domeinen', ['werkveld']],
      ['prioriteit', []],
    ]);
  });

  it('saves the setting, audit-logs it, and shows the members per domain and role with the missing domain', async () => {
    const before = audits().length;
    const res = await save({ attribute: 'werkveld', roleAttribute: 'netwerkrol', item: 'domeinen' });
    expect(res.statusCode, res.body).toBe(200);
    expect(audits().slice(before)).toEqual([JSON.stringify({ fields: ['domainCoverage'] })]);
    const d = await domains();
    expect(d.setting).toEqual({ attribute: 'werkveld', roleAttribute: 'netwerkrol', item: 'domeinen' });
    const c = d.coverage!;
    expect(c.cohort.represented).toEqual(['jgz', 'ko', 'ha']);
    expect(c.cohort.missing).toEqual(['sd']);
    expect(c.cohort.perDomain.map((x) => [x.value, x.members, x.byRole])).toEqual([
      ['jgz', 2, { team: 1, steun: 1 }],
      ['ko', 2, { team: 1, steun: 1 }],
      ['ha', 2, { team: 1, steun: 1 }],
      ['sd', 0, {}],
    ]);
    expect(c.roles?.map((r) => r.value)).toEqual(['team', 'steun']);
    // The analysis's own coverage: the dashboard's JSON says the same, computed once.
    const analysis = await t.app.inject({ method: 'GET', url: `${base}/analysis`, headers: connector.headers });
    expect(analysis.json().domains).toEqual(c);
  });

  it('follows the cohort: a member from the missing domain makes it represented', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/participants`,
      headers: connector.headers,
      payload: { name: 'Gijs Willems', email: 'gijs@example.nl', organisation: '', role: '', team: '', attributes: { werkveld: 'sd' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = (await domains()).coverage!;
    expect(c.cohort.missing).toEqual([]);
    expect(c.cohort.perDomain.find((x) => x.value === 'sd')).toMatchObject({ members: 1, byRole: {} });
  });

  it.each([
    [{ attribute: 'bestaatniet' }, 'attribute', 'unknown-attribute', /geen deelnemerskenmerk "bestaatniet"/],
    [{ attribute: 'gemeente' }, 'attribute', 'attribute-without-values', /geen lijst met toegestane waarden/],
    [{ attribute: 'werkveld', roleAttribute: 'werkveld' }, 'roleAttribute', 'same-attribute', /ander kenmerk/],
    [{ attribute: 'werkveld', roleAttribute: 'team' }, 'roleAttribute', 'unknown-role-attribute', /"team"/],
    [{ attribute: 'werkveld', item: 'prioriteit' }, 'item', 'options-not-domains', /niet precies de domeinen/],
    [{ attribute: 'werkveld', item: 'werkveld' }, 'item', 'item-not-multiple-choice', /geen meerkeuzevraag/],
    [{ attribute: 'werkveld', item: 'weg' }, 'item', 'unknown-item', /geen vraag "weg"/],
  ])('refuses %j next to its field, in Dutch and English, and saves nothing', async (setting, field, reason, nl) => {
    const before = { setting: (await domains()).setting, audits: audits().length };
    const res = await save(setting);
    expect(res.statusCode).toBe(400);
    const { code, details } = res.json();
    expect(code).toBe('VALIDATION');
    expect(details).toMatchObject({ field: `domainCoverage.${field}`, reason });
    expect(details.text.nl).toMatch(nl);
    expect(details.text.en).toMatch(/^Domain coverage: /);
    expect((await domains()).setting).toEqual(before.setting);
    expect(audits().length).toBe(before.audits);
  });

  it('refuses a malformed key before it reaches the check, and saves nothing', async () => {
    const before = (await domains()).setting;
    const res = await save({ attribute: 'Werk veld' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect((await domains()).setting).toEqual(before);
  });

  it('is the connector’s: a team member (trainer) can neither read the profile here nor change the setting', async () => {
    const member = await loginAs(t, 'lid@netwerkzuid.nl', { role: 'trainer', study: ZUID });
    expect((await t.app.inject({ method: 'GET', url: `${base}/cohort/domains`, headers: member.headers })).statusCode).toBe(403);
    expect((await save(null, member)).statusCode).toBe(403);
    expect((await domains()).setting).not.toBeNull();
  });

  it('switches off: no setting, no profile, audit-logged; only the role attribute or item can also be dropped', async () => {
    expect((await save({ attribute: 'werkveld' })).statusCode).toBe(200);
    expect((await domains()).setting).toEqual({ attribute: 'werkveld' });
    const before = audits().length;
    expect((await save(null)).statusCode).toBe(200);
    const d = await domains();
    expect(d.setting).toBeNull();
    expect(d.coverage).toBeNull();
    expect(audits().length).toBe(before + 1);
  });
});
