import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { loadRoster, loadRosterStatus } from '../../server/fieldwork/roster.js';
import { createFieldworkStudy, markSubmitted, people, SLUG } from './fixture.js';

/**
 * The fieldwork overview and the monitor's pattern counts read where everyone stands with
 * loadRosterStatus, the monitor's list and the sends with loadRoster: both must say the same of
 * every invitation, in every case the roster's rules tell apart.
 */
describe('the roster and its status-only reading', () => {
  let t: TestApp;
  let study: Awaited<ReturnType<typeof createFieldworkStudy>>;

  beforeAll(async () => {
    t = await buildTestApp();
    study = await createFieldworkStudy(t.data.store.db, people(10));
    const staff = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG });
    for (const round of ['pre', 'mid']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/studies/${SLUG}/fieldwork/rounds/${round}/open`,
        headers: staff.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const s = t.data.store.sqlite;
    const id = (key: string) => study.participantIds[key];
    const pre = study.roundIds.pre;
    const at = '2026-03-02T10:00:00.000Z';
    const invitation = (key: string, column: string, value: string | null, round = pre) =>
      s.prepare(`update invitation set ${column} = ? where participant_id = ? and round_id = ?`).run(value, id(key), round);
    const response = (key: string, status: 'draft' | 'submitted', submittedAt: string | null, round = pre) =>
      s
        .prepare(
          `insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, source,
             started_at, updated_at, submitted_at)
           values (?, ?, ?, null, (select max(id) from questionnaire_version where study_id = ?), ?, 'import', ?, ?, ?)`,
        )
        .run(study.studyId, round, id(key), study.studyId, status, at, at, submittedAt);
    for (const key of ['P01', 'P02', 'P03', 'P04', 'P05', 'P06', 'P07']) invitation(key, 'sent_at', at);
    // Submitted through the link, and through an import only (the invitation does not know).
    await markSubmitted(t.data.store.db, id('P01'), pre, new Date(at));
    response('P02', 'submitted', null);
    // A draft; opened only; an import next to a draft.
    response('P03', 'draft', null);
    invitation('P04', 'opened_at', at);
    response('P05', 'draft', null);
    response('P05', 'submitted', '2026-03-03T09:00:00.000Z');
    // A revoked link, and someone who left from the first round: both out of its roster.
    invitation('P06', 'revoked_at', at);
    s.prepare('update participant set left_from_round_id = ? where id = ?').run(pre, id('P07'));
    // P08–P10: invited, nothing sent yet. In the second round P07 is gone too, P09 submitted.
    await markSubmitted(t.data.store.db, id('P09'), study.roundIds.mid, new Date(at));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives every invitation the same status, times and participant', async () => {
    const byInvitation = <T extends { invitationId: number }>(rows: T[]) => [...rows].sort((a, b) => a.invitationId - b.invitationId);
    const seen = new Set<string>();
    for (const round of ['pre', 'mid'] as const) {
      const ref = await t.data.store.db.selectFrom('round').selectAll().where('id', '=', study.roundIds[round]).executeTakeFirstOrThrow();
      const full = byInvitation(await loadRoster(t.data.store.db, ref));
      const status = byInvitation(await loadRosterStatus(t.data.store.db, ref));
      expect(status).toEqual(
        full.map((e) => ({
          invitationId: e.invitationId,
          participantId: e.participantId,
          sentAt: e.sentAt,
          openedAt: e.openedAt,
          startedAt: e.startedAt,
          submittedAt: e.submittedAt,
          status: e.status,
        })),
      );
      for (const e of full) seen.add(`${round} ${e.participantKey} ${e.status}`);
    }
    // Not a comparison of plain rows: each case is there, and the revoked and the departed are not.
    expect([...seen].filter((x) => x.startsWith('pre')).sort()).toEqual([
      'pre P01 submitted',
      'pre P02 submitted',
      'pre P03 started',
      'pre P04 opened',
      'pre P05 submitted',
      'pre P08 not-sent',
      'pre P09 not-sent',
      'pre P10 not-sent',
    ]);
    expect(seen.has('mid P09 submitted')).toBe(true);
    expect([...seen].some((x) => x.includes('P07'))).toBe(false);
  });
});
