import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { signInAtProvider, startProvider, type ProviderOptions, type TestProvider } from '../helpers/oidc-provider.js';
import type { Config, OidcConfig } from '../../server/config.js';
import { createUser } from '../../server/users.js';
import { ssoCommand } from '../../server/cli/sso.js';
import { CliError } from '../../server/cli/command.js';

/**
 * Single sign-on end to end: rondo (app.inject) against real OpenID provider processes on
 * 127.0.0.1 (oidc-provider, test/helpers/oidc-provider.mjs), signed in through the provider's
 * own login form over HTTP. Each refusal must send the browser to the login screen with its
 * reason, set no session, and be in the audit log.
 */

const BASE = 'http://rondo.test';
const CLIENT: ProviderOptions = {
  clientId: 'rondo-test',
  clientSecret: 'a-client-secret-only-the-test-knows',
  redirectUri: `${BASE}/login/sso/callback`,
  postLogoutRedirectUri: `${BASE}/login`,
};
const PASSWORD = 'correct horse battery staple';

const providers: Record<'honest' | 'userinfo' | 'wrongKey' | 'wrongIssuer' | 'lateClock', TestProvider | null> = {
  honest: null,
  userinfo: null,
  wrongKey: null,
  wrongIssuer: null,
  lateClock: null,
};
const apps: TestApp[] = [];

beforeAll(async () => {
  const [honest, userinfo, wrongKey, wrongIssuer, lateClock] = await Promise.all([
    startProvider({ ...CLIENT, claimsInIdToken: true }),
    startProvider({ ...CLIENT, claimsInIdToken: false }),
    startProvider({ ...CLIENT, claimsInIdToken: true, lie: 'wrong-key' }),
    startProvider({ ...CLIENT, claimsInIdToken: true, lie: 'wrong-issuer' }),
    startProvider({ ...CLIENT, claimsInIdToken: true, lie: 'late-clock' }),
  ]);
  Object.assign(providers, { honest, userinfo, wrongKey, wrongIssuer, lateClock });
}, 60_000);

afterAll(async () => {
  await Promise.all(apps.map((t) => t.close()));
  await Promise.all(Object.values(providers).map((p) => p?.stop()));
});

/** A rondo whose single sign-on goes to `provider`, with the test's accounts. */
async function rondoFor(
  provider: TestProvider | null,
  options: Partial<OidcConfig> & { passwordLogin?: boolean } = {},
  config: Partial<Config> = {},
): Promise<TestApp> {
  const { passwordLogin, ...oidc } = options;
  const t = await buildTestApp({
    config: {
      ...config,
      baseUrl: BASE,
      passwordLogin: passwordLogin ?? true,
      oidc: {
        issuer: provider!.issuer,
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        redirectUrl: CLIENT.redirectUri,
        allowedDomains: ['ggd.example'],
        accountClaim: 'email',
        createAccounts: false,
        buttonName: 'GGD-account',
        ...oidc,
      },
    },
  });
  apps.push(t);
  for (const email of ['anna.jansen@ggd.example', 'bram@ggd.example', 'carla@elders.example', 'eva@ggd.example']) {
    await createUser(t.data.store.db, { email, password: PASSWORD });
  }
  return t;
}

let addresses = 0;
/** Each login from an address of its own, so one test's refusals do not throttle the next. */
const nextAddress = () => `10.0.0.${++addresses}`;

interface SsoAttempt {
  /** rondo's answer to the provider's redirect back. */
  res: LightMyRequestResponse;
  /** The URL the provider sent the browser back to. */
  callback: URL;
  /** The browser's `rondo_sso` cookie. */
  flowCookie: string;
  address: string;
}

/** Clicks "Inloggen met …", signs in at the provider as `login`, and comes back to rondo's callback. */
async function ssoLogin(
  t: TestApp,
  login: string,
  options: { beforeCallback?: () => void; address?: string; cancel?: boolean } = {},
): Promise<SsoAttempt> {
  const address = options.address ?? nextAddress();
  const start = await t.app.inject({ method: 'GET', url: `/login/sso?next=${encodeURIComponent('/app/studies')}`, remoteAddress: address });
  expect(start.statusCode, start.body).toBe(303);
  const flow = start.cookies.find((c) => c.name === 'rondo_sso')!;
  expect(flow.httpOnly).toBe(true);
  const callback = await signInAtProvider(start.headers.location as string, login, CLIENT.redirectUri, { cancel: options.cancel });
  options.beforeCallback?.();
  const flowCookie = `rondo_sso=${flow.value}`;
  const res = await t.app.inject({
    method: 'GET',
    url: callback.pathname + callback.search,
    headers: { cookie: flowCookie },
    remoteAddress: address,
  });
  return { res, callback, flowCookie, address };
}

const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'rondo_session' && c.value);

/** Asserts a refusal: back to the login screen with `reason`, no session, and the audit entry. */
function expectRefused(t: TestApp, res: LightMyRequestResponse, reason: string, detail?: string): void {
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe(`/login?sso=${reason}`);
  expect(sessionCookie(res)).toBeUndefined();
  const last = t.data.store.sqlite.prepare("select details from audit_log where action = 'login.failed' order by id desc limit 1").get() as
    | { details: string }
    | undefined;
  expect(last, 'a login.failed entry').toBeDefined();
  const details = JSON.parse(last!.details) as { method: string; reason: string; detail: string };
  expect(details).toMatchObject({ method: 'oidc', reason, ...(detail ? { detail } : {}) });
  // No token and no claim value reaches the audit log.
  expect(last!.details).not.toMatch(/eyJ|@/);
  expect(sessionCount(t)).toBe(0);
}

const sessionCount = (t: TestApp) => (t.data.store.sqlite.prepare('select count(*) as n from session').get() as { n: number }).n;

describe('single sign-on with OpenID Connect', () => {
  it('logs a known account in: the session works on a staff API, is audit-logged, and logout goes on to the provider', async () => {
    const t = await rondoFor(providers.honest);
    const { res } = await ssoLogin(t, 'anna');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/app/studies');
    const cookie = sessionCookie(res)!;
    expect(cookie.httpOnly).toBe(true);
    expect(res.cookies.find((c) => c.name === 'rondo_sso')?.value).toBe('');

    const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `rondo_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: 'anna.jansen@ggd.example', mustChangePassword: false });
    const login = t.data.store.sqlite.prepare("select actor, details from audit_log where action = 'login'").get() as {
      actor: string;
      details: string;
    };
    expect(JSON.parse(login.details)).toEqual({ method: 'oidc' });
    expect(t.data.store.sqlite.prepare('select count(*) as n from oidc_flow').get()).toEqual({ n: 0 });

    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie: `rondo_session=${cookie.value}`, 'x-csrf-token': me.json().csrfToken },
    });
    expect(logout.statusCode).toBe(200);
    const end = new URL(logout.json().endSessionUrl);
    expect(end.origin + end.pathname).toBe(`${providers.honest!.issuer}/session/end`);
    expect(end.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${BASE}/login`);
    // The provider accepts it: its logout page, not an error.
    const page = await fetch(end, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(/invalid_request|error/i);
    const after = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `rondo_session=${cookie.value}` } });
    expect(after.statusCode).toBe(401);
  });

  it('takes the e-mail claims from the userinfo endpoint when the ID token does not carry them', async () => {
    const t = await rondoFor(providers.userinfo);
    const { res } = await ssoLogin(t, 'anna');
    expect(res.headers.location).toBe('/app/studies');
    expect(sessionCookie(res)).toBeDefined();
  });

  it("accepts Microsoft Entra ID's tenant-verified domain (xms_edov) in place of email_verified", async () => {
    const t = await rondoFor(providers.honest);
    const { res } = await ssoLogin(t, 'eva');
    expect(res.headers.location).toBe('/app/studies');
    expect(sessionCookie(res)).toBeDefined();
  });

  it('does not ask a single sign-on session to choose a local password first', async () => {
    const t = await rondoFor(providers.honest);
    t.data.store.sqlite.prepare("update user set must_change_password = 1 where email = 'anna.jansen@ggd.example'").run();
    const { res } = await ssoLogin(t, 'anna');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/studies',
      headers: { cookie: `rondo_session=${sessionCookie(res)!.value}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it("does not ask rondo's two-step verification after single sign-on, even of an administrator where everyone must use it", async () => {
    const t = await rondoFor(providers.honest, {}, { requireTwoFactor: 'all' });
    t.data.store.sqlite.prepare("update user set is_admin = 1 where email = 'anna.jansen@ggd.example'").run();
    const { res } = await ssoLogin(t, 'anna');
    expect(res.headers.location).toBe('/app/studies');
    const users = await t.app.inject({
      method: 'GET',
      url: '/api/admin/users',
      headers: { cookie: `rondo_session=${sessionCookie(res)!.value}` },
    });
    expect(users.statusCode).toBe(200);
  });

  it('refuses ID tokens from another issuer', async () => {
    const t = await rondoFor(providers.wrongIssuer);
    const { res } = await ssoLogin(t, 'anna');
    expectRefused(t, res, 'failed', 'claim iss');
  });

  it('refuses ID tokens whose signature does not match the published keys', async () => {
    const t = await rondoFor(providers.wrongKey);
    const { res } = await ssoLogin(t, 'anna');
    expectRefused(t, res, 'failed', 'signature');
  });

  it('refuses an expired ID token', async () => {
    const t = await rondoFor(providers.lateClock);
    const { res } = await ssoLogin(t, 'anna');
    expectRefused(t, res, 'failed', 'claim exp');
  });

  it('refuses a replayed callback: the second use of the same code and state', async () => {
    const t = await rondoFor(providers.honest);
    const first = await ssoLogin(t, 'anna');
    expect(sessionCookie(first.res)).toBeDefined();
    t.data.store.sqlite.prepare('delete from session').run();
    const again = await t.app.inject({
      method: 'GET',
      url: first.callback.pathname + first.callback.search,
      headers: { cookie: first.flowCookie },
      remoteAddress: first.address,
    });
    expectRefused(t, again, 'expired', 'unknown or used flow');
  });

  it('refuses a callback in a browser that did not start the login (no flow cookie)', async () => {
    const t = await rondoFor(providers.honest);
    const start = await t.app.inject({ method: 'GET', url: '/login/sso', remoteAddress: nextAddress() });
    const callback = await signInAtProvider(start.headers.location as string, 'anna', CLIENT.redirectUri);
    const res = await t.app.inject({ method: 'GET', url: callback.pathname + callback.search, remoteAddress: nextAddress() });
    expectRefused(t, res, 'expired', 'no flow cookie');
  });

  it("refuses a code from someone else's login: its state is not this browser's (login CSRF, code injection)", async () => {
    const t = await rondoFor(providers.honest);
    // The attacker signs in and keeps the callback URL; the victim's browser has a login of its own going.
    const attackerStart = await t.app.inject({ method: 'GET', url: '/login/sso', remoteAddress: nextAddress() });
    const stolen = await signInAtProvider(attackerStart.headers.location as string, 'anna', CLIENT.redirectUri);
    const victim = await t.app.inject({ method: 'GET', url: '/login/sso', remoteAddress: nextAddress() });
    const victimFlow = victim.cookies.find((c) => c.name === 'rondo_sso')!;
    const res = await t.app.inject({
      method: 'GET',
      url: stolen.pathname + stolen.search,
      headers: { cookie: `rondo_sso=${victimFlow.value}` },
      remoteAddress: nextAddress(),
    });
    expectRefused(t, res, 'failed', 'unexpected "state" response parameter value');
  });

  it('refuses a stale login: back from the provider after more than ten minutes', async () => {
    const t = await rondoFor(providers.honest);
    const { res } = await ssoLogin(t, 'anna', { beforeCallback: () => t.setNow(new Date(Date.now() + 11 * 60_000)) });
    expectRefused(t, res, 'expired', 'stale flow');
  });

  it('says the login was cancelled when the user cancels at the provider', async () => {
    const t = await rondoFor(providers.honest);
    const { res, callback } = await ssoLogin(t, 'anna', { cancel: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expectRefused(t, res, 'cancelled', 'provider: access_denied');
  });

  it('refuses an e-mail address the provider has not verified, even of a known account', async () => {
    const t = await rondoFor(providers.honest);
    const { res } = await ssoLogin(t, 'bram');
    expectRefused(t, res, 'unverified');
  });

  it('refuses an e-mail domain that is not allowed, even of a known account', async () => {
    const t = await rondoFor(providers.honest);
    const { res } = await ssoLogin(t, 'carla');
    expectRefused(t, res, 'domain');
  });

  it('refuses an unknown user and creates no account unless configured', async () => {
    const t = await rondoFor(providers.honest);
    const { res } = await ssoLogin(t, 'dirk');
    expectRefused(t, res, 'unknown-account');
    expect(t.data.store.sqlite.prepare("select count(*) as n from user where email = 'dirk@ggd.example'").get()).toEqual({ n: 0 });
  });

  it('creates an account with no study roles for an unknown user when configured', async () => {
    const t = await rondoFor(providers.honest, { createAccounts: true });
    const { res } = await ssoLogin(t, 'dirk');
    expect(res.headers.location).toBe('/app/studies');
    const user = t.data.store.sqlite.prepare("select id, display_name, is_admin from user where email = 'dirk@ggd.example'").get() as {
      id: number;
      display_name: string;
      is_admin: number;
    };
    expect(user).toMatchObject({ display_name: 'Dirk Nieuw', is_admin: 0 });
    expect(t.data.store.sqlite.prepare('select count(*) as n from study_member where user_id = ?').get(user.id)).toEqual({ n: 0 });
    const actions = t.data.store.sqlite.prepare('select action from audit_log order by id').all() as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['user.create', 'login']);
  });

  it('refuses a disabled account', async () => {
    const t = await rondoFor(providers.honest);
    t.data.store.sqlite.prepare("update user set disabled_at = '2026-01-01T00:00:00.000Z' where email = 'anna.jansen@ggd.example'").run();
    const { res } = await ssoLogin(t, 'anna');
    expectRefused(t, res, 'disabled');
  });

  it('throttles refused logins like password logins', async () => {
    const t = await rondoFor(providers.honest);
    const address = nextAddress();
    for (let i = 0; i < 5; i++) expectRefused(t, (await ssoLogin(t, 'bram', { address })).res, 'unverified');
    const throttled = (await ssoLogin(t, 'bram', { address })).res;
    // The pair's first block is a minute (server/auth/throttle.ts); the screen says how long.
    expect(throttled.headers.location).toBe('/login?sso=throttled&wait=60');
    expect(sessionCookie(throttled)).toBeUndefined();
    // Five refusals in the audit log; the throttled attempt is not counted again.
    expect(t.data.store.sqlite.prepare("select count(*) as n from audit_log where action = 'login.failed'").get()).toEqual({ n: 5 });
  });

  it('with local login switched off: the screen offers only single sign-on and the password login refuses', async () => {
    const t = await rondoFor(providers.honest, { passwordLogin: false });
    const options = await t.app.inject({ method: 'GET', url: '/api/login/options' });
    expect(options.json()).toEqual({ password: false, sso: { name: 'GGD-account' } });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'anna.jansen@ggd.example', password: PASSWORD },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'password-login-off' } });
    expect(sessionCookie(login)).toBeUndefined();
    const { res } = await ssoLogin(t, 'anna');
    const cookie = sessionCookie(res);
    expect(cookie).toBeDefined();
    // Nor can a local password or rondo's own second factor be set up behind the screen's back.
    const headers = { cookie: `rondo_session=${cookie!.value}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/session', headers });
    const csrf = { ...headers, 'x-csrf-token': me.json().csrfToken };
    const password = await t.app.inject({
      method: 'PUT',
      url: '/api/account/password',
      headers: csrf,
      payload: { current: PASSWORD, password: 'een nieuw lang wachtwoord 42' },
    });
    expect(password.statusCode).toBe(403);
    expect(password.json()).toMatchObject({ details: { reason: 'password-login-off' } });
    const enrol = await t.app.inject({ method: 'POST', url: '/api/account/two-factor/enrolment', headers: csrf });
    expect(enrol.statusCode).toBe(403);
    expect(enrol.json()).toMatchObject({ details: { reason: 'password-login-off' } });
  });

  it('tells the login screen when single sign-on is not configured, and its routes are not there', async () => {
    const t = await buildTestApp();
    apps.push(t);
    expect((await t.app.inject({ method: 'GET', url: '/api/login/options' })).json()).toEqual({ password: true, sso: null });
    expect((await t.app.inject({ method: 'GET', url: '/login/sso' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/login/sso/callback?code=x&state=y' })).statusCode).toBe(404);
  });

  it('says the provider is unavailable when it cannot be reached, and changes nothing', async () => {
    const t = await rondoFor({ issuer: 'http://127.0.0.1:9', stop: async () => {} });
    const res = await t.app.inject({ method: 'GET', url: '/login/sso', remoteAddress: nextAddress() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?sso=unavailable');
    expect(t.data.store.sqlite.prepare('select count(*) as n from oidc_flow').get()).toEqual({ n: 0 });
  });
});

describe('rondo sso check', () => {
  const run = async (env: Record<string, string>) => {
    let out = '';
    const code = await ssoCommand
      .run(['check'], { out: (s) => (out += s), err: (s) => (out += s), env })
      .catch((err: unknown) => (err instanceof CliError ? `error ${err.exitCode}: ${err.message}` : Promise.reject(err)));
    return { code, out };
  };
  const env = (issuer: string) => ({
    RONDO_BASE_URL: BASE,
    RONDO_OIDC_ISSUER: issuer,
    RONDO_OIDC_CLIENT_ID: CLIENT.clientId,
    RONDO_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
    RONDO_OIDC_ALLOWED_DOMAINS: 'ggd.example',
  });

  it('shows what rondo will use from the provider and what to register there', async () => {
    const { code, out } = await run(env(providers.honest!.issuer));
    expect(code).toBe(0);
    expect(out).toContain(`issuer:              ${providers.honest!.issuer} (matches RONDO_OIDC_ISSUER)`);
    expect(out).toContain(`logout:              ${providers.honest!.issuer}/session/end`);
    expect(out).toContain('PKCE S256:           supported');
    expect(out).toContain(`redirect URL:        ${BASE}/login/sso/callback (register it at the provider)`);
    expect(out).toContain('unknown users:       are refused');
  });

  it('says why when the provider cannot be read', async () => {
    expect((await run(env('http://127.0.0.1:9'))).code).toMatch(/^error 1: cannot read the provider at http:\/\/127\.0\.0\.1:9: /);
    // No discovery document under this path: a typing error in the issuer.
    const typo = await run(env(`${providers.honest!.issuer}/realms/ggd`));
    expect(typo.code).toMatch(/^error 1: cannot read the provider at .*\/realms\/ggd: .*status code/);
  });

  it('says when single sign-on is not configured', async () => {
    expect((await run({})).code).toBe('error 1: single sign-on is not configured (RONDO_OIDC_ISSUER is not set)');
  });
});
