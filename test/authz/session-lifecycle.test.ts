import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../server/auth/session.js';
import { hashPassword, setScryptCostForTests, verifyPassword } from '../../server/auth/password.js';

/** Staff sessions from login to end: fixation, logout, role and password changes, expiry. */
let t: TestApp;
const PASSWORD = 'correct horse battery staple';

const whoAmI = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  `rondo_session=${res.cookies.find((c) => c.name === 'rondo_session')!.value}`;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
});
afterAll(async () => t?.close());

describe('a staff session', () => {
  it('is set as an HttpOnly, SameSite cookie with a new id at every login (no fixation)', async () => {
    const first = await loginAs(t, 'fix@example.nl', { role: 'researcher' });
    const planted = 'rondo_session=attacker-chosen-value';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { cookie: planted },
      payload: { email: 'fix@example.nl', password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'rondo_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.value).not.toBe('attacker-chosen-value');
    expect(`rondo_session=${cookie.value}`).not.toBe(first.cookie);
    expect((await whoAmI(planted)).statusCode).toBe(401);
    // Logging in again from a session: the old id is ended, the new one works.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { cookie: cookieOf(res) },
      payload: { email: 'fix@example.nl', password: PASSWORD },
    });
    expect((await whoAmI(cookieOf(res))).statusCode).toBe(401);
    expect((await whoAmI(cookieOf(again))).statusCode).toBe(200);
  });

  it('really ends at logout: the cookie no longer works, even if replayed', async () => {
    const s = await loginAs(t, 'out@example.nl', { role: 'trainer' });
    expect((await whoAmI(s.cookie)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/logout', headers: s.headers });
    expect(out.statusCode).toBe(200);
    expect((await whoAmI(s.cookie)).statusCode).toBe(401);
  });

  it("ends when a researcher changes the member's role, so the new rights apply at once", async () => {
    const researcher = await loginAs(t, 'lead@example.nl', { role: 'researcher' });
    const trainer = await loginAs(t, 'role@example.nl', { role: 'trainer' });
    const members = (await t.app.inject({ method: 'GET', url: '/api/studies/1000-kansen/members', headers: researcher.headers })).json()
      .members;
    const id = members.find((m: { email: string }) => m.email === 'role@example.nl').userId;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/studies/1000-kansen/members/${id}`,
      headers: researcher.headers,
      payload: { role: 'manager' },
    });
    expect(res.statusCode).toBe(200);
    expect((await whoAmI(trainer.cookie)).statusCode).toBe(401);
    const back = await loginAs(t, 'role@example.nl');
    expect((await whoAmI(back.cookie)).json().studies[0].role).toBe('manager');
  });

  it('ends everywhere when the password changes, and continues in a fresh session', async () => {
    const laptop = await loginAs(t, 'pw@example.nl', { role: 'researcher' });
    const phone = await loginAs(t, 'pw@example.nl');
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/account/password',
      headers: laptop.headers,
      payload: { current: PASSWORD, password: 'a brand new passphrase' },
    });
    expect(res.statusCode).toBe(200);
    expect((await whoAmI(phone.cookie)).statusCode).toBe(401);
    expect((await whoAmI(laptop.cookie)).statusCode).toBe(401);
    expect((await whoAmI(cookieOf(res))).statusCode).toBe(200);
    expect(res.json().csrfToken).not.toBe(laptop.csrf);
  });

  it('expires after two idle hours and after twelve hours in any case', async () => {
    const start = new Date('2026-11-23T08:00:00Z');
    t.setNow(start);
    const s = await loginAs(t, 'time@example.nl', { role: 'researcher' });
    t.setNow(new Date(start.getTime() + IDLE_TIMEOUT_MS - 60_000));
    expect((await whoAmI(s.cookie)).statusCode).toBe(200);
    t.setNow(new Date(start.getTime() + 2 * IDLE_TIMEOUT_MS - 120_000));
    expect((await whoAmI(s.cookie)).statusCode).toBe(200);
    t.setNow(new Date(start.getTime() + 3 * IDLE_TIMEOUT_MS));
    expect((await whoAmI(s.cookie)).statusCode).toBe(401);

    t.setNow(start);
    const busy = await loginAs(t, 'time@example.nl');
    for (let h = 1; h < 12; h++) {
      t.setNow(new Date(start.getTime() + h * 3600_000));
      expect((await whoAmI(busy.cookie)).statusCode).toBe(200);
    }
    t.setNow(new Date(start.getTime() + ABSOLUTE_TIMEOUT_MS));
    expect((await whoAmI(busy.cookie)).statusCode).toBe(401);
    t.setNow(new Date());
  });

  it('ends when an administrator disables the account', async () => {
    const admin = await loginAs(t, 'admin2@example.nl', { isAdmin: true });
    const victim = await loginAs(t, 'gone@example.nl', { role: 'trainer' });
    const id = (await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin.headers }))
      .json()
      .users.find((u: { email: string }) => u.email === 'gone@example.nl').id;
    await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: admin.headers, payload: { disabled: true } });
    expect((await whoAmI(victim.cookie)).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/login', payload: { email: 'gone@example.nl', password: PASSWORD } });
    expect(login.json().message).toBe('E-mail address or password is not correct.');
  });
});

describe('login', () => {
  it('gives the same answer for an unknown account and a wrong password', async () => {
    await loginAs(t, 'same@example.nl', { role: 'trainer' });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress: '10.0.0.1',
      payload: { email: 'nobody@example.nl', password: 'whatever it is' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress: '10.0.0.1',
      payload: { email: 'same@example.nl', password: 'whatever it is' },
    });
    expect([unknown.statusCode, wrong.statusCode]).toEqual([401, 401]);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('answers with a safe place to go afterwards, never another site', async () => {
    await loginAs(t, 'next@example.nl', { role: 'trainer' });
    const next = async (n: string) =>
      (await t.app.inject({ method: 'POST', url: '/api/login', payload: { email: 'next@example.nl', password: PASSWORD, next: n } })).json()
        .next;
    expect(await next('/app/s/1000-kansen/cohort?x=1')).toBe('/app/s/1000-kansen/cohort?x=1');
    for (const evil of [
      '//evil.example/app',
      'https://evil.example/app',
      '/\\evil.example',
      'javascript:alert(1)',
      '/app/../../evil',
      '/login',
      '/app\n/x',
    ]) {
      expect(await next(evil), evil).toMatch(/^\/app(\/|$)/);
      expect(await next(evil)).not.toContain('evil.example');
    }
  });
});

describe('the login page', () => {
  it('is the app shell for visitors and sends someone logged in straight on, only inside the app', async () => {
    expect((await t.app.inject({ url: '/login' })).headers['content-type']).toContain('text/html');
    const s = await loginAs(t, 'page@example.nl', { role: 'trainer' });
    const go = (next: string) => t.app.inject({ url: `/login?next=${encodeURIComponent(next)}`, headers: { cookie: s.cookie } });
    expect((await go('/app/account')).headers.location).toBe('/app/account');
    expect((await go('https://evil.example/')).headers.location).toBe('/app');
  });
});

describe('login throttling', () => {
  it('slows a guesser down per account and address, and lets the owner in from elsewhere', async () => {
    t.setNow(new Date('2026-11-24T08:00:00Z'));
    await loginAs(t, 'target@example.nl', { role: 'researcher' });
    const attempt = (ip: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/login', remoteAddress: ip, payload: { email: 'target@example.nl', password } });
    for (let i = 0; i < 5; i++) expect((await attempt('203.0.113.9', `guess ${i}`)).statusCode).toBe(401);
    const blocked = await attempt('203.0.113.9', PASSWORD);
    expect(blocked.statusCode).toBe(429);
    const wait = blocked.json().details.retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    // The header, the details and the message state the same wait.
    expect(blocked.headers['retry-after']).toBe(String(wait));
    expect(blocked.json().message).toContain(`${wait} seconds`);
    // The owner, at another address, is not locked out by the guesser.
    expect((await attempt('198.51.100.7', PASSWORD)).statusCode).toBe(200);
    t.setNow(new Date());
  });

  it('never locks an account for good: the wait ends by itself', async () => {
    const start = new Date('2026-11-25T08:00:00Z');
    t.setNow(start);
    await loginAs(t, 'patient@example.nl', { role: 'researcher' });
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/login',
        remoteAddress: '203.0.113.20',
        payload: { email: 'patient@example.nl', password },
      });
    let now = start.getTime();
    for (let i = 0; i < 40; i++) {
      const r = await attempt(`guess ${i}`);
      if (r.statusCode === 429) {
        now += r.json().details.retryAfterSeconds * 1000;
        expect(r.json().details.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
        t.setNow(new Date(now));
      }
    }
    now += 16 * 60_000;
    t.setNow(new Date(now));
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
    t.setNow(new Date());
  });
});

describe('passwords', () => {
  it('refuses common and short passwords and accepts a long passphrase', async () => {
    const s = await loginAs(t, 'choose@example.nl', { role: 'trainer' });
    const change = (password: string) =>
      t.app.inject({ method: 'PUT', url: '/api/account/password', headers: s.headers, payload: { current: PASSWORD, password } });
    expect((await change('password1')).json().details.reason).toBe('common');
    expect((await change('Qwerty123')).json().details.reason).toBe('common');
    expect((await change('wachtwoord')).json().details.reason).toBe('common');
    expect((await change('kort')).json().details.reason).toBe('too-short');
    expect((await change('choose@example.nl')).json().details.reason).toBe('like-email');
    expect((await change('de kat krabt de krullen van de trap, 1e verdieping')).statusCode).toBe(200);
  });

  it('asks a user whose password was set by an administrator to choose their own', async () => {
    const admin = await loginAs(t, 'admin3@example.nl', { isAdmin: true });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: admin.headers,
      payload: { email: 'nieuw@example.nl', displayName: 'Nieuw', isAdmin: false },
    });
    const password = created.json().password as string;
    expect(password).toMatch(/^[A-Za-z0-9-]{23}$/);
    const login = await t.app.inject({ method: 'POST', url: '/api/login', payload: { email: 'nieuw@example.nl', password } });
    expect(login.json().mustChangePassword).toBe(true);
    const headers = {
      cookie: `rondo_session=${login.cookies.find((c) => c.name === 'rondo_session')!.value}`,
      'x-csrf-token': login.json().csrfToken,
    };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/admin/users', headers });
    expect(blocked.json().details.reason).toBe('must-change-password');
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/account/password',
      headers,
      payload: { current: password, password: 'mijn eigen lange wachtzin' },
    });
    expect(changed.statusCode).toBe(200);
    const fresh = { cookie: `rondo_session=${changed.cookies.find((c) => c.name === 'rondo_session')!.value}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: fresh })).json().details?.reason).toBeUndefined();
  });
});

describe('password hashes', () => {
  it("are made with OWASP's scrypt cost, and an older, cheaper hash is replaced at the next login", async () => {
    await loginAs(t, 'oud@example.nl', { role: 'trainer' });
    setScryptCostForTests('production');
    onTestFinished(() => setScryptCostForTests({ N: 2 ** 14, r: 8, p: 1 }));
    expect(await hashPassword('een lange zin als wachtwoord')).toMatch(/^scrypt\$131072\$8\$1\$/);
    const salt = crypto.randomBytes(16);
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${crypto.scryptSync(PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url')}`;
    const stored = () =>
      t.data.store.sqlite.prepare("select password_hash from user where email = 'oud@example.nl'").pluck().get() as string;
    t.data.store.sqlite.prepare("update user set password_hash = ? where email = 'oud@example.nl'").run(old);
    const login = () => t.app.inject({ method: 'POST', url: '/api/login', payload: { email: 'oud@example.nl', password: PASSWORD } });
    expect((await login()).statusCode).toBe(200);
    expect(stored()).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, stored())).toBe(true);
    expect((await login()).statusCode).toBe(200);
  });
});

describe('adding people to a study', () => {
  const add = (headers: Record<string, string>, email: string) =>
    t.app.inject({ method: 'POST', url: '/api/studies/1000-kansen/members', headers, payload: { email, role: 'trainer' } });
  const memberships = (email: string) =>
    t.data.store.sqlite
      .prepare('select count(*) from study_member m join user u on u.id = m.user_id where u.email = ?')
      .pluck()
      .get(email) as number;

  it("is refused to a researcher the same way for any address, so it neither tells whether an account exists nor ends another account's sessions", async () => {
    const researcher = await loginAs(t, 'adder@example.nl', { role: 'researcher' });
    const admin = await loginAs(t, 'beheer@example.nl', { isAdmin: true });
    const known = await add(researcher.headers, 'beheer@example.nl');
    const unknown = await add(researcher.headers, 'nobody-here@example.nl');
    expect(known.statusCode).toBe(403);
    expect(known.json()).toEqual(unknown.json());
    expect(known.json().details).toEqual({ reason: 'ask-admin' });
    expect(memberships('beheer@example.nl')).toBe(0);
    expect((await whoAmI(admin.cookie)).statusCode).toBe(200);
  });

  it('is what administrators do: on the team screen by e-mail, or on the accounts screen by account', async () => {
    const admin = await loginAs(t, 'beheerder@example.nl', { role: 'researcher', isAdmin: true });
    await loginAs(t, 'nieuw-lid@example.nl');
    expect((await add(admin.headers, 'nieuw-lid@example.nl')).statusCode).toBe(201);
    expect(memberships('nieuw-lid@example.nl')).toBe(1);
    const id = t.data.store.sqlite.prepare("select id from user where email = 'nieuw-lid@example.nl'").pluck().get() as number;
    const other = await loginAs(t, 'ander-lid@example.nl');
    const otherId = t.data.store.sqlite.prepare("select id from user where email = 'ander-lid@example.nl'").pluck().get() as number;
    const byAccount = await t.app.inject({
      method: 'POST',
      url: `/api/admin/users/${otherId}/studies`,
      headers: admin.headers,
      payload: { slug: '1000-kansen', role: 'manager' },
    });
    expect(byAccount.statusCode).toBe(201);
    expect(byAccount.json()).toMatchObject({ email: 'ander-lid@example.nl', role: 'manager' });
    expect((await whoAmI(other.cookie)).statusCode).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/admin/users/${id}/studies`,
          headers: admin.headers,
          payload: { slug: '1000-kansen', role: 'manager' },
        })
      ).json().code,
    ).toBe('CONFLICT');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/admin/users/${id}/studies`,
          headers: admin.headers,
          payload: { slug: 'geen-onderzoek', role: 'manager' },
        })
      ).json().code,
    ).toBe('VALIDATION');
  });
});
