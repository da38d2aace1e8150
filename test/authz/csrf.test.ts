import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

/** Every state-changing request needs the session's own CSRF token (route-matrix.test.ts walks all routes). */
let t: TestApp;
let a: LoggedIn;
let b: LoggedIn;
const body = { title: { nl: 'Nieuw' }, organisation: 'GGD', source: { kind: 'template', template: 'blank' } };

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  a = await loginAs(t, 'a@example.nl', { role: 'researcher' });
  b = await loginAs(t, 'b@example.nl', { role: 'researcher' });
});
afterAll(async () => t?.close());

describe('CSRF protection', () => {
  it('refuses a state-changing request without the token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/studies', headers: { cookie: a.cookie }, payload: body });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
  });

  it("refuses another session's token", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/studies',
      headers: { cookie: a.cookie, 'x-csrf-token': b.csrf },
      payload: body,
    });
    expect(res.json().code).toBe('CSRF');
  });

  it('refuses the token in a form field or query instead of the header', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/logout?csrf=${a.csrf}`, headers: { cookie: a.cookie } });
    expect(res.json().code).toBe('CSRF');
  });

  it('accepts the right token and changes nothing without it', async () => {
    const before = (t.data.store.sqlite.prepare('select count(*) n from study').get() as { n: number }).n;
    await t.app.inject({ method: 'POST', url: '/api/studies', headers: { cookie: a.cookie, 'x-csrf-token': '' }, payload: body });
    expect((t.data.store.sqlite.prepare('select count(*) n from study').get() as { n: number }).n).toBe(before);
    const ok = await t.app.inject({ method: 'POST', url: '/api/studies', headers: a.headers, payload: body });
    expect(ok.statusCode).toBe(201);
  });

  it('lets safe methods through without a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: a.cookie } })).statusCode).toBe(200);
  });
});

describe('requests another site makes the browser send', () => {
  const contacts = '/api/studies/1000-kansen/exports/contacts.csv';
  const logged = () =>
    (t.data.store.sqlite.prepare("select count(*) n from audit_log where action = 'export.contacts'").get() as { n: number }).n;

  it.each(['cross-site', 'same-site'])('refuse a participant-level download with Sec-Fetch-Site: %s, and log no export', async (site) => {
    const before = logged();
    const res = await t.app.inject({
      url: contacts,
      headers: { cookie: a.cookie, 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(res.body).not.toContain('@');
    expect(logged()).toBe(before);
  });

  it("serve the same download from rondo's own page or the address bar", async () => {
    for (const site of ['same-origin', 'none', undefined]) {
      const res = await t.app.inject({ url: contacts, headers: { cookie: a.cookie, ...(site ? { 'sec-fetch-site': site } : {}) } });
      expect(res.statusCode, String(site)).toBe(200);
    }
  });
});
