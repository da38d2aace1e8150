import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

/** The study file over HTTP: the settings screen's download and the new-study screen's upload, check and create. */
let t: TestApp;
let researcher: LoggedIn;
let trainer: LoggedIn;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
});
afterAll(async () => t.close());

const as = (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: who.headers, payload });

describe('GET /api/studies/:slug/study-file', () => {
  it('downloads the study file for a researcher, and not for a trainer', async () => {
    const res = await as(researcher, 'GET', '/api/studies/1000-kansen/study-file');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="1000-kansen.rondo-study.json"');
    expect(res.json()).toMatchObject({ format: 'rondo-study', version: 1, study: { slug: '1000-kansen' } });
    expect((await as(trainer, 'GET', '/api/studies/1000-kansen/study-file')).statusCode).toBe(403);
  });
});

describe('POST /api/studies/from-file', () => {
  it('checks a file without writing, then creates the study with the uploader as its researcher', async () => {
    const file = (await as(researcher, 'GET', '/api/studies/1000-kansen/study-file')).json();
    const before = await as(researcher, 'GET', '/api/studies');
    const dry = await as(researcher, 'POST', '/api/studies/from-file', { file, slug: 'kansen-2027', dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, created: false, slug: 'kansen-2027', counts: { rounds: 3, partners: 12, tools: 3 } });
    expect((await as(researcher, 'GET', '/api/studies')).json()).toEqual(before.json());

    const made = await as(researcher, 'POST', '/api/studies/from-file', { file, slug: 'kansen-2027', fileName: 'studie.json' });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ ok: true, created: true, slug: 'kansen-2027' });
    const members = (await as(researcher, 'GET', '/api/studies/kansen-2027/members')).json();
    expect(members.members).toEqual([expect.objectContaining({ email: 'onderzoeker@example.nl', role: 'researcher' })]);
    const copy = (await as(researcher, 'GET', '/api/studies/kansen-2027/study-file')).json();
    expect(copy).toEqual({ ...file, study: { ...file.study, slug: 'kansen-2027' } });
  });

  it('reports every problem with its place and writes nothing', async () => {
    const file = (await as(researcher, 'GET', '/api/studies/1000-kansen/study-file')).json();
    file.partners.push(file.partners[0]);
    const res = await as(researcher, 'POST', '/api/studies/from-file', { file });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, created: false, slug: null });
    expect(res.json().issues.map((i: { code: string; path: string }) => `${i.code} ${i.path}`)).toEqual([
      'slug-taken study.slug',
      'duplicate-partner partners[12].name',
    ]);
    const renamed = await as(researcher, 'POST', '/api/studies/from-file', { file, slug: 'dubbel' });
    expect(renamed.json().issues.map((i: { code: string; path: string }) => `${i.code} ${i.path}`)).toEqual([
      'duplicate-partner partners[12].name',
    ]);
    expect((await as(researcher, 'GET', '/api/studies/dubbel')).statusCode).toBe(404);
    const bad = await as(researcher, 'POST', '/api/studies/from-file', { file: { format: 'rondo-study', version: 7 } });
    expect(bad.json().issues).toEqual([
      { code: 'version', path: 'version', message: 'version: format version 7 is not known to this rondo, which reads version 1' },
    ]);
  });

  it('is for those who may create studies', async () => {
    const file = (await as(researcher, 'GET', '/api/studies/1000-kansen/study-file')).json();
    const res = await as(trainer, 'POST', '/api/studies/from-file', { file, slug: 'van-trainer' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBeDefined();
  });
});
