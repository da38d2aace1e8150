import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import type { LikertItem, Questionnaire } from '../../model/index.js';

/**
 * The builder's API: create a study from the template, save edits by the versioning rules
 * (in place before responses; wording fixes in place and a new version for meaning changes
 * once a round has responses), history, concurrent saves, import validation and export.
 */
let t: TestApp;
let researcher: LoggedIn;
let slug: string;

const api = (method: string, url: string, payload?: unknown) =>
  t.app.inject({ method: method as 'GET', url, headers: researcher.headers, payload: payload as object });

async function current(): Promise<{ version: number; revision: number; definition: Questionnaire }> {
  return (await api('GET', `/api/studies/${slug}/questionnaire`)).json();
}

async function save(edit: (q: Questionnaire) => void, note?: string) {
  const q = await current();
  const definition = structuredClone(q.definition);
  edit(definition);
  return api('PUT', `/api/studies/${slug}/questionnaire`, {
    definition,
    baseVersion: q.version,
    baseRevision: q.revision,
    ...(note ? { note } : {}),
  });
}

const likert = (q: Questionnaire, id: string) => q.sections.flatMap((s) => s.items).find((i) => i.id === id) as LikertItem;

/** A response in a round, as the respondent area would store it. */
function respond(roundKey: string): void {
  const db = t.data.store.sqlite;
  const study = db.prepare('select id from study where slug = ?').get(slug) as { id: number };
  const round = db.prepare('select id from round where study_id = ? and key = ?').get(study.id, roundKey) as { id: number };
  const version = db.prepare('select id from questionnaire_version where study_id = ? order by version desc limit 1').get(study.id) as {
    id: number;
  };
  const now = new Date().toISOString();
  const p = db
    .prepare('insert into participant (study_id, key, created_at) values (?, ?, ?) returning id')
    .get(study.id, `P-T${Math.random().toString(36).slice(2, 8)}`, now) as { id: number };
  db.prepare(
    "insert into response (study_id, round_id, participant_id, questionnaire_version_id, status, started_at, updated_at) values (?, ?, ?, ?, 'submitted', ?, ?)",
  ).run(study.id, round.id, p.id, version.id, now, now);
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  const res = await api('POST', '/api/studies', {
    title: { nl: 'IMH-training 2027', en: 'IMH training 2027' },
    organisation: 'GGD Test',
    source: { kind: 'template', template: 'imh-training' },
  });
  expect(res.statusCode).toBe(201);
  slug = res.json().slug;
});
afterAll(async () => t?.close());

describe('creating a study', () => {
  it('makes a study from the IMH template with its rounds, partners, tools and questionnaire, the creator its researcher', async () => {
    expect(slug).toBe('imh-training-2027');
    const q = await api('GET', `/api/studies/${slug}/questionnaire`);
    expect(q.json()).toMatchObject({ version: 1, revision: 1, answeredRounds: [] });
    expect(q.json().rounds.map((r: { key: string }) => r.key)).toEqual(['pre', 'mid', 'post']);
    expect(q.json().partners).toHaveLength(12);
    const members = await api('GET', `/api/studies/${slug}/members`);
    expect(members.json().members).toEqual([expect.objectContaining({ email: 'onderzoeker@example.nl', role: 'researcher' })]);
  });

  it('makes a blank study and a copy of an own study, but not of a study one is not a researcher in', async () => {
    const blank = await api('POST', '/api/studies', {
      title: { nl: 'Leeg' },
      organisation: 'GGD',
      source: { kind: 'template', template: 'blank' },
    });
    expect(blank.statusCode).toBe(201);
    const copy = await api('POST', '/api/studies', { title: { nl: 'Kopie' }, organisation: 'GGD', source: { kind: 'copy', slug } });
    expect(copy.statusCode).toBe(201);
    const copied = (await api('GET', `/api/studies/${copy.json().slug}/questionnaire`)).json();
    expect(copied.definition.sections.length).toBe((await current()).definition.sections.length);
    const other = await loginAs(t, 'ander@example.nl', { role: 'researcher', study: blank.json().slug });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/studies',
      headers: other.headers,
      payload: { title: { nl: 'Diefstal' }, organisation: 'X', source: { kind: 'copy', slug } },
    });
    expect(refused.statusCode).toBe(404);
  });

  it('refuses trainers and managers who are researcher nowhere', async () => {
    const trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/studies',
      headers: trainer.headers,
      payload: { title: { nl: 'X' }, organisation: 'X', source: { kind: 'template', template: 'blank' } },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('saving by the versioning rules', () => {
  it('saves any edit in place while no round has responses', async () => {
    const res = await save((q) => {
      const scale = likert(q, 'know_problems').scale;
      scale.points.pop();
      scale.topBox = [4];
    });
    expect(res.json()).toMatchObject({ ok: true, outcome: 'edit', version: 1, revision: 2 });
  });

  it('once a round has responses, keeps a wording fix in the same version and records it', async () => {
    respond('pre');
    const res = await save((q) => (likert(q, 'comp_signal').text.en = 'I feel competent to signal problems in young children.'));
    expect(res.json()).toMatchObject({ outcome: 'wording', version: 1 });
    const history = (await api('GET', `/api/studies/${slug}/questionnaire/history`)).json();
    expect(history.edits[0]).toMatchObject({ kind: 'wording', version: 1 });
    expect(history.edits[0].changes[0]).toMatchObject({ kind: 'text', item: 'comp_signal' });
  });

  it('makes a new version for a scale change of an answered item, keeping variable names', async () => {
    const definition = structuredClone((await current()).definition);
    likert(definition, 'know_problems').scale.points.push({ code: 9, label: { nl: 'Weet niet', en: "Don't know" } });
    const check = await api('POST', `/api/studies/${slug}/questionnaire/check`, { definition });
    expect(check.json()).toMatchObject({ ok: true, outcome: 'new-version', version: 2 });
    const res = await save(
      (q) => likert(q, 'know_problems').scale.points.push({ code: 9, label: { nl: 'Weet niet', en: "Don't know" } }),
      'extra punt',
    );
    expect(res.json()).toMatchObject({ outcome: 'new-version', version: 2, revision: 1 });
    const q = await current();
    expect(q.version).toBe(2);
    expect(likert(q.definition, 'know_problems').scale.points).toHaveLength(5);
    const history = (await api('GET', `/api/studies/${slug}/questionnaire/history`)).json();
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.versions[1].responses).toBe(1);
    expect(history.versions[0].note).toBe('extra punt');
  });

  it('refuses a save based on an older revision (someone else saved first)', async () => {
    const q = await current();
    const res = await api('PUT', `/api/studies/${slug}/questionnaire`, {
      definition: q.definition,
      baseVersion: q.version,
      baseRevision: q.revision + 5,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.reason).toBe('stale');
  });

  it('refuses an invalid questionnaire with problems that name the item', async () => {
    const res = await save((q) => (likert(q, 'comp_signal').showIf = { item: 'recommend', op: 'answered' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues).toEqual([expect.objectContaining({ code: 'show-if-later-item', item: 'comp_signal' })]);
  });
});

describe('import and export of the definition', () => {
  it('exports the current version as a JSON file', async () => {
    const res = await api('GET', `/api/studies/${slug}/questionnaire/export`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${slug}-questionnaire-v2.json"`);
    expect(JSON.parse(res.body).format).toBe('rondo.questionnaire/1');
  });

  it('checks an imported file and names the item of each problem', async () => {
    const q = (await current()).definition as unknown as { sections: { items: Record<string, unknown>[] }[] };
    q.sections[1].items[0].type = 'slider';
    q.sections[1].items[1].id = 'Bad Name';
    const res = await api('POST', `/api/studies/${slug}/questionnaire/check`, { definition: q });
    expect(res.json().ok).toBe(false);
    const messages = res
      .json()
      .issues.map((i: { message: string }) => i.message)
      .join('\n');
    expect(messages).toContain('item "know_problems": unknown item type "slider"');
    expect(messages).toContain('item "Bad Name"');
  });

  it('keeps <script> and javascript: in texts as plain data (rendered as text by the app)', async () => {
    const res = await save((q) => (likert(q, 'comp_signal').text.nl = '<script>alert(1)</script> javascript:alert(1)'));
    expect(res.json().ok).toBe(true);
    expect(likert((await current()).definition, 'comp_signal').text.nl).toBe('<script>alert(1)</script> javascript:alert(1)');
  });
});
