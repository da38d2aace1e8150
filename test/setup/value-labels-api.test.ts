import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

interface Row {
  code: string;
  nl: string;
  en: string;
  custom: boolean;
}

/**
 * Role labels edited in the cohort screen: stored with the study, used by the dashboard's
 * filters and the factsheet; markup or an over-long label is refused and nothing is stored.
 */
describe('value labels API', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let trainer: LoggedIn;
  const url = '/api/studies/1000-kansen/value-labels';
  const roles = async () => ((await t.app.inject({ method: 'GET', url, headers: researcher.headers })).json() as { roles: Row[] }).roles;
  const put = (body: object, who = researcher) => t.app.inject({ method: 'PUT', url, headers: who.headers, payload: body });

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
  });
  afterAll(() => t.close());

  it('lists the cohort’s role codes with their default labels', async () => {
    const r = await roles();
    expect(r.map((x) => x.code)).toEqual(['gezinscoach', 'ggd-arts', 'jgz-verpleegkundige', 'voorschoolse intern begeleider']);
    expect(r[1]).toMatchObject({ code: 'ggd-arts', nl: 'GGD-arts', en: 'GGD physician', custom: false });
  });

  it('stores a label with the study, and the dashboard filters and factsheet use it', async () => {
    expect((await put({ kind: 'roles', code: 'ggd-arts', nl: 'Jeugdarts', en: 'Youth physician' })).statusCode).toBe(200);
    expect((await roles())[1]).toMatchObject({ nl: 'Jeugdarts', en: 'Youth physician', custom: true });
    const dash = (await t.app.inject({ method: 'GET', url: '/api/studies/1000-kansen/dashboard', headers: researcher.headers })).json();
    expect(dash.filters.roleLabels['ggd-arts']).toEqual({ nl: 'Jeugdarts', en: 'Youth physician' });
    const fs = (
      await t.app.inject({ method: 'GET', url: '/api/studies/1000-kansen/factsheet/draft?lang=nl', headers: researcher.headers })
    ).json();
    const invited = fs.sentences.find((s: { key: string }) => s.key === 'research.invited').text;
    // The label, in running text in lower case as every function is there.
    expect(invited).toContain('jeugdarts');
    expect(invited).not.toContain('ggd-arts');
    expect((await put({ kind: 'roles', code: 'ggd-arts', nl: '', en: '' })).statusCode).toBe(200);
    expect((await roles())[1]).toMatchObject({ nl: 'GGD-arts', custom: false });
  });

  it('stores an organisation’s label, and the dashboard filters use it', async () => {
    const list = async () => (await t.app.inject({ method: 'GET', url, headers: researcher.headers })).json().organisations;
    const code = (await list())[0].code as string;
    expect((await list())[0]).toMatchObject({ nl: code, en: code, custom: false });
    expect((await put({ kind: 'organisations', code, nl: 'Organisatie Een', en: 'Organisation One' })).statusCode).toBe(200);
    expect((await list())[0]).toMatchObject({ code, nl: 'Organisatie Een', en: 'Organisation One', custom: true });
    const dash = (await t.app.inject({ method: 'GET', url: '/api/studies/1000-kansen/dashboard', headers: researcher.headers })).json();
    expect(dash.filters.organisations).toContain(code);
    expect(dash.filters.organisationLabels[code]).toEqual({ nl: 'Organisatie Een', en: 'Organisation One' });
    expect((await put({ kind: 'organisations', code, nl: '', en: '' })).statusCode).toBe(200);
    expect((await list())[0]).toMatchObject({ nl: code, custom: false });
  });

  for (const [name, nl, message] of [
    ['markup', '<b>Arts</b>', /platte tekst/],
    ['over 200 characters', 'a'.repeat(201), /hoogstens 200 tekens/],
  ] as const) {
    it(`refuses a label with ${name} with a clear message, and stores nothing`, async () => {
      const before = await roles();
      const res = await put({ kind: 'roles', code: 'gezinscoach', nl, en: 'Family coach' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION' });
      expect(res.json().details.text.nl).toMatch(message);
      expect(res.json().message).toBe(res.json().details.text.en);
      expect(await roles()).toEqual(before);
    });
  }

  it('lets only researchers change labels', async () => {
    expect((await put({ kind: 'roles', code: 'gezinscoach', nl: 'Coach', en: 'Coach' }, trainer)).statusCode).toBe(403);
  });
});
