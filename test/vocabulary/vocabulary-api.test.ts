import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { MONITOR_VOCABULARY } from '../../content/templates/study-types.js';

/**
 * The study's own words through HTTP (issue 16): the set-up screen's PUT, its refusals (markup,
 * control characters, 10,000 characters, unknown terms, half-filled forms) with a message in
 * both languages and nothing changed, the audit entry, the study types of "Nieuwe studie" and
 * the study file carrying the words.
 */
describe('PUT /api/studies/:slug/vocabulary', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let trainer: LoggedIn;
  const SLUG = 'netwerk';
  const url = `/api/studies/${SLUG}/vocabulary`;
  const as = (who: LoggedIn, method: 'GET' | 'PUT' | 'POST', path: string, payload?: unknown) =>
    t.app.inject({ method, url: path, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const definition = async () => (await as(researcher, 'GET', `/api/studies/${SLUG}`)).json().definition;
  const auditCount = () =>
    (t.data.store.sqlite.prepare("select count(*) as n from audit_log where action = 'study.vocabulary'").get() as { n: number }).n;

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer', study: '1000-kansen' });
    const made = await as(researcher, 'POST', '/api/studies', {
      title: { nl: 'Netwerk Quick Scan' },
      organisation: 'IMH-netwerk Noord',
      slug: SLUG,
      languages: ['nl'],
      source: { kind: 'template', template: 'monitor' },
    });
    expect(made.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('replaces the words, trimmed, leaves out empty languages and audits which terms changed', async () => {
    const before = auditCount();
    const res = await as(researcher, 'PUT', url, {
      vocabulary: {
        tool: { nl: { one: ' interventie ', many: 'interventies' } },
        partner: { nl: { one: 'netwerkpartner', many: 'netwerkpartners' }, en: { one: '', many: '' } },
      },
    });
    expect(res.statusCode).toBe(200);
    const words = {
      tool: { nl: { one: 'interventie', many: 'interventies' } },
      partner: { nl: { one: 'netwerkpartner', many: 'netwerkpartners' } },
    };
    expect(res.json()).toEqual({ vocabulary: words });
    expect((await definition()).vocabulary).toEqual(words);
    expect(auditCount()).toBe(before + 1);
    const row = t.data.store.sqlite
      .prepare("select details from audit_log where action = 'study.vocabulary' order by id desc limit 1")
      .get() as { details: string };
    expect(JSON.parse(row.details)).toEqual({ terms: ['intervention', 'tool', 'partner', 'round', 'participant'] });
  });

  it('speaks the new words in the session, for the navigation', async () => {
    const session = (await as(researcher, 'GET', '/api/session')).json();
    const study = session.studies.find((s: { slug: string }) => s.slug === SLUG);
    expect(study.vocabulary.tool.nl.many).toBe('interventies');
    expect(study.measures).not.toContain('tool-use');
    expect(study.measures).toContain('satisfaction');
    const demo = session.studies.find((s: { slug: string }) => s.slug === '1000-kansen');
    expect(demo.measures).toEqual(expect.arrayContaining(['tool-use', 'competence', 'collaboration-frequency']));
  });

  it('keeps the Dutch article of a word, and a word without one stays valid', async () => {
    const vocabulary = {
      round: { nl: { one: 'meetmoment', many: 'meetmomenten', article: 'het' } },
      tool: { nl: { one: 'interventie', many: 'interventies' } },
    };
    const res = await as(researcher, 'PUT', url, { vocabulary });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ vocabulary });
    expect((await definition()).vocabulary).toEqual(vocabulary);
    const session = (await as(researcher, 'GET', '/api/session')).json();
    expect(session.studies.find((s: { slug: string }) => s.slug === SLUG).vocabulary.round.nl.article).toBe('het');
  });

  const refused: [string, unknown, string, RegExp, RegExp][] = [
    ['markup', { tool: { nl: { one: '<b>tool</b>', many: 'tools' } } }, '/tool/nl/one', /zonder < > \{ \}/, /without < > \{ \}/],
    ['a template brace', { tool: { nl: { one: '{{x}}', many: 'x' } } }, '/tool/nl/one', /zonder/, /without/],
    ['a line break', { round: { nl: { one: 'ronde\neen', many: 'rondes' } } }, '/round/nl/one', /regeleinden/, /line breaks/],
    ['a control character', { round: { nl: { one: 'ron\u0007de', many: 'rondes' } } }, '/round/nl/one', /stuurtekens/, /control/],
    ['10,000 characters', { partner: { nl: { one: 'p', many: 'x'.repeat(10_000) } } }, '/partner/nl/many', /10000 tekens/, /at most 60/],
    ['an unknown term', { casus: { nl: { one: 'casus', many: 'casussen' } } }, '/casus', /geen begrip/, /not a term/],
    ['an unknown language', { tool: { de: { one: 'Werkzeug', many: 'Werkzeuge' } } }, '/tool/de', /geen taal/, /not a rondo language/],
    ['one form of two', { tool: { nl: { one: 'interventie', many: '' } } }, '/tool/nl/many', /vul ook deze vorm/, /fill in this form/],
    ['a number for a word', { tool: { nl: { one: 3, many: 'x' } } }, '/tool/nl/one', /geef een woord/, /give a word/],
    ['a list instead of words', ['tool'], '', /per begrip/, /per term/],
    [
      'an article other than de or het',
      { round: { nl: { one: 'meetmoment', many: 'meetmomenten', article: 'den' } } },
      '/round/nl/article',
      /kies de of het/,
      /choose de or het/,
    ],
  ];
  it.each(refused)('refuses %s with a message in both languages and changes nothing', async (_name, vocabulary, path, nl, en) => {
    const before = JSON.stringify(await definition());
    const audits = auditCount();
    const res = await as(researcher, 'PUT', url, { vocabulary });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    expect(body.details.issues[0]).toMatchObject({ path });
    expect(body.details.issues[0].nl).toMatch(nl);
    expect(body.details.issues[0].en).toMatch(en);
    // The screen shows the first issue in the user's language (details.text); the message is English.
    expect(body.details.text.nl).toContain(body.details.issues[0].nl);
    expect(body.details.text.en).toContain(body.details.issues[0].en);
    expect(body.message).toContain(body.details.issues[0].en);
    expect(JSON.stringify(await definition())).toBe(before);
    expect(auditCount()).toBe(audits);
  });

  it('refuses a body without vocabulary, and trainers, and changes nothing', async () => {
    const before = JSON.stringify(await definition());
    expect((await as(researcher, 'PUT', url, {})).statusCode).toBe(400);
    const demoBefore = JSON.stringify((await as(trainer, 'GET', '/api/studies/1000-kansen')).json().definition);
    const byTrainer = await as(trainer, 'PUT', '/api/studies/1000-kansen/vocabulary', { vocabulary: {} });
    expect(byTrainer.statusCode).toBe(403);
    expect(JSON.stringify((await as(trainer, 'GET', '/api/studies/1000-kansen')).json().definition)).toBe(demoBefore);
    expect(JSON.stringify(await definition())).toBe(before);
  });

  it('goes back to the neutral words when every word is emptied', async () => {
    const res = await as(researcher, 'PUT', url, { vocabulary: { tool: { nl: { one: '', many: '' } } } });
    expect(res.json()).toEqual({ vocabulary: {} });
    expect((await definition()).vocabulary).toBeUndefined();
  });
});

describe('study types in "Nieuwe studie"', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const as = (method: 'GET' | 'POST', path: string, payload?: object) =>
    t.app.inject({ method, url: path, headers: researcher.headers, ...(payload ? { payload } : {}) });
  const create = (slug: string, template: string) =>
    as('POST', '/api/studies', {
      title: { nl: slug },
      organisation: 'GGD',
      slug,
      languages: ['nl'],
      source: { kind: 'template', template },
    });

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    // Half-year rounds are named after the year the study is made in.
    t.setNow(new Date('2027-02-01T09:00:00.000Z'));
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  });
  afterAll(() => t.close());

  it('offers training evaluation, repeated monitor, single measurement and blank, each with its rounds', async () => {
    const { templates } = (await as('GET', '/api/templates')).json();
    expect(templates.map((x: { key: string }) => x.key)).toEqual(['imh-training', 'monitor', 'imh-quick-scan', 'single', 'blank']);
    const monitor = templates.find((x: { key: string }) => x.key === 'monitor');
    expect(monitor.rounds).toEqual([
      { nl: 'Eerste helft 2027', en: 'First half of 2027' },
      { nl: 'Tweede helft 2027', en: 'Second half of 2027' },
    ]);
    expect(monitor.vocabulary).toEqual(MONITOR_VOCABULARY);
    expect(templates.find((x: { key: string }) => x.key === 'imh-training').vocabulary.tool.nl.many).toBe('tools');
  });

  it('creates a repeated monitor with two half-yearly rounds, its words and neutral starter questions', async () => {
    expect((await create('monitor-2027', 'monitor')).statusCode).toBe(201);
    const study = (await as('GET', '/api/studies/monitor-2027')).json();
    expect(study.rounds.map((r: { key: string }) => r.key)).toEqual(['r2027h1', 'r2027h2']);
    expect(study.definition.vocabulary).toEqual(MONITOR_VOCABULARY);
    const q = (await as('GET', '/api/studies/monitor-2027/questionnaire')).json();
    const items = q.definition.sections.flatMap((s: { items: { id: string; type: string; rounds: string[] }[] }) => s.items);
    expect(items.map((i: { type: string }) => i.type)).toEqual(['single', 'likert', 'likert', 'likert', 'rating', 'multi', 'text']);
    expect(items.every((i: { rounds: string[] }) => i.rounds.join() === 'r2027h1,r2027h2')).toBe(true);
    expect(JSON.stringify(q.definition)).not.toMatch(/\b(training|zat|tools?|casus\w*)\b/i);
  });

  it('creates a single measurement with one round', async () => {
    expect((await create('peiling', 'single')).statusCode).toBe(201);
    const study = (await as('GET', '/api/studies/peiling')).json();
    expect(study.rounds.map((r: { key: string }) => r.key)).toEqual(['meting']);
    expect(study.definition.vocabulary.participant.nl.many).toBe('respondenten');
  });

  it('keeps the words in the study file, and a study made from the file has them', async () => {
    const file = (await as('GET', '/api/studies/monitor-2027/study-file')).json();
    expect(file.study.vocabulary).toEqual(MONITOR_VOCABULARY);
    const made = await as('POST', '/api/studies/from-file', { file, slug: 'monitor-kopie' });
    expect(made.statusCode).toBe(201);
    expect((await as('GET', '/api/studies/monitor-kopie')).json().definition.vocabulary).toEqual(MONITOR_VOCABULARY);
  });

  it('refuses a study file whose words carry markup, naming the place, and creates nothing', async () => {
    const file = (await as('GET', '/api/studies/monitor-2027/study-file')).json();
    file.study.vocabulary.tool.nl.one = '<script>x</script>';
    const res = await as('POST', '/api/studies/from-file', { file, slug: 'monitor-fout' });
    expect(res.json()).toMatchObject({ ok: false, created: false });
    expect(JSON.stringify(res.json().issues)).toContain('vocabulary');
    expect((await as('GET', '/api/studies/monitor-fout')).statusCode).toBe(404);
  });

  it('copies the words along with a copied study', async () => {
    const res = await as('POST', '/api/studies', {
      title: { nl: 'Kopie' },
      organisation: 'GGD',
      slug: 'monitor-copy',
      source: { kind: 'copy', slug: 'monitor-2027' },
    });
    expect(res.statusCode).toBe(201);
    expect((await as('GET', '/api/studies/monitor-copy')).json().definition.vocabulary).toEqual(MONITOR_VOCABULARY);
  });

  it('keeps the demo its words', async () => {
    const demo = (await as('GET', '/api/studies/1000-kansen')).json();
    expect(demo.definition.vocabulary.tool.nl.many).toBe('tools');
    expect(demo.definition.vocabulary.intervention.nl.one).toBe('training');
  });
});
