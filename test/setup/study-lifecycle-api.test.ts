import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import type { Questionnaire } from '../../model/index.js';
import { MONITOR_QUESTIONNAIRE, createMonitorStudy } from './monitor-study.js';

/**
 * Issue 16 (rounds) through HTTP on a Dutch-only half-yearly network monitor (not the demo): questionnaire
 * problems in both languages, changing the study's languages, a repeating schedule of rounds, labelled
 * questionnaire edits, and archiving. Every refusal is checked to change nothing.
 */
describe('languages, repeating rounds and archiving of a Dutch-only monitor', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let studyId: number;
  const slug = 'netwerkmonitor';
  const base = `/api/studies/${slug}`;
  const db = () => t.data.store.db;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, who = researcher) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const definition = async () =>
    JSON.parse((await db().selectFrom('study').select('definition').where('id', '=', studyId).executeTakeFirstOrThrow()).definition);
  const roundKeys = async () =>
    (await db().selectFrom('round').select('key').where('study_id', '=', studyId).orderBy('position').execute()).map((r) => r.key);
  const auditActions = async () =>
    (await db().selectFrom('audit_log').select('action').where('study_id', '=', studyId).orderBy('id').execute()).map((r) => r.action);
  const saveQuestionnaire = async (q: Questionnaire) => {
    const current = (await call('GET', `${base}/questionnaire`)).json();
    return call('PUT', `${base}/questionnaire`, { definition: q, baseVersion: current.version, baseRevision: current.revision });
  };
  /** Every text of a questionnaire with an English text beside the Dutch. */
  const bilingual = (q: Questionnaire): Questionnaire =>
    JSON.parse(JSON.stringify(q), (_k, v) => (v && typeof v === 'object' && 'nl' in v && !('en' in v) ? { ...v, en: `${v.nl} (en)` } : v));

  beforeAll(async () => {
    t = await buildTestApp();
    t.setNow(new Date('2026-12-06T10:00:00Z'));
    ({ studyId } = await createMonitorStudy(db(), slug));
    researcher = await loginAs(t, 'onderzoeker@ggd.example', { role: 'researcher', study: slug });
  });
  afterAll(() => t.close());

  describe('questionnaire problems', () => {
    it('never asks a Dutch-only study for English texts', async () => {
      const res = await call('POST', `${base}/questionnaire/check`, { definition: MONITOR_QUESTIONNAIRE });
      expect(res.json()).toMatchObject({ ok: true, issues: [] });
    });

    it('says what is wrong in Dutch and in English, with the same code', async () => {
      const q: Questionnaire = structuredClone(MONITOR_QUESTIONNAIRE);
      const item = q.sections[0].items[1];
      if (item.type !== 'single') throw new Error('fixture changed');
      item.options[2].label = { nl: '' };
      const res = await call('POST', `${base}/questionnaire/check`, { definition: q });
      expect(res.json().ok).toBe(false);
      expect(res.json().issues).toEqual([
        {
          code: 'missing-language',
          item: 'richtlijn',
          path: '/sections/0/items/1/options/2/label/nl',
          message: 'item "richtlijn": option 3 label is missing in Dutch (nl)',
          text: {
            nl: 'Vraag "richtlijn": het label van optie 3 ontbreekt in het Nederlands',
            en: 'Item "richtlijn": option 3 label is missing in Dutch (nl)',
          },
        },
      ]);
      const saved = await saveQuestionnaire(q);
      expect(saved.statusCode).toBe(400);
      expect(saved.json().details.issues[0].text.nl).toMatch(/ontbreekt in het Nederlands/);
    });
  });

  describe('questionnaire edits labelled by what they are', () => {
    it('files added questions as "questions added", not as a text correction, also once a round has answers', async () => {
      // An answered round: the first half of 2026 has a submitted response on the current version.
      const version = await db().selectFrom('questionnaire_version').select('id').where('study_id', '=', studyId).executeTakeFirstOrThrow();
      const round = await db().selectFrom('round').select('id').where('key', '=', 'r2026h1').executeTakeFirstOrThrow();
      await db()
        .insertInto('response')
        .values({
          study_id: studyId,
          round_id: round.id,
          participant_id: null,
          invitation_id: null,
          questionnaire_version_id: version.id,
          status: 'submitted',
          submission_id: 'test-1',
          started_at: '2026-03-03T09:00:00.000Z',
          updated_at: '2026-03-03T09:05:00.000Z',
          submitted_at: '2026-03-03T09:05:00.000Z',
        } as never)
        .execute();
      const q: Questionnaire = structuredClone(MONITOR_QUESTIONNAIRE);
      q.sections[0].items.push({
        type: 'yesno',
        id: 'overleg',
        text: { nl: 'Is er een vast overleg?' },
        required: false,
        rounds: ['r2026h2'],
        measure: 'background',
      });
      q.sections[0].title = { nl: 'Het netwerk in de wijk' };
      const res = await saveQuestionnaire(q);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ outcome: 'wording', labels: ['questions-added', 'text-correction'] });
      const history = (await call('GET', `${base}/questionnaire/history`)).json();
      expect(history.edits[0]).toMatchObject({ kind: 'wording', labels: ['questions-added', 'text-correction'] });
    });

    it('labels a changed scale as such and makes a new version', async () => {
      const current = (await call('GET', `${base}/questionnaire`)).json().definition as Questionnaire;
      const item = current.sections[0].items[1];
      if (item.type !== 'single') throw new Error('fixture changed');
      item.options.push({ code: 4, label: { nl: 'Weet niet' } });
      const res = await saveQuestionnaire(current);
      expect(res.json()).toMatchObject({ outcome: 'new-version', labels: ['scale-changed'] });
    });
  });

  describe('languages', () => {
    it('adds English and counts the texts still to translate', async () => {
      const res = await call('PUT', `${base}/languages`, { languages: ['nl', 'en'] });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ languages: ['nl', 'en'], defaultLanguage: 'nl' });
      expect(body.untranslated).toBeGreaterThan(10);
      expect((await definition()).languages).toEqual(['nl', 'en']);
      expect(await auditActions()).toContain('study.languages');
    });

    it('refuses to drop English while texts exist only in English, and changes nothing', async () => {
      const q = bilingual((await call('GET', `${base}/questionnaire`)).json().definition);
      q.sections[0].items[0].help = { en: 'Only in English' };
      expect((await saveQuestionnaire(q)).statusCode).toBe(200);
      expect((await call('PATCH', base, { description: { en: 'A half-yearly self-assessment.' } })).statusCode).toBe(200);
      const before = await definition();
      const audits = (await auditActions()).length;
      const res = await call('PUT', `${base}/languages`, { languages: ['nl'] });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'texts-only-in', language: 'en', count: 2, items: ['cijfer'] },
      });
      expect(res.json().details.text.nl).toMatch(/^2 teksten bestaan alleen in het Engels \(de gegevens van het onderzoek, vraag cijfer\)/);
      expect(res.json().details.text.en).toMatch(/^2 texts exist only in English/);
      expect(await definition()).toEqual(before);
      expect((await auditActions()).length).toBe(audits);
    });

    it('switches to Dutch only once every text exists in Dutch', async () => {
      const q = (await call('GET', `${base}/questionnaire`)).json().definition as Questionnaire;
      q.sections[0].items[0].help = { nl: 'Een cijfer van 1 tot 10', en: 'Only in English' };
      expect((await saveQuestionnaire(q)).statusCode).toBe(200);
      expect((await call('PATCH', base, { description: { nl: 'Halfjaarlijkse zelfevaluatie.', en: 'Self-assessment.' } })).statusCode).toBe(
        200,
      );
      const res = await call('PUT', `${base}/languages`, { languages: ['nl'] });
      expect(res.statusCode).toBe(200);
      expect((await definition()).languages).toEqual(['nl']);
    });

    it('refuses a default language the study does not have', async () => {
      const res = await call('PUT', `${base}/languages`, { languages: ['nl'], defaultLanguage: 'en' });
      expect(res.statusCode).toBe(400);
      expect(res.json().details).toMatchObject({ reason: 'default-not-offered' });
      expect((await definition()).defaultLanguage).toBe('nl');
    });
  });

  describe('a repeating schedule', () => {
    const series = { everyMonths: 6, count: 3, start: '2027-01-11', openDays: 28 };

    it('previews half-yearly rounds with names, keys and dates, and adds nothing', async () => {
      const res = await call('POST', `${base}/rounds/series`, { ...series, preview: true });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        saved: false,
        rounds: [
          {
            key: 'r2027h1',
            label: { nl: '1e helft 2027', en: 'First half of 2027' },
            opensAt: '2027-01-11T08:00:00.000Z',
            closesAt: '2027-02-08T16:00:00.000Z',
          },
          {
            key: 'r2027h2',
            label: { nl: '2e helft 2027', en: 'Second half of 2027' },
            opensAt: '2027-07-11T07:00:00.000Z',
            closesAt: '2027-08-08T15:00:00.000Z',
          },
          {
            key: 'r2028h1',
            label: { nl: '1e helft 2028', en: 'First half of 2028' },
            opensAt: '2028-01-11T08:00:00.000Z',
            closesAt: '2028-02-08T16:00:00.000Z',
          },
        ],
      });
      expect(await roundKeys()).toEqual(['r2026h1', 'r2026h2']);
    });

    it('refuses a first round in the past and rounds that would overlap, adding nothing', async () => {
      const past = await call('POST', `${base}/rounds/series`, { ...series, start: '2026-01-05' });
      expect(past.statusCode).toBe(400);
      expect(past.json().details).toMatchObject({ reason: 'past', field: 'start' });
      expect(past.json().details.text.nl).toMatch(/in het verleden/);
      const overlap = await call('POST', `${base}/rounds/series`, { ...series, everyMonths: 1, openDays: 60 });
      expect(overlap.statusCode).toBe(400);
      expect(overlap.json().details).toMatchObject({ reason: 'overlap' });
      const bad = await call('POST', `${base}/rounds/series`, { ...series, count: 0 });
      expect(bad.statusCode).toBe(400);
      expect(await roundKeys()).toEqual(['r2026h1', 'r2026h2']);
    });

    it('adds the rounds, asks the questions of every round in them too, and audit-logs it', async () => {
      const res = await call('POST', `${base}/rounds/series`, series);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ saved: true, itemsAsked: 2 });
      expect(await roundKeys()).toEqual(['r2026h1', 'r2026h2', 'r2027h1', 'r2027h2', 'r2028h1']);
      const q = (await call('GET', `${base}/questionnaire`)).json().definition as Questionnaire;
      const rounds = Object.fromEntries(q.sections[0].items.map((i) => [i.id, i.rounds]));
      expect(rounds.cijfer).toEqual(['r2026h1', 'r2026h2', 'r2027h1', 'r2027h2', 'r2028h1']);
      expect(rounds.aanbod).toEqual(['r2026h2']);
      expect(await auditActions()).toContain('round.add-series');
      const history = (await call('GET', `${base}/questionnaire/history`)).json();
      expect(history.edits[0].labels).toEqual(['rounds-changed']);
    });

    it('words the refusals of a single round in Dutch as well', async () => {
      const spaced = await call('POST', `${base}/rounds`, { label: { nl: 'Extra' }, key: 'twee woorden' });
      expect(spaced.json().details.text.nl).toMatch(/geen spaties/);
      const unnamed = await call('POST', `${base}/rounds`, { label: { nl: ' ' } });
      expect(unnamed.json().details.text.nl).toBe('Een meting heeft een naam nodig.');
      const asked = await call('DELETE', `${base}/rounds/r2027h1`);
      expect(asked.statusCode).toBe(409);
      expect(asked.json().details.text.nl).toMatch(/^In deze meting worden nog vragen gesteld: cijfer, richtlijn\./);
      expect(await roundKeys()).toHaveLength(5);
    });

    it('refuses a schedule whose keys exist already, naming them, and adds nothing', async () => {
      const res = await call('POST', `${base}/rounds/series`, { ...series, start: '2027-07-01', count: 2 });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'keys-taken', keys: ['r2027h2', 'r2028h1'] } });
      expect(res.json().details.text.nl).toMatch(/Deze metingen bestaan al: r2027h2, r2028h1/);
      expect(await roundKeys()).toHaveLength(5);
    });
  });

  describe('archiving', () => {
    it('refuses while rounds are planned or open, and changes nothing', async () => {
      const planned = await call('POST', `${base}/archive`);
      expect(planned.statusCode).toBe(409);
      expect(planned.json().details).toMatchObject({ reason: 'rounds-planned', planned: ['r2027h1', 'r2027h2', 'r2028h1'] });
      expect(planned.json().details.text.nl).toMatch(/haal de openingsdatum weg/);
      await db()
        .updateTable('round')
        .set({ opens_at: null, closes_at: null })
        .where('study_id', '=', studyId)
        .where('key', 'like', 'r202%h%')
        .where('key', '!=', 'r2026h1')
        .execute();
      await db()
        .updateTable('round')
        .set({ opens_at: '2026-12-01T08:00:00.000Z', closes_at: null })
        .where('study_id', '=', studyId)
        .where('key', '=', 'r2026h2')
        .execute();
      const open = await call('POST', `${base}/archive`);
      expect(open.statusCode).toBe(409);
      expect(open.json().details).toMatchObject({ reason: 'rounds-open', rounds: ['r2026h2'] });
      expect(
        (await db().selectFrom('study').select('archived_at').where('id', '=', studyId).executeTakeFirstOrThrow()).archived_at,
      ).toBeNull();
      expect(await auditActions()).not.toContain('study.archive');
    });

    it('lets only researchers archive', async () => {
      const trainer = await loginAs(t, 'trainer@ggd.example', { role: 'trainer', study: slug });
      expect((await call('POST', `${base}/archive`, undefined, trainer)).statusCode).toBe(403);
    });

    it('archives a study whose rounds are over: out of the list, read-only, links closed', async () => {
      // An anonymous link for the second round, made while the study was active.
      const link = (await call('POST', `${base}/fieldwork/rounds/r2026h2/anonymous-link`)).json().link as string;
      expect(link).toMatch(/\/r\//);
      await db()
        .updateTable('round')
        .set({ closes_at: '2026-12-05T08:00:00.000Z' })
        .where('study_id', '=', studyId)
        .where('key', '=', 'r2026h2')
        .execute();
      const res = await call('POST', `${base}/archive`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ archived: true, archivedAt: '2026-12-06T10:00:00.000Z' });
      expect(await auditActions()).toContain('study.archive');

      const list = (await call('GET', '/api/studies')).json().studies.map((s: { slug: string }) => s.slug);
      expect(list).not.toContain(slug);
      const all = (await call('GET', '/api/studies?archived=1')).json().studies;
      expect(all.find((s: { slug: string }) => s.slug === slug)).toMatchObject({ archivedAt: '2026-12-06T10:00:00.000Z' });
      expect((await call('GET', base)).json()).toMatchObject({ slug, archivedAt: '2026-12-06T10:00:00.000Z' });

      const before = await definition();
      const rounds = await roundKeys();
      for (const [method, url, payload] of [
        ['PATCH', base, { title: { nl: 'Nieuwe titel' } }],
        ['PUT', `${base}/languages`, { languages: ['nl', 'en'] }],
        ['POST', `${base}/rounds`, { label: { nl: 'Extra meting' } }],
        ['POST', `${base}/rounds/series`, { everyMonths: 6, count: 1, start: '2029-01-08', openDays: 28 }],
        ['POST', `${base}/fieldwork/rounds/r2026h2/open`, {}],
        ['PUT', `${base}/questionnaire`, { definition: MONITOR_QUESTIONNAIRE, baseVersion: 1, baseRevision: 1 }],
      ] as const) {
        const refused = await call(method, url, payload);
        expect(refused.statusCode, `${method} ${url}`).toBe(409);
        expect(refused.json()).toMatchObject({ code: 'STUDY_ARCHIVED', details: { reason: 'archived' } });
        expect(refused.json().details.text.nl).toMatch(/gearchiveerd/);
      }
      expect(await definition()).toEqual(before);
      expect(await roundKeys()).toEqual(rounds);
      // Reading stays possible.
      expect((await call('GET', `${base}/questionnaire`)).statusCode).toBe(200);
      expect((await call('POST', `${base}/questionnaire/check`, { definition: MONITOR_QUESTIONNAIRE })).statusCode).toBe(200);

      // The respondent's link answers kindly with the closed page.
      const path = new URL(link).pathname;
      const first = await t.app.inject({ method: 'GET', url: path });
      expect(first.statusCode).toBe(200);
      const cookie = first.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const page = await t.app.inject({ method: 'GET', url: '/r/anon', headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/gesloten|closed/i);
      expect(page.body).not.toMatch(/rondo-survey/);
    });

    it('unarchives: editable again and back in the list, audit-logged', async () => {
      const res = await call('POST', `${base}/unarchive`);
      expect(res.json()).toEqual({ archived: false, archivedAt: null });
      expect(await auditActions()).toContain('study.unarchive');
      expect((await call('GET', '/api/studies')).json().studies.map((s: { slug: string }) => s.slug)).toContain(slug);
      expect((await call('PATCH', base, { title: { nl: 'Netwerkmonitor Noord' } })).statusCode).toBe(200);
    });

    it('deletes an archived study without unarchiving it first', async () => {
      expect((await call('POST', `${base}/archive`)).statusCode).toBe(200);
      const res = await call('POST', `${base}/delete`, { confirmSlug: slug });
      expect(res.statusCode).toBe(200);
      expect(await db().selectFrom('study').select('id').where('id', '=', studyId).execute()).toEqual([]);
    });
  });
});
