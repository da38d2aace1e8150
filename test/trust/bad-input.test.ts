import crypto from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createOpenStudy, type OpenStudy } from './helpers/open-study.js';
import { completeAnswers } from './helpers/respondent.js';

/**
 * The bad-input corpus: requests an attacker, a broken client or a confused user sends, across
 * respondent, builder, cohort import, response import, export, login and API routes. Each is
 * answered with a 4xx and a clear { code, message } (HTML for link pages), never a 5xx or a
 * stack trace, and changes nothing in the database.
 *
 * Cases valid in form but dangerous in content (XSS payloads, formula-like text, SQL-looking
 * filters, redirects after login) are stored or answered and must come out inert: they have
 * tables of their own below. The authorization matrix (every route × role × study) is
 * test/authz/route-matrix.test.ts; IDOR cases here are the ones with concrete foreign ids.
 */

let t: TestApp;
let researcher: LoggedIn; // researcher of the demo and of the open study
let other: OpenStudy; // a study the researcher is not a member of
let open: OpenStudy;
let respondentCookie: string;
let answers: ReturnType<typeof completeAnswers>;
let foreignPartnerId: number;
let foreignParticipantKey: string;
let foreignInvitationId: number;
let n = 0;

/** Tables whose rows may change as a side effect of any request (sessions, throttling, logs). */
const BOOKKEEPING = new Set([
  'audit_log',
  'session',
  'login_throttle',
  'personal_data_access',
  'kysely_migration',
  'kysely_migration_lock',
]);

function digest(): string {
  const db = t.data.store.sqlite;
  const tables = (
    db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]
  ).map((r) => r.name);
  const hash = crypto.createHash('sha256');
  for (const name of tables.filter((x) => !BOOKKEEPING.has(x)))
    hash.update(name).update(JSON.stringify(db.prepare(`select * from "${name}"`).raw().all()));
  return hash.digest('hex');
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  open = await createOpenStudy(t.data.store.db, t.data.secret, { slug: 'open-study', participants: 5 });
  other = await createOpenStudy(t.data.store.db, t.data.secret, { slug: 'ander-onderzoek', participants: 3 });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  const userId = (t.data.store.sqlite.prepare("select id from user where email = 'onderzoeker@example.nl'").get() as { id: number }).id;
  t.data.store.sqlite.prepare("insert into study_member (study_id, user_id, role) values (?, ?, 'researcher')").run(open.studyId, userId);
  answers = completeAnswers(t.data.store.sqlite, open.studyId, open.roundKey);
  const opened = await t.app.inject({ url: `/r/${open.invitations[0].token}` });
  respondentCookie = `rondo_r=${opened.cookies.find((c) => c.name === 'rondo_r')!.value}`;
  foreignPartnerId = (t.data.store.sqlite.prepare('select id from partner where study_id = ? limit 1').get(other.studyId) as { id: number })
    .id;
  foreignParticipantKey = other.invitations[0].key;
  foreignInvitationId = other.invitations[0].invitationId;
});
afterAll(async () => t.close());

interface Case {
  area: 'respondent' | 'builder' | 'cohort import' | 'response import' | 'export' | 'login' | 'api';
  name: string;
  request: () => InjectOptions;
  /** The status expected when it is not simply "some 4xx". */
  status?: number;
  /** The error code expected in the JSON body. */
  code?: string;
}

/** Bodies may be thunks: they are built when the case runs, after beforeAll. */
type Lazy<T> = T | (() => T);
const now = <T>(v: Lazy<T>): T => (typeof v === 'function' ? (v as () => T)() : v);
const json =
  (
    method: InjectOptions['method'],
    url: string,
    payload: Lazy<unknown>,
    headers: () => Record<string, string> = () => researcher.headers,
  ): (() => InjectOptions) =>
  () => ({ method, url, headers: { ...headers(), 'content-type': 'application/json' }, payload: JSON.stringify(now(payload)) });
const raw =
  (
    method: InjectOptions['method'],
    url: string,
    body: Lazy<string>,
    contentType: string | null,
    headers: () => Record<string, string> = () => researcher.headers,
  ): (() => InjectOptions) =>
  () => ({ method, url, headers: { ...headers(), ...(contentType === null ? {} : { 'content-type': contentType }) }, payload: now(body) });
const get =
  (url: string, headers: () => Record<string, string> = () => researcher.headers): (() => InjectOptions) =>
  () => ({ method: 'GET', url, headers: headers() });
const asRespondent = () => ({ cookie: respondentCookie });
// A distinct client address per login case, so the login rate limit does not answer for them.
const loginFrom =
  (payload: string, contentType = 'application/json'): (() => InjectOptions) =>
  () => ({ method: 'POST', url: '/api/login', remoteAddress: `10.9.0.${++n}`, headers: { 'content-type': contentType }, payload });

const STATEMENT = '/api/studies/1000-kansen/privacy/statement';
const validStatement = JSON.stringify({ nl: 'Nieuwe privacyverklaring.', en: 'New privacy statement.' });
const submission = (extra: Record<string, unknown> = {}, cells: unknown = null) => ({
  submissionId: 'corpus-submission-0001',
  language: 'nl',
  answers: cells ?? answers,
  ...extra,
});
const cell = (c: Record<string, unknown>) => [...answers.filter((x) => x.item !== c.item), c];
const questionnaireOf = (studyId: number) =>
  JSON.parse(
    (
      t.data.store.sqlite.prepare('select definition from questionnaire_version where study_id = ? order by version desc').get(studyId) as {
        definition: string;
      }
    ).definition,
  );
const deep = (depth: number) => '{"nl":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const cohort = (csv: string, extra: Record<string, unknown> = {}) => ({
  data: b64(csv),
  fileName: 'cohort.csv',
  encoding: 'utf-8',
  delimiter: ';',
  ...extra,
});
const responseImport = (csv: string, extra: Record<string, unknown> = {}) => ({
  data: b64(csv),
  fileName: 'responses.csv',
  round: 'pre',
  mapping: {},
  ...extra,
});

const CASES: Case[] = [
  // Content-type tricks on a write that would succeed with proper JSON.
  ...(
    [
      ['application/json with a trailing tab', 'application/json\t'],
      ['application/json with a leading space', ' application/json'],
      ['application/json with trailing junk', 'application/jsonx'],
      ['application/json with a stray parameter', 'application/json; boundary=x'],
      ['APPLICATION/JSON in capitals', 'APPLICATION/JSON'],
      ['Application/Json in mixed case', 'Application/Json; charset=utf-8'],
      ['application/json declared UTF-16', 'application/json; charset=utf-16'],
      ['two media types', 'application/json, text/plain'],
      ['text/plain (a simple cross-site request)', 'text/plain'],
      ['a form post', 'application/x-www-form-urlencoded'],
      ['multipart', 'multipart/form-data; boundary=x'],
      ['a JSON-like vendor type', 'application/vnd.api+json'],
    ] as const
  ).map(
    ([name, type]): Case => ({
      area: 'api',
      name: `content type: ${name}`,
      request: raw('PUT', STATEMENT, validStatement, type),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    }),
  ),
  { area: 'api', name: 'a JSON body without a content type', request: raw('PUT', STATEMENT, validStatement, null), status: 415 },

  // Bodies of the wrong shape.
  ...['"a string"', '42', 'true', 'null', '[]', '[{"nl":"x","en":"y"}]'].map(
    (body): Case => ({
      area: 'api',
      name: `a primitive body ${body}`,
      request: raw('PUT', STATEMENT, body, 'application/json'),
      status: 400,
    }),
  ),
  { area: 'api', name: 'nesting 20,000 deep', request: raw('PUT', STATEMENT, deep(20_000), 'application/json'), status: 400 },
  {
    area: 'api',
    name: 'invalid JSON (a trailing comma)',
    request: raw('PUT', STATEMENT, '{"nl":"x",}', 'application/json'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    area: 'api',
    name: 'JSON followed by junk',
    request: raw('PUT', STATEMENT, `${validStatement} and more`, 'application/json'),
    status: 400,
    code: 'BAD_REQUEST',
  },
  { area: 'api', name: 'an empty JSON body', request: raw('PUT', STATEMENT, '', 'application/json'), status: 400 },
  {
    area: 'api',
    name: 'a body over the 256 KiB limit',
    request: json('PUT', STATEMENT, { nl: 'x'.repeat(300 * 1024), en: 'y' }),
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
  { area: 'api', name: 'an unknown field', request: json('PUT', STATEMENT, { nl: 'x', en: 'y', html: '<b>x</b>' }), status: 400 },
  { area: 'api', name: 'a number where text belongs', request: json('PUT', STATEMENT, { nl: 5, en: 'y' }), status: 400 },

  // Prototype pollution.
  {
    area: 'api',
    name: '__proto__ at the top',
    request: raw('PUT', STATEMENT, '{"__proto__":{"isAdmin":true},"nl":"a","en":"b"}', 'application/json'),
    status: 400,
  },
  {
    area: 'api',
    name: 'constructor.prototype at the top',
    request: raw('PUT', STATEMENT, '{"constructor":{"prototype":{"isAdmin":true}},"nl":"a","en":"b"}', 'application/json'),
    status: 400,
  },
  {
    area: 'builder',
    name: '__proto__ inside a study update',
    request: raw('PATCH', '/api/studies/1000-kansen', '{"title":{"__proto__":{"polluted":1},"nl":"x"}}', 'application/json'),
    status: 400,
  },
  {
    area: 'cohort import',
    name: '__proto__ inside a participant',
    request: raw(
      'POST',
      '/api/studies/1000-kansen/participants',
      '{"name":"A","email":"a@example.nl","organisation":"GGD","role":"arts","team":"","__proto__":{"x":1}}',
      'application/json',
    ),
    status: 400,
  },
  {
    area: 'respondent',
    name: '__proto__ inside an answer cell',
    request: raw(
      'POST',
      '/r/api/submit',
      () => JSON.stringify(submission()).replace('"answers":[', '"answers":[{"item":"comp_signal","sub":"","__proto__":{"x":1}},'),
      'application/json',
      asRespondent,
    ),
    status: 400,
  },

  // NUL characters, refused in every text (they break the R script and C-based readers).
  {
    area: 'builder',
    name: 'a NUL in a partner name',
    request: json('POST', '/api/studies/open-study/partners', { name: 'POH\u0000GGZ', domain: 'zorg' }),
    status: 400,
    code: 'VALIDATION',
  },
  {
    area: 'builder',
    name: 'a NUL in a study title',
    request: json('PATCH', '/api/studies/open-study', { title: { nl: 'Titel\u0000' } }),
    status: 400,
    code: 'VALIDATION',
  },
  {
    area: 'cohort import',
    name: 'a NUL in a participant name',
    request: json('POST', '/api/studies/open-study/participants', {
      name: 'A\u0000B',
      email: 'nul@example.nl',
      organisation: 'GGD',
      role: 'arts',
      team: '',
    }),
    status: 400,
    code: 'VALIDATION',
  },
  {
    area: 'api',
    name: 'a NUL in a JSON key',
    request: raw('PUT', STATEMENT, '{"nl\\u0000":"x","en":"y"}', 'application/json'),
    status: 400,
    code: 'VALIDATION',
  },
  {
    area: 'login',
    name: 'a NUL in the e-mail address',
    request: loginFrom('{"email":"admin@rondo.local\\u0000","password":"x"}'),
    status: 400,
    code: 'VALIDATION',
  },

  // Login.
  { area: 'login', name: 'no password', request: loginFrom('{"email":"admin@rondo.local"}'), status: 400 },
  { area: 'login', name: 'an operator object as e-mail', request: loginFrom('{"email":{"$gt":""},"password":"x"}'), status: 400 },
  { area: 'login', name: 'an array as password', request: loginFrom('{"email":"admin@rondo.local","password":["a","b"]}'), status: 400 },
  {
    area: 'login',
    name: 'a 2,000-character password',
    request: loginFrom(JSON.stringify({ email: 'admin@rondo.local', password: 'x'.repeat(2000) })),
    status: 400,
  },
  {
    area: 'login',
    name: 'SQL in the e-mail address',
    request: loginFrom(JSON.stringify({ email: "' OR 1=1 --", password: 'x' })),
    status: 401,
  },
  {
    area: 'login',
    name: 'an unknown field (isAdmin)',
    request: loginFrom(JSON.stringify({ email: 'a@example.nl', password: 'x', isAdmin: true })),
    status: 400,
  },
  {
    area: 'login',
    name: 'a form post (login CSRF)',
    request: loginFrom('email=a%40example.nl&password=x', 'application/x-www-form-urlencoded'),
    status: 415,
  },
  {
    area: 'login',
    name: 'next that is not text',
    request: loginFrom(JSON.stringify({ email: 'a@example.nl', password: 'x', next: { url: '//evil.example' } })),
    status: 400,
  },

  // Respondent.
  { area: 'respondent', name: 'a link token of 10 KB', request: get(`/r/${'A'.repeat(10_240)}`, () => ({})), status: 404 },
  { area: 'respondent', name: 'a link token with ../', request: get('/r/..%2F..%2Fetc%2Fpasswd', () => ({})), status: 404 },
  {
    area: 'respondent',
    name: 'a submission without a link cookie',
    request: json(
      'POST',
      '/r/api/submit',
      () => submission(),
      () => ({}),
    ),
    status: 403,
    code: 'LINK_INVALID',
  },
  {
    area: 'respondent',
    name: 'a forged link cookie',
    request: json(
      'POST',
      '/r/api/submit',
      () => submission(),
      () => ({ cookie: `rondo_r=${'x'.repeat(43)}` }),
    ),
    status: 403,
  },
  {
    area: 'respondent',
    name: 'an answer off the scale (6)',
    request: json('POST', '/r/api/submit', () => submission({}, cell({ item: 'comp_signal', sub: '', code: 6 })), asRespondent),
    status: 400,
  },
  {
    area: 'respondent',
    name: 'an answer as text "3"',
    request: json('POST', '/r/api/submit', () => submission({}, cell({ item: 'comp_signal', sub: '', code: '3' })), asRespondent),
    status: 400,
  },
  {
    area: 'respondent',
    name: 'a body naming another participant',
    request: json('POST', '/r/api/submit', () => submission({ participantId: other.invitations[0].participantId }), asRespondent),
    status: 400,
  },
  {
    area: 'respondent',
    name: 'a body naming another round',
    request: json('POST', '/r/api/submit', () => submission({ round: 'post' }), asRespondent),
    status: 400,
  },
  {
    area: 'respondent',
    name: 'an SQL-looking sub-address',
    request: json(
      'POST',
      '/r/api/submit',
      () => submission({}, cell({ item: 'collab', sub: "p1.frequency' OR '1'='1", code: 1 })),
      asRespondent,
    ),
    status: 400,
  },
  {
    area: 'respondent',
    name: 'a NUL byte in an open answer',
    request: json('POST', '/r/api/submit', () => submission({}, cell({ item: 'comp_explain', sub: '', text: 'a\u0000b' })), asRespondent),
    status: 400,
  },
  {
    area: 'respondent',
    name: 'a 2 MB submission',
    request: json(
      'POST',
      '/r/api/submit',
      () => submission({}, cell({ item: 'comp_explain', sub: '', text: 'x'.repeat(2 * 1024 * 1024) })),
      asRespondent,
    ),
    status: 413,
  },
  {
    area: 'respondent',
    name: 'a draft of 201 items',
    request: json(
      'PUT',
      '/r/api/draft',
      { language: 'nl', items: Array.from({ length: 201 }, (_, i) => `item_${i}`), answers: [] },
      asRespondent,
    ),
    status: 400,
  },
  {
    area: 'respondent',
    name: 'a submission id with ../',
    request: json('POST', '/r/api/submit', () => submission({ submissionId: '../../../../etc/passwd' }), asRespondent),
    status: 400,
  },

  // Builder.
  {
    area: 'builder',
    name: 'a study slug with ../',
    request: json('POST', '/api/studies', {
      title: { nl: 'x' },
      organisation: 'GGD',
      slug: '../../etc',
      source: { kind: 'template', template: 'imh-training' },
    }),
    status: 400,
  },
  {
    area: 'builder',
    name: 'a study copied from a study of someone else',
    request: json('POST', '/api/studies', {
      title: { nl: 'Kopie' },
      organisation: 'GGD',
      slug: 'kopie-ander',
      source: { kind: 'copy', slug: 'ander-onderzoek' },
    }),
  },
  {
    area: 'builder',
    name: 'a round key with SQL in it',
    request: json('PATCH', "/api/studies/1000-kansen/rounds/pre';drop table round;--", { label: { nl: 'x' } }),
    status: 400,
  },
  {
    area: 'builder',
    name: 'a questionnaire that is not an object',
    request: json('PUT', '/api/studies/1000-kansen/questionnaire', { definition: 'DROP TABLE answer', baseVersion: 1, baseRevision: 1 }),
  },
  {
    area: 'builder',
    name: 'a questionnaire item with a script for an id',
    request: json('PUT', '/api/studies/open-study/questionnaire', () => ({
      definition: {
        ...questionnaireOf(open.studyId),
        sections: [
          {
            key: 's',
            title: { nl: 'S', en: 'S' },
            items: [{ id: '<script>', type: 'text', measure: 'open', required: false, rounds: ['pre'], text: { nl: 'x', en: 'x' } }],
          },
        ],
      },
      baseVersion: 1,
      baseRevision: 1,
    })),
  },
  {
    area: 'builder',
    name: 'a questionnaire saved on a stale base version',
    request: json('PUT', '/api/studies/1000-kansen/questionnaire', { definition: {}, baseVersion: 999, baseRevision: 1 }),
  },
  {
    area: 'builder',
    name: 'a partner name of 121 characters',
    request: json('POST', '/api/studies/1000-kansen/partners', { name: 'x'.repeat(121), domain: '' }),
    status: 400,
  },
  {
    area: 'builder',
    name: "deleting another study's partner through one's own study (IDOR)",
    request: () => ({ method: 'DELETE', url: `/api/studies/1000-kansen/partners/${foreignPartnerId}`, headers: researcher.headers }),
  },
  {
    area: 'builder',
    name: 'a member with a role that does not exist',
    request: json('POST', '/api/studies/1000-kansen/members', { email: 'x@example.nl', role: 'admin' }),
    status: 400,
  },
  {
    area: 'builder',
    name: 'a mail template with an unknown placeholder',
    request: json('PUT', '/api/studies/open-study/fieldwork/templates/invitation/nl', {
      subject: 'Hallo {{naam}}',
      body: '{{link}} {{password}}',
    }),
  },
  {
    area: 'builder',
    name: 'a test mail to two addresses (header injection)',
    request: json('POST', '/api/studies/open-study/fieldwork/test-mail', { to: 'a@example.nl\r\nBcc: all@example.nl' }),
  },

  // Cohort import and participants.
  {
    area: 'cohort import',
    name: 'a participant e-mail with CRLF and a second recipient',
    request: json('POST', '/api/studies/1000-kansen/participants', {
      name: 'A',
      email: 'a@example.nl\r\nBcc: b@example.nl',
      organisation: 'GGD',
      role: 'arts',
      team: '',
    }),
  },
  {
    area: 'cohort import',
    name: 'a participant name that is a spreadsheet formula',
    request: json('POST', '/api/studies/1000-kansen/participants', {
      name: '=HYPERLINK("http://evil.example","klik")',
      email: 'f@example.nl',
      organisation: 'GGD',
      role: 'arts',
      team: '',
    }),
    status: 400,
  },
  {
    area: 'cohort import',
    name: 'a CSV with formula cells, committed',
    request: json(
      'POST',
      '/api/studies/1000-kansen/cohort/import',
      cohort('Naam;E-mail;Organisatie;Functie\r\n=cmd|"/C calc"!A0;x@example.nl;GGD;arts\r\n'),
    ),
  },
  {
    area: 'cohort import',
    name: 'a binary file renamed .csv, committed',
    request: json('POST', '/api/studies/1000-kansen/cohort/import', {
      ...cohort(''),
      data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).toString('base64'),
    }),
  },
  {
    area: 'cohort import',
    name: 'a CSV with unbalanced quotes, committed',
    request: json('POST', '/api/studies/1000-kansen/cohort/import', cohort('Naam;E-mail\r\n"Anna;anna@example.nl\r\n')),
  },
  {
    area: 'cohort import',
    name: 'data that is not base64',
    request: json('POST', '/api/studies/1000-kansen/cohort/import', { ...cohort(''), data: '<script>alert(1)</script>' }),
    status: 400,
  },
  {
    area: 'cohort import',
    name: 'an encoding that does not exist',
    request: json('POST', '/api/studies/1000-kansen/cohort/import', cohort('Naam;E-mail\r\n', { encoding: '../../etc/passwd' })),
    status: 400,
  },
  {
    area: 'cohort import',
    name: "editing another study's participant through one's own study (IDOR)",
    request: () =>
      json('PATCH', `/api/studies/1000-kansen/participants/${foreignParticipantKey}`, {
        name: 'X',
        email: 'x@example.nl',
        organisation: 'GGD',
        role: 'arts',
        team: '',
      })(),
    status: 404,
  },
  {
    area: 'cohort import',
    name: "erasing another study's participant through one's own study (IDOR)",
    request: () => json('POST', `/api/studies/1000-kansen/privacy/participants/${foreignParticipantKey}/erase`, { answers: 'delete' })(),
    status: 404,
  },

  // Response import.
  {
    area: 'response import',
    name: 'a mapping to a variable that does not exist',
    request: json(
      'POST',
      '/api/studies/open-study/imports',
      responseImport('email;favourite_colour\r\nx@example.nl;blue\r\n', {
        mapping: { identify: 'email', columns: { favourite_colour: 'favourite_colour' } },
      }),
    ),
  },
  {
    area: 'response import',
    name: 'a CSV with __proto__ and constructor headers',
    request: json('POST', '/api/studies/open-study/imports', responseImport('__proto__;constructor;comp_signal\r\n{"x":1};y;4\r\n')),
  },
  {
    area: 'response import',
    name: 'a round that does not exist',
    request: json('POST', '/api/studies/open-study/imports', responseImport('comp_signal\r\n4\r\n', { round: "pre' OR 1=1" })),
  },
  {
    area: 'response import',
    name: 'a file name with ../',
    request: json('POST', '/api/studies/open-study/imports', responseImport('comp_signal\r\n4\r\n', { fileName: '../../../tmp/x.csv' })),
  },

  // Export.
  { area: 'export', name: 'an export format that does not exist', request: get('/api/studies/1000-kansen/exports/xlsx'), status: 400 },
  {
    area: 'export',
    name: 'an export format with ../',
    request: get('/api/studies/1000-kansen/exports/..%2F..%2Fpackage.json'),
    status: 400,
  },
  { area: 'export', name: 'an unknown export option', request: get('/api/studies/1000-kansen/exports/long?delimiter=%3B%3D'), status: 400 },
  { area: 'export', name: "another study's export (IDOR)", request: get('/api/studies/ander-onderzoek/exports/long'), status: 404 },
  {
    area: 'export',
    name: "another study's contact list (IDOR)",
    request: get('/api/studies/ander-onderzoek/exports/contacts.csv'),
    status: 404,
  },
  {
    area: 'export',
    name: "another study's mail merge (IDOR)",
    request: get('/api/studies/ander-onderzoek/fieldwork/rounds/pre/mail-merge.csv'),
    status: 404,
  },
  {
    area: 'export',
    name: "another study's invitation link through one's own study (IDOR)",
    request: () => get(`/api/studies/open-study/fieldwork/invitations/${foreignInvitationId}/link`)(),
    status: 404,
  },
  { area: 'export', name: "another study's audit log (IDOR)", request: get('/api/studies/ander-onderzoek/audit.csv'), status: 404 },

  // SQL-looking sort, filter and paging parameters with a closed vocabulary.
  {
    area: 'api',
    name: 'an audit page "before" with SQL',
    request: get('/api/studies/1000-kansen/audit?before=1%20or%201%3D1'),
    status: 400,
  },
  {
    area: 'api',
    name: 'an audit sort parameter',
    request: get('/api/studies/1000-kansen/audit?sort=id%3Bdrop%20table%20user'),
    status: 400,
  },
  {
    area: 'api',
    name: 'an access-log participant with a quote',
    request: get("/api/studies/1000-kansen/privacy/access-log?participant=x'%20or%20'1'%3D'1"),
    status: 400,
  },
  {
    area: 'api',
    name: 'a questionnaire export version with SQL',
    request: get('/api/studies/1000-kansen/questionnaire/export?version=1%20union%20select%20password_hash%20from%20user'),
    status: 400,
  },
  { area: 'api', name: 'a batch id with SQL', request: get('/api/studies/open-study/fieldwork/batches/1%20or%201%3D1'), status: 400 },
  {
    area: 'api',
    name: 'an analysis filter on a round that does not exist',
    request: get("/api/studies/1000-kansen/analysis?round=pre'%20or%20'1'%3D'1"),
  },
  {
    area: 'api',
    name: 'a static asset outside the assets folder',
    request: get('/assets/..%2F..%2Fpackage.json', () => ({})),
    status: 404,
  },
  {
    area: 'api',
    name: 'a static asset with an encoded dot-dot',
    request: get('/assets/%2e%2e/%2e%2e/server/config.ts', () => ({})),
    status: 404,
  },
];

describe('the bad-input corpus', () => {
  it(`holds at least 60 cases across every area (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    const areas = new Set(CASES.map((c) => c.area));
    expect([...areas].sort()).toEqual(['api', 'builder', 'cohort import', 'export', 'login', 'respondent', 'response import']);
  });

  it.each(CASES.map((c) => [`${c.area}: ${c.name}`, c] as const))('%s → 4xx, nothing changed', async (_label, c) => {
    const before = digest();
    const res = await t.app.inject(c.request());
    expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    if (c.status) expect(res.statusCode, res.body.slice(0, 300)).toBe(c.status);
    if (String(res.headers['content-type']).startsWith('application/json')) {
      const body = res.json();
      expect(Object.keys(body)).toEqual(expect.arrayContaining(['code', 'message']));
      if (c.code) expect(body.code).toBe(c.code);
    }
    expect(res.body).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d|SqliteError|SQLITE_/);
    expect(digest()).toBe(before);
  });
});

describe('addresses that cannot be decoded', () => {
  it.each([
    ['a broken escape', '/%E0%A4%A'],
    ['a broken escape in a respondent link', '/r/abc%ZZdef'],
    ['a broken escape in an API path', '/api/studies/%C3%28'],
  ])("%s → 400 in rondo's own error body, with the security headers, the address not echoed", async (_label, url) => {
    const before = digest();
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'BAD_REQUEST', message: 'The address is not valid.' });
    expect(res.body).not.toContain(url.slice(1));
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(digest()).toBe(before);
  });
});

describe('foreign ids that a route ignores rather than refuses', () => {
  it("reordering one's own partners with a partner of another study leaves that study untouched", async () => {
    const positions = () =>
      t.data.store.sqlite.prepare('select id, position from partner where study_id = ? order by id').all(other.studyId);
    const before = positions();
    const res = await t.app.inject(json('PUT', '/api/studies/1000-kansen/partners/order', () => ({ ids: [foreignPartnerId] }))());
    expect(res.statusCode).toBeLessThan(500);
    expect(positions()).toEqual(before);
  });
});
