import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, enrolTwoFactor, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { totpCodeFor, totpCodeFromSecret } from '../helpers/two-factor.js';
import { loadConfig } from '../../server/config.js';
import { openSecret, twoFactorKey } from '../../server/auth/two-factor.js';
import { twoFactorCommand } from '../../server/cli/two-factor.js';
import { createUser } from '../../server/users.js';

/**
 * Two-factor login through HTTP: enrolment, the second login step with a code and with a
 * recovery code, replay, throttling, the half-logged-in state, and the policy that makes it
 * required (administrators by default, everyone with RONDO_REQUIRE_2FA=all).
 */
const PASSWORD = 'correct horse battery staple';
let t: TestApp;
let ip = 0;

beforeEach(async () => {
  t = await buildTestApp({ demo: true });
});
afterEach(async () => t?.close());

const auditActions = (userId: number): string[] =>
  t.data.store.sqlite.prepare('select action from audit_log where actor = ? order by id').pluck().all(`user:${userId}`) as string[];
const userId = (email: string): number => t.data.store.sqlite.prepare('select id from user where email = ?').pluck().get(email) as number;

async function passwordStep(email: string, remoteAddress = `10.0.0.${++ip}`) {
  return t.app.inject({ method: 'POST', url: '/api/login', payload: { email, password: PASSWORD }, remoteAddress });
}

async function secondStep(challenge: string | undefined, code: string, remoteAddress = '10.0.1.1') {
  return t.app.inject({
    method: 'POST',
    url: '/api/login/second-factor',
    cookies: challenge ? { rondo_login_2fa: challenge } : {},
    payload: { code },
    remoteAddress,
  });
}

/** A researcher who enrolled of their own accord, logged out afterwards; returns the recovery codes. */
async function enrolledResearcher(email = 'onderzoeker@example.nl'): Promise<string[]> {
  const who = await loginAs(t, email, { role: 'researcher' });
  const { recoveryCodes } = await enrolTwoFactor(t, who);
  return recoveryCodes;
}

describe('two-factor enrolment', () => {
  it('sends an administrator without it to enrolment, where nothing else is open until a correct code', async () => {
    await loginAs(t, 'someone@example.nl', { role: 'researcher' });
    await loginAs(t, 'beheer@example.nl', { isAdmin: true }); // creates the account (and enrols it)
    t.data.store.sqlite.prepare('delete from two_factor').run(); // as if it never had
    const res = await passwordStep('beheer@example.nl');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, twoFactor: 'enrol' });
    const cookie = res.cookies.find((c) => c.name === 'rondo_session')!.value;
    const admin: LoggedIn = {
      cookie: `rondo_session=${cookie}`,
      csrf: res.json().csrfToken,
      headers: { cookie: `rondo_session=${cookie}`, 'x-csrf-token': res.json().csrfToken },
    };

    const users = await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin.headers });
    expect(users.statusCode).toBe(403);
    expect(users.json().details).toEqual({ reason: 'must-enrol-two-factor' });
    const own = await t.app.inject({ method: 'GET', url: '/api/session', headers: admin.headers });
    expect(own.json().user.mustEnrolTwoFactor).toBe(true);

    const start = await t.app.inject({ method: 'POST', url: '/api/account/two-factor/enrolment', headers: admin.headers });
    expect(start.statusCode).toBe(200);
    const { secret, uri, qrSvg } = start.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 20 random bytes in base32
    expect(uri).toBe(`otpauth://totp/rondo:beheer%40example.nl?secret=${secret}&issuer=rondo&algorithm=SHA1&digits=6&period=30`);
    expect(qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/enrolment/confirm',
      headers: admin.headers,
      payload: { code: totpCodeFromSecret(t, secret, 3) },
    });
    expect(wrong.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin.headers })).statusCode).toBe(403);

    const done = await t.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/enrolment/confirm',
      headers: admin.headers,
      payload: { code: totpCodeFromSecret(t, secret) },
    });
    expect(done.statusCode).toBe(200);
    const codes = done.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    codes.forEach((c) => expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/));
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin.headers })).statusCode).toBe(200);
    expect(auditActions(userId('beheer@example.nl'))).toContain('two-factor.enable');

    // Stored: the secret sealed, the recovery codes hashed; neither readable from the database alone.
    const row = t.data.store.sqlite.prepare('select * from two_factor where user_id = ?').get(userId('beheer@example.nl')) as {
      secret_enc: string;
    };
    expect(row.secret_enc).not.toContain(secret);
    expect(openSecret(twoFactorKey(t.data.secret), userId('beheer@example.nl'), row.secret_enc).length).toBe(20);
    expect(() => openSecret(twoFactorKey(Buffer.alloc(32, 1)), userId('beheer@example.nl'), row.secret_enc)).toThrow();
    const stored = t.data.store.sqlite.prepare('select code_hash from two_factor_recovery').pluck().all() as string[];
    for (const c of codes) expect(stored.join(' ')).not.toContain(c.replace('-', ''));
  });

  it('stays an enrolment-only session across a password change', async () => {
    await createUser(t.data.store.db, { email: 'nieuw@example.nl', password: PASSWORD, isAdmin: true, mustChangePassword: true });
    const res = await passwordStep('nieuw@example.nl');
    expect(res.json()).toMatchObject({ twoFactor: 'enrol', mustChangePassword: true });
    const cookie = `rondo_session=${res.cookies.find((c) => c.name === 'rondo_session')!.value}`;
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/account/password',
      headers: { cookie, 'x-csrf-token': res.json().csrfToken },
      payload: { current: PASSWORD, password: 'a new passphrase of my own' },
    });
    expect(changed.statusCode).toBe(200);
    const session = `rondo_session=${changed.cookies.find((c) => c.name === 'rondo_session')!.value}`;
    const users = await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: { cookie: session } });
    expect(users.json().details).toEqual({ reason: 'must-enrol-two-factor' });
  });

  it('is not asked of other accounts by default, and of everyone with RONDO_REQUIRE_2FA=all', async () => {
    const first = await passwordStep((await loginAs(t, 'r@example.nl', { role: 'researcher' }), 'r@example.nl'));
    expect(first.json().twoFactor).toBeUndefined();
    expect(loadConfig({}).requireTwoFactor).toBe('admins');
    expect(loadConfig({ RONDO_REQUIRE_2FA: 'all' }).requireTwoFactor).toBe('all');
    expect(() => loadConfig({ RONDO_REQUIRE_2FA: 'nobody' })).toThrow('RONDO_REQUIRE_2FA');

    await t.close();
    t = await buildTestApp({ demo: true, config: { requireTwoFactor: 'all' } });
    await loginAs(t, 'r@example.nl', { role: 'researcher' });
    t.data.store.sqlite.prepare('delete from two_factor').run();
    const res = await passwordStep('r@example.nl');
    expect(res.json().twoFactor).toBe('enrol');
  });
});

describe('the second login step', () => {
  it('gives no session for the password alone: the half-login opens nothing but the second step', async () => {
    await enrolledResearcher();
    const res = await passwordStep('onderzoeker@example.nl');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, twoFactor: 'verify', csrfToken: '' });
    expect(res.cookies.find((c) => c.name === 'rondo_session')).toBeUndefined();
    const challenge = res.cookies.find((c) => c.name === 'rondo_login_2fa')!;
    expect(challenge).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/login' });
    expect(challenge.value).not.toBe('');
    // Sent as the session cookie, or beside none, the half-login is no session.
    for (const name of ['rondo_login_2fa', 'rondo_session']) {
      const cookies: Record<string, string> = { [name]: challenge.value };
      const session = await t.app.inject({ method: 'GET', url: '/api/session', cookies });
      expect(session.statusCode).toBe(401);
    }
    expect(t.data.store.sqlite.prepare('select count(*) from login_challenge').pluck().get()).toBe(1);
    expect(t.data.store.sqlite.prepare('select id_hash from login_challenge').pluck().get()).not.toBe(challenge.value);
  });

  it('logs in with the code of the app, and refuses the same code a second time (replay)', async () => {
    await enrolledResearcher();
    const challenge = (await passwordStep('onderzoeker@example.nl')).cookies.find((c) => c.name === 'rondo_login_2fa')!.value;
    const code = totpCodeFor(t, 'onderzoeker@example.nl');
    const ok = await secondStep(challenge, code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().csrfToken).not.toBe('');
    const session = ok.cookies.find((c) => c.name === 'rondo_session')!.value;
    expect((await t.app.inject({ method: 'GET', url: '/api/session', cookies: { rondo_session: session } })).statusCode).toBe(200);
    // The half-login is used up, and the code cannot be used for another login.
    expect((await secondStep(challenge, code)).json().details).toEqual({ reason: 'second-factor-expired' });
    const again = (await passwordStep('onderzoeker@example.nl')).cookies.find((c) => c.name === 'rondo_login_2fa')!.value;
    const replay = await secondStep(again, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'second-factor' } });
    const actions = auditActions(userId('onderzoeker@example.nl'));
    expect(actions).toContain('login.password');
    expect(actions).toContain('login.second-factor-failed');
  });

  it('logs in with a recovery code once; the same recovery code is refused afterwards', async () => {
    const codes = await enrolledResearcher();
    const login = async () => (await passwordStep('onderzoeker@example.nl')).cookies.find((c) => c.name === 'rondo_login_2fa')!.value;
    const ok = await secondStep(await login(), codes[3]!.toUpperCase());
    expect(ok.statusCode).toBe(200);
    expect(auditActions(userId('onderzoeker@example.nl'))).toContain('two-factor.recovery-code-used');
    expect((await secondStep(await login(), codes[3]!)).statusCode).toBe(401);
    const status = await t.app.inject({
      method: 'GET',
      url: '/api/account/two-factor',
      cookies: ok.cookies.reduce((a, c) => ({ ...a, [c.name]: c.value }), {}),
    });
    expect(status.json()).toEqual({ enabled: true, required: false, recoveryCodesLeft: 9 });
  });

  it('expires after 5 minutes and after 5 wrong codes: then the password is asked again', async () => {
    await enrolledResearcher();
    const now = Date.now();
    t.setNow(new Date(now));
    const first = (await passwordStep('onderzoeker@example.nl')).cookies.find((c) => c.name === 'rondo_login_2fa')!.value;
    t.setNow(new Date(now + 5 * 60_000 + 1000));
    expect((await secondStep(first, totpCodeFor(t, 'onderzoeker@example.nl'))).json().details).toEqual({ reason: 'second-factor-expired' });

    const second = (await passwordStep('onderzoeker@example.nl')).cookies.find((c) => c.name === 'rondo_login_2fa')!.value;
    for (let i = 0; i < 5; i++) expect((await secondStep(second, '000000', `10.0.2.${i}`)).json().details.reason).toBe('second-factor');
    expect((await secondStep(second, totpCodeFor(t, 'onderzoeker@example.nl'))).json().details).toEqual({
      reason: 'second-factor-expired',
    });
  });

  it('is throttled per account like the password, with Retry-After equal to the wait it states', async () => {
    await enrolledResearcher();
    let refused: Awaited<ReturnType<typeof secondStep>> | undefined;
    for (let i = 0; i < 8 && !refused; i++) {
      // A fresh half-login each time (5 wrong codes end one), all from one address.
      const challenge = (await passwordStep('onderzoeker@example.nl', '10.9.9.9')).cookies.find((c) => c.name === 'rondo_login_2fa')!.value;
      const res = await secondStep(challenge, '000000', '10.9.9.9');
      if (res.statusCode === 429) refused = res;
    }
    expect(refused, 'the sixth wrong code is throttled').toBeDefined();
    const seconds = refused!.json().details.retryAfterSeconds as number;
    expect(refused!.headers['retry-after']).toBe(String(seconds));
    expect(refused!.json().message).toContain(`${seconds} seconds`);
    expect(seconds).toBeGreaterThan(50);
  });
});

describe('turning two-factor login off and new recovery codes', () => {
  it('need the password and a current code; an administrator is then sent to enrol again', async () => {
    const admin = await loginAs(t, 'beheer@example.nl', { isAdmin: true });
    const wrongPassword = await t.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/disable',
      headers: admin.headers,
      payload: { password: 'not the password', code: totpCodeFor(t, 'beheer@example.nl') },
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(auditActions(userId('beheer@example.nl'))).toContain('two-factor.check-failed');

    const renew = await t.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/recovery-codes',
      headers: admin.headers,
      payload: { password: PASSWORD, code: totpCodeFor(t, 'beheer@example.nl') },
    });
    expect(renew.statusCode).toBe(200);
    expect(renew.json().recoveryCodes).toHaveLength(10);

    const off = await t.app.inject({
      method: 'POST',
      url: '/api/account/two-factor/disable',
      headers: admin.headers,
      payload: { password: PASSWORD, code: renew.json().recoveryCodes[0] },
    });
    expect(off.json()).toEqual({ ok: true, mustEnrolTwoFactor: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: admin.headers })).statusCode).toBe(403);
    expect(t.data.store.sqlite.prepare('select count(*) from two_factor_recovery').pluck().get()).toBe(0);
    const actions = auditActions(userId('beheer@example.nl'));
    expect(actions).toEqual(expect.arrayContaining(['two-factor.enable', 'two-factor.recovery-codes', 'two-factor.disable']));
  });
});

describe('rondo two-factor reset', () => {
  it('turns it off for an account that lost its phone and codes, ends its sessions, and the admin enrols again', async () => {
    const admin = await loginAs(t, 'beheer@example.nl', { isAdmin: true });
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), env: {} };
    expect(await twoFactorCommand.run(['reset', '--email', 'Beheer@Example.nl', '--data', t.dir], io)).toBe(0);
    expect(out.join('')).toBe('turned off two-step verification of beheer@example.nl and ended its sessions\n');
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: admin.headers })).statusCode).toBe(401);
    expect(t.data.store.sqlite.prepare('select action from audit_log where actor = ? order by id desc').pluck().get('cli')).toBe(
      'two-factor.disable',
    );
    expect((await passwordStep('beheer@example.nl')).json().twoFactor).toBe('enrol');
    await expect(twoFactorCommand.run(['reset', '--email', 'nobody@example.nl', '--data', t.dir], io)).rejects.toThrow(
      'there is no account nobody@example.nl',
    );
  });
});
