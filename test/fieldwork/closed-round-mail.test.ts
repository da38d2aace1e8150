import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createMonitorStudy } from '../setup/monitor-study.js';
import { addParticipant, markSubmitted, people } from './fixture.js';
import { ensureInvitations } from '../../server/fieldwork/invitations.js';
import { writeTx } from '../../server/db/tx.js';
import { main } from '../../server/cli/index.js';

const SLUG = 'netwerkmonitor';
const api = `/api/studies/${SLUG}/fieldwork`;
/** The first half-year round runs from 2 to 30 March 2026 (test/setup/monitor-study.ts). */
const WHILE_OPEN = new Date('2026-03-10T09:00:00Z');
const AFTER_CLOSING = new Date('2026-04-06T09:00:00Z');

/**
 * Reminders of a network monitor that is not the demo, without a mail server (as most networks
 * run rondo): a reminder is previewed for someone who has not answered, never for the first
 * person in the list who already did, and once the round has closed the server refuses any mail
 * with a reason of its own, before it says there is no mail server.
 */
describe('reminders around a round’s closing', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const member = people(4).map((p, i) => ({ ...p, key: `L0${i + 1}`, name: `Lid ${i + 1}` }));
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: researcher.headers, ...(payload ? { payload } : {}) });
  const preview = (kind: 'invitation' | 'reminder') => call('POST', `${api}/preview`, { kind, language: 'nl', round: 'r2026h1' });
  const travel = async (to: Date) => {
    t.setNow(to);
    researcher = await loginAs(t, 'verbinder@netwerk.nl');
  };

  beforeAll(async () => {
    t = await buildTestApp({ config: { baseUrl: 'https://rondo.example.nl' } });
    t.setNow(WHILE_OPEN);
    const { studyId } = await createMonitorStudy(t.data.store.db, SLUG);
    const ids = [];
    for (const p of member) ids.push(await addParticipant(t.data.store.db, studyId, p));
    const round = await t.data.store.db
      .selectFrom('round')
      .select(['id', 'study_id', 'position'])
      .where('study_id', '=', studyId)
      .where('key', '=', 'r2026h1')
      .executeTakeFirstOrThrow();
    await writeTx(t.data.store.db, (trx) => ensureInvitations(trx, t.data.secret, round, WHILE_OPEN));
    // The first two in the list (L01, L02) have answered; L03 and L04 have not.
    await markSubmitted(t.data.store.db, ids[0], round.id, WHILE_OPEN);
    await markSubmitted(t.data.store.db, ids[1], round.id, WHILE_OPEN);
    researcher = await loginAs(t, 'verbinder@netwerk.nl', { role: 'researcher', study: SLUG });
  });
  afterAll(() => t?.close());

  it('previews a reminder for the first member who has not answered yet', async () => {
    const res = await preview('reminder');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().recipient).toMatchObject({ participantKey: 'L03', name: 'Lid 3' });
    expect(res.json().text).toContain('Lid 3');
    expect(res.json().warnings.map((w: { code: string }) => w.code)).toEqual([]);
  });

  it('previews a chosen member when asked, answered or not', async () => {
    const res = await call('POST', `${api}/preview`, { kind: 'reminder', language: 'nl', round: 'r2026h1', participantKey: 'L01' });
    expect(res.json().recipient).toMatchObject({ participantKey: 'L01' });
  });

  it('refuses a reminder once the round has closed, with its own reason, even without a mail server', async () => {
    await travel(AFTER_CLOSING);
    for (const body of [
      { kind: 'reminder', selection: 'nonresponders' },
      { kind: 'reminder', selection: 'nonresponders', dryRun: true },
      { kind: 'invitation', selection: 'not-sent' },
    ]) {
      const res = await call('POST', `${api}/rounds/r2026h1/send`, body);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'ROUND_CLOSED' } });
      expect(res.json().message).toMatch(/closed/);
    }
    expect(t.data.store.sqlite.prepare('select count(*) as n from outbox').get()).toEqual({ n: 0 });
  });

  it('refuses the non-responders’ mail-merge file once the round has closed, and invites nobody new into it', async () => {
    const sqlite = t.data.store.sqlite;
    const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const before = { invitation: count('invitation'), audit: count('audit_log'), access: count('personal_data_access') };
    const non = await call('GET', `${api}/rounds/r2026h1/mail-merge.csv?only=nonresponders`);
    expect(non.statusCode, non.body).toBe(409);
    expect(non.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'ROUND_CLOSED' } });
    const notOpen = await call('GET', `${api}/rounds/r2026h2/mail-merge.csv?only=nonresponders`);
    expect(notOpen.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'ROUND_NOT_OPEN' } });
    let err = '';
    const code = await main(['invitations', '--study', SLUG, '--round', 'r2026h1', '--only-nonresponders', '--data', t.dir], {
      out: () => undefined,
      err: (s) => (err += s),
      env: { RONDO_BASE_URL: 'https://rondo.example.nl' },
      now: () => AFTER_CLOSING,
    });
    expect(code).toBe(1);
    expect(err).toMatch(/This round has closed.*\(nothing was written\)/);
    expect({ invitation: count('invitation'), audit: count('audit_log'), access: count('personal_data_access') }).toEqual(before);

    // Someone who joins after closing was never asked: the whole list (kept for the record) has
    // only those invited while it ran, and no invitation makes the newcomer count as invited.
    const studyId = (sqlite.prepare('select id from study where slug = ?').get(SLUG) as { id: number }).id;
    await addParticipant(t.data.store.db, studyId, { key: 'L05', name: 'Lid 5', email: 'p5@example.nl' });
    const all = await call('GET', `${api}/rounds/r2026h1/mail-merge.csv`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.body).not.toContain('Lid 5');
    expect(all.body.slice(1).trim().split('\r\n')).toHaveLength(1 + member.length);
    expect(count('invitation')).toBe(before.invitation);
    const rate = (await call('GET', `/api/studies/${SLUG}/analysis`)).json().rounds[0];
    expect(rate).toMatchObject({ key: 'r2026h1', invited: member.length, submitted: 2 });
  });

  it('still says a round that has not opened is not open', async () => {
    const res = await call('POST', `${api}/rounds/r2026h2/send`, { kind: 'reminder', selection: 'nonresponders' });
    expect(res.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'ROUND_NOT_OPEN' } });
  });

  it('warns in a closed round’s preview that its mail can no longer be sent', async () => {
    const res = await preview('reminder');
    expect(res.json().recipient).toMatchObject({ participantKey: 'L03' });
    expect(res.json().warnings.map((w: { code: string }) => w.code)).toEqual(['ROUND_CLOSED']);
  });

  it('previews a reminder with a stand-in when everyone has answered', async () => {
    const db = t.data.store.db;
    const round = await db.selectFrom('round').select('id').where('key', '=', 'r2026h1').executeTakeFirstOrThrow();
    const rest = await db.selectFrom('participant').select('id').where('key', 'in', ['L03', 'L04']).execute();
    for (const p of rest) await markSubmitted(db, p.id, round.id, WHILE_OPEN);
    const res = await preview('reminder');
    expect(res.json().recipient).toBeNull();
    expect(res.json().warnings.map((w: { code: string }) => w.code)).toEqual(['NO_RECIPIENTS', 'ROUND_CLOSED']);
    // An invitation's preview still has someone to address.
    expect((await preview('invitation')).json().recipient).not.toBeNull();
  });
});
