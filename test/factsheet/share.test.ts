import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { SLUG, studyId } from './helpers.js';

/**
 * Public read-only links to a published factsheet version, through HTTP: made and revoked by
 * researchers (audit-logged), opened without logging in, counted, never indexed, rate limited,
 * and after revocation or expiry a page that reveals nothing.
 */
describe('factsheet share links', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let manager: LoggedIn;
  const base = `/api/studies/${SLUG}`;
  const create = (who: LoggedIn, body: object, version = 1) =>
    t.app.inject({ method: 'POST', url: `${base}/factsheets/${version}/shares`, headers: who.headers, payload: body });
  const list = async () =>
    (await t.app.inject({ method: 'GET', url: `${base}/factsheets/1/shares`, headers: researcher.headers })).json().shares as {
      id: number;
      accessCount: number;
      state: string;
    }[];
  const open = (path: string) => t.app.inject({ method: 'GET', url: path, remoteAddress: `10.0.0.${Math.floor(Math.random() * 200) + 1}` });
  const auditActions = () =>
    (
      t.data.store.sqlite.prepare('select action from audit_log where study_id = ? order by id').all(studyId(t)) as { action: string }[]
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    manager = await loginAs(t, 'manager@example.nl', { role: 'manager' });
    const published = await t.app.inject({ method: 'POST', url: `${base}/factsheet/publish`, headers: researcher.headers, payload: {} });
    expect(published.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('gives a researcher an unguessable link, stored only as its hash, and logs it', async () => {
    const made = await create(researcher, { lang: 'nl', days: 30 });
    expect(made.statusCode).toBe(201);
    const { url, share } = made.json();
    const token = /\/f\/([A-Za-z0-9_-]+)$/.exec(url)![1];
    expect(Buffer.from(token, 'base64url')).toHaveLength(32); // 256 bits
    expect(share).toMatchObject({ version: 1, lang: 'nl', state: 'active', accessCount: 0 });
    const stored = t.data.store.sqlite.prepare('select token_hash from factsheet_share where id = ?').get(share.id) as {
      token_hash: string;
    };
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(t.data.store.sqlite.prepare('select * from factsheet_share').all())).not.toContain(token);
    expect(auditActions()).toContain('factsheet.share.create');
  });

  it('opens the published version without a login, not for search engines, and counts each opening', async () => {
    const { url, share } = (await create(researcher, { lang: 'en', days: 7 })).json();
    const path = new URL(url).pathname;
    for (let i = 0; i < 2; i++) {
      const page = await open(path);
      expect(page.statusCode).toBe(200);
      expect(page.headers['x-robots-tag']).toContain('noindex');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.body).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(page.body).toContain('<html lang="en">');
      expect(page.body).toContain('version 1');
    }
    expect((await list()).find((s) => s.id === share.id)?.accessCount).toBe(2);
  });

  it('refuses links from managers, for versions that do not exist, and beyond a year', async () => {
    expect((await create(manager, { lang: 'nl', days: 30 })).statusCode).toBe(403);
    expect((await create(researcher, { lang: 'nl', days: 30 }, 9)).statusCode).toBe(404);
    expect((await create(researcher, { lang: 'nl', days: 400 })).statusCode).toBe(400);
    expect((await create(researcher, { lang: 'nl', days: 0 })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `${base}/factsheets/1/shares` })).statusCode).toBe(401);
  });

  it('answers a revoked link with 410 and an expired one likewise, revealing nothing of the study', async () => {
    const revoked = (await create(researcher, { lang: 'nl', days: 30 })).json();
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `${base}/factsheets/shares/${revoked.share.id}`,
      headers: researcher.headers,
    });
    expect(gone.statusCode).toBe(200);
    expect(gone.json().state).toBe('revoked');
    expect(auditActions()).toContain('factsheet.share.revoke');
    const afterRevoke = await open(new URL(revoked.url).pathname);
    expect(afterRevoke.statusCode).toBe(410);
    expect(afterRevoke.headers['x-robots-tag']).toContain('noindex');
    expect(afterRevoke.body).toContain('Deze link werkt niet (meer)');
    for (const secret of ['1000 Kansen', 'GGD', 'Evaluatie', '62%']) expect(afterRevoke.body).not.toContain(secret);

    const expiring = (await create(researcher, { lang: 'nl', days: 1 })).json();
    expect((await open(new URL(expiring.url).pathname)).statusCode).toBe(200);
    // A day later (the session would have expired too: the link's end is moved instead of the clock).
    t.data.store.sqlite
      .prepare('update factsheet_share set expires_at = ? where id = ?')
      .run(new Date(Date.now() - 60_000).toISOString(), expiring.share.id);
    const expired = await open(new URL(expiring.url).pathname);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).not.toContain('1000 Kansen');
    expect((await list()).find((s) => s.id === expiring.share.id)?.state).toBe('expired');
    const unknown = await open(`/f/${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toBe(afterRevoke.body);
  });

  it('limits how often one address may try links', async () => {
    let last = 0;
    for (let i = 0; i < 35; i++) {
      last = (await t.app.inject({ method: 'GET', url: `/f/${'B'.repeat(43)}`, remoteAddress: '10.9.9.9' })).statusCode;
    }
    expect(last).toBe(429);
  });
});
