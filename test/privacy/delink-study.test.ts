import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

let t: TestApp;
let researcher: LoggedIn;
const sqlite = () => t.data.store.sqlite;
const url = '/api/studies/1000-kansen/privacy/delink';

beforeEach(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
});
afterEach(async () => t.close());

const confirm = () => t.app.inject({ method: 'POST', url: `${url}/confirmation`, headers: researcher.headers });
const delink = (body: unknown, who = researcher) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: body as object });

/** Each participant's answers per round, keyed by what stays after de-linking: the answers. */
function answerPatterns(): string[] {
  const rows = sqlite()
    .prepare(
      `select r.participant_id, group_concat(ro.key || ':' || a.item || a.sub || '=' || coalesce(a.code, a.missing, a.text), '|') as cells
       from response r join round ro on ro.id = r.round_id join answer a on a.response_id = r.id
       where r.status = 'submitted' group by r.participant_id order by cells`,
    )
    .all() as { cells: string }[];
  return rows.map((r) => r.cells.split('|').sort().join('|')).sort();
}

describe('de-linking a study after the last round', () => {
  it('needs two confirmations: a ticket, then the slug typed out', async () => {
    const first = await confirm();
    expect(first.statusCode).toBe(200);
    const preview = first.json();
    expect(preview).toMatchObject({ blockers: [], contacts: 34, participants: 34, confirmSlug: '1000-kansen' });

    const wrongSlug = await delink({ ticket: preview.ticket, confirmSlug: '1000-Kansen' });
    expect(wrongSlug.statusCode).toBe(400);
    expect(wrongSlug.json().details).toEqual({ field: 'confirmSlug' });
    const noTicket = await delink({ ticket: 'x', confirmSlug: '1000-kansen' });
    expect(noTicket.statusCode).toBe(409);
    expect(noTicket.json().details).toEqual({ reason: 'TICKET' });
    expect(sqlite().prepare('select count(*) n from participant_contact').get()).toEqual({ n: 34 });

    const done = await delink({ ticket: preview.ticket, confirmSlug: '1000-kansen' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ contactsRemoved: 34, invitationsRemoved: 102, participantsRekeyed: 34 });
  });

  it('drops contacts, links and keys so no response can be traced back, and keeps the answers and their pairing', async () => {
    const before = answerPatterns();
    const oldKeys = (sqlite().prepare('select key from participant').all() as { key: string }[]).map((r) => r.key);
    const oldIds = (sqlite().prepare('select id from participant order by id').all() as { id: number }[]).map((r) => r.id);
    const ticket = (await confirm()).json().ticket;
    expect((await delink({ ticket, confirmSlug: '1000-kansen' })).statusCode).toBe(200);

    expect(sqlite().prepare('select count(*) n from participant_contact').get()).toEqual({ n: 0 });
    expect(sqlite().prepare('select count(*) n from invitation').get()).toEqual({ n: 0 });
    expect(sqlite().prepare("select count(*) n from response where status = 'draft'").get()).toEqual({ n: 0 });
    expect(sqlite().prepare("select count(*) n from response where status = 'submitted'").get()).toEqual({ n: 55 });
    const rows = sqlite().prepare('select id, key from participant').all() as { id: number; key: string }[];
    expect(rows).toHaveLength(34);
    for (const r of rows) {
      expect(oldKeys).not.toContain(r.key);
      expect(oldIds).not.toContain(r.id);
    }
    // The same answers, grouped per person as before: paired analysis across rounds still works.
    expect(answerPatterns()).toEqual(before);
    expect(sqlite().pragma('foreign_key_check')).toEqual([]);
  });

  it('is refused while a round has not closed, and a second time', async () => {
    sqlite()
      .prepare("update round set closes_at = ? where key = 'post'")
      .run(new Date(Date.now() + 86_400_000).toISOString());
    const open = await confirm();
    expect(open.statusCode).toBe(409);
    expect(open.json().details.blockers[0]).toMatch(/round post has not closed yet/);
    // The privacy screen names the open round by its label, as everywhere else, not by its key.
    const label = sqlite().prepare("select label_nl as nl, label_en as en from round where key = 'post'").get() as {
      nl: string;
      en: string;
    };
    const overview = (await t.app.inject({ url: '/api/studies/1000-kansen/privacy', headers: researcher.headers })).json();
    expect(overview.delink.openRounds).toEqual([{ key: 'post', label }]);
    expect(label.nl).not.toBe('post');

    sqlite().prepare("update round set closes_at = '2022-12-01T00:00:00.000Z' where key = 'post'").run();
    const ticket = (await confirm()).json().ticket;
    expect((await delink({ ticket, confirmSlug: '1000-kansen' })).statusCode).toBe(200);
    const again = await delink({ ticket, confirmSlug: '1000-kansen' });
    expect(again.statusCode).toBe(409);
    expect(again.json().details.reason).toBe('DELINK_BLOCKED');
  });

  it('takes the grace period after closing into account', async () => {
    const now = new Date();
    t.setNow(now);
    sqlite()
      .prepare("update round set closes_at = ? where key = 'post'")
      .run(new Date(now.getTime() - 30 * 60_000).toISOString());
    expect((await confirm()).statusCode).toBe(409); // closed 30 minutes ago, grace is 60
    t.setNow(new Date(now.getTime() + 31 * 60_000));
    expect((await confirm()).statusCode).toBe(200);
  });

  it('does not accept a ticket from another session, or an expired one', async () => {
    const ticket = (await confirm()).json().ticket;
    const other = await loginAs(t, 'tweede@example.nl', { role: 'researcher' });
    expect((await delink({ ticket, confirmSlug: '1000-kansen' }, other)).json().details).toEqual({ reason: 'TICKET' });
    t.setNow(new Date(Date.now() + 11 * 60_000)); // the session lives on, the ticket does not
    expect((await delink({ ticket, confirmSlug: '1000-kansen' })).json().details).toEqual({ reason: 'TICKET' });
    expect(sqlite().prepare('select count(*) n from participant_contact').get()).toEqual({ n: 34 });
  });

  it('is audit-logged and shown in the overview', async () => {
    const ticket = (await confirm()).json().ticket;
    await delink({ ticket, confirmSlug: '1000-kansen' });
    const row = sqlite().prepare("select details from audit_log where action = 'privacy.study.delink'").get() as { details: string };
    expect(JSON.parse(row.details)).toMatchObject({ contactsRemoved: 34, participantsRekeyed: 34 });
    const overview = (await t.app.inject({ url: '/api/studies/1000-kansen/privacy', headers: researcher.headers })).json();
    expect(overview.delinkedAt).toEqual(expect.any(String));
    expect(overview.delink.blockers[0]).toMatch(/already de-linked/);
  });
});
