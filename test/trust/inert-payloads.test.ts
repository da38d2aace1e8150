import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createOpenStudy, type OpenStudy } from './helpers/open-study.js';
import { completeAnswers } from './helpers/respondent.js';

/**
 * Input that is valid in form but dangerous in content must come out inert wherever it is
 * shown: markup as text in server-rendered pages, mails and the factsheet; formula-like text
 * neutralised in CSV; SQL-looking filter text matched literally; and no redirect after login
 * that leaves the staff app. (Screens render through Lit, which binds text, not HTML; the
 * server-rendered outputs are what can go wrong, and they are checked here.)
 */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '</script><script>alert(2)</script>',
  '<svg onload=alert(3)>',
  "javascript:alert('x')",
];
const SCRIPT_LIKE = [/<script>alert/i, /<img src=x onerror/i, /<svg onload/i, /<\/script><script>/i];

let t: TestApp;
let researcher: LoggedIn;
let study: OpenStudy;

beforeAll(async () => {
  t = await buildTestApp();
  study = await createOpenStudy(t.data.store.db, t.data.secret, { slug: 'xss-study', participants: 3, title: `Studie ${PAYLOADS[0]}` });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: study.slug });
  const put = async (method: 'PATCH' | 'PUT' | 'POST', url: string, payload: unknown) => {
    const res = await t.app.inject({ method, url, headers: researcher.headers, payload: payload as object });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  // Every text field a researcher types that reaches a respondent, a mail or the factsheet.
  await put('PATCH', `/api/studies/${study.slug}`, {
    title: { nl: `Titel ${PAYLOADS[1]}`, en: `Title ${PAYLOADS[1]}` },
    description: { nl: PAYLOADS[3], en: PAYLOADS[3] },
    organisation: `GGD ${PAYLOADS[2]}`,
  });
  await put('PUT', `/api/studies/${study.slug}/privacy/statement`, {
    nl: `Privacy ${PAYLOADS[0]} ${PAYLOADS[2]}`,
    en: `Privacy ${PAYLOADS[1]}`,
  });
  const partner = (
    t.data.store.sqlite.prepare('select id from partner where study_id = ? order by position limit 1').get(study.studyId) as { id: number }
  ).id;
  await put('PATCH', `/api/studies/${study.slug}/partners/${partner}`, { name: `Huisarts ${PAYLOADS[3]}`, domain: PAYLOADS[4] });
  await put('PATCH', `/api/studies/${study.slug}/participants/${study.invitations[0].key}`, {
    name: `Anouk ${PAYLOADS[0]}`,
    email: study.invitations[0].email,
    organisation: `Org ${PAYLOADS[1]}`,
    role: 'arts',
    team: '',
  });
});
afterAll(async () => t.close());

function expectInert(html: string, where: string) {
  for (const pattern of SCRIPT_LIKE) expect(html, `${where} contains ${pattern}`).not.toMatch(pattern);
}

describe('markup typed into rondo is shown as text', () => {
  it('on the respondent pages, including the JSON the form reads', async () => {
    const opened = await t.app.inject({ url: `/r/${study.invitations[0].token}` });
    const cookie = `rondo_r=${opened.cookies.find((c) => c.name === 'rondo_r')!.value}`;
    const page = await t.app.inject({ url: '/r', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expectInert(page.body, 'the questionnaire page');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    // The text is there, escaped: the respondent sees what the researcher typed.
    expect(page.body).toMatch(/&lt;script&gt;alert\(1\)|\\u003cscript>alert\(1\)|\\u003cscript\\u003ealert\(1\)/);
  });

  it('in invitation mails', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/studies/${study.slug}/fieldwork/preview`,
      headers: researcher.headers,
      payload: {
        kind: 'invitation',
        language: 'nl',
        round: study.roundKey,
        participantKey: study.invitations[0].key,
        body: `Beste {{name}}, ${PAYLOADS[1]} {{link}}`,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expectInert(res.json().html, 'the mail HTML');
    expect(res.json().text).toContain('Anouk <script>alert(1)</script>'); // plain text stays plain text
  });

  it('in the factsheet HTML', async () => {
    const res = await t.app.inject({ url: `/api/studies/${study.slug}/factsheet/draft/output?format=html`, headers: researcher.headers });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expectInert(res.body, 'the factsheet');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('in the audit export and the respondent-facing statement API', async () => {
    const statement = await t.app.inject({ url: `/api/studies/${study.slug}/privacy/statement`, headers: researcher.headers });
    expect(statement.headers['content-type']).toMatch(/^application\/json/);
    const csv = await t.app.inject({ url: `/api/studies/${study.slug}/audit.csv`, headers: researcher.headers });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('formula-like text from respondents is neutralised in exports', () => {
  it('an open answer starting with = comes out with an apostrophe in the long export', async () => {
    const inv = study.invitations[1];
    const opened = await t.app.inject({ url: `/r/${inv.token}` });
    const cookie = `rondo_r=${opened.cookies.find((c) => c.name === 'rondo_r')!.value}`;
    const answers = completeAnswers(t.data.store.sqlite, study.studyId, study.roundKey).map((c) =>
      c.item === 'comp_explain' ? { ...c, text: '=HYPERLINK("http://evil.example","klik")' } : c,
    );
    const submit = await t.app.inject({
      method: 'POST',
      url: '/r/api/submit',
      headers: { cookie },
      payload: { submissionId: 'formula-submission-01', language: 'nl', answers },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const csv = await t.app.inject({ url: `/api/studies/${study.slug}/exports/long?openText=1`, headers: researcher.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(csv.body).not.toMatch(/(^|[,;])"?=HYPERLINK/m);
  });
});

describe('SQL-looking text in free-text filters is matched literally', () => {
  it.each([["%' OR '1'='1"], ['"; DROP TABLE answer; --'], ['%'], ['_']])(
    'open-answer search for %s finds only answers containing it',
    async (q) => {
      const res = await t.app.inject({
        url: `/api/studies/${study.slug}/open-answers/comp_explain?q=${encodeURIComponent(q)}`,
        headers: researcher.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      for (const a of res.json().answers as { text: string }[]) expect(a.text.toLowerCase()).toContain(q.toLowerCase());
    },
  );

  it.each([["organisation=' OR 1=1 --"], ['role=%25'], ['round=pre%27%20or%201%3D1']])(
    'the dashboard with %s answers without a 5xx',
    async (query) => {
      const res = await t.app.inject({ url: `/api/studies/${study.slug}/dashboard?${query}`, headers: researcher.headers });
      expect(res.statusCode).toBeLessThan(500);
    },
  );
});

describe('no redirect after login leaves the staff app', () => {
  const NEXT = [
    '//evil.example',
    'https://evil.example/app',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/app/../../\\evil.example',
    '/app@evil.example',
    '/%2F%2Fevil.example',
    '\t//evil.example',
    '/app\r\nLocation: https://evil.example',
    'data:text/html,<script>alert(1)</script>',
    '/app?next=//evil.example#x',
  ];
  it.each(NEXT.map((n) => [n]))('next=%j', async (next) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress: `10.8.${NEXT.indexOf(next)}.1`,
      payload: { email: 'onderzoeker@example.nl', password: 'correct horse battery staple', next },
    });
    expect(res.statusCode).toBe(200);
    const target = res.json().next as string;
    const url = new URL(target, 'http://rondo.invalid');
    expect(url.origin).toBe('http://rondo.invalid');
    expect(url.pathname.startsWith('/app')).toBe(true);
    expect(target).not.toMatch(/[\r\n\t\\]/);
    expect(res.headers.location).toBeUndefined();
  });
});
