import type { StudyRole } from '../db/schema.js';
import type { ProgrammeRole } from '../../model/values.js';

/**
 * The one table that decides who may do what. Every staff route names one permission in its
 * route config (`config: { permission: 'analysis:aggregate' }`); the guard (guard.ts) checks it
 * against the caller's role in the study named by the route's `:slug`. Routes without a
 * permission are public (respondent pages, login, health) and are listed in PUBLIC_ROUTES, so a
 * test can walk every route and prove none is left open by accident.
 *
 * - researcher: everything in the study
 * - trainer: aggregated results (competence, tools, response totals) — no open text,
 *   participant lists or exports
 * - manager: published factsheets only
 * - admin (instance): accounts and creating studies; sees study content only as a member
 */
export const STUDY_PERMISSIONS = {
  /** Study title, rounds and dates: whoever is a member. */
  'study:read': ['researcher', 'trainer', 'manager'],
  /** Aggregated analysis, with small-cell suppression for non-researchers. */
  'analysis:aggregate': ['researcher', 'trainer'],
  /** Full analysis: subgroups, flags instead of suppression, attrition. */
  'analysis:full': ['researcher'],
  'open-answers:read': ['researcher'],
  'open-answers:write': ['researcher'],
  'participants:read': ['researcher'],
  'participants:write': ['researcher'],
  'study:write': ['researcher'],
  'questionnaire:read': ['researcher'],
  'questionnaire:write': ['researcher'],
  'rounds:write': ['researcher'],
  'fieldwork:read': ['researcher'],
  'fieldwork:send': ['researcher'],
  'monitor:aggregate': ['researcher', 'trainer'],
  'export:data': ['researcher'],
  'export:contacts': ['researcher'],
  'import:data': ['researcher'],
  'factsheet:compose': ['researcher'],
  'factsheet:publish': ['researcher'],
  'factsheet:published': ['researcher', 'trainer', 'manager'],
  'members:read': ['researcher'],
  'members:write': ['researcher'],
  'audit:read': ['researcher'],
  'privacy:erase': ['researcher'],
  // The improvement cycle (issue 17): the network connector (researcher) runs it; every member
  // sees the plan, votes on points and changes the status of their own actions.
  'plan:read': ['researcher', 'trainer', 'manager'],
  'plan:write': ['researcher'],
  'plan:contribute': ['researcher', 'trainer', 'manager'],
} as const satisfies Record<string, readonly StudyRole[]>;

export type StudyPermission = keyof typeof STUDY_PERMISSIONS;

/**
 * Permissions that do not concern one study. Levels: `user` any logged-in account; `creator`
 * an admin or anyone who is a researcher in at least one study; `admin` instance admins.
 */
export const GLOBAL_PERMISSIONS = {
  /** Any logged-in account: own session, own password, the list of own studies. */
  self: 'user',
  /** Start a new study (from a template, blank, or a copy of one's own study). */
  'studies:create': 'creator',
  'admin:users': 'admin',
  'admin:studies': 'admin',
  /** regional (issue 17): start a programme (the creator becomes its coordinator). */
  'programmes:create': 'creator',
} as const satisfies Record<string, 'user' | 'creator' | 'admin'>;

export type GlobalPermission = keyof typeof GLOBAL_PERMISSIONS;

/**
 * regional (issue 17): permissions in one programme (server/programmes/), checked by the guard
 * against `programme_member` for routes with `:programme`: an unknown programme is 404, a caller
 * who is not its member 403. A programme's members are not members of its network studies: the
 * guard answers a representative's request on any study route of a network with 403 (reason
 * `programme-representative`), so participants, answers, open answers, exports, contacts and
 * subgroup analyses stay with the network's own team. What they read is the overview: each
 * network's aggregated analysis under that network's disclosure settings.
 * - representative: reads the programme's overview, indicator CSV and report
 * - coordinator: the same, and adds or removes networks and members
 */
export const PROGRAMME_PERMISSIONS = {
  'programme:read': ['representative', 'coordinator'],
  'programme:manage': ['coordinator'],
} as const satisfies Record<string, readonly ProgrammeRole[]>;

export type ProgrammePermission = keyof typeof PROGRAMME_PERMISSIONS;
export type Permission = StudyPermission | GlobalPermission | ProgrammePermission;

/**
 * Routes without a permission, as `METHOD url-pattern`: reachable without logging in. The
 * route-matrix test (test/authz/route-matrix.test.ts) fails for any route that has no
 * permission and is not listed here. Respondent routes are public by design (the link token
 * is the credential).
 */
export const PUBLIC_ROUTES: readonly string[] = [
  'GET /',
  'GET /healthz',
  'POST /api/login',
  // The second login step: the half-login cookie (auth/login-challenge.ts) is its credential.
  'POST /api/login/second-factor',
  // Single sign-on: which logins the screen offers, the start at the provider and its callback.
  'GET /api/login/options',
  'GET /login/sso',
  'GET /login/sso/callback',
  // The OpenAPI document: it describes the interface and holds no data (server/routes/openapi.ts).
  'GET /api/openapi.json',
  // The staff app's HTML shell: it holds no data; its API calls are guarded.
  'GET /login',
  'GET /app',
  'GET /app/*',
  // The accessibility statement (server/statements/): public by law, holds no data.
  'GET /toegankelijkheid',
  'GET /accessibility',
  // The respondent area: the personal link token is the credential. A trailing * admits every
  // route under that prefix, so keep staff routes out of /r/.
  'GET /r',
  'GET /r/*',
  'PUT /r/*',
  'POST /r/*',
  // A published factsheet's public read-only link: the token is the credential (factsheet-share.ts).
  'GET /f/:token',
];

export function isStudyPermission(p: string): p is StudyPermission {
  return p in STUDY_PERMISSIONS;
}

export function isProgrammePermission(p: string): p is ProgrammePermission {
  return p in PROGRAMME_PERMISSIONS;
}

export function programmeRoleAllows(role: ProgrammeRole | null, permission: ProgrammePermission): boolean {
  return role !== null && (PROGRAMME_PERMISSIONS[permission] as readonly ProgrammeRole[]).includes(role);
}

export function roleAllows(role: StudyRole | null, permission: StudyPermission): boolean {
  return role !== null && (STUDY_PERMISSIONS[permission] as readonly StudyRole[]).includes(role);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs; absent means public (must be in PUBLIC_ROUTES). */
    permission?: Permission;
  }
}
