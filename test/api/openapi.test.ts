import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN_SCOPES } from '../../model/api/api-tokens.js';
import { openApiPath } from '../../server/openapi/document.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';

/**
 * GET /api/openapi.json: an OpenAPI 3.1 document generated from the registered routes. First
 * its structure (every route in it, every `$ref` resolving, every operation answered, every
 * schema compiling), then in use: every GET the `analysis:read` scope opens is called with
 * such a token, and what comes back is checked with Ajv against the schema the document gives
 * for that status.
 */
// ajv-formats is CommonJS: under Node's ESM its default import is the module object, whose
// `default` is the plugin; under a bundler it is the plugin itself.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
  security: Record<string, string[]>[];
  'x-rondo-token-scopes': string[];
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

let t: TestApp;
let doc: { openapi: string; info: Json; paths: Record<string, Record<string, Operation>>; components: Json };

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  doc = res.json();
}, 60_000);
afterAll(async () => t?.close());

function operations(): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => [path, m, item[m]] as [string, string, Operation]),
  );
}

/** The value a JSON pointer (`#/components/schemas/ErrorBody`) names in the document, or undefined. */
function resolve(pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  let at: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !(key in at)) return undefined;
    at = (at as Json)[key];
  }
  return at;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and served without logging in', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'rondo' });
    expect(Object.keys(doc.components.securitySchemes as Json).sort()).toEqual(['bearer', 'csrf', 'session']);
  });

  it('lists every route of the app with its method', () => {
    const missing = t.app.routeTable
      .filter((r) => r.method !== 'HEAD')
      .filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(t.app.routeTable.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
    expect(doc.paths['/api/studies/{slug}/analysis'].get).toBeDefined();
    expect(doc.paths['/api/account/tokens'].post).toBeDefined();
  });

  it('resolves every $ref', () => {
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) k === '$ref' && typeof x === 'string' ? refs.push(x) : walk(x);
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(100);
    expect([...new Set(refs)].filter((r) => resolve(r) === undefined)).toEqual([]);
  });

  it('gives every operation a unique id, responses with a success among them, and its path parameters', () => {
    const ids = new Set<string>();
    const wrong: string[] = [];
    for (const [path, method, op] of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      if (ids.has(op.operationId)) wrong.push(`${name}: duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      const statuses = Object.keys(op.responses);
      if (!statuses.some((s) => /^2/.test(s))) wrong.push(`${name}: no 2xx response`);
      for (const s of statuses) if (!op.responses[s].description) wrong.push(`${name} ${s}: no description`);
      for (const m of path.matchAll(/\{([^}]+)\}/g)) {
        if (!op.parameters.some((p) => p.in === 'path' && p.name === m[1] && p.required)) wrong.push(`${name}: path parameter ${m[1]}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('states for every guarded operation how to authenticate, and which token scopes open it', () => {
    const schemes = new Set(Object.keys(doc.components.securitySchemes as Json));
    const wrong: string[] = [];
    for (const [path, method, op] of operations()) {
      const route = t.app.routeTable.find((r) => openApiPath(r.url) === path && r.method.toLowerCase() === method)!;
      const named = op.security.flatMap((s) => Object.keys(s));
      if (named.some((s) => !schemes.has(s))) wrong.push(`${method} ${path}: unknown scheme`);
      if (route.permission && !named.includes('session')) wrong.push(`${method} ${path}: guarded but no session`);
      if (!route.permission && op.security.length > 0) wrong.push(`${method} ${path}: public but asks for credentials`);
      const bearer = op.security.find((s) => s.bearer)?.bearer ?? [];
      if (bearer.join() !== op['x-rondo-token-scopes'].join()) wrong.push(`${method} ${path}: bearer scopes differ`);
      if (bearer.some((s) => !(API_TOKEN_SCOPES as readonly string[]).includes(s))) wrong.push(`${method} ${path}: unknown scope`);
    }
    expect(wrong).toEqual([]);
    expect(doc.paths['/api/studies/{slug}/analysis'].get.security).toEqual([{ session: [] }, { bearer: ['analysis:read'] }]);
    expect(doc.paths['/api/account/tokens'].post.security).toEqual([{ session: [], csrf: [] }]);
  });

  it('holds schemas that compile as JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc, 'openapi.json');
    const failed: string[] = [];
    for (const [path, method, op] of operations()) {
      const at = `openapi.json#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`;
      const pointers = [
        ...op.parameters.map((_p, i) => `${at}/parameters/${i}/schema`),
        ...Object.keys(op.requestBody?.content ?? {}).map((m) => `${at}/requestBody/content/${m.replace(/\//g, '~1')}/schema`),
        ...Object.entries(op.responses).flatMap(([s, r]) =>
          Object.keys(r.content ?? {}).map((m) => `${at}/responses/${s}/content/${m.replace(/\//g, '~1')}/schema`),
        ),
      ];
      for (const p of pointers) {
        try {
          ajv.compile({ $ref: p });
        } catch (err) {
          failed.push(`${p}: ${(err as Error).message}`);
        }
      }
    }
    expect(failed).toEqual([]);
  });
});

describe('the OpenAPI document in use', () => {
  it('describes what every analysis:read GET answers a token with', async () => {
    const researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/account/tokens',
      headers: researcher.headers,
      payload: { name: 'openapi', scopes: ['analysis:read'], expiresInDays: 1 },
    });
    const token = made.json().token as string;
    const values: Record<string, string> = { slug: '1000-kansen', key: 'pre', version: '1', chart: 'competence' };

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc, 'openapi.json');
    const checked = operations().filter(([, method, op]) => method === 'get' && op['x-rondo-token-scopes'].includes('analysis:read'));
    expect(checked.length).toBeGreaterThanOrEqual(10);
    const wrong: string[] = [];
    const answered: string[] = [];
    for (const [path, method, op] of checked) {
      const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => values[name] ?? 'x');
      const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      const status = String(res.statusCode);
      const documented = op.responses[status] ?? (res.statusCode >= 400 ? op.responses.default : undefined);
      if (!documented) {
        wrong.push(`${url}: ${status} is not documented`);
        continue;
      }
      answered.push(`${status} ${path}`);
      const type = String(res.headers['content-type'] ?? '').split(';')[0];
      const media = documented.content?.[type] ? type : documented.content?.['*/*'] ? '*/*' : null;
      if (!media) {
        wrong.push(`${url}: ${status} ${type} is not a documented media type`);
        continue;
      }
      if (type !== 'application/json') continue;
      const key = op.responses[status] ? status : 'default';
      const at = `openapi.json#/paths/${path.replace(/\//g, '~1')}/${method}/responses/${key}/content/application~1json/schema`;
      const validate = ajv.compile({ $ref: at });
      if (!validate(res.json())) wrong.push(`${url}: ${status} body does not fit: ${ajv.errorsText(validate.errors)}`);
    }
    expect(wrong).toEqual([]);
    // The demo has no published factsheet: those routes answer 404, checked against the 404
    // schema; everything else must have answered with data.
    expect(answered.filter((a) => a.startsWith('200')).length).toBeGreaterThanOrEqual(checked.length - 2);
  });
});
