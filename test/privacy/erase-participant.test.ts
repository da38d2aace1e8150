import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { verifyAuditChain } from '../../server/audit.js';

let t: TestApp;
let researcher: LoggedIn;
const sqlite = () => t.data.store.sqlite;

/** A demo participant who submitted in every round, with their contact details. */
function fullResponder(): { id: number; key: string; name: string; email: string; submitted: number } {
  return sqlite()
    .prepare(
      `select p.id, p.key, c.name, c.email, count(r.id) as submitted from participant p
       join participant_contact c on c.participant_id = p.id
       join response r on r.participant_id = p.id and r.status = 'submitted'
       group by p.id having count(r.id) = 3 order by p.id limit 1`,
    )
    .get() as { id: number; key: string; name: string; email: string; submitted: number };
}

/** The database file and its WAL as bytes: what is left on disk, not only in the tables. */
function diskBytes(): Buffer {
  const file = path.join(t.dir, 'rondo.sqlite');
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

const erase = (key: string, body: unknown, who = researcher) =>
  t.app.inject({
    method: 'POST',
    url: `/api/studies/1000-kansen/privacy/participants/${key}/erase`,
    headers: who.headers,
    payload: body as object,
  });

beforeEach(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
});
afterEach(async () => t.close());

describe('erasing a participant', () => {
  it('removes the contact details and, when asked, every answer, leaving no trace in the file', async () => {
    const p = fullResponder();
    sqlite().pragma('wal_checkpoint(TRUNCATE)');
    expect(diskBytes().includes(Buffer.from(p.email))).toBe(true);

    const res = await erase(p.key, { answers: 'delete' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: p.key, answers: 'delete', contactRemoved: true, responsesDeleted: 3, responsesKept: 0 });

    expect(sqlite().prepare('select count(*) n from participant where id = ?').get(p.id)).toEqual({ n: 0 });
    expect(sqlite().prepare('select count(*) n from response where participant_id = ?').get(p.id)).toEqual({ n: 0 });
    expect(sqlite().prepare('select count(*) n from answer where response_id not in (select id from response)').get()).toEqual({ n: 0 });
    // secure_delete and the TRUNCATE checkpoint: the address is gone from the bytes on disk.
    expect(diskBytes().includes(Buffer.from(p.email))).toBe(false);
    expect(diskBytes().includes(Buffer.from(p.name))).toBe(false);
  });

  it('keeps submitted answers under the key with the legal basis noted, and removes contacts, drafts and links', async () => {
    const p = fullResponder();
    const res = await erase(p.key, { answers: 'keep', legalBasis: 'AVG art. 17 lid 3 sub d (wetenschappelijk onderzoek)' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ answers: 'keep', contactRemoved: true, responsesKept: 3, responsesDeleted: 0 });
    expect(sqlite().prepare('select count(*) n from participant_contact where participant_id = ?').get(p.id)).toEqual({ n: 0 });
    expect(sqlite().prepare("select count(*) n from response where participant_id = ? and status = 'submitted'").get(p.id)).toEqual({
      n: 3,
    });
    expect(sqlite().prepare("select count(*) n from response where participant_id = ? and status = 'draft'").get(p.id)).toEqual({ n: 0 });
    expect(
      sqlite()
        .prepare('select count(*) n from invitation where participant_id = ? and submitted_at is null and revoked_at is null')
        .get(p.id),
    ).toEqual({ n: 0 });

    const overview = (await t.app.inject({ url: '/api/studies/1000-kansen/privacy', headers: researcher.headers })).json();
    expect(overview.erasedKept).toEqual([
      { key: p.key, erasedAt: expect.any(String), legalBasis: 'AVG art. 17 lid 3 sub d (wetenschappelijk onderzoek)' },
    ]);
  });

  it('asks for the legal basis before keeping answers, and changes nothing without it', async () => {
    const p = fullResponder();
    const res = await erase(p.key, { answers: 'keep' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { field: 'legalBasis' } });
    expect(sqlite().prepare('select count(*) n from participant_contact where participant_id = ?').get(p.id)).toEqual({ n: 1 });
  });

  it('can delete the kept answers later, but not erase the same participant twice with "keep"', async () => {
    const p = fullResponder();
    expect((await erase(p.key, { answers: 'keep', legalBasis: 'art. 89 AVG' })).statusCode).toBe(200);
    const again = await erase(p.key, { answers: 'keep', legalBasis: 'art. 89 AVG' });
    expect(again.statusCode).toBe(409);
    expect(again.json().details).toEqual({ reason: 'ALREADY_ERASED' });
    const later = await erase(p.key, { answers: 'delete' });
    expect(later.statusCode).toBe(200);
    expect(later.json()).toMatchObject({ responsesDeleted: 3, contactRemoved: false });
  });

  it("reaches the outbox of fieldwork, so no copy of the address is left in a mail server's answer", async () => {
    const p = fullResponder();
    const study = sqlite().prepare("select id from study where slug = '1000-kansen'").get() as { id: number };
    const inv = sqlite().prepare('select id, round_id from invitation where participant_id = ? limit 1').get(p.id) as {
      id: number;
      round_id: number;
    };
    const now = new Date().toISOString();
    const batch = sqlite()
      .prepare(
        "insert into mail_batch (study_id, round_id, kind, origin, selection, language, subject, body, status, created_at, created_by) values (?, ?, 'reminder', 'manual', '{}', 'nl', 's', 'b', 'done', ?, 'test') returning id",
      )
      .get(study.id, inv.round_id, now) as { id: number };
    sqlite()
      .prepare("insert into outbox (batch_id, invitation_id, status, last_error, created_at, updated_at) values (?, ?, 'failed', ?, ?, ?)")
      .run(batch.id, inv.id, `550 5.1.1 <${p.email}>: mailbox unavailable`, now, now);

    const res = await erase(p.key, { answers: 'keep', legalBasis: 'art. 89 AVG' });
    expect(res.json().elsewhere).toEqual({ outbox: 1 });
    expect(diskBytes().includes(Buffer.from(p.email))).toBe(false);
  });

  it('records the erasure in the audit log without the name or e-mail address', async () => {
    const p = fullResponder();
    await erase(p.key, { answers: 'delete' });
    const row = sqlite().prepare("select * from audit_log where action = 'privacy.participant.erase'").get() as Record<string, string>;
    expect(row.target).toBe(`participant:${p.key}`);
    expect(JSON.parse(row.details)).toMatchObject({ answers: 'delete', responsesDeleted: 3 });
    const everything = JSON.stringify(sqlite().prepare('select * from audit_log').all());
    expect(everything).not.toContain(p.email);
    expect(everything).not.toContain(p.name);
    expect((await verifyAuditChain(t.data.store.db)).ok).toBe(true);
  });

  it('answers 404 for a key of another study or no key at all, and touches nothing', async () => {
    const before = sqlite().prepare('select count(*) n from participant_contact').get();
    expect((await erase('nobody', { answers: 'delete' })).statusCode).toBe(404);
    expect(sqlite().prepare('select count(*) n from participant_contact').get()).toEqual(before);
  });

  it('is for researchers only', async () => {
    const trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
    const p = fullResponder();
    expect((await erase(p.key, { answers: 'delete' }, trainer)).statusCode).toBe(403);
    expect(sqlite().prepare('select count(*) n from participant where id = ?').get(p.id)).toEqual({ n: 1 });
  });
});
