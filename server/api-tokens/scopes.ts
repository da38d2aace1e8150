import type { ApiTokenScope } from '../../model/api/api-tokens.js';

/**
 * The one table of what an API token may reach: each scope is a set of routes, written as
 * `METHOD url-pattern` exactly as registered. A route in no scope — every route added later
 * included, until someone adds it here — is refused to a token (403 TOKEN_SCOPE) whatever
 * its owner's role; so are the token routes themselves (a token cannot make tokens), the
 * account, member and admin routes, and the respondent area. Within a scope the owner's own
 * rights still apply: the guard checks the route's permission against the owner's role in
 * the study exactly as for a logged-in session, so a token never reaches more than its owner.
 *
 * Left out on purpose: contact and mail-merge exports and personal links (names, e-mail
 * addresses and respondents' credentials should not leave through a long-lived key), open
 * answers (respondents' own words), anything that sends mail or changes a study.
 * test/auth/api-tokens.test.ts checks that every entry is a registered, guarded route.
 */
export const TOKEN_SCOPE_ROUTES = {
  /** Aggregated results and what is needed to read them: the study, its questionnaire and catalogues. */
  'analysis:read': [
    'GET /api/studies',
    'GET /api/studies/:slug',
    'GET /api/studies/:slug/analysis',
    'GET /api/studies/:slug/dashboard',
    'GET /api/studies/:slug/questionnaire',
    'GET /api/studies/:slug/partners',
    'GET /api/studies/:slug/tools',
    'GET /api/studies/:slug/fieldwork/monitor',
    'GET /api/studies/:slug/fieldwork/monitor/:key',
    'GET /api/studies/:slug/fieldwork/patterns',
    'GET /api/studies/:slug/factsheets',
    'GET /api/studies/:slug/factsheets/:version',
    'GET /api/studies/:slug/factsheets/:version/charts/:chart',
    'GET /api/studies/:slug/groups/counts',
    'GET /api/studies/:slug/disclosure',
    'GET /api/studies/:slug/archive',
  ],
  /** The data exports for SPSS, R and Excel (pseudonymous keys; access-logged as for the screen). */
  'exports:read': [
    'GET /api/studies',
    'GET /api/studies/:slug',
    'GET /api/studies/:slug/exports',
    'GET /api/studies/:slug/exports/:format',
  ],
  /** The response import: suggest a mapping, dry-run, import, the list of imports and the saved mappings. */
  'imports:write': [
    'GET /api/studies',
    'GET /api/studies/:slug',
    'POST /api/studies/:slug/imports/suggest',
    'POST /api/studies/:slug/imports/dry-run',
    'POST /api/studies/:slug/imports',
    'GET /api/studies/:slug/imports',
    'GET /api/studies/:slug/imports/mappings',
    'PUT /api/studies/:slug/imports/mappings/:name',
    'DELETE /api/studies/:slug/imports/mappings/:name',
  ],
  /** Where fieldwork stands: rounds, mail batches, response per participant. Sends nothing. */
  'fieldwork:read': [
    'GET /api/studies',
    'GET /api/studies/:slug',
    'GET /api/studies/:slug/fieldwork',
    'GET /api/studies/:slug/fieldwork/batches',
    'GET /api/studies/:slug/fieldwork/batches/:id',
    'GET /api/studies/:slug/fieldwork/monitor',
    'GET /api/studies/:slug/fieldwork/monitor/:key',
    'GET /api/studies/:slug/fieldwork/monitor/:key/participants',
    'GET /api/studies/:slug/groups/counts',
  ],
} as const satisfies Record<ApiTokenScope, readonly string[]>;

const scopesByRoute = new Map<string, ApiTokenScope[]>();
for (const [scope, routes] of Object.entries(TOKEN_SCOPE_ROUTES) as [ApiTokenScope, readonly string[]][]) {
  for (const route of routes) scopesByRoute.set(route, [...(scopesByRoute.get(route) ?? []), scope]);
}

/** The scopes that open a route (`GET`, `/api/studies/:slug/analysis`), or [] when no token may use it. */
export function scopesForRoute(method: string, url: string): readonly ApiTokenScope[] {
  return scopesByRoute.get(`${method} ${url}`) ?? [];
}
