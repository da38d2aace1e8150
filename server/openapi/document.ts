import { STATUS_CODES } from 'node:http';
import { ErrorBodySchema } from '../../model/api/common.js';
import { API_TOKEN_SCOPES } from '../../model/api/api-tokens.js';
import type { RegisteredRoute } from '../auth/guard.js';
import { SESSION_COOKIE } from '../auth/session.js';
import { TOKEN_SCOPE_ROUTES, scopesForRoute } from '../api-tokens/scopes.js';

/**
 * The OpenAPI 3.1 document of rondo's HTTP interface, generated from the routes as registered
 * (the guard's route table: method, URL, permission and TypeBox schema). TypeBox schemas are
 * JSON Schema, which OpenAPI 3.1 uses as it is (dialect 2020-12), so they go in unchanged;
 * only the shared error body becomes one component that every error response refers to.
 * Served at GET /api/openapi.json (server/routes/openapi.ts).
 */
type Json = Record<string, unknown>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Schemas kept once under components.schemas, by identity. */
const COMPONENTS = new Map<object, string>([[ErrorBodySchema, 'ErrorBody']]);

/** A TypeBox schema as plain JSON: its symbol keys dropped, shared components as `$ref`. */
function plain(schema: unknown): Json {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const name = COMPONENTS.get(v);
    if (name) return { $ref: `#/components/schemas/${name}` };
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = walk(x);
    return out;
  };
  return walk(schema) as Json;
}

/** `/api/studies/:slug/rounds/:key` → `/api/studies/{slug}/rounds/{key}`; a trailing `*` → `{path}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{path}');
}

function operationId(method: string, url: string): string {
  const words = url.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function tagOf(url: string): string {
  const m = /^\/api\/studies\/:slug\/([a-z-]+)/.exec(url) ?? /^\/api\/([a-z-]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('/r')) return 'respondent';
  return url.startsWith('/api/') ? 'api' : 'pages';
}

function parameters(route: RegisteredRoute): Json[] {
  const out: Json[] = [];
  const s = (route.schema ?? {}) as { params?: Json; querystring?: Json; headers?: Json };
  const declared = new Set<string>();
  const add = (where: 'path' | 'query' | 'header', schema: Json | undefined) => {
    const props = (schema?.properties ?? {}) as Record<string, unknown>;
    const required = new Set((schema?.required as string[] | undefined) ?? []);
    for (const [name, sub] of Object.entries(props)) {
      if (where === 'path') declared.add(name);
      const p: Json = { name, in: where, required: where === 'path' || required.has(name), schema: plain(sub) };
      if (where === 'query') Object.assign(p, { style: 'form', explode: true });
      out.push(p);
    }
  };
  add('path', s.params);
  add('query', s.querystring);
  add('header', s.headers);
  // Path parameters the route has but its schema does not name (a route without a params schema).
  for (const m of openApiPath(route.url).matchAll(/\{([^}]+)\}/g)) {
    if (!declared.has(m[1])) out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  return out;
}

/** The media type of a 2xx body: JSON, or for a text or file reply what the route sends. */
function content(url: string, schema: Json): Json | undefined {
  if (schema.type === 'null') return undefined;
  const isText = schema.type === 'string' && Object.keys(schema).length === 1;
  const isFile = Object.keys(schema).length === 0;
  if (!isText && !isFile) return { 'application/json': { schema } };
  if (url.endsWith('.csv')) return { 'text/csv': { schema: { type: 'string' } } };
  if (!url.startsWith('/api/')) return { 'text/html': { schema: { type: 'string' } } };
  // A file whose type depends on the request (a CSV, a PDF, a PNG, a zip): see Content-Type.
  return { '*/*': { schema: isText ? { type: 'string' } : {} } };
}

function responses(route: RegisteredRoute): Json {
  const declared = ((route.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {}) as Record<string, unknown>;
  const out: Json = {};
  for (const [status, schema] of Object.entries(declared)) {
    const body = plain(schema);
    const ok = /^2/.test(status);
    const description = STATUS_CODES[Number(status)] ?? status;
    const media = ok ? content(route.url, body) : { 'application/json': { schema: body } };
    out[status] = media ? { description, content: media } : { description };
  }
  // Every error of the JSON API comes from one error handler (server/app.ts) as `{ code, message,
  // details? }`: the guard's 401/403/404, validation's 400, the rate limit's 429 and the rest.
  if (route.url.startsWith('/api/')) {
    out.default = {
      description: 'An error: `{ code, message, details? }` with a code from the error registry (model/api/errors.ts).',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
  if (!Object.keys(out).some((s) => /^2/.test(s))) {
    out['200'] = {
      description: 'Success. This route declares no schema for its answer: a file or page, typed by its Content-Type.',
      content: content(route.url, {}),
    };
  }
  return out;
}

function security(route: RegisteredRoute): Json[] {
  if (!route.permission) return [];
  const session: Json = UNSAFE.has(route.method) ? { session: [], csrf: [] } : { session: [] };
  const scopes = scopesForRoute(route.method, route.url);
  return scopes.length ? [session, { bearer: [...scopes] }] : [session];
}

function operation(route: RegisteredRoute): Json {
  const scopes = scopesForRoute(route.method, route.url);
  const access = !route.permission
    ? 'Public: no login needed.'
    : `Needs permission \`${route.permission}\` in the policy table (server/auth/policy.ts). ` +
      (scopes.length ? `API tokens with scope ${scopes.map((s) => `\`${s}\``).join(' or ')} may call it.` : 'Not open to API tokens.');
  const op: Json = {
    operationId: operationId(route.method, route.url),
    tags: [tagOf(route.url)],
    description: access,
    parameters: parameters(route),
    responses: responses(route),
    security: security(route),
    'x-rondo-permission': route.permission,
    'x-rondo-token-scopes': [...scopes],
  };
  const body = (route.schema as { body?: unknown } | undefined)?.body;
  if (body) op.requestBody = { required: true, content: { 'application/json': { schema: plain(body) } } };
  return op;
}

/** The document for these routes. */
export function openApiDocument(routes: readonly RegisteredRoute[], meta: { version: string; baseUrl: string }): Json {
  const paths: Record<string, Json> = {};
  const ids = new Set<string>();
  for (const route of routes) {
    if (route.method === 'HEAD' || route.method === 'OPTIONS') continue;
    const op = operation(route);
    while (ids.has(op.operationId as string)) op.operationId = `${op.operationId}_`;
    ids.add(op.operationId as string);
    const path = openApiPath(route.url);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: op };
  }
  const scopeList = API_TOKEN_SCOPES.map((s) => `- \`${s}\`: ${TOKEN_SCOPE_ROUTES[s].join(', ')}`).join('\n');
  return {
    openapi: '3.1.0',
    info: {
      title: 'rondo',
      version: meta.version,
      description:
        'The HTTP interface of rondo. Staff routes need a session (log in with POST /api/login; unsafe methods also send ' +
        "the session's CSRF token in x-csrf-token) or, for the routes of its scopes, a personal API token " +
        '(Authorization: Bearer rondo_…; no cookie and no CSRF token). See docs/api.md.',
    },
    servers: [{ url: meta.baseUrl }],
    paths,
    components: {
      schemas: Object.fromEntries([...COMPONENTS].map(([schema, name]) => [name, JSON.parse(JSON.stringify(schema))])),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie set by POST /api/login.' },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description:
            "The session's CSRF token (answer of POST /api/login, GET /api/session): with the cookie on POST, PUT, PATCH, DELETE.",
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'rondo_ followed by 43 base64url characters',
          description:
            'A personal API token (made on the account page). It acts as its owner with no more than their study roles, ' +
            'only on the routes of its scopes:\n' +
            scopeList,
        },
      },
    },
  };
}
