import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import type { ProgrammeOverview } from '../../model/api/programme.js';
import { GUARD_HEADER } from '../../server/auth/guard.js';
import { hasChromium } from '../helpers/browser.js';
import { PROGRAMME_CSV_COLUMNS } from '../../server/programmes/csv.js';
import { addPlan, createNetwork, DOMAINS } from './fixture.js';

/**
 * Programmes through HTTP (issue 17, regional view): a coordinator groups three generated network
 * studies (not the demo) that share a Quick Scan, a regional representative reads them side by
 * side — with each network's own disclosure rules — and is refused everything at participant level.
 */
const PROGRAMME = 'regio-noord';
let t: TestApp;
let coordinator: LoggedIn;
let representative: LoggedIn;
let outsider: LoggedIn;
const ids: Record<string, number> = {};

const json = (who: LoggedIn, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload }) });

beforeAll(async () => {
  t = await buildTestApp();
  const store = t.data.store;
  // A network large enough for percentages, a small team in team mode (counts only) without the
  // fifth domain, a small team without team mode, and a study that lacks one indicator.
  ids.venlo = await createNetwork(store, { slug: 'netwerk-venlo', title: 'Netwerk Venlo', members: 12 });
  ids.horst = await createNetwork(store, {
    slug: 'netwerk-horst',
    title: 'Netwerk Horst',
    members: 4,
    teamMode: true,
    domains: DOMAINS.slice(0, 4),
  });
  ids.peel = await createNetwork(store, { slug: 'netwerk-peel', title: '=Netwerk Peel', members: 6 });
  ids.anders = await createNetwork(store, { slug: 'netwerk-anders', title: 'Ander netwerk', members: 3, without: ['aanbod'] });
  ids.gemiddeld = await createNetwork(store, {
    slug: 'netwerk-gemiddeld',
    title: 'Gemiddeld',
    members: 3,
    summaries: { richtlijn: 'mean-score' },
  });
  coordinator = await loginAs(t, 'verbinder@example.nl', { role: 'researcher', study: 'netwerk-venlo' });
  const coordinatorId = store.sqlite.prepare("select id from user where email = 'verbinder@example.nl'").get() as { id: number };
  for (const id of [ids.horst, ids.peel, ids.anders, ids.gemiddeld])
    store.sqlite.prepare("insert into study_member (study_id, user_id, role) values (?, ?, 'researcher')").run(id, coordinatorId.id);
  await addPlan(store, ids.venlo, coordinatorId.id);
  representative = await loginAs(t, 'regio@example.nl');
  outsider = await loginAs(t, 'buiten@example.nl', { role: 'researcher', study: 'netwerk-anders' });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const auditActions = () =>
  (
    t.data.store.sqlite.prepare("select action from audit_log where action like 'programme.%' order by id").all() as { action: string }[]
  ).map((r) => r.action);

describe('a programme of network studies', () => {
  it('is created by a researcher, who becomes its coordinator; the first network brings the indicators', async () => {
    const created = await json(coordinator, 'POST', '/api/programmes', {
      slug: PROGRAMME,
      title: { nl: 'Regio Noord', en: 'Region North' },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().programme.role).toBe('coordinator');
    const first = await json(coordinator, 'POST', `/api/programmes/${PROGRAMME}/studies`, { study: 'netwerk-venlo' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().adopted).toEqual(['richtlijn', 'aanbod', 'samenwerking']);
    for (const study of ['netwerk-horst', 'netwerk-peel'])
      expect((await json(coordinator, 'POST', `/api/programmes/${PROGRAMME}/studies`, { study })).statusCode).toBe(200);
    const members = await json(coordinator, 'POST', `/api/programmes/${PROGRAMME}/members`, {
      email: 'regio@example.nl',
      role: 'representative',
    });
    expect(members.statusCode, members.body).toBe(200);
    expect(members.json().programme.networks.map((n: { slug: string }) => n.slug)).toEqual([
      'netwerk-horst',
      'netwerk-peel',
      'netwerk-venlo',
    ]);
    expect(auditActions()).toEqual([
      'programme.create',
      'programme.study.add',
      'programme.study.add',
      'programme.study.add',
      'programme.member.add',
    ]);
  });

  it('refuses a bad short name, a missing Dutch title and a taken short name in both languages, naming the field', async () => {
    const before = auditActions().length;
    const refused = async (body: Record<string, unknown>) => {
      const res = await json(coordinator, 'POST', '/api/programmes', body);
      return { status: res.statusCode, code: res.json().code, ...res.json().details };
    };
    expect(await refused({ slug: 'Regio Zuid!', title: { nl: 'Regio Zuid' } })).toMatchObject({
      status: 400,
      code: 'VALIDATION',
      reason: 'BAD_SLUG',
      field: 'slug',
      text: {
        nl: '"Regio Zuid!" is geen geldige korte naam: gebruik kleine letters, cijfers en streepjes.',
        en: '"Regio Zuid!" is not a valid short name: use lower-case letters, digits and hyphens.',
      },
    });
    expect(await refused({ slug: 'regio-zuid', title: { nl: '   ', en: 'Region South' } })).toMatchObject({
      status: 400,
      reason: 'NO_TITLE',
      field: 'title',
      text: { nl: 'Geef het programma een Nederlandse titel.', en: 'Give the programme a Dutch title.' },
    });
    expect(await refused({ slug: PROGRAMME, title: { nl: 'Nog eens' } })).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      reason: 'PROGRAMME_EXISTS',
      field: 'slug',
      text: { en: `A programme "${PROGRAMME}" already exists. Nothing was changed.` },
    });
    // The body's shape is still the schema's: no title at all, or an unknown field, is refused before the store.
    expect((await refused({ slug: 'regio-zuid' })).code).toBe('VALIDATION');
    expect((await refused({ slug: 'regio-zuid', title: { nl: 'Zuid' }, owner: 1 })).code).toBe('VALIDATION');
    // Starting a programme is for researchers and admins: an account with no study of its own is refused.
    expect((await json(representative, 'POST', '/api/programmes', { slug: 'regio-zuid', title: { nl: 'Zuid' } })).statusCode).toBe(403);
    expect(auditActions()).toHaveLength(before);
    expect(t.data.store.sqlite.prepare("select count(*) as n from programme where slug = 'regio-zuid'").get()).toEqual({ n: 0 });
  });

  it('refuses a study that does not use the same Quick Scan, naming the missing indicator, and changes nothing', async () => {
    const before = auditActions().length;
    const res = await json(coordinator, 'POST', `/api/programmes/${PROGRAMME}/studies`, { study: 'netwerk-anders' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect(res.json().details.missing).toEqual(['aanbod']);
    expect(res.json().details.text.nl).toContain('aanbod');
    expect(res.json().details.text.nl).toContain('Er is niets gewijzigd');
    expect(auditActions()).toHaveLength(before);
    // Same keys, but one summarised as a mean where the others give a share.
    const differ = await json(coordinator, 'POST', `/api/programmes/${PROGRAMME}/studies`, { study: 'netwerk-gemiddeld' });
    expect(differ.statusCode).toBe(400);
    expect(differ.json().details).toMatchObject({ reason: 'INDICATORS_DIFFER', differ: ['richtlijn'] });
    expect(differ.json().details.text.en).toBe(
      'netwerk-gemiddeld summarises the indicator richtlijn differently from the other networks. Nothing was changed.',
    );
    expect(auditActions()).toHaveLength(before);
    const card = (await json(representative, 'GET', '/api/programmes')).json().programmes[0];
    expect(card.networks).toHaveLength(3);
  });

  it('refuses unknown accounts, programmes and studies with a clear message', async () => {
    const nobody = await json(coordinator, 'POST', `/api/programmes/${PROGRAMME}/members`, {
      email: 'niemand@example.nl',
      role: 'representative',
    });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().details.text.nl).toContain('niemand@example.nl');
    const unknown = await json(representative, 'GET', '/api/programmes/bestaat-niet/overview');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().details.text.en).toBe('There is no programme "bestaat-niet".');
    // A study the coordinator is no researcher of cannot be added, whether or not it exists.
    const foreign = await json(coordinator, 'POST', `/api/programmes/${PROGRAMME}/studies`, { study: 'bestaat-niet' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().details.reason).toBe('not-study-researcher');
    const again = await json(coordinator, 'POST', `/api/programmes/${PROGRAMME}/studies`, { study: 'netwerk-venlo' });
    expect(again.statusCode).toBe(409);
    // The coordinator cannot leave the programme without a coordinator.
    const detail = (await json(coordinator, 'GET', `/api/programmes/${PROGRAMME}`)).json();
    const me = detail.members.find((m: { role: string }) => m.role === 'coordinator');
    const leave = await json(coordinator, 'DELETE', `/api/programmes/${PROGRAMME}/members/${me.userId}`);
    expect(leave.statusCode).toBe(409);
    expect(leave.json().details.reason).toBe('LAST_COORDINATOR');
  });

  it('lists a representative their programmes, and refuses the overview to a non-member with 403', async () => {
    const mine = (await json(representative, 'GET', '/api/programmes')).json().programmes;
    expect(mine.map((p: { slug: string; role: string }) => [p.slug, p.role])).toEqual([[PROGRAMME, 'representative']]);
    expect((await json(outsider, 'GET', '/api/programmes')).json().programmes).toEqual([]);
    const refused = await json(outsider, 'GET', `/api/programmes/${PROGRAMME}/overview`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers[GUARD_HEADER]).toBe('programme-membership');
    expect(refused.json().details.text.nl).toBe('U bent geen lid van dit programma.');
    // A representative reads; managing is the coordinator's.
    const manage = await json(representative, 'POST', `/api/programmes/${PROGRAMME}/studies`, { study: 'netwerk-anders' });
    expect(manage.statusCode).toBe(403);
  });
});

describe('the overview a representative reads', () => {
  let overview: ProgrammeOverview;
  const network = (slug: string) => overview.networks.find((n) => n.slug === slug)!;
  const values = (slug: string, key: string) => network(slug).indicators.find((i) => i.key === key)!.values;

  beforeAll(async () => {
    const res = await json(representative, 'GET', `/api/programmes/${PROGRAMME}/overview`);
    expect(res.statusCode, res.body).toBe(200);
    overview = res.json();
  });

  it('has the networks side by side with their rounds and the shared indicators', () => {
    expect(overview.programme).toEqual({ slug: PROGRAMME, title: { nl: 'Regio Noord', en: 'Region North' } });
    expect(overview.indicators.map((i) => [i.key, i.summary])).toEqual([
      ['richtlijn', 'share-agreeing'],
      ['aanbod', 'share-yes'],
      ['samenwerking', 'mean-score'],
    ]);
    expect(network('netwerk-venlo').rounds.map((r) => [r.key, r.invited, r.submitted])).toEqual([
      ['h1_2027', 12, 12],
      ['h2_2027', 12, 12],
    ]);
  });

  it('shows a value with its n and interval where the network has enough answers', () => {
    const [h1] = values('netwerk-venlo', 'richtlijn');
    // Answers 2 + ((u) % 4) for u = 0…11: codes 2,3,4,5 three times each; top box 4–5 → 6 of 12.
    expect(h1).toMatchObject({ round: 'h1_2027', value: 0.5, count: 6, n: 12, reason: null });
    expect(h1.low).toBeLessThan(0.5);
    expect(h1.high).toBeGreaterThan(0.5);
    const mean = values('netwerk-venlo', 'samenwerking')[0];
    // Ratings 5 + (3u mod 5) for u = 0…11: 83 / 12.
    expect(mean.value).toBeCloseTo(83 / 12, 10);
    expect(mean.count).toBeNull();
  });

  it('never shows a percentage under a network threshold; counts only in team mode', () => {
    for (const v of values('netwerk-horst', 'richtlijn')) {
      expect(v).toMatchObject({ value: null, n: 4, low: null, high: null, reason: 'too-few-for-percent' });
      expect(v.count).not.toBeNull();
    }
    for (const v of values('netwerk-peel', 'richtlijn'))
      expect(v).toMatchObject({ value: null, count: null, n: 6, reason: 'too-few-for-percent' });
    for (const v of values('netwerk-peel', 'samenwerking')) expect(v.value).toBeNull();
  });

  it('states the change first → last round with the evidence words of the network analysis', () => {
    const change = network('netwerk-horst').indicators.find((i) => i.key === 'samenwerking')!.change!;
    expect(change).toMatchObject({ from: 'h1_2027', to: 'h2_2027' });
    expect(['not-tested', 'not-demonstrated', 'demonstrated', 'descriptive']).toContain(change.evidence);
    // Four pairs: under the threshold the difference itself is a hidden mean.
    expect(change.difference).toBeNull();
    // A direction is concluded only with evidence.
    expect(change.direction).toBe(change.evidence === 'demonstrated' ? change.direction : 'none');
    const venlo = network('netwerk-venlo').indicators.find((i) => i.key === 'samenwerking')!.change!;
    expect(venlo.difference).not.toBeNull();
  });

  it('gives domain coverage from the cohort and the plans without naming owners', () => {
    expect(network('netwerk-venlo').domains).toEqual({ total: 5, represented: [...DOMAINS], missing: [] });
    expect(network('netwerk-horst').domains).toEqual({ total: 5, represented: DOMAINS.slice(0, 4), missing: ['verloskunde'] });
    expect(overview.domainLabels.sociaal_domein).toEqual({ nl: 'Sociaal domein' });
    expect(network('netwerk-venlo').plans).toEqual([
      {
        pointTitle: 'Richtlijn beter volgen',
        year: 2027,
        goal: 'Iedere casus volgens de richtlijn bespreken',
        indicators: [{ key: 'richtlijn', target: 0.8 }],
        actions: { 'not-started': 1, 'in-progress': 0, done: 1, dropped: 0 },
        quartersEvaluated: [1],
      },
    ]);
    expect(JSON.stringify(overview)).not.toContain('verbinder@example.nl');
    expect(network('netwerk-horst').plans).toEqual([]);
    expect(network('netwerk-horst').disclosure).toEqual({ minDenominatorForPercent: 10, minSubgroup: 5, teamMode: true });
  });
});

describe('the indicator CSV', () => {
  it('has one row per network × indicator × round, formula-safe', async () => {
    const res = await json(representative, 'GET', `/api/programmes/${PROGRAMME}/indicators.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${PROGRAMME}-indicators.csv"`);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(PROGRAMME_CSV_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(lines).toHaveLength(1 + 3 * 3 * 2);
    const venlo = lines.find((l) => l.includes('"netwerk-venlo"') && l.includes('"richtlijn"') && l.includes('"h1_2027"'))!;
    expect(venlo).toContain(',0.5,6,12,');
    // The network whose title starts with "=" is written as text, never as a formula.
    expect(lines.filter((l) => l.includes('"\'=Netwerk Peel"'))).toHaveLength(6);
    expect(lines.some((l) => l.includes('"=Netwerk'))).toBe(false);
    const horst = lines.find((l) => l.includes('"netwerk-horst"') && l.includes('"richtlijn"'))!;
    expect(horst).toMatch(/,,\d,4,,,"too-few-for-percent"$/);
  });
});

describe('the regional yearly report', () => {
  it('is the overview as HTML for a representative, and refused to a non-member', async () => {
    const res = await json(representative, 'GET', `/api/programmes/${PROGRAMME}/report`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const text of ['Regio Noord', 'Netwerk Venlo', 'Netwerk Horst']) expect(res.body).toContain(text);
    expect(res.body).not.toContain('verbinder@example.nl');
    expect((await json(representative, 'GET', `/api/programmes/${PROGRAMME}/report?lang=en`)).body).toContain('Region North');
    expect((await json(outsider, 'GET', `/api/programmes/${PROGRAMME}/report`)).statusCode).toBe(403);
    expect((await json(representative, 'GET', `/api/programmes/${PROGRAMME}/report?format=docx`)).statusCode).toBe(400);
  });

  it.skipIf(!hasChromium)(
    'prints the report as a PDF',
    async () => {
      const res = await json(representative, 'GET', `/api/programmes/${PROGRAMME}/report?format=pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${PROGRAMME}-jaarrapport.pdf"`);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    },
    60_000,
  );
});

describe('a representative at participant level', () => {
  const accessRows = () => (t.data.store.sqlite.prepare('select count(*) as n from personal_data_access').get() as { n: number }).n;

  it('is refused every study route of a network with 403 and a clear message, and nothing is logged as read', async () => {
    const before = accessRows();
    for (const url of [
      '/api/studies/netwerk-venlo/open-answers',
      '/api/studies/netwerk-venlo/participants',
      '/api/studies/netwerk-venlo/exports/contacts.csv',
      '/api/studies/netwerk-venlo/analysis',
    ]) {
      const res = await json(representative, 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.headers[GUARD_HEADER], url).toBe('representative');
      expect(res.json().details.reason).toBe('programme-representative');
      expect(res.json().details.text.nl).toContain('alleen voor het eigen team');
    }
    expect(accessRows()).toBe(before);
    // The same list read by the network's own researcher is logged: the count above could have moved.
    expect((await json(coordinator, 'GET', '/api/studies/netwerk-venlo/participants')).statusCode).toBe(200);
    expect(accessRows()).toBeGreaterThan(before);
  });

  it('still gets a 404 for a study outside the programme', async () => {
    const res = await json(representative, 'GET', '/api/studies/netwerk-anders/participants');
    expect(res.statusCode).toBe(404);
  });

  it('loses the programme when the coordinator removes a network, and the change is audit-logged', async () => {
    const removed = await json(coordinator, 'DELETE', `/api/programmes/${PROGRAMME}/studies/netwerk-peel`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().programme.networks).toHaveLength(2);
    expect((await json(representative, 'GET', '/api/studies/netwerk-peel/participants')).statusCode).toBe(404);
    expect(auditActions().at(-1)).toBe('programme.study.remove');
  });
});
