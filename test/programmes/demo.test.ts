import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_NETWORKS, DEMO_PROGRAMME, DEMO_REPRESENTATIVE_EMAIL, createDemoProgramme } from '../../server/programmes/demo.js';
import { createDemoNetworks } from '../../server/studies/demo-networks.js';

/**
 * The demo region (issue 17, deliverable 7): createDemoProgramme groups the three demo networks into
 * `imh-regio-demo` with a demo regional representative, on the networks createDemoNetworks writes.
 */
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('createDemoProgramme', () => {
  it('does nothing while there are no demo networks', async () => {
    expect(await createDemoProgramme(t.data.store.db)).toBeNull();
  });

  it('groups the demo networks and creates a representative who can log in and read them, once', async () => {
    await createDemoNetworks(t.data.store.db, t.data.secret);
    const made = await createDemoProgramme(t.data.store.db);
    expect(made).toMatchObject({
      programme: DEMO_PROGRAMME,
      networks: [...DEMO_NETWORKS],
      representative: { email: DEMO_REPRESENTATIVE_EMAIL },
    });
    expect(made!.representative!.password.replace(/-/g, '')).toHaveLength(20);
    expect(await createDemoProgramme(t.data.store.db)).toBeNull();

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: DEMO_REPRESENTATIVE_EMAIL, password: made!.representative!.password },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = `rondo_session=${login.cookies.find((c) => c.name === 'rondo_session')!.value}`;
    const list = (await t.app.inject({ url: '/api/programmes', headers: { cookie } })).json().programmes;
    expect(list.map((p: { slug: string; title: { nl: string } }) => [p.slug, p.title.nl])).toEqual([[DEMO_PROGRAMME, 'IMH-regio (demo)']]);
    const overview = (await t.app.inject({ url: `/api/programmes/${DEMO_PROGRAMME}/overview`, headers: { cookie } })).json();
    expect(overview.networks.map((n: { slug: string }) => n.slug).sort()).toEqual([...DEMO_NETWORKS].sort());
    expect((await t.app.inject({ url: '/api/studies/imh-netwerk-venlo/participants', headers: { cookie } })).statusCode).toBe(403);
  });
});
