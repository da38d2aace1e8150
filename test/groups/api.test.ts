import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { embedded, exchange } from '../respondent/fixture.js';
import { MONITOR, MONITOR_GROUPS, createMonitorStudy, submissionId } from './fixture.js';
import { responseRateSpec } from '../../web/dash/chart-configs/response.js';
import { fmt } from '../../web/dash/format.js';

const NOW = new Date('2027-03-01T09:00:00Z');
const api = `/api/studies/${MONITOR}`;

/**
 * Respondent groups through HTTP on a generated half-yearly network monitor (Dutch only):
 * professionals by personal link, parents by an anonymous link. The editor and its refusals,
 * each group's form, and one count per group that the monitor, the analysis and the dashboard
 * share.
 */
describe('respondent groups', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let trainer: LoggedIn;
  let study: Awaited<ReturnType<typeof createMonitorStudy>>;
  let parentsLink = '';
  const call = (who: LoggedIn, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: who.headers, payload: payload as object });
  const tokenOf = (url: string) => url.slice(url.lastIndexOf('/r/') + 3);
  const groups = async () => (await call(researcher, 'GET', `${api}/groups`)).json();

  beforeAll(async () => {
    t = await buildTestApp({ config: { baseUrl: 'https://rondo.example.nl' } });
    t.setNow(NOW);
    study = await createMonitorStudy(t, 6);
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: MONITOR });
    trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer', study: MONITOR });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts with one implicit group that sees everything', async () => {
    const view = await groups();
    expect(view.explicit).toBe(false);
    expect(view.groups).toEqual([expect.objectContaining({ key: 'all', implicit: true, sections: null, participants: 6, responses: 0 })]);
    expect(view.sections.map((s: { key: string }) => s.key)).toEqual(['netwerk', 'ouders', 'tot_slot']);
  });

  it.each([
    ['a group with no sections', [{ ...MONITOR_GROUPS[0], sections: [] }], 400, 'no-sections'],
    ['an unknown section', [{ ...MONITOR_GROUPS[0], sections: ['netwerk', 'bestaat_niet'] }], 400, 'unknown-section'],
    ['a duplicate key', [MONITOR_GROUPS[0], { ...MONITOR_GROUPS[1], key: 'professionals' }], 400, 'duplicate-key'],
    ['a name with markup', [{ ...MONITOR_GROUPS[0], name: { nl: '<b>Prof</b>' } }], 400, 'markup'],
    ['a group without a Dutch name', [{ ...MONITOR_GROUPS[0], name: { en: 'Professionals' } }], 400, 'no-name'],
  ])('refuses %s with a clear message and changes nothing', async (_, list, status, code) => {
    const res = await call(researcher, 'PUT', `${api}/groups`, { groups: list });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe('VALIDATION');
    if (code) {
      expect(res.json().details.issues[0].code).toBe(code);
      // In each language for the screens (details.text), English in the message.
      expect(res.json().message).toMatch(/^Group /);
      expect(res.json().details.text).toMatchObject({ nl: expect.stringMatching(/^Groep /), en: expect.stringMatching(/^Group /) });
    }
    expect((await groups()).explicit).toBe(false);
  });

  it('saves groups, which only researchers may change', async () => {
    expect((await call(trainer, 'PUT', `${api}/groups`, { groups: MONITOR_GROUPS })).statusCode).toBe(403);
    const res = await call(researcher, 'PUT', `${api}/groups`, { groups: MONITOR_GROUPS });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().groups.map((g: { key: string; participants: number }) => [g.key, g.participants])).toEqual([
      ['professionals', 6],
      ['ouders', 0],
    ]);
    const audit = t.data.store.sqlite.prepare("select count(*) from audit_log where action = 'study.groups.save'").pluck().get();
    expect(audit).toBe(1);
  });

  it('puts participants in a personal group and refuses what cannot be', async () => {
    const keys = ['prof1', 'prof2', 'prof3', 'prof4', 'prof5', 'prof6'];
    const moved = await call(researcher, 'PUT', `${api}/groups/professionals/participants`, { participants: keys });
    expect(moved.json()).toEqual({ ok: true, moved: 6 });
    const unknown = await call(researcher, 'PUT', `${api}/groups/professionals/participants`, { participants: ['prof1', 'nobody'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details.unknown).toEqual(['nobody']);
    const anonymousOnly = await call(researcher, 'PUT', `${api}/groups/ouders/participants`, { participants: ['prof1'] });
    expect(anonymousOnly.statusCode).toBe(400);
    expect(anonymousOnly.json().details.reason).toBe('GROUP_NOT_PERSONAL');
    expect((await call(researcher, 'PUT', `${api}/groups/geen/participants`, { participants: ['prof1'] })).statusCode).toBe(404);
    expect(Object.values((await groups()).assignments)).toEqual(Array(6).fill('professionals'));
  });

  it('gives an anonymous link per group reached anonymously, never to a personal-only group', async () => {
    const url = `${api}/fieldwork/rounds/h1/groups/ouders/anonymous-link`;
    expect((await call(researcher, 'GET', url)).json()).toMatchObject({ group: 'ouders', linkOn: false, link: null });
    const on = await call(researcher, 'POST', url);
    expect(on.statusCode, on.body).toBe(200);
    parentsLink = on.json().link;
    expect(parentsLink).toMatch(/^https:\/\/rondo\.example\.nl\/r\/[A-Za-z0-9_-]{43}$/);
    expect((await call(researcher, 'GET', url)).json().link).toBe(parentsLink);
    const personal = await call(researcher, 'POST', `${api}/fieldwork/rounds/h1/groups/professionals/anonymous-link`);
    expect(personal.statusCode).toBe(400);
    expect(personal.json().details.reason).toBe('GROUP_NOT_ANONYMOUS');
    expect((await call(trainer, 'POST', url)).statusCode).toBe(403);
  });

  it('shows professionals their introduction and only their sections, and requires only those', async () => {
    for (let i = 0; i < 6; i++) {
      const cookie = await exchange(t, study.token(study.participantIds[i], 'h1'));
      const page = await t.app.inject({ url: '/r', headers: { cookie } });
      const { form } = embedded(page.body);
      expect(form.study.description.nl).toBe('Deze vragenlijst is voor de professionals van het netwerk.');
      expect(form.group).toEqual({ key: 'professionals', name: { nl: 'Professionals' } });
      expect(form.questionnaire.sections.map((s: { key: string }) => s.key)).toEqual(['netwerk', 'tot_slot']);
      const answers = [
        { item: 'cijfer', sub: '', code: 6 + (i % 4) },
        { item: 'werkveld', sub: '', code: 1 + (i % 3) },
      ];
      if (i === 5) {
        // The sixth starts and does not finish.
        const draft = await t.app.inject({
          method: 'PUT',
          url: '/r/api/draft',
          headers: { cookie },
          payload: { language: 'nl', items: ['cijfer'], answers: answers.slice(0, 1) },
        });
        expect(draft.statusCode, draft.body).toBe(200);
        continue;
      }
      const res = await t.app.inject({
        method: 'POST',
        url: '/r/api/submit',
        headers: { cookie },
        payload: { submissionId: submissionId(), language: 'nl', answers },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it("shows parents theirs, and refuses answers to the professionals' questions", async () => {
    for (let i = 0; i < 4; i++) {
      const cookie = await exchange(t, tokenOf(parentsLink));
      const { form } = embedded((await t.app.inject({ url: '/r/anon', headers: { cookie } })).body);
      expect(form.study.description.nl).toBe('Fijn dat u als ouder wilt vertellen hoe het ging.');
      expect(form.questionnaire.sections.map((s: { key: string }) => s.key)).toEqual(['ouders', 'tot_slot']);
      const answers = [
        { item: 'gehoord', sub: '', code: 3 + (i % 3) },
        { item: 'geholpen', sub: '', code: i % 2 },
      ];
      if (i === 0) {
        const foreign = await t.app.inject({
          method: 'POST',
          url: '/r/anon/api/submit',
          headers: { cookie },
          payload: { submissionId: submissionId(), language: 'nl', answers: [...answers, { item: 'cijfer', sub: '', code: 7 }] },
        });
        expect(foreign.statusCode).toBe(400);
      }
      if (i === 3) {
        await t.app.inject({
          method: 'PUT',
          url: '/r/anon/api/draft',
          headers: { cookie },
          payload: { language: 'nl', items: ['gehoord'], answers: answers.slice(0, 1) },
        });
        continue;
      }
      const res = await t.app.inject({
        method: 'POST',
        url: '/r/anon/api/submit',
        headers: { cookie },
        payload: { submissionId: submissionId(), language: 'nl', answers },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const link = (await call(researcher, 'GET', `${api}/fieldwork/rounds/h1/groups/ouders/anonymous-link`)).json();
    expect(link).toMatchObject({ submitted: 3, drafts: 1 });
  });

  it('counts invited, started and submitted per group the same on every screen', async () => {
    const counts = (await call(researcher, 'GET', `${api}/groups/counts`)).json();
    const h1 = (key: string) => counts.groups.find((g: { key: string }) => g.key === key).rounds[0];
    expect(h1('professionals')).toMatchObject({ round: 'h1', invited: 6, started: 6, submitted: 5, anonymousSubmitted: 0 });
    expect(h1('professionals').responseRate).toBeCloseTo(5 / 6, 12);
    // Parents came by anonymous link: no invited, no rate invented.
    expect(h1('ouders')).toMatchObject({ round: 'h1', invited: null, started: 4, submitted: 3, anonymousSubmitted: 3, responseRate: null });
    const analysis = (await call(researcher, 'GET', `${api}/analysis`)).json();
    const dashboard = (await call(researcher, 'GET', `${api}/dashboard`)).json();
    expect(analysis.response.byGroup).toEqual(counts.groups);
    expect(dashboard.analysis.response.byGroup).toEqual(counts.groups);
    expect(dashboard.filters.groups.map((g: { key: string }) => g.key)).toEqual(['professionals', 'ouders']);
    // The round's totals are the groups' sums.
    const round = analysis.rounds.find((r: { key: string }) => r.key === 'h1');
    expect([round.invited, round.submitted, round.anonymous]).toEqual([6, 5, 3]);
  });

  it("counts the parents' anonymous answers on the dashboard filtered to them as the groups' table and the monitor do", async () => {
    const parents = (await call(researcher, 'GET', `${api}/dashboard?group=ouders`)).json().analysis;
    const h1 = parents.rounds.find((r: { key: string }) => r.key === 'h1');
    // Nobody of the parents was invited: their three answers came through the anonymous link.
    expect([h1.invited, h1.submitted, h1.anonymous]).toEqual([0, 0, 3]);
    const group = parents.response.byGroup.find((g: { key: string }) => g.key === 'ouders').rounds[0];
    expect(group).toMatchObject({ invited: null, started: 4, submitted: 3 });
    const monitor = (await call(researcher, 'GET', `${api}/fieldwork/monitor/h1`)).json();
    expect(monitor.anonymous).toMatchObject({ submitted: 3, drafts: 1 });
    // The monitor's totals are the professionals' (personal links): the same invited, started and submitted.
    const professionals = (await call(researcher, 'GET', `${api}/groups/counts?round=h1`)).json().groups[0].rounds[0];
    expect(monitor.totals).toMatchObject({
      invited: professionals.invited,
      started: professionals.started,
      submitted: professionals.submitted,
    });
    // The links screen says the same of the parents' own link, without handing out the link itself.
    const links = (await call(researcher, 'GET', `${api}/fieldwork`)).json();
    const round = (key: string) => links.rounds.find((r: { key: string }) => r.key === key);
    expect(round('h1').groupLinks).toEqual([{ group: 'ouders', linkOn: true, submitted: 3, drafts: 1 }]);
    expect(round('h2').groupLinks).toEqual([]);
    expect(JSON.stringify(links)).not.toContain(tokenOf(parentsLink));
    // The response card draws these three, never "no answers yet".
    const spec = responseRateSpec(parents, fmt('nl'), 'Ingevuld per meting');
    expect(spec.emptyReason).toBeUndefined();
    expect(spec.series[0].values).toEqual([3, 0]);
    expect(spec.display[0]).toEqual(['3 ingevuld', '0 ingevuld']);
    expect(spec.summary).toContain('geen responspercentage');
    // The professionals' filter keeps their rate: 5 of 6 invited, nothing anonymous.
    const pros = (await call(researcher, 'GET', `${api}/dashboard?group=professionals`)).json().analysis;
    const p1 = pros.rounds.find((r: { key: string }) => r.key === 'h1');
    expect([p1.invited, p1.submitted, p1.anonymous]).toEqual([6, 5, 0]);
    expect(responseRateSpec(pros, fmt('nl'), 'Respons').display[0][0]).toBe('83% (5 van 6)');
  });

  it('says the same counts in the factsheet, and names the population of a parents-only finding', async () => {
    const draft = await call(researcher, 'GET', `${api}/factsheet/draft?lang=nl`);
    expect(draft.statusCode, draft.body).toBe(200);
    const texts: string[] = draft.json().sentences.map((s: { text: string }) => s.text);
    const perGroup = texts.find((x) => x.startsWith('Ingevuld per groep'));
    expect(perGroup).toContain('Professionals: 5 van 6 in het eerste halfjaar 2027');
    expect(perGroup).toContain('Ouders (anonieme link, zonder uitnodiging en dus zonder responspercentage): 3 in het eerste halfjaar 2027');
    const all = JSON.stringify(draft.json());
    expect(all).toContain('Ik voelde me gehoord (onder ouders)');
    // The sentences are the study's own (the section titles are the vocabulary work's, issue 16 deliverable 2).
    expect(texts.join(' ')).not.toMatch(/training|ZAT|\btools\b/i);
  });

  it('filters results by group with one syntax, and refuses an unknown group', async () => {
    const parents = (await call(researcher, 'GET', `${api}/analysis?group=ouders`)).json();
    expect(parents.selection).toMatchObject({ groups: ['ouders'], units: 3, subgroup: true });
    expect(parents.response.byGroup.find((g: { key: string }) => g.key === 'professionals').rounds[0].submitted).toBe(0);
    const unknown = await call(researcher, 'GET', `${api}/analysis?group=leraren`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details.groups).toEqual(['professionals', 'ouders']);
  });

  it('refuses a questionnaire that drops a section a group sees, and keeps the old one', async () => {
    const current = (await call(researcher, 'GET', `${api}/questionnaire`)).json();
    const definition = { ...current.definition, sections: current.definition.sections.filter((s: { key: string }) => s.key !== 'ouders') };
    const res = await call(researcher, 'PUT', `${api}/questionnaire`, {
      definition,
      baseVersion: current.version,
      baseRevision: current.revision,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('Group "ouders": unknown section ouders.');
    // The editor shows the issue's own text in the user's language, one language at a time.
    const [issue] = res.json().details.issues;
    expect(issue.text.nl).toMatch(/ouders.*Pas eerst de respondentgroepen aan\.$/);
    expect(issue.text.en).toMatch(/^Group "ouders": unknown section ouders\. Change the respondent groups first\.$/);
    expect(issue.text.nl).not.toContain('Change');
    const after = (await call(researcher, 'GET', `${api}/questionnaire`)).json();
    expect([after.version, after.revision]).toEqual([current.version, current.revision]);
  });

  it('carries the groups in the study file, and refuses a file whose group sees an unknown section', async () => {
    const file = JSON.parse((await call(researcher, 'GET', `${api}/study-file`)).body);
    expect(file.study.groups.map((g: { key: string }) => g.key)).toEqual(['professionals', 'ouders']);
    const creator = await loginAs(t, 'maker@example.nl', { isAdmin: true });
    const broken = { ...file, study: { ...file.study, groups: [{ ...file.study.groups[0], sections: ['weg'] }] } };
    const res = await call(creator, 'POST', '/api/studies/from-file', { file: broken, slug: 'kopie', dryRun: true });
    expect(JSON.stringify(res.json())).toContain('unknown section weg');
    const copy = await call(creator, 'POST', '/api/studies/from-file', { file, slug: 'kopie' });
    expect(copy.statusCode, copy.body).toBe(201);
  });

  it('refuses to delete a group that holds responses, and changes nothing', async () => {
    const res = await call(researcher, 'PUT', `${api}/groups`, { groups: [MONITOR_GROUPS[0]] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'GROUP_HAS_RESPONSES', groups: ['ouders'] } });
    expect(res.json().message).toContain('Ouders');
    expect((await groups()).groups.map((g: { key: string }) => g.key)).toEqual(['professionals', 'ouders']);
    expect((await call(researcher, 'PUT', `${api}/groups`, { groups: [] })).statusCode).toBe(409);
  });
});
