import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import {
  GLOBAL_PERMISSIONS,
  PUBLIC_ROUTES,
  isProgrammePermission,
  isStudyPermission,
  programmeRoleAllows,
  roleAllows,
  type Permission,
} from '../../server/auth/policy.js';
import { GUARD_HEADER, type RegisteredRoute } from '../../server/auth/guard.js';
import { createImhStudy } from '../helpers/study.js';
import type { StudyRole } from '../../server/db/schema.js';
import type { ProgrammeRole } from '../../model/values.js';
import { addProgrammeMember, createProgramme } from '../../server/programmes/store.js';

/**
 * Walks every registered route (including routes added later by other areas) for every kind
 * of caller, in their own study and in another study, and checks the guard's answer against
 * the policy table. A route without a permission must be listed in PUBLIC_ROUTES.
 */
const OWN = '1000-kansen';
const OTHER = 'other-study';
// regional (issue 17): a programme with the own study as one of its networks, and one that no caller belongs to.
const PROGRAMME = 'matrix-regio';
const OTHER_PROGRAMME = 'other-regio';

type Caller = { name: string; role: StudyRole | null; isAdmin: boolean; programmeRole?: ProgrammeRole; login?: LoggedIn };
const callers: Caller[] = [
  { name: 'researcher', role: 'researcher', isAdmin: false },
  { name: 'trainer', role: 'trainer', isAdmin: false },
  { name: 'manager', role: 'manager', isAdmin: false },
  { name: 'admin without membership', role: null, isAdmin: true },
  { name: 'account without any study', role: null, isAdmin: false },
  // regional: reads the programme, is no member of its networks (every study route: 403, not 404).
  { name: 'regional representative', role: null, isAdmin: false, programmeRole: 'representative' },
  // regional: a researcher of a network study who coordinates the programme.
  { name: 'network connector', role: 'researcher', isAdmin: false, programmeRole: 'coordinator' },
];

type Expected = 'admit' | 'not-member' | 'role' | 'representative' | 'programme-non-member';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The global rate limit counts per address; each check comes from an address of its own so
// hundreds of requests in a second measure the guard, not the limiter.
let addresses = 0;
const nextAddress = () => `127.0.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

/** A concrete URL for a route pattern: the study slug, and ids that match nothing. */
function urlFor(route: RegisteredRoute, slug: string, programme: string): string {
  return route.url
    .replace(':slug', slug)
    .replace(':programme', programme)
    .replace(/:([A-Za-z]+)/g, (_m, name: string) => (/id$/i.test(name) ? '999999' : 'nothing'))
    .replace(/\*$/, 'x');
}

/** Whether the policy admits this caller for this permission in this study. */
function admits(permission: Permission, caller: Caller, inOwnStudy: boolean): Expected {
  if (isProgrammePermission(permission)) {
    const role = inOwnStudy ? caller.programmeRole : undefined;
    if (!role) return 'programme-non-member';
    return programmeRoleAllows(role, permission) ? 'admit' : 'role';
  }
  if (isStudyPermission(permission)) {
    // A programme member who is not a member of the network is told why, with a 403.
    if (inOwnStudy && caller.role === null && caller.programmeRole) return 'representative';
    if (!inOwnStudy || caller.role === null) return 'not-member';
    return roleAllows(caller.role, permission) ? 'admit' : 'role';
  }
  const level = GLOBAL_PERMISSIONS[permission];
  if (level === 'user') return 'admit';
  if (level === 'admin') return caller.isAdmin ? 'admit' : 'role';
  return caller.isAdmin || caller.role === 'researcher' ? 'admit' : 'role';
}

let t: TestApp;
let routes: RegisteredRoute[];

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  await createImhStudy(t.data.store.db, OTHER, { nl: 'Ander onderzoek', en: 'Other study' });
  for (const c of callers) {
    c.login = await loginAs(t, `${c.name.replace(/\W+/g, '-')}@example.nl`, { role: c.role ?? undefined, study: OWN, isAdmin: c.isAdmin });
  }
  const db = t.data.store.db;
  const by = { actor: 'system', now: new Date() };
  const programme = await createProgramme(db, { slug: PROGRAMME, title: { nl: 'Matrixregio' } }, by);
  await createProgramme(db, { slug: OTHER_PROGRAMME, title: { nl: 'Andere regio' } }, by);
  // The demo has no indicators to share: the network joins directly, as the store would let an empty programme adopt it.
  const own = await db.selectFrom('study').select('id').where('slug', '=', OWN).executeTakeFirstOrThrow();
  await db.insertInto('programme_study').values({ programme_id: programme.id, study_id: own.id, added_at: by.now.toISOString() }).execute();
  for (const c of callers.filter((x) => x.programmeRole))
    await addProgrammeMember(db, programme, `${c.name.replace(/\W+/g, '-')}@example.nl`, c.programmeRole!, by);
  routes = [...t.app.routeTable];
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the route × role matrix', () => {
  it('knows the routes of every area', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.some((r) => r.url === '/api/studies/:slug/questionnaire')).toBe(true);
  });

  // The improvement cycle (issue 17): every member reads the plan and contributes (votes, own
  // actions' status); only the network connector (researcher) changes it. The walk below checks each.
  it('guards the improvement cycle: members read and contribute, the connector writes', () => {
    const cycle = routes.filter((r) => r.url.startsWith('/api/studies/:slug/improvement'));
    const byPermission = (p: string) => cycle.filter((r) => r.permission === p).map((r) => `${r.method} ${r.url}`);
    expect(byPermission('plan:read').sort()).toEqual(['GET /api/studies/:slug/improvement', 'GET /api/studies/:slug/improvement/history']);
    expect(byPermission('plan:contribute').sort()).toEqual([
      'POST /api/studies/:slug/improvement/points/:id/vote',
      'PUT /api/studies/:slug/improvement/actions/:id/status',
    ]);
    expect(byPermission('plan:write')).toHaveLength(7);
    expect(cycle).toHaveLength(11);
    for (const role of ['researcher', 'trainer', 'manager'] as const) {
      expect(roleAllows(role, 'plan:read')).toBe(true);
      expect(roleAllows(role, 'plan:contribute')).toBe(true);
      expect(roleAllows(role, 'plan:write')).toBe(role === 'researcher');
    }
  });

  // regional (issue 17): programme routes name a programme permission (checked against
  // programme_member) or, for the list of one's own and creating one, a global one.
  it('guards the programmes: representatives read, the coordinator manages', () => {
    const programmes = routes.filter((r) => r.url.startsWith('/api/programmes'));
    const byPermission = (p: string) =>
      programmes
        .filter((r) => r.permission === p)
        .map((r) => `${r.method} ${r.url}`)
        .sort();
    expect(byPermission('programme:read')).toEqual([
      'GET /api/programmes/:programme/indicators.csv',
      'GET /api/programmes/:programme/overview',
      'GET /api/programmes/:programme/report',
    ]);
    expect(byPermission('self')).toEqual(['GET /api/programmes']);
    expect(byPermission('programmes:create')).toEqual(['POST /api/programmes']);
    expect(programmes.every((r) => r.permission !== null && !isStudyPermission(r.permission))).toBe(true);
    expect(programmeRoleAllows('representative', 'programme:manage')).toBe(false);
    expect(programmeRoleAllows('coordinator', 'programme:manage')).toBe(true);
  });

  it('leaves no route public unless it is on the public list', () => {
    const open = routes.filter((r) => r.permission === null).map((r) => `${r.method} ${r.url}`);
    const unlisted = open.filter(
      (r) => !PUBLIC_ROUTES.includes(r) && !PUBLIC_ROUTES.some((p) => p.endsWith('*') && r.startsWith(p.slice(0, -1))),
    );
    expect(unlisted, `routes without a permission that are not in PUBLIC_ROUTES:\n${unlisted.join('\n')}`).toEqual([]);
  });

  it('refuses every guarded route to a caller who is not logged in', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.permission)) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: urlFor(r, OWN, PROGRAMME),
        remoteAddress: nextAddress(),
        payload: UNSAFE.has(r.method) ? {} : undefined,
      });
      if (res.statusCode !== 401 || res.json().code !== 'UNAUTHENTICATED') wrong.push(`${r.method} ${r.url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses unsafe methods without the CSRF token, even to a researcher', async () => {
    const researcher = callers[0].login!;
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.permission && UNSAFE.has(x.method))) {
      const res = await t.app.inject({
        method: r.method as 'POST',
        url: urlFor(r, OWN, PROGRAMME),
        remoteAddress: nextAddress(),
        headers: { cookie: researcher.cookie, 'x-csrf-token': 'forged' },
        payload: {},
      });
      if (res.statusCode !== 403 || res.json().code !== 'CSRF') wrong.push(`${r.method} ${r.url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  for (const caller of callers) {
    for (const own of [true, false]) {
      it(`answers the ${caller.name} in ${own ? 'their own study' : 'another study'} as the policy says`, async () => {
        const wrong: string[] = [];
        // Logging out would end the session the other checks use; it has its own test below.
        for (const r of routes.filter((x) => x.permission && x.url !== '/api/logout')) {
          const expected = admits(r.permission!, caller, own);
          const res = await t.app.inject({
            method: r.method as 'GET',
            url: urlFor(r, own ? OWN : OTHER, own ? PROGRAMME : OTHER_PROGRAMME),
            remoteAddress: nextAddress(),
            headers: caller.login!.headers,
            payload: UNSAFE.has(r.method) ? {} : undefined,
          });
          const guard = res.headers[GUARD_HEADER];
          const named: Record<string, string> = {
            membership: 'not-member',
            role: 'role',
            representative: 'representative',
            'programme-membership': 'programme-non-member',
          };
          const got = guard ? (named[guard as string] ?? `refused (${guard})`) : 'admit';
          if (got !== expected) wrong.push(`${r.method} ${r.url} [${r.permission}]: expected ${expected}, got ${got} (${res.statusCode})`);
          if (expected === 'not-member' && (res.statusCode !== 404 || res.json().code !== 'NOT_FOUND'))
            wrong.push(`${r.method} ${r.url}: not-member must look like 404, got ${res.statusCode}`);
          if (expected === 'role' && res.statusCode !== 403)
            wrong.push(`${r.method} ${r.url}: role refusal must be 403, got ${res.statusCode}`);
          if ((expected === 'representative' || expected === 'programme-non-member') && res.statusCode !== 403)
            wrong.push(`${r.method} ${r.url}: ${expected} must be 403, got ${res.statusCode}`);
          if (expected === 'representative' && res.json().details?.reason !== 'programme-representative')
            wrong.push(`${r.method} ${r.url}: the representative's refusal must say why`);
          if (expected === 'admit' && res.statusCode >= 500)
            wrong.push(`${r.method} ${r.url}: admitted but failed with ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        expect(wrong).toEqual([]);
      });
    }
  }

  it('lets every logged-in caller log out', async () => {
    for (const c of callers) {
      const res = await t.app.inject({ method: 'POST', url: '/api/logout', remoteAddress: nextAddress(), headers: c.login!.headers });
      expect(res.statusCode, c.name).toBe(200);
    }
  });
});
