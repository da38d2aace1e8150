import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoNetworks, DEMO_NETWORK_SLUGS, demoMemberLines, type DemoNetworkCreated } from '../../server/studies/demo-networks.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';

/**
 * The demo network members (issue 17: "members see the plan and update their own actions"): per
 * demo network one team member who owns plan actions gets a generated password, shown once with
 * the other demo logins. Logged in with it, the member opens the network's "Verbeteren" screen,
 * reads the plan and changes the status of their own action, not the connector's.
 */
describe('the demo network member', () => {
  let t: TestApp;
  let networks: DemoNetworkCreated[];

  beforeAll(async () => {
    t = await buildTestApp();
    networks = await createDemoNetworks(t.data.store.db, t.data.secret);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const login = async (email: string, password: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/login', payload: { email, password } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'rondo_session')!;
    return { cookie: `rondo_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken as string };
  };

  it('has one login per network, printed once, and none for a network that already existed', async () => {
    expect(networks.map((n) => [n.slug, n.member?.email])).toEqual([
      ['imh-netwerk-venlo', 'netwerkteam.venlo@example.org'],
      ['imh-netwerk-horst', 'netwerkteam.horst@example.org'],
      ['imh-netwerk-peel', 'netwerkteam.peel@example.org'],
    ]);
    expect(new Set(networks.map((n) => n.member!.password)).size).toBe(3);
    const lines = demoMemberLines(networks.map((n) => ({ slug: n.slug, ...n.member! })));
    expect(lines.join('\n')).toContain(`imh-netwerk-venlo: e-mail netwerkteam.venlo@example.org  password ${networks[0].member!.password}`);
    // Not stored in plain text; the connector's account still has no password.
    const stored = t.data.store.sqlite.prepare('select email, password_hash from user order by email').all() as {
      email: string;
      password_hash: string;
    }[];
    expect(stored.every((u) => !networks.some((n) => u.password_hash.includes(n.member!.password)))).toBe(true);
    expect(stored.filter((u) => u.email.startsWith('netwerkverbinder.')).map((u) => u.password_hash)).toEqual(['!', '!', '!']);
    const again = await createDemoNetworks(t.data.store.db, t.data.secret);
    expect(again.map((n) => [n.slug, n.created, n.member])).toEqual(DEMO_NETWORK_SLUGS.map((slug) => [slug, false, undefined]));
  });

  it('logs in, opens Verbeteren, reads the plan and changes the status of their own action only', async () => {
    const venlo = networks[0];
    const headers = await login(venlo.member!.email, venlo.member!.password);
    // The study list offers the network with the member's role; the screen's route serves the app.
    const list = await t.app.inject({ method: 'GET', url: '/api/studies', headers });
    expect(list.json().studies.map((s: { slug: string; role: string }) => [s.slug, s.role])).toEqual([['imh-netwerk-venlo', 'trainer']]);
    expect((await t.app.inject({ method: 'GET', url: '/app/s/imh-netwerk-venlo/improve', headers })).statusCode).toBe(200);

    const api = '/api/studies/imh-netwerk-venlo/improvement';
    const view = await t.app.inject({ method: 'GET', url: api, headers });
    expect(view.statusCode, view.body).toBe(200);
    const state = view.json();
    expect(state.canManage).toBe(false);
    expect(state.plans).toHaveLength(1);
    const actions = state.plans[0].actions as { id: number; owner: number; status: string; version: number; description: string }[];
    const own = actions.find((a) => a.owner === state.me)!;
    const other = actions.find((a) => a.owner !== state.me)!;
    expect(own && other).toBeTruthy();

    const next = own.status === 'in-progress' ? 'done' : 'in-progress';
    const changed = await t.app.inject({
      method: 'PUT',
      url: `${api}/actions/${own.id}/status`,
      headers,
      payload: { version: own.version, status: next },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().plans[0].actions.find((a: { id: number }) => a.id === own.id).status).toBe(next);

    const refused = await t.app.inject({
      method: 'PUT',
      url: `${api}/actions/${other.id}/status`,
      headers,
      payload: { version: other.version, status: other.status === 'done' ? 'in-progress' : 'done' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details.text.nl).toEqual(expect.any(String));
    const after = (await t.app.inject({ method: 'GET', url: api, headers })).json();
    expect(after.plans[0].actions.find((a: { id: number }) => a.id === other.id).status).toBe(other.status);
    // Changing the plan itself stays the connector's.
    const edit = await t.app.inject({
      method: 'PUT',
      url: `${api}/actions/${own.id}`,
      headers,
      payload: { version: own.version + 1, description: 'Anders', owner: state.me, due: '2026-12-31', status: 'done' },
    });
    expect(edit.statusCode).toBe(403);
  });

  it("shows the connector the Quick Scan template's domain setting and the missing domain on the cohort screen", async () => {
    const connector = await loginAs(t, 'verbinder@peel.example.nl', { role: 'researcher', study: 'imh-netwerk-peel' });
    const res = await t.app.inject({ method: 'GET', url: '/api/studies/imh-netwerk-peel/cohort/domains', headers: connector.headers });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.setting).toEqual({ attribute: 'domain', roleAttribute: 'network_role', item: 'domains' });
    expect(d.items.find((i: { id: string }) => i.id === 'domains').domainsOf).toEqual(['domain']);
    expect(d.coverage.cohort.missing).toEqual(['ggz']);
  });
});
