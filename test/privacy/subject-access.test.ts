import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, tempDir, type LoggedIn, type TestApp } from '../helpers/app.js';
import { main } from '../../server/cli/index.js';

/**
 * A participant's subject-access request (AVG/GDPR art. 15/20): everything rondo holds about
 * them, from the privacy screen's route and from the CLI, escaped in HTML, logged in the access
 * log and the audit log, refused to other roles and for unknown keys.
 */
const SLUG = '1000-kansen';
let t: TestApp;
let researcher: LoggedIn;
let trainer: LoggedIn;
let key: string;
const sqlite = () => t.data.store.sqlite;
const url = (k: string, query = '') => `/api/studies/${SLUG}/privacy/participants/${k}/subject-access${query}`;
const accessRows = () =>
  sqlite().prepare("select participants, purpose, actor from personal_data_access where data = 'subject-access' order by id").all() as {
    participants: string;
    purpose: string;
    actor: string;
  }[];

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer' });
  // A participant who submitted in every round, with a name that would be markup in HTML.
  key = sqlite()
    .prepare(
      "select p.key from participant p join response r on r.participant_id = p.id where r.status = 'submitted' group by p.id order by count(*) desc, p.id limit 1",
    )
    .pluck()
    .get() as string;
  sqlite()
    .prepare(
      "update participant_contact set name = '<script>alert(1)</script> Anna' where participant_id = (select id from participant where key = ?)",
    )
    .run(key);
}, 60_000);
afterAll(async () => t?.close());

describe('the subject-access export', () => {
  it('gives a researcher everything held about the participant as JSON, and logs it', async () => {
    const before = accessRows().length;
    const res = await t.app.inject({ url: url(key), headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="1000-kansen-.+-inzage\.json"$/);
    const data = res.json();
    expect(data.format).toBe('rondo.subject-access/1');
    const p = sqlite()
      .prepare('select p.id, c.email from participant p join participant_contact c on c.participant_id = p.id where p.key = ?')
      .get(key) as { id: number; email: string };
    expect(data.participant).toMatchObject({ key, name: '<script>alert(1)</script> Anna', email: p.email });
    const responses = sqlite().prepare('select count(*) from response where participant_id = ?').pluck().get(p.id) as number;
    const answers = sqlite()
      .prepare('select count(*) from answer a join response r on r.id = a.response_id where r.participant_id = ?')
      .pluck()
      .get(p.id) as number;
    expect(data.responses).toHaveLength(responses);
    expect(data.responses.flatMap((r: { answers: unknown[] }) => r.answers)).toHaveLength(answers);
    expect(data.invitations).toHaveLength(
      sqlite().prepare('select count(*) from invitation where participant_id = ?').pluck().get(p.id) as number,
    );
    expect(data.responses[0].answers[0].question).not.toBe(data.responses[0].answers[0].item);
    const rows = accessRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ participants: JSON.stringify([key]), purpose: 'subject access json' });
    expect(
      sqlite()
        .prepare("select count(*) from audit_log where action = 'privacy.subject-access' and target = ?")
        .pluck()
        .get(`participant:${key}`),
    ).toBeGreaterThan(0);
  });

  it('shows its own earlier access in the next export', async () => {
    const data = (await t.app.inject({ url: url(key), headers: researcher.headers })).json();
    expect(data.accessLog.some((a: { data: string }) => a.data === 'subject-access')).toBe(true);
  });

  it('writes readable HTML in which a name can never become markup', async () => {
    const res = await t.app.inject({ url: url(key, '?format=html&lang=en'), headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Anna');
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('Your answers');
    expect((await t.app.inject({ url: url(key, '?format=html'), headers: researcher.headers })).body).toContain('Uw antwoorden');
  });

  it('says in the readable file who did what with the data in words, with the round’s name, never the stored codes', async () => {
    // The mail-merge list of the first round holds the participant's address and link.
    expect(
      (await t.app.inject({ url: `/api/studies/${SLUG}/fieldwork/rounds/pre/mail-merge.csv`, headers: researcher.headers })).statusCode,
    ).toBe(200);
    const html = (await t.app.inject({ url: url(key, '?format=html'), headers: researcher.headers })).body;
    const access = html.slice(html.indexOf('Wie uw gegevens heeft ingezien of geëxporteerd'));
    expect(access).toContain('geëxporteerd: contactgegevens');
    expect(access).toContain('Export voor samenvoegen, Voormeting');
    expect(access).toContain('geëxporteerd: alle gegevens van één deelnemer (inzageverzoek)');
    expect(access).toContain('Inzageverzoek (JSON)');
    for (const stored of ['mail-merge csv', 'subject access json', 'export: contacts', 'view: ', 'export: subject-access'])
      expect(access).not.toContain(stored);
    const en = (await t.app.inject({ url: url(key, '?format=html&lang=en'), headers: researcher.headers })).body;
    expect(en).toContain('exported: contact details');

    // A participant who left from the last round: the round by its name, in the readable file and in the JSON's round list.
    sqlite()
      .prepare(
        'update participant set left_from_round_id = ' +
          "(select id from round where key = 'post' and study_id = participant.study_id) where key = ?",
      )
      .run(key);
    const left = (await t.app.inject({ url: url(key, '?format=html'), headers: researcher.headers })).body;
    expect(left).toContain('<dt>Gestopt vanaf meting</dt><dd>Nameting</dd>');
    const json = (await t.app.inject({ url: url(key), headers: researcher.headers })).json();
    expect(json.participant.leftFromRound).toBe('post');
    expect(json.rounds).toEqual([
      { key: 'pre', label: 'Voormeting' },
      { key: 'mid', label: 'Tussenmeting' },
      { key: 'post', label: 'Nameting' },
    ]);
    sqlite().prepare('update participant set left_from_round_id = null where key = ?').run(key);
  });

  it('is refused to a trainer, for an unknown key and for a malformed key, and logs nothing then', async () => {
    const before = accessRows().length;
    expect((await t.app.inject({ url: url(key), headers: trainer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: url('no-such-key'), headers: researcher.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: url('a.b'), headers: researcher.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: url(key, '?format=docx'), headers: researcher.headers })).statusCode).toBe(400);
    expect(accessRows()).toHaveLength(before);
  });
});

describe('rondo privacy subject-export', () => {
  let dir: string;
  const rondo = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await main([...args, '--data', path.join(dir, 'data')], {
      out: (x) => void (out += x),
      err: (x) => void (err += x),
      env: { RONDO_LOG_LEVEL: 'warn' },
    });
    return { code, out, err };
  };
  let cliKey: string;
  beforeAll(async () => {
    dir = tempDir('rondo-subject-');
    expect((await rondo('demo')).code).toBe(0);
    const db = (await import('better-sqlite3')).default(path.join(dir, 'data', 'rondo.sqlite'), { readonly: true });
    cliKey = db
      .prepare("select p.key from participant p join response r on r.participant_id = p.id where r.status = 'submitted' limit 1")
      .pluck()
      .get() as string;
    db.close();
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the JSON to a file readable by its owner only, and logs it', async () => {
    const out = path.join(dir, 'inzage.json');
    const r = await rondo('privacy', 'subject-export', '--study', SLUG, '--key', cliKey, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).participant.key).toBe(cliKey);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const db = (await import('better-sqlite3')).default(path.join(dir, 'data', 'rondo.sqlite'), { readonly: true });
    expect(db.prepare("select actor, participants from personal_data_access where data = 'subject-access'").all()).toEqual([
      { actor: 'cli', participants: JSON.stringify([cliKey]) },
    ]);
    db.close();
  });

  it('says what is wrong with one clear line, and writes nothing', async () => {
    const out = path.join(dir, 'nothing.json');
    expect((await rondo('privacy', 'subject-export', '--study', SLUG, '--key', 'no-such-key', '--out', out)).err).toMatch(
      /has no participant with key "no-such-key"/,
    );
    expect((await rondo('privacy', 'subject-export', '--study', 'nope', '--key', cliKey, '--out', out)).err).toMatch(
      /there is no study "nope"/,
    );
    expect((await rondo('privacy', 'subject-export', '--study', SLUG, '--key', cliKey, '--out', path.join(dir, 'x.docx'))).err).toMatch(
      /--format must be one of json, html, pdf/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it.skipIf(!fs.existsSync('/usr/bin/chromium'))(
    'renders a PDF a person can read',
    async () => {
      const out = path.join(dir, 'inzage.pdf');
      const r = await rondo('privacy', 'subject-export', '--study', SLUG, '--key', cliKey, '--out', out, '--lang', 'nl');
      expect(r.code, r.err).toBe(0);
      expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
      expect(text).toContain('Inzage in uw gegevens');
      expect(text).toContain(cliKey);
    },
    60_000,
  );
});
