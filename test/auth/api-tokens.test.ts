import fs from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { TOKEN_REQUESTS_PER_MINUTE } from '../../server/api-tokens/bearer.js';
import { TOKEN_SCOPE_ROUTES } from '../../server/api-tokens/scopes.js';
import { GUARD_HEADER } from '../../server/auth/guard.js';
import { DB_FILE } from '../../server/db/open.js';
import { createSession } from '../../server/auth/session.js';
import type { ApiTokenScope } from '../../model/api/api-tokens.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createImhStudy } from '../helpers/study.js';

/**
 * Personal API tokens through HTTP: made on a session, used as `Authorization: Bearer` on the
 * routes of their scopes with no more than their owner's roles, refused once expired or
 * revoked, and audit-logged; the token itself is stored and logged nowhere.
 */
const BASE = '/api/studies/1000-kansen';
const OTHER = 'ander-onderzoek';

let t: TestApp;
let researcher: LoggedIn;
let researcherId: number;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  await createImhStudy(t.data.store.db, OTHER, { nl: 'Ander onderzoek', en: 'Other study' });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  researcherId = t.data.store.sqlite.prepare('select id from user where email = ?').pluck().get('onderzoeker@example.nl') as number;
}, 60_000);
afterAll(async () => t?.close());

let addresses = 0;
/** Each request from an address of its own, so the per-address limiter stays out of these tests. */
const from = () => `10.1.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

async function makeToken(login: LoggedIn, scopes: ApiTokenScope[], expiresInDays = 30, name = 'script') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/account/tokens',
    headers: login.headers,
    remoteAddress: from(),
    payload: { name, scopes, expiresInDays },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { token: string; info: { id: number; hint: string; expiresAt: string } };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers, remoteAddress: from() });
const auditRows = (action: string, target: string) =>
  t.data.store.sqlite
    .prepare('select actor, session, details from audit_log where action = ? and target = ? order by id')
    .all(action, target) as {
    actor: string;
    session: string;
    details: string;
  }[];

describe('making a token', () => {
  it('shows the token once, stores only its hash, and audit-logs the creation without the token', async () => {
    const { token, info } = await makeToken(researcher, ['analysis:read'], 90, 'Power BI');
    expect(token).toMatch(/^rondo_[A-Za-z0-9_-]{43}$/);
    expect(info).toMatchObject({
      name: 'Power BI',
      scopes: ['analysis:read'],
      status: 'active',
      lastUsedAt: null,
      hint: token.slice(0, 12),
    });
    expect(Date.parse(info.expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);

    const list = await get('/api/account/tokens', researcher.headers);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    expect(list.json().tokens.find((x: { id: number }) => x.id === info.id)).toMatchObject({ name: 'Power BI', status: 'active' });

    const stored = t.data.store.sqlite.prepare('select token_hash from api_token where id = ?').pluck().get(info.id) as string;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token.slice(6));
    const [created] = auditRows('api-token.create', `api-token:${info.id}`);
    expect(created.actor).toBe(`user:${researcherId}`);
    expect(JSON.parse(created.details)).toMatchObject({ name: 'Power BI', scopes: ['analysis:read'] });
    expect(created.details).not.toContain(token);
  });

  it('is refused to a session that must first choose its own password', async () => {
    const owner = await loginAs(t, 'nieuw@example.nl', { role: 'researcher' });
    t.data.store.sqlite.prepare("update user set must_change_password = 1 where email = 'nieuw@example.nl'").run();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/account/tokens',
      headers: owner.headers,
      payload: { name: 'x', scopes: ['analysis:read'], expiresInDays: 30 },
      remoteAddress: from(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().details).toEqual({ reason: 'account-setup' });
  });

  it('works for an account that logs in by single sign-on and never chose a local password', async () => {
    await loginAs(t, 'sso@example.nl', { role: 'researcher' });
    const userId = t.data.store.sqlite.prepare('select id from user where email = ?').pluck().get('sso@example.nl') as number;
    // Made by an administrator (a generated password to replace), then used through the provider only.
    t.data.store.sqlite.prepare('update user set must_change_password = 1 where id = ?').run(userId);
    const sso = await createSession(t.data.store.db, userId, new Date(), { method: 'oidc' });
    const headers = { cookie: `rondo_session=${sso.id}`, 'x-csrf-token': sso.csrfToken };
    const { token } = await makeToken({ cookie: headers.cookie, csrf: sso.csrfToken, headers }, ['analysis:read']);
    expect((await get(`${BASE}/analysis`, bearer(token))).statusCode).toBe(200);
  });

  it('requires an expiry of at most a year, known scopes and the CSRF token', async () => {
    const post = (payload: unknown, headers = researcher.headers) =>
      t.app.inject({ method: 'POST', url: '/api/account/tokens', headers, payload: payload as object, remoteAddress: from() });
    expect((await post({ name: 'x', scopes: ['analysis:read'] })).json().code).toBe('VALIDATION');
    expect((await post({ name: 'x', scopes: ['analysis:read'], expiresInDays: 366 })).json().code).toBe('VALIDATION');
    expect((await post({ name: 'x', scopes: ['analysis:read'], expiresInDays: 0 })).json().code).toBe('VALIDATION');
    expect((await post({ name: 'x', scopes: ['admin:users'], expiresInDays: 30 })).json().code).toBe('VALIDATION');
    expect((await post({ name: 'x', scopes: [], expiresInDays: 30 })).json().code).toBe('VALIDATION');
    expect((await post({ name: 'x', scopes: ['analysis:read'], expiresInDays: 30 }, { cookie: researcher.cookie })).json().code).toBe(
      'CSRF',
    );
  });
});

describe('using a token', () => {
  it('reads the analysis as JSON with no cookie, and records when it was last used', async () => {
    const { token, info } = await makeToken(researcher, ['analysis:read']);
    const res = await get(`${BASE}/analysis`, bearer(token));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ format: 'rondo.analysis/1', study: { slug: '1000-kansen' }, audience: 'full' });
    const used = t.data.store.sqlite.prepare('select last_used_at from api_token where id = ?').pluck().get(info.id) as string;
    expect(Date.parse(used)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('downloads an export, and the access log names the token owner and the token', async () => {
    const { token, info } = await makeToken(researcher, ['exports:read']);
    const res = await get(`${BASE}/exports/wide?openText=1`, bearer(token));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const logged = t.data.store.sqlite
      .prepare('select actor, session, kind, data from personal_data_access where session = ? order by id desc limit 1')
      .get(`api-token:${info.id}`);
    expect(logged).toEqual({ actor: `user:${researcherId}`, session: `api-token:${info.id}`, kind: 'export', data: 'open-answers' });
    const exportAudit = t.data.store.sqlite
      .prepare("select actor from audit_log where action = 'export.data' and session = ?")
      .pluck()
      .all(`api-token:${info.id}`);
    expect(exportAudit).toEqual([`user:${researcherId}`]);
  });

  it('sends unsafe requests without a CSRF token (an import dry run)', async () => {
    const { token } = await makeToken(researcher, ['imports:write']);
    const csv = 'know_where\r\n4\r\n';
    const payload = { data: Buffer.from(csv).toString('base64'), fileName: 'papier.csv', round: 'post' };
    const suggest = await t.app.inject({
      method: 'POST',
      url: `${BASE}/imports/suggest`,
      headers: bearer(token),
      payload,
      remoteAddress: from(),
    });
    expect(suggest.statusCode, suggest.body).toBe(200);
    const dry = await t.app.inject({
      method: 'POST',
      url: `${BASE}/imports/dry-run`,
      headers: bearer(token),
      payload: { ...payload, mapping: suggest.json().mapping },
      remoteAddress: from(),
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, counts: { responses: 1 } });
  });

  it('refuses a route outside its scopes with 403 TOKEN_SCOPE, whatever the owner may do', async () => {
    const { token } = await makeToken(researcher, ['analysis:read']);
    for (const url of [
      `${BASE}/exports/wide`,
      `${BASE}/exports/contacts.csv`,
      `${BASE}/open-answers`,
      '/api/account/tokens',
      '/api/session',
    ]) {
      const res = await get(url, bearer(token));
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('TOKEN_SCOPE');
      expect(res.headers[GUARD_HEADER]).toBe('token');
    }
    const mint = await t.app.inject({
      method: 'POST',
      url: '/api/account/tokens',
      headers: bearer(token),
      payload: { name: 'more', scopes: ['exports:read'], expiresInDays: 365 },
      remoteAddress: from(),
    });
    expect(mint.json().code).toBe('TOKEN_SCOPE');
  });

  it("is no way into another user's study: 404 as for a session", async () => {
    const { token } = await makeToken(researcher, ['analysis:read']);
    const res = await get(`/api/studies/${OTHER}/analysis`, bearer(token));
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    const mine = await get('/api/studies', bearer(token));
    expect(mine.json().studies.map((s: { slug: string }) => s.slug)).toEqual(['1000-kansen']);
  });

  it("gives a trainer's token the trainer's view only, and an administrator's token no administration", async () => {
    const trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
    const { token } = await makeToken(trainer, ['analysis:read', 'exports:read']);
    expect((await get(`${BASE}/analysis`, bearer(token))).json().audience).toBe('aggregate');
    const exported = await get(`${BASE}/exports/wide`, bearer(token));
    expect(exported.statusCode).toBe(403);
    expect(exported.headers[GUARD_HEADER]).toBe('role');

    const admin = await loginAs(t, 'beheer@example.nl', { isAdmin: true, role: 'researcher' });
    const adminToken = (await makeToken(admin, ['analysis:read', 'exports:read', 'imports:write', 'fieldwork:read'])).token;
    expect((await get('/api/admin/users', bearer(adminToken))).json().code).toBe('TOKEN_SCOPE');
    expect((await get('/api/admin/audit', bearer(adminToken))).json().code).toBe('TOKEN_SCOPE');
  });

  it('refuses a malformed or unknown token with 401 TOKEN_INVALID, never falling back to the session cookie', async () => {
    const { token } = await makeToken(researcher, ['analysis:read']);
    const wrong = `${token.slice(0, -4)}AAAA`;
    for (const value of [`Bearer ${wrong}`, 'Bearer nonsense', 'Bearer ', 'bearer', `Bearer ${token} extra`, 'Bearer\t']) {
      const res = await get(`${BASE}/analysis`, { authorization: value, cookie: researcher.cookie });
      expect(res.statusCode, value).toBe(401);
      expect(res.json().code, value).toBe('TOKEN_INVALID');
    }
    // Another scheme (a proxy's Basic login) is not rondo's: the cookie still counts.
    const basic = await get(`${BASE}/analysis`, { authorization: 'Basic dXNlcjpwYXNz', cookie: researcher.cookie });
    expect(basic.statusCode).toBe(200);
    // Public routes ignore the header.
    expect((await get('/healthz', { authorization: `Bearer ${wrong}` })).statusCode).toBe(200);
  });

  it(`limits one token to ${TOKEN_REQUESTS_PER_MINUTE} requests a minute, from any address`, async () => {
    const { token } = await makeToken(researcher, ['fieldwork:read']);
    for (let i = 0; i < TOKEN_REQUESTS_PER_MINUTE; i++) {
      const res = await get('/api/studies', bearer(token));
      if (res.statusCode !== 200) throw new Error(`request ${i + 1}: ${res.statusCode} ${res.body}`);
    }
    const over = await get('/api/studies', bearer(token));
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe('RATE_LIMITED');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Other tokens have their own count.
    expect((await get('/api/studies', bearer((await makeToken(researcher, ['fieldwork:read'])).token))).statusCode).toBe(200);
  });
});

describe('the end of a token', () => {
  it('refuses an expired token with 401 TOKEN_EXPIRED and audit-logs the attempt once an hour', async () => {
    // Its own account: a day later every session of the moved clock has ended too.
    const owner = await loginAs(t, 'verloopt@example.nl', { role: 'researcher' });
    const ownerId = t.data.store.sqlite.prepare('select id from user where email = ?').pluck().get('verloopt@example.nl');
    const { token, info } = await makeToken(owner, ['analysis:read'], 1);
    expect((await get(`${BASE}/analysis`, bearer(token))).statusCode).toBe(200);
    try {
      t.setNow(new Date(Date.now() + 86_400_000 + 60_000));
      for (let i = 0; i < 3; i++) {
        const res = await get(`${BASE}/analysis`, bearer(token));
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('TOKEN_EXPIRED');
      }
      const refused = auditRows('api-token.refused', `api-token:${info.id}`);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ actor: `user:${ownerId}`, session: `api-token:${info.id}` });
      expect(JSON.parse(refused[0].details)).toEqual({ reason: 'expired' });
      const listed = await get('/api/account/tokens', (await loginAs(t, 'verloopt@example.nl')).headers);
      expect(listed.json().tokens.find((x: { id: number }) => x.id === info.id).status).toBe('expired');
    } finally {
      t.setNow(new Date());
    }
  });

  it('refuses a revoked token with 401 TOKEN_REVOKED, and audit-logs the revocation and the attempt', async () => {
    const { token, info } = await makeToken(researcher, ['analysis:read']);
    expect((await get(`${BASE}/analysis`, bearer(token))).statusCode).toBe(200);
    const noCsrf = await t.app.inject({ method: 'DELETE', url: `/api/account/tokens/${info.id}`, headers: { cookie: researcher.cookie } });
    expect(noCsrf.json().code).toBe('CSRF');
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/account/tokens/${info.id}`, headers: researcher.headers });
    expect(revoked.statusCode).toBe(200);
    const res = await get(`${BASE}/analysis`, bearer(token));
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('TOKEN_REVOKED');
    expect(auditRows('api-token.revoke', `api-token:${info.id}`)).toMatchObject([{ actor: `user:${researcherId}` }]);
    expect(JSON.parse(auditRows('api-token.refused', `api-token:${info.id}`)[0].details)).toEqual({ reason: 'revoked' });
  });

  it("lets no one revoke another user's token", async () => {
    const { token, info } = await makeToken(researcher, ['analysis:read']);
    const other = await loginAs(t, 'collega@example.nl', { role: 'researcher' });
    const res = await t.app.inject({ method: 'DELETE', url: `/api/account/tokens/${info.id}`, headers: other.headers });
    expect(res.statusCode).toBe(404);
    expect((await get(`${BASE}/analysis`, bearer(token))).statusCode).toBe(200);
  });

  it('is revoked with every other token of its owner when they change their password or an administrator resets it', async () => {
    const owner = await loginAs(t, 'wisselt@example.nl', { role: 'researcher' });
    const ownerId = t.data.store.sqlite.prepare('select id from user where email = ?').pluck().get('wisselt@example.nl');
    const first = await makeToken(owner, ['analysis:read']);
    const second = await makeToken(owner, ['exports:read']);
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/account/password',
      headers: owner.headers,
      payload: { current: 'correct horse battery staple', password: 'een heel ander wachtwoord' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    for (const { token } of [first, second]) expect((await get(`${BASE}/analysis`, bearer(token))).json().code).toBe('TOKEN_REVOKED');
    expect(JSON.parse(auditRows('api-token.revoke-all', `user:${ownerId}`)[0].details)).toEqual({ reason: 'password changed', count: 2 });

    const later = await makeToken(await loginAs(t, 'wisselt@example.nl', { password: 'een heel ander wachtwoord' }), ['analysis:read']);
    const admin = await loginAs(t, 'beheerder@example.nl', { isAdmin: true });
    const reset = await t.app.inject({ method: 'POST', url: `/api/admin/users/${ownerId}/reset-password`, headers: admin.headers });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await get(`${BASE}/analysis`, bearer(later.token))).json().code).toBe('TOKEN_REVOKED');
  });

  it("stops working when its owner's account is disabled", async () => {
    const owner = await loginAs(t, 'vertrekt@example.nl', { role: 'researcher' });
    const { token } = await makeToken(owner, ['analysis:read']);
    t.data.store.sqlite.prepare("update user set disabled_at = '2026-01-01T00:00:00.000Z' where email = 'vertrekt@example.nl'").run();
    expect((await get(`${BASE}/analysis`, bearer(token))).json().code).toBe('TOKEN_INVALID');
  });
});

describe('the scope table', () => {
  it('names only registered routes that have a permission', () => {
    const guarded = new Set(t.app.routeTable.filter((r) => r.permission).map((r) => `${r.method} ${r.url}`));
    const stale = Object.values(TOKEN_SCOPE_ROUTES)
      .flat()
      .filter((r) => !guarded.has(r));
    expect(stale).toEqual([]);
  });
});

describe('secrecy', () => {
  it('writes the token into no log line and nowhere in the database files', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp(
      { config: t.config, store: t.data.store, secret: t.data.secret, version: 'test', now: () => new Date() },
      { logger: { level: 'trace', stream } },
    );
    try {
      await app.ready();
      const login = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { email: 'onderzoeker@example.nl', password: 'correct horse battery staple' },
      });
      const cookie = `rondo_session=${login.cookies.find((c) => c.name === 'rondo_session')!.value}`;
      const created = await app.inject({
        method: 'POST',
        url: '/api/account/tokens',
        headers: { cookie, 'x-csrf-token': login.json().csrfToken },
        payload: { name: 'logged?', scopes: ['analysis:read'], expiresInDays: 7 },
      });
      const token = created.json().token as string;
      expect((await app.inject({ method: 'GET', url: `${BASE}/analysis`, headers: bearer(token) })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: `${BASE}/exports`, headers: bearer(token) })).statusCode).toBe(403);
      await app.inject({
        method: 'DELETE',
        url: `/api/account/tokens/${created.json().info.id}`,
        headers: { cookie, 'x-csrf-token': login.json().csrfToken },
      });
      expect((await app.inject({ method: 'GET', url: `${BASE}/analysis`, headers: bearer(token) })).statusCode).toBe(401);
      expect(lines.length).toBeGreaterThan(5);
      const secret = token.slice('rondo_'.length);
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);

      t.data.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const files = fs.readdirSync(t.dir).filter((f) => f.startsWith(DB_FILE));
      expect(files).toContain(DB_FILE);
      for (const file of files) {
        expect(fs.readFileSync(`${t.dir}/${file}`).includes(secret), file).toBe(false);
      }
    } finally {
      await app.close();
    }
  });
});
