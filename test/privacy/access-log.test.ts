import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createOpenStudy } from '../trust/helpers/open-study.js';
import { audit } from '../../server/audit.js';
import { writeTx } from '../../server/db/tx.js';
import { logAccess } from '../../server/privacy/access-log.js';

let t: TestApp;
let researcher: LoggedIn;
let demoId: number;
const sqlite = () => t.data.store.sqlite;

beforeEach(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  demoId = (sqlite().prepare("select id from study where slug = '1000-kansen'").get() as { id: number }).id;
});
afterEach(async () => t.close());

describe('the access log for personal data', () => {
  it('records who saw which participants, lists it newest first and filters by participant', async () => {
    const userId = (sqlite().prepare("select id from user where email = 'onderzoeker@example.nl'").get() as { id: number }).id;
    await writeTx(t.data.store.db, async (trx) => {
      await logAccess(trx, {
        actor: `user:${userId}`,
        session: 'abc',
        studyId: demoId,
        kind: 'view',
        data: 'contacts',
        participants: ['p001', 'p002'],
      });
      await logAccess(trx, {
        actor: `user:${userId}`,
        studyId: demoId,
        kind: 'export',
        data: 'responses',
        participants: '*',
        count: 34,
        purpose: 'export wide csv',
      });
      await logAccess(trx, { actor: 'cli', studyId: demoId, kind: 'view', data: 'open-answers', participants: ['p003'] });
    });
    const res = await t.app.inject({ url: '/api/studies/1000-kansen/privacy/access-log', headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    const { entries } = res.json();
    expect(entries.map((e: { data: string }) => e.data)).toEqual(['open-answers', 'responses', 'contacts']);
    expect(entries[2]).toMatchObject({
      actor: `user:${userId}`,
      actorEmail: 'onderzoeker@example.nl',
      kind: 'view',
      participants: ['p001', 'p002'],
      count: 2,
    });
    expect(entries[1]).toMatchObject({ kind: 'export', participants: '*', count: 34, purpose: 'export wide csv' });

    const p002 = (
      await t.app.inject({ url: '/api/studies/1000-kansen/privacy/access-log?participant=p002', headers: researcher.headers })
    ).json();
    expect(p002.entries.map((e: { data: string }) => e.data)).toEqual(['responses', 'contacts']);
    const paged = (await t.app.inject({ url: '/api/studies/1000-kansen/privacy/access-log?limit=1', headers: researcher.headers })).json();
    expect(paged.entries).toHaveLength(1);
    const next = (
      await t.app.inject({ url: `/api/studies/1000-kansen/privacy/access-log?limit=5&before=${paged.next}`, headers: researcher.headers })
    ).json();
    expect(next.entries).toHaveLength(2);
  });

  it('cannot be changed or removed through the database connection', async () => {
    await writeTx(t.data.store.db, (trx) =>
      logAccess(trx, { actor: 'cli', studyId: demoId, kind: 'view', data: 'contacts', participants: ['p001'] }),
    );
    expect(() => sqlite().prepare("update personal_data_access set actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => sqlite().prepare('delete from personal_data_access').run()).toThrow(/append-only/);
  });

  it('stores a very large selection as "everyone" with its count', async () => {
    const keys = Array.from({ length: 600 }, (_, i) => `k${i}`);
    await writeTx(t.data.store.db, (trx) =>
      logAccess(trx, { actor: 'cli', studyId: demoId, kind: 'export', data: 'contacts', participants: keys }),
    );
    expect(sqlite().prepare('select participants, count from personal_data_access').get()).toEqual({ participants: '*', count: 600 });
  });

  it('exports as CSV with formula-like text neutralised', async () => {
    await writeTx(t.data.store.db, (trx) =>
      logAccess(trx, {
        actor: 'cli',
        studyId: demoId,
        kind: 'export',
        data: 'contacts',
        participants: ['p001'],
        purpose: '=HYPERLINK("http://evil.example")',
      }),
    );
    const res = await t.app.inject({ url: '/api/studies/1000-kansen/privacy/access-log.csv', headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });
});

describe('finding a participant to erase', () => {
  it('matches name, address or key literally, leaves out the erased, and logs what it showed', async () => {
    const p = sqlite()
      .prepare(
        'select p.key, c.name, c.email from participant p join participant_contact c on c.participant_id = p.id order by p.id limit 1',
      )
      .get() as { key: string; name: string; email: string };
    const find = (q: string) =>
      t.app.inject({ url: `/api/studies/1000-kansen/privacy/participants?q=${encodeURIComponent(q)}`, headers: researcher.headers });
    const byName = await find(p.name.slice(0, 5).toUpperCase());
    expect(byName.statusCode).toBe(200);
    expect(byName.json().participants).toContainEqual(expect.objectContaining({ key: p.key, name: p.name, email: p.email }));
    expect((await find(p.key)).json().participants.map((x: { key: string }) => x.key)).toEqual([p.key]);
    expect((await find('%')).json().participants).toEqual([]);
    expect((await find("' OR 1=1 --")).json().participants).toEqual([]);
    const logged = sqlite().prepare("select participants, purpose from personal_data_access where data = 'contacts' order by id").all() as {
      participants: string;
      purpose: string;
    }[];
    expect(logged).toHaveLength(2);
    expect(JSON.parse(logged[1].participants)).toEqual([p.key]);
    expect(logged[1].purpose).toMatch(/erase/);

    await t.app.inject({
      method: 'POST',
      url: `/api/studies/1000-kansen/privacy/participants/${p.key}/erase`,
      headers: researcher.headers,
      payload: { answers: 'keep', legalBasis: 'art. 89 AVG' },
    });
    expect((await find(p.key)).json().participants).toEqual([]);
    expect((await find('')).statusCode).toBe(400);
  });
});

describe('the audit log for researchers', () => {
  it("shows only the entries of their own study, newest first, with the actor's address", async () => {
    const other = await createOpenStudy(t.data.store.db, t.data.secret, { slug: 'ander-onderzoek', participants: 2 });
    await writeTx(t.data.store.db, async (trx) => {
      await audit(trx, { actor: 'system', studyId: demoId, action: 'round.close', target: 'round:pre' });
      await audit(trx, { actor: 'system', studyId: other.studyId, action: 'round.close', target: 'round:secret-other-study' });
      await audit(trx, { actor: 'system', studyId: demoId, action: 'privacy.retention.set' });
    });
    const res = await t.app.inject({ url: '/api/studies/1000-kansen/audit', headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    const { entries } = res.json();
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['privacy.retention.set', 'round.close']);
    expect(JSON.stringify(entries)).not.toContain('secret-other-study');
    const filtered = (await t.app.inject({ url: '/api/studies/1000-kansen/audit?action=privacy.', headers: researcher.headers })).json();
    expect(filtered.entries.map((e: { action: string }) => e.action)).toEqual(['privacy.retention.set']);
    // A researcher of the demo is not a member of the other study: it does not exist for them.
    expect((await t.app.inject({ url: '/api/studies/ander-onderzoek/audit', headers: researcher.headers })).statusCode).toBe(404);
  });

  it("exports the study's log as CSV with the chain columns, neutralised against formulas", async () => {
    await writeTx(t.data.store.db, (trx) =>
      audit(trx, { actor: 'system', studyId: demoId, action: 'import.responses', target: '=cmd|" /C calc"!A0' }),
    );
    const res = await t.app.inject({ url: '/api/studies/1000-kansen/audit.csv', headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('"id","at","actor","actor_email","action","target","details","session","prev_hash","hash"');
    expect(lines[1]).toContain(`"'=cmd|"" /C calc""!A0"`);
  });

  it('is for researchers; instance-level entries are for administrators', async () => {
    const trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
    expect((await t.app.inject({ url: '/api/studies/1000-kansen/audit', headers: trainer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/studies/1000-kansen/audit' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/admin/audit', headers: researcher.headers })).statusCode).toBe(403);
    const admin = await loginAs(t, 'beheer@example.nl', { isAdmin: true });
    const res = await t.app.inject({ url: '/api/admin/audit?action=login', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().entries.length).toBeGreaterThanOrEqual(3);
    expect(res.json().entries.every((e: { action: string }) => e.action.startsWith('login'))).toBe(true);
  });

  it('refuses SQL-looking and malformed paging parameters with a 400', async () => {
    for (const q of [
      'before=1%20or%201=1',
      'limit=-1',
      "action=x'%20or%20'1'='1",
      'limit=1e3',
      'sort=id;drop%20table%20user',
      'before[]=1',
    ]) {
      const res = await t.app.inject({ url: `/api/studies/1000-kansen/audit?${q}`, headers: researcher.headers });
      expect(res.statusCode, q).toBe(400);
    }
  });
});
