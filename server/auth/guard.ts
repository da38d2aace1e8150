import crypto from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { StudyRole } from '../db/schema.js';
import { admitApiToken, bearerToken } from '../api-tokens/bearer.js';
import { ApiError, type ErrorCode } from '../errors.js';
import { findStudyForMember, findStudyId, type StoredStudy } from '../studies/repository.js';
import { findProgramme, programmeOfStudyFor, programmeRoleOf, type StoredProgramme } from '../programmes/store.js';
import type { ProgrammeRole } from '../../model/values.js';
import { archivedRefusal } from '../studies/archive-study.js';
import {
  GLOBAL_PERMISSIONS,
  isProgrammePermission,
  isStudyPermission,
  programmeRoleAllows,
  roleAllows,
  type Permission,
} from './policy.js';
import { SESSION_COOKIE, loadSession, type ActiveSession } from './session.js';

/** The study of a route's `:slug`, as the study repository reads it. */
export type StudyContext = StoredStudy;

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in staff session, or null. */
    session: ActiveSession | null;
    /** The study named by the route's :slug, once the guard has admitted the caller. */
    study: StudyContext | null;
    /** The caller's role in that study. */
    studyRole: StudyRole | null;
    /** regional: the programme named by the route's :programme, once the guard has admitted the caller. */
    programme: StoredProgramme | null;
    /** regional: the caller's role in that programme. */
    programmeRole: ProgrammeRole | null;
  }
  interface FastifyInstance {
    /** Every route as registered, with its permission: the route-matrix test walks these. */
    routeTable: RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: Permission | null;
  /** The route's schema as registered (the OpenAPI document is generated from it). */
  schema?: FastifySchema;
}

/** Header on every refusal by the guard, so tests can tell it from a handler's own 404. */
export const GUARD_HEADER = 'x-rondo-guard';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * What every route of the app shares, registered on the root so that it reaches the respondent's
 * routes as well as the staff's (server/app.ts): the request's session and study fields (null
 * until the guard admits someone), and the route table, which sees every route as it is added.
 */
async function routeRegistry(app: FastifyInstance): Promise<void> {
  app.decorateRequest('session', null);
  app.decorateRequest('study', null);
  app.decorateRequest('studyRole', null);
  app.decorateRequest('programme', null);
  app.decorateRequest('programmeRole', null);

  app.decorate('routeTable', [] as RegisteredRoute[]);
  app.addHook('onRoute', (route) => {
    // The static assets' routes (server/static-assets.ts marks its route hidden from API documents): files, not the API.
    if ((route.schema as { hide?: boolean } | undefined)?.hide) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' && route.exposeHeadRoute !== false && methods.length === 1) continue;
      app.routeTable.push({ method, url: route.url, permission: route.config?.permission ?? null, schema: route.schema });
    }
  });
}

/** The route table and the request's session and study fields, for the whole app (see routeRegistry). */
export const routeTable = fp(routeRegistry, { name: 'rondo-route-table' });

/**
 * Authentication and authorization for staff routes, from the policy table:
 * - every staff request gets `request.session` from the session cookie;
 * - a route with `config.permission` needs a session (401), the right role in the study of
 *   its `:slug` (404 when not a member, so study existence does not leak; 403 when the role
 *   is too low), and for unsafe methods the session's CSRF token in `x-csrf-token` (403).
 * Registered in the staff context (server/app.ts): the respondent's routes, reached by link
 * without a login, do not pass it. Needs routeTable on the root for the request's fields.
 */
async function guard(app: FastifyInstance): Promise<void> {
  const refuse = (reply: FastifyReply, code: ErrorCode, why: string) => {
    reply.header(GUARD_HEADER, why);
    return new ApiError(code);
  };

  // preValidation, not preHandler: a caller who may not use a route learns nothing from it,
  // not even whether its body would have been valid. Callback style with a synchronous way through for
  // a route without a permission and no session cookie (the login page, /healthz, the static assets):
  // no promise and no turn of the microtask queue each (issue 21).
  // Named, so that Fastify's printRoutes({ includeHooks: true }) tells it from the other hooks (test/respondent/api.test.ts).
  app.addHook('preValidation', function staffGuard(req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) {
    if (!req.routeOptions.config?.permission && req.cookies?.[SESSION_COOKIE] === undefined) {
      req.session = null;
      return done();
    }
    admit(req, reply).then(() => done(), done);
  });

  const admit = async (req: FastifyRequest, reply: FastifyReply) => {
    const permission = req.routeOptions.config?.permission;
    // On a guarded route an `Authorization: Bearer` API token stands in for the session
    // (server/api-tokens/); a bad one is refused here and never falls back to the cookie.
    const bearer = permission ? bearerToken(req) : null;
    if (bearer !== null) {
      const admitted = await admitApiToken(app, req, reply, bearer);
      if (typeof admitted === 'string') throw refuse(reply, admitted, 'token');
      req.session = admitted;
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      req.session = cookie ? await loadSession(app.rondo.store.db, cookie, app.rondo.now()) : null;
    }
    if (!permission) return;
    if (!req.session) throw refuse(reply, 'UNAUTHENTICATED', 'session');
    // Staff API calls come from rondo's own pages (Sec-Fetch-Site: same-origin) or are typed
    // in (none). A request another site makes the browser send — a link, a meta refresh, an
    // image — carries the session cookie (SameSite=Lax lets top-level GETs through) but says
    // cross-site or same-site: refused, so no page elsewhere can start a download of
    // participant data in a researcher's name (browsers without the header: the audit log).
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') throw refuse(reply, 'FORBIDDEN', 'cross-site');
    // CSRF protects the cookie, which a browser adds by itself; it never adds a Bearer header.
    if (bearer === null && UNSAFE.has(req.method) && !sameToken(req.headers['x-csrf-token'] as string | undefined, req.session.csrfToken)) {
      throw refuse(reply, 'CSRF', 'csrf');
    }
    // An account whose password an administrator set may only choose its own password first.
    if (req.session.user.mustChangePassword && permission !== 'self') {
      reply.header(GUARD_HEADER, 'password');
      throw new ApiError('FORBIDDEN', 'Choose your own password first.', { reason: 'must-change-password' });
    }
    // An account that must use two-factor login and has not set it up may only set it up.
    if (req.session.user.mustEnrolTwoFactor && permission !== 'self') {
      reply.header(GUARD_HEADER, 'two-factor');
      throw new ApiError('FORBIDDEN', 'Set up two-factor login first.', { reason: 'must-enrol-two-factor' });
    }
    if (isProgrammePermission(permission)) {
      const slug = (req.params as { programme?: string } | undefined)?.programme;
      if (!slug) throw new Error(`route ${req.routeOptions.url} has programme permission ${permission} but no :programme`);
      const programme = await findProgramme(app.rondo.store.db, slug);
      if (!programme) {
        reply.header(GUARD_HEADER, 'programme');
        throw new ApiError('NOT_FOUND', `There is no programme "${slug}".`, {
          reason: 'unknown-programme',
          text: { nl: `Er is geen programma "${slug}".`, en: `There is no programme "${slug}".` },
        });
      }
      const role = await programmeRoleOf(app.rondo.store.db, programme.id, req.session.user.id);
      if (role === null) {
        reply.header(GUARD_HEADER, 'programme-membership');
        throw new ApiError('FORBIDDEN', 'You are not a member of this programme.', {
          reason: 'not-programme-member',
          text: { nl: 'U bent geen lid van dit programma.', en: 'You are not a member of this programme.' },
        });
      }
      if (!programmeRoleAllows(role, permission)) throw refuse(reply, 'FORBIDDEN', 'role');
      req.programme = programme;
      req.programmeRole = role;
      return;
    }
    if (!isStudyPermission(permission)) {
      const level = GLOBAL_PERMISSIONS[permission];
      if (level === 'admin' && !req.session.user.isAdmin) throw refuse(reply, 'FORBIDDEN', 'role');
      if (level === 'creator' && !req.session.user.isAdmin && !(await isResearcherSomewhere(app, req.session.user.id))) {
        throw refuse(reply, 'FORBIDDEN', 'role');
      }
      return;
    }
    const slug = (req.params as { slug?: string } | undefined)?.slug;
    if (!slug) throw new Error(`route ${req.routeOptions.url} has study permission ${permission} but no :slug`);
    const found = await findStudyForMember(app.rondo.store.db, slug, req.session.user.id);
    if (!found) throw await notMember(app, reply, slug, req.session.user.id);
    if (!roleAllows(found.role, permission)) throw refuse(reply, 'FORBIDDEN', 'role');
    req.study = found.study;
    req.studyRole = found.role;
    // An archived study is read-only (server/studies/archive-study.ts).
    const archived = archivedRefusal(found.study, req.method, permission, req.routeOptions.config?.whileArchived);
    if (archived) throw archived;
  };
}

/**
 * A caller who is not a member of the study: 404, so study existence does not leak — except to a
 * member of a programme the study belongs to (a regional representative), who knows the network
 * and gets a 403 that says why: participant-level data stays with the network's own team.
 */
async function notMember(app: FastifyInstance, reply: FastifyReply, slug: string, userId: number): Promise<ApiError> {
  const studyId = await findStudyId(app.rondo.store.db, slug);
  const via = studyId === null ? null : await programmeOfStudyFor(app.rondo.store.db, studyId, userId);
  reply.header(GUARD_HEADER, via ? 'representative' : 'membership');
  if (!via) return new ApiError('NOT_FOUND');
  const programme = via.title.nl;
  return new ApiError(
    'FORBIDDEN',
    `As a member of the programme "${via.title.en || programme}" you see this network only in the programme's overview; ` +
      "its participants, answers, open answers and exports are for the network's own team.",
    {
      reason: 'programme-representative',
      programme: via.slug,
      text: {
        nl:
          `Als lid van het programma "${programme}" ziet u dit netwerk alleen in het overzicht van het programma; ` +
          'deelnemers, antwoorden, open antwoorden en exports van een netwerk zijn alleen voor het eigen team.',
        en:
          `As a member of the programme "${via.title.en || programme}" you see this network only in the programme's overview; ` +
          "its participants, answers, open answers and exports are for the network's own team.",
      },
    },
  );
}

async function isResearcherSomewhere(app: FastifyInstance, userId: number): Promise<boolean> {
  const row = await app.rondo.store.db
    .selectFrom('study_member')
    .select('study_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'researcher')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export default fp(guard, { name: 'rondo-guard', dependencies: ['rondo-route-table'] });
