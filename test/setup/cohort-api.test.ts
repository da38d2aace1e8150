import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';

/** The cohort API: preview, all-or-nothing import, bad uploads, and single participants. */
let t: TestApp;
let researcher: LoggedIn;
let admin: LoggedIn;
let slug: string;

const api = (method: string, url: string, payload?: unknown) =>
  t.app.inject({ method: method as 'GET', url, headers: researcher.headers, payload: payload as object });
const upload = (text: string | Buffer, extra: Record<string, unknown> = {}) => ({
  data: (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64'),
  encoding: 'auto',
  delimiter: 'auto',
  ...extra,
});
/** Participants of a study (this file's own by default). */
const count = (of = slug) =>
  (
    t.data.store.sqlite.prepare('select count(*) n from participant p join study s on s.id = p.study_id where s.slug = ?').get(of) as {
      n: number;
    }
  ).n;

const GOOD =
  'Naam;E-mail;Organisatie;Functie;Team\r\nAnna de Vries;anna@ggd.nl;GGD Limburg-Noord;JGZ-verpleegkundige;Venlo\r\nBram Jansen;bram@wijkteam.nl;Wijkteam Venray;gezinscoach;\r\n';
const BAD = `${GOOD}Cor;cor@;GGD;gezinscoach;\r\n<script>alert(1)</script>;anna@ggd.nl;GGD;gezinscoach;\r\n`;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t, 'beheer@example.nl', { isAdmin: true });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/studies',
    headers: admin.headers,
    payload: { title: { nl: 'Cohort test' }, organisation: 'GGD', source: { kind: 'template', template: 'imh-training' } },
  });
  slug = res.json().slug;
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: slug });
});
afterAll(async () => t?.close());

describe('the cohort import', () => {
  it('previews a file without writing anything', async () => {
    const res = await api('POST', `/api/studies/${slug}/cohort/preview`, upload(BAD));
    expect(res.statusCode).toBe(200);
    expect(res.json().preview.counts).toEqual({ rows: 4, valid: 2, invalid: 2, problems: 2 });
    expect(res.json().preview.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [4, 'invalid-email'],
      [5, 'duplicate-in-file'],
    ]);
    expect(count()).toBe(0);
  });

  it('sends the first rows and problems of a big file, counts the whole file, and refuses or imports it whole', async () => {
    // A study of its own, so that the other tests' cohort starts empty.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/studies',
      headers: admin.headers,
      payload: { title: { nl: 'Groot cohort' }, organisation: 'GGD', source: { kind: 'template', template: 'imh-training' } },
    });
    const big = created.json().slug as string;
    const inBig = (url: string, payload: unknown) =>
      t.app.inject({ method: 'POST', url: `/api/studies/${big}${url}`, headers: admin.headers, payload: payload as object });
    // 1,000 rows; every third has an address without a domain: 333 problems, from row 4 to row 1,000.
    const lines = Array.from({ length: 1000 }, (_, i) => `Persoon ${i};${i % 3 === 2 ? `p${i}@` : `p${i}@ggd.nl`};GGD;gezinscoach;`);
    const file = `Naam;E-mail;Organisatie;Functie;Team\r\n${lines.join('\r\n')}\r\n`;
    const res = await inBig('/cohort/preview', upload(file));
    expect(res.statusCode).toBe(200);
    const { preview } = res.json() as { preview: { rows: { row: number }[]; problems: { row: number }[]; counts: unknown } };
    expect(preview.counts).toEqual({ rows: 1000, valid: 667, invalid: 333, problems: 333 });
    expect(preview.rows.map((r) => r.row)).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    // The first 100 problems (up to row 301) cover the 66 of the rows sent (up to row 201).
    expect(preview.problems).toHaveLength(100);
    expect(preview.problems.at(-1)!.row).toBe(301);
    expect(res.body.length).toBeLessThan(80_000);
    // The refusal carries the same shortened preview; nothing is written.
    const refused = await inBig('/cohort/import', upload(file));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.preview.rows).toHaveLength(200);
    expect(refused.json().details.preview.counts.invalid).toBe(333);
    expect(count(big)).toBe(0);
    // Imported, every valid row of the file is written, not only those previewed.
    const done = await inBig('/cohort/import', upload(file, { skipInvalid: true }));
    expect(done.json()).toEqual({ added: 667, skipped: 333 });
    expect(count(big)).toBe(667);
  });

  it('refuses a file with problems as a whole: nothing is written', async () => {
    const res = await api('POST', `/api/studies/${slug}/cohort/import`, upload(BAD));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect(count()).toBe(0);
  });

  it('imports all rows of a good file in one go, under pseudonymous keys, contact details apart', async () => {
    const res = await api('POST', `/api/studies/${slug}/cohort/import`, upload(GOOD, { fileName: '../../x.csv' }));
    expect(res.json()).toEqual({ added: 2, skipped: 0 });
    const list = (await api('GET', `/api/studies/${slug}/participants`)).json().participants;
    expect(list.map((p: { key: string }) => p.key)).toEqual([
      expect.stringMatching(/^P-[A-Z2-9]{6}$/),
      expect.stringMatching(/^P-[A-Z2-9]{6}$/),
    ]);
    expect(list[0]).toMatchObject({ name: 'Anna de Vries', email: 'anna@ggd.nl', role: 'jgz-verpleegkundige', team: 'Venlo' });
    const audit = t.data.store.sqlite
      .prepare("select details from audit_log where action = 'cohort.import' and study_id = (select id from study where slug = ?)")
      .get(slug) as { details: string };
    expect(JSON.parse(audit.details)).toEqual({ added: 2, skipped: 0, file: 'x.csv' });
    expect(fs.readdirSync(t.dir).some((f) => f.includes('x.csv'))).toBe(false);
  });

  it('reports addresses already in the cohort, and imports the good rows when asked to skip the others', async () => {
    const again = 'Naam;E-mail\r\nAnna;anna@ggd.nl\r\nDirk;dirk@ggd.nl\r\n';
    const preview = (await api('POST', `/api/studies/${slug}/cohort/preview`, upload(again))).json().preview;
    expect(preview.problems).toEqual([expect.objectContaining({ row: 2, column: 'E-mail', code: 'already-in-cohort' })]);
    const res = await api('POST', `/api/studies/${slug}/cohort/import`, upload(again, { skipInvalid: true }));
    expect(res.json()).toEqual({ added: 1, skipped: 1 });
    expect(count()).toBe(3);
  });

  it('answers a binary file with a clear report', async () => {
    const res = await api('POST', `/api/studies/${slug}/cohort/preview`, upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])));
    expect(res.json()).toMatchObject({ ok: false, code: 'binary' });
  });

  it('refuses a 50 MB upload before reading it', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41).toString('base64');
    const res = await api('POST', `/api/studies/${slug}/cohort/preview`, { data: big, encoding: 'auto', delimiter: 'auto' });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('BODY_TOO_LARGE');
  });
});

describe('single participants', () => {
  it('adds, edits, marks as left and removes a participant', async () => {
    const added = await api('POST', `/api/studies/${slug}/participants`, {
      name: 'Eva',
      email: 'Eva@GGD.nl',
      organisation: 'GGD',
      role: 'ggd-arts',
      team: '',
    });
    expect(added.statusCode).toBe(201);
    const key = added.json().key;
    expect(
      (
        await api('PATCH', `/api/studies/${slug}/participants/${key}`, {
          name: 'Eva B.',
          email: 'eva@ggd.nl',
          organisation: 'GGD',
          role: 'ggd-arts',
          team: 'Noord',
        })
      ).statusCode,
    ).toBe(200);
    expect((await api('PUT', `/api/studies/${slug}/participants/${key}/left`, { round: 'mid', note: 'andere baan' })).statusCode).toBe(200);
    const p = (await api('GET', `/api/studies/${slug}/participants`)).json().participants.find((x: { key: string }) => x.key === key);
    expect(p).toMatchObject({ name: 'Eva B.', team: 'Noord', leftFromRound: 'mid', leftNote: 'andere baan' });
    expect((await api('DELETE', `/api/studies/${slug}/participants/${key}`)).statusCode).toBe(200);
  });

  it('refuses a duplicate address, a formula and an invalid address', async () => {
    const dup = await api('POST', `/api/studies/${slug}/participants`, {
      name: '',
      email: 'anna@ggd.nl',
      organisation: '',
      role: '',
      team: '',
    });
    expect(dup.json().details.reason).toBe('already-in-cohort');
    const formula = await api('POST', `/api/studies/${slug}/participants`, {
      name: '=cmd|calc',
      email: 'f@ggd.nl',
      organisation: '',
      role: '',
      team: '',
    });
    expect(formula.json().details.reason).toBe('formula');
    const invalid = await api('POST', `/api/studies/${slug}/participants`, {
      name: '',
      email: 'geen-adres',
      organisation: '',
      role: '',
      team: '',
    });
    expect(invalid.json().details.reason).toBe('invalid-email');
  });

  it('does not remove someone who has responded', async () => {
    const db = t.data.store.sqlite;
    const p = db
      .prepare('select p.id, p.key, p.study_id from participant p join study s on s.id = p.study_id where s.slug = ? limit 1')
      .get(slug) as { id: number; key: string; study_id: number };
    const round = db.prepare("select id from round where study_id = ? and key = 'pre'").get(p.study_id) as { id: number };
    const v = db.prepare('select id from questionnaire_version where study_id = ?').get(p.study_id) as { id: number };
    db.prepare(
      "insert into response (study_id, round_id, participant_id, questionnaire_version_id, status, started_at, updated_at) values (?, ?, ?, ?, 'draft', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    ).run(p.study_id, round.id, p.id, v.id);
    const res = await api('DELETE', `/api/studies/${slug}/participants/${p.key}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().details.reason).toBe('has-responses');
  });
});
