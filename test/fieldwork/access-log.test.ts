import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createFieldworkStudy, markSubmitted, people, SLUG } from './fixture.js';
import { smtpConfig, startSink, type Sink } from './smtp.js';

const NOW = new Date('2026-04-06T09:00:00Z');
const api = `/api/studies/${SLUG}/fieldwork`;

interface AccessRow {
  actor: string;
  kind: string;
  data: string;
  participants: string;
  purpose: string;
}

/**
 * Every fieldwork route that shows or exports data at participant level — names, addresses,
 * personal links, who has answered — writes one row to the access log before answering
 * (docs/engineering.md, "Personal data"). Routes with aggregates only write none.
 */
describe('the fieldwork routes and the access log', () => {
  let t: TestApp;
  let sink: Sink;
  let researcher: LoggedIn;
  let study: Awaited<ReturnType<typeof createFieldworkStudy>>;
  const cohort = people(6);
  cohort[4] = { ...cohort[4], email: 'geen-adres' };
  cohort[5] = { ...cohort[5], email: '' };

  const rows = () =>
    t.data.store.sqlite
      .prepare('select actor, kind, data, participants, purpose from personal_data_access where study_id = ? order by id')
      .all(study.studyId) as AccessRow[];
  /** Calls a route and returns the access-log rows it wrote. */
  const logged = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const before = rows().length;
    const res = await t.app.inject({ method, url, headers: researcher.headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
    return { res, written: rows().slice(before) };
  };

  beforeAll(async () => {
    sink = await startSink();
    t = await buildTestApp({ config: { smtp: smtpConfig(sink.port), baseUrl: 'https://rondo.example.nl' } });
    t.setNow(NOW);
    study = await createFieldworkStudy(t.data.store.db, cohort);
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG });
    expect((await t.app.inject({ method: 'POST', url: `${api}/rounds/pre/open`, headers: researcher.headers })).statusCode).toBe(200);
    await markSubmitted(t.data.store.db, study.participantIds.P01, study.roundIds.pre, NOW);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('logs the participant list of the monitor', async () => {
    const { written } = await logged('GET', `${api}/monitor/pre/participants`);
    expect(written).toEqual([expect.objectContaining({ kind: 'view', data: 'contacts', purpose: 'fieldwork monitor pre' })]);
    expect(JSON.parse(written[0].participants)).toEqual(['P01', 'P02', 'P03', 'P04', 'P05', 'P06']);
    expect(written[0].actor).toMatch(/^user:\d+$/);
  });

  it('logs of a page of the list the participants on it, not the whole round', async () => {
    const { written } = await logged('GET', `${api}/monitor/pre/participants?offset=2&limit=3`);
    expect(written).toEqual([expect.objectContaining({ kind: 'view', data: 'contacts', purpose: 'fieldwork monitor pre' })]);
    expect(JSON.parse(written[0].participants)).toEqual(['P03', 'P04', 'P05']);
    // A search that finds nobody shows nobody's data.
    const nobody = await logged('GET', `${api}/monitor/pre/participants?q=nobody-has-this&limit=100`);
    expect(nobody.res.json().participants).toEqual([]);
    expect(nobody.written).toEqual([]);
  });

  it('logs the response pattern of each participant, but not the counts alone the monitor polls for', async () => {
    const { written } = await logged('GET', `${api}/patterns`);
    expect(written).toEqual([expect.objectContaining({ kind: 'view', data: 'participants', purpose: 'fieldwork response patterns' })]);
    const counts = await logged('GET', `${api}/patterns?detail=counts`);
    expect(counts.res.json().participants).toBeUndefined();
    expect(counts.res.json().patterns.length).toBeGreaterThan(0);
    expect(counts.written).toEqual([]);
  });

  it('logs a mail preview for a participant', async () => {
    const { written } = await logged('POST', `${api}/preview`, { kind: 'invitation', language: 'nl', round: 'pre', participantKey: 'P03' });
    expect(written).toEqual([
      expect.objectContaining({ kind: 'view', data: 'contacts', participants: '["P03"]', purpose: 'mail preview' }),
    ]);
  });

  it('logs who a send skipped and why (an address that does not work is quoted), also on a dry run', async () => {
    for (const dryRun of [true, false]) {
      const { res, written } = await logged('POST', `${api}/rounds/pre/send`, { kind: 'invitation', selection: 'all', dryRun });
      expect(res.json().skipped.map((s: { participantKey: string }) => s.participantKey)).toEqual(['P05', 'P06']);
      expect(res.json().skipped[0].message).toContain('geen-adres');
      expect(written).toEqual([
        expect.objectContaining({
          kind: 'view',
          data: 'contacts',
          participants: '["P05","P06"]',
          purpose: 'send invitation pre: not sent to',
        }),
      ]);
    }
    await t.app.fieldwork.sender.idle();
    // A send that skips nobody shows nobody's data.
    const clean = await logged('POST', `${api}/rounds/pre/send`, {
      kind: 'reminder',
      selection: 'selection',
      participantKeys: ['P02'],
      dryRun: true,
    });
    expect(clean.written).toEqual([]);
  });

  it('logs the recipients of a mailing', async () => {
    const batches = (await t.app.inject({ url: `${api}/batches`, headers: researcher.headers })).json().batches;
    const { written } = await logged('GET', `${api}/batches/${batches[0].id}`);
    expect(written).toEqual([expect.objectContaining({ kind: 'view', data: 'contacts', purpose: `mail batch ${batches[0].id}` })]);
    expect(JSON.parse(written[0].participants)).toHaveLength(4);
  });

  it('logs a personal link shown and a new one made', async () => {
    const id = (
      t.data.store.sqlite
        .prepare('select id from invitation where participant_id = ? and round_id = ?')
        .get(study.participantIds.P02, study.roundIds.pre) as { id: number }
    ).id;
    expect((await logged('GET', `${api}/invitations/${id}/link`)).written).toEqual([
      expect.objectContaining({ kind: 'view', data: 'links', participants: '["P02"]', purpose: 'personal link pre' }),
    ]);
    expect((await logged('POST', `${api}/invitations/${id}/regenerate`)).written).toEqual([
      expect.objectContaining({ kind: 'view', data: 'links', participants: '["P02"]', purpose: 'new personal link pre' }),
    ]);
  });

  it('logs the mail-merge export as an export', async () => {
    const { written } = await logged('GET', `${api}/rounds/pre/mail-merge.csv?only=nonresponders`);
    expect(written).toEqual([expect.objectContaining({ kind: 'export', data: 'contacts', purpose: 'mail-merge csv pre non-responders' })]);
    expect(JSON.parse(written[0].participants)).toEqual(['P02', 'P03', 'P04']);
  });

  it('writes nothing for aggregates and settings', async () => {
    for (const url of [
      api,
      `${api}/monitor`,
      `${api}/monitor/pre`,
      `${api}/batches`,
      `${api}/templates`,
      `${api}/rounds/pre/anonymous-link`,
    ]) {
      expect((await logged('GET', url)).written, url).toEqual([]);
    }
  });
});
