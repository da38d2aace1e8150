import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { main } from '../../server/cli/index.js';
import { hashToken } from '../../server/tokens.js';
import { createFieldworkStudy, markSubmitted, people, SLUG } from './fixture.js';
import { freePort, smtpConfig, startSink, type Sink } from './smtp.js';

const NOW = new Date('2026-04-06T09:00:00Z');
const api = `/api/studies/${SLUG}/fieldwork`;

/** The fieldwork API as a researcher and a trainer use it, without the mail itself. */
describe('the fieldwork API', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  let trainer: LoggedIn;
  let study: Awaited<ReturnType<typeof createFieldworkStudy>>;
  let sink: Sink;
  const cohort = people(12);
  cohort[0] = { ...cohort[0], name: '=HYPERLINK("http://evil.example","klik hier")' };
  cohort[1] = { ...cohort[1], name: '<img src=x onerror=alert(1)>' };
  cohort[11] = { ...cohort[11], email: '' };
  // Accents, for the list's search.
  cohort[4] = { ...cohort[4], name: 'Zoë Çelik' };

  /** Moves the clock; sessions idle for hours have ended, so everyone logs in again. */
  const travel = async (to: Date) => {
    t.setNow(to);
    researcher = await loginAs(t, 'onderzoeker@example.nl');
    trainer = await loginAs(t, 'trainer@example.nl');
  };
  const call = (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    sink = await startSink();
    t = await buildTestApp({ config: { smtp: smtpConfig(sink.port), baseUrl: 'https://rondo.example.nl' } });
    t.setNow(NOW);
    study = await createFieldworkStudy(t.data.store.db, cohort);
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG });
    trainer = await loginAs(t, 'trainer@example.nl', { role: 'trainer', study: SLUG });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  describe('rounds on screen', () => {
    it('schedules a round, refusing a closing time before the opening time', async () => {
      const bad = await call(researcher, 'PUT', `${api}/rounds/pre/schedule`, {
        opensAt: '2026-04-10T07:00:00Z',
        closesAt: '2026-04-09T07:00:00Z',
        autoInvite: false,
        reminderDays: [],
        language: null,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION', details: { reason: 'ORDER' } });
      const ok = await call(researcher, 'PUT', `${api}/rounds/pre/schedule`, {
        opensAt: '2026-04-10T07:00:00Z',
        closesAt: '2026-05-10T15:00:00Z',
        autoInvite: false,
        reminderDays: [7, 14],
        language: null,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().round).toMatchObject({
        key: 'pre',
        state: 'scheduled',
        opensAt: '2026-04-10T07:00:00.000Z',
        schedule: { reminderDays: [7, 14], autoInvite: false },
      });
    });

    it('lets only researchers change rounds', async () => {
      const res = await call(trainer, 'POST', `${api}/rounds/pre/open`);
      expect(res.statusCode).toBe(403);
      expect((await call(trainer, 'GET', api)).statusCode).toBe(403);
    });

    it('opens a round now, creating an invitation for everyone in the cohort', async () => {
      const res = await call(researcher, 'POST', `${api}/rounds/pre/open`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().round).toMatchObject({ state: 'open', opensAt: NOW.toISOString(), invited: 12, sent: 0, submitted: 0 });
      expect((await call(researcher, 'POST', `${api}/rounds/pre/open`)).json()).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'ALREADY_OPEN' },
      });
    });

    it('closes and extends a round, and logs who did it', async () => {
      const mid = await call(researcher, 'PUT', `${api}/rounds/mid/schedule`, {
        opensAt: '2026-04-07T07:00:00Z',
        closesAt: '2026-04-20T07:00:00Z',
        autoInvite: false,
        reminderDays: [],
        language: null,
      });
      expect(mid.statusCode).toBe(200);
      await travel(new Date('2026-04-08T09:00:00Z'));
      const closed = await call(researcher, 'POST', `${api}/rounds/mid/close`);
      expect(closed.json().round.state).toBe('closed');
      const extended = await call(researcher, 'PUT', `${api}/rounds/mid/schedule`, {
        opensAt: '2026-04-07T07:00:00.000Z',
        closesAt: '2026-04-30T07:00:00Z',
        autoInvite: false,
        reminderDays: [],
        language: null,
      });
      expect(extended.statusCode, extended.body).toBe(200);
      expect(extended.json().round.state).toBe('open');
      const actions = t.data.store.sqlite.prepare("select action from audit_log where target = 'round:mid' order by id").all() as {
        action: string;
      }[];
      expect(actions.map((a) => a.action)).toEqual(['round.schedule', 'round.close-now', 'round.close', 'round.extend']);
      await travel(NOW);
    });
  });

  describe('templates and preview', () => {
    it('refuses an unknown placeholder and names it', async () => {
      const res = await call(researcher, 'PUT', `${api}/templates/invitation/nl`, {
        subject: 'Uitnodiging',
        body: 'Beste {voornaam}, {link}',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { reason: 'UNKNOWN_PLACEHOLDER', placeholder: '{voornaam}' } });
      expect(res.json().message).toContain('{voornaam}');
      const preview = await call(researcher, 'POST', `${api}/preview`, {
        kind: 'reminder',
        language: 'en',
        round: 'pre',
        body: 'Hi {first_name} {link}',
      });
      expect(preview.json()).toMatchObject({ details: { placeholder: '{first_name}' } });
    });

    it('stores a study’s own text and previews it for a participant, the name as text and no working link', async () => {
      const saved = await call(researcher, 'PUT', `${api}/templates/invitation/nl`, {
        subject: 'Doe mee: {studyTitle}',
        body: 'Hoi {name},\n\n{link}\n\nSluit: {closingDate}',
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(
        saved.json().templates.find((x: { kind: string; language: string }) => x.kind === 'invitation' && x.language === 'nl'),
      ).toMatchObject({ custom: true, subject: 'Doe mee: {studyTitle}' });
      const res = await call(researcher, 'POST', `${api}/preview`, {
        kind: 'invitation',
        language: 'nl',
        round: 'pre',
        participantKey: 'P02',
      });
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json();
      expect(p.subject).toBe('Doe mee: Veldwerk & co');
      expect(p.text).toContain('Hoi <img src=x onerror=alert(1)>,');
      expect(p.html).toContain('Hoi &lt;img src=x onerror=alert(1)&gt;,');
      expect(p.text).toContain('https://rondo.example.nl/r/…');
      expect(p.text).toContain('Sluit: zondag 10 mei 2026 om 17:00'); // in Dutch time
      expect(p.warnings).toEqual([]);
      const noDate = (await call(researcher, 'POST', `${api}/preview`, { kind: 'invitation', language: 'en', round: 'post' })).json();
      expect(noDate.text).toContain('The questionnaire closes on a date still to be announced.');
      expect(noDate.warnings.map((w: { code: string }) => w.code)).toEqual(['NO_CLOSING_DATE', 'NO_INVITATIONS']);
      const reset = await call(researcher, 'PUT', `${api}/templates/invitation/nl`, { reset: true });
      expect(
        reset.json().templates.find((x: { kind: string; language: string }) => x.kind === 'invitation' && x.language === 'nl').custom,
      ).toBe(false);
    });
  });

  describe('sending', () => {
    it('refuses a reminder to everyone, and a send while the round is not open', async () => {
      expect((await call(researcher, 'POST', `${api}/rounds/pre/send`, { kind: 'reminder', selection: 'all' })).json()).toMatchObject({
        code: 'VALIDATION',
        details: { reason: 'SELECTION' },
      });
      expect((await call(researcher, 'POST', `${api}/rounds/post/send`, { kind: 'invitation', selection: 'all' })).json()).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'ROUND_NOT_OPEN' },
      });
    });

    it('selects exactly the non-responders right after some participants submit', async () => {
      const dry = (
        await call(researcher, 'POST', `${api}/rounds/pre/send`, { kind: 'invitation', selection: 'not-sent', dryRun: true })
      ).json();
      expect(dry).toMatchObject({ batchId: null, queued: 11 });
      expect(t.data.store.sqlite.prepare('select count(*) as n from outbox').get()).toEqual({ n: 0 });
      const sent = (await call(researcher, 'POST', `${api}/rounds/pre/send`, { kind: 'invitation', selection: 'not-sent' })).json();
      expect(sent.queued).toBe(11);
      expect(sent.skipped).toEqual([expect.objectContaining({ participantKey: 'P12', reason: 'NO_ADDRESS' })]);
      await t.app.fieldwork.sender.idle();
      await sink.waitFor(11);
      for (const key of ['P03', 'P05', 'P08'])
        await markSubmitted(t.data.store.db, study.participantIds[key], study.roundIds.pre, new Date(NOW.getTime() + 60_000));
      const reminders = (await call(researcher, 'POST', `${api}/rounds/pre/send`, { kind: 'reminder', selection: 'nonresponders' })).json();
      expect(reminders.queued).toBe(8);
      await t.app.fieldwork.sender.idle();
      await sink.waitFor(19);
      const reminded = sink.mails
        .slice(11)
        .map((m) => m.to[0])
        .sort();
      expect(reminded).toEqual(['p1', 'p2', 'p4', 'p6', 'p7', 'p9', 'p10', 'p11'].map((p) => `${p}@example.nl`).sort());
      // A reminder to someone who has submitted, by name, is refused for that person.
      const chosen = (
        await call(researcher, 'POST', `${api}/rounds/pre/send`, {
          kind: 'reminder',
          selection: 'selection',
          participantKeys: ['P03', 'P04', 'NOPE'],
        })
      ).json();
      expect(chosen.skipped.map((s: { participantKey: string; reason: string }) => `${s.participantKey} ${s.reason}`).sort()).toEqual([
        'NOPE UNKNOWN_PARTICIPANT',
        'P03 SUBMITTED',
      ]);
      expect(chosen.queued).toBe(1);
      await t.app.fieldwork.sender.idle();
    });

    it('lists batches with their counts', async () => {
      const res = await call(researcher, 'GET', `${api}/batches?round=pre`);
      const batches = res.json().batches;
      expect(
        batches.map((b: { kind: string; status: string; counts: { sent: number } }) => `${b.kind} ${b.status} ${b.counts.sent}`),
      ).toEqual(['reminder done 1', 'reminder done 8', 'invitation done 11']);
    });
  });

  describe('the monitor', () => {
    it('gives researchers the counts per organisation and role, and who has answered', async () => {
      const res = await call(researcher, 'GET', `${api}/monitor/pre`);
      expect(res.statusCode, res.body).toBe(200);
      const m = res.json();
      expect(m.totals).toMatchObject({ invited: 12, sent: 11, submitted: 3 });
      expect(m.totals.rate).toBeCloseTo(3 / 12, 12);
      expect(m.suppressed).toBe(false);
      expect(m.byOrganisation).toEqual([
        expect.objectContaining({ name: 'GGD Limburg-Noord', invited: 6, submitted: 1, hidden: false }),
        expect.objectContaining({ name: 'Kinderopvang De Speeltuin', invited: 6, submitted: 2, hidden: false }),
      ]);
      expect(m.timeline.at(-1)).toMatchObject({ submitted: 3, invitationsSent: 11, remindersSent: 9 });
      const list = (await call(researcher, 'GET', `${api}/monitor/pre/participants`)).json().participants;
      expect(list).toHaveLength(12);
      expect(list.find((p: { participantKey: string }) => p.participantKey === 'P04')).toMatchObject({ status: 'sent', reminderCount: 2 });
      expect(list.find((p: { participantKey: string }) => p.participantKey === 'P12')).toMatchObject({ status: 'not-sent', email: '' });
    });

    it('gives the list a page at a time, only those who have not submitted, and searched (case and accents aside)', async () => {
      type Page = { participants: { participantKey: string; status: string }[]; matching: number; total: number; offset: number };
      const list = async (query: string) => {
        const res = await call(researcher, 'GET', `${api}/monitor/pre/participants?${query}`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as Page;
        return { keys: page.participants.map((p) => p.participantKey), matching: page.matching, total: page.total, offset: page.offset };
      };
      expect(await list('limit=5')).toEqual({ keys: ['P01', 'P02', 'P03', 'P04', 'P05'], matching: 12, total: 12, offset: 0 });
      expect(await list('offset=10&limit=5')).toEqual({ keys: ['P11', 'P12'], matching: 12, total: 12, offset: 10 });
      expect(await list('offset=20&limit=5')).toEqual({ keys: [], matching: 12, total: 12, offset: 20 });
      // Three have submitted: the others, in code order.
      const open = await list('status=open&limit=100');
      expect(open.matching).toBe(9);
      expect(open.keys).toHaveLength(9);
      const all = (await call(researcher, 'GET', `${api}/monitor/pre/participants`)).json() as Page;
      const submitted = all.participants.filter((p) => p.status === 'submitted').map((p) => p.participantKey);
      expect(submitted).toHaveLength(3);
      expect(open.keys.some((k) => submitted.includes(k))).toBe(false);
      // By name without its accents, by organisation in any case, by code, by e-mail address.
      expect((await list('q=zoe%20c')).keys).toEqual(['P05']);
      expect((await list('q=SPEELTUIN&limit=2')).matching).toBe(6);
      // "p1" is in the codes P10–P12 and in P01's address p1@example.nl.
      expect((await list('q=p1')).keys).toEqual(['P01', 'P10', 'P11', 'P12']);
      expect((await list('q=p7%40example')).keys).toEqual(['P07']);
      expect((await list(`q=${encodeURIComponent('niemand hier')}`)).matching).toBe(0);
    });

    it('refuses a page size outside 1 to 500 in both languages, and a search over 100 characters', async () => {
      for (const limit of ['0', '501']) {
        const res = await call(researcher, 'GET', `${api}/monitor/pre/participants?limit=${limit}`);
        expect(res.statusCode).toBe(400);
        expect(res.json().details).toMatchObject({
          reason: 'LIMIT',
          field: 'limit',
          text: { nl: 'Vraag 1 tot 500 rijen tegelijk op (limit).' },
        });
      }
      for (const query of ['limit=x', 'offset=-1', 'status=later', `q=${'a'.repeat(101)}`, 'sort=name']) {
        expect((await call(researcher, 'GET', `${api}/monitor/pre/participants?${query}`)).statusCode, query).toBe(400);
      }
    });

    it('gives trainers the aggregates with small cells hidden, and never the list', async () => {
      const m = (await call(trainer, 'GET', `${api}/monitor/pre`)).json();
      expect(m.suppressed).toBe(true);
      expect(m.totals.submitted).toBe(3);
      // 1 and 2 submitted per organisation are small cells; both are hidden, the group sizes are not.
      expect(m.byOrganisation.map((g: { invited: number; submitted: number | null }) => [g.invited, g.submitted])).toEqual([
        [6, null],
        [6, null],
      ]);
      // Roles: 4 jgz-verpleegkundigen (a small group) and 8 gezinscoaches; both hidden (secondary suppression).
      expect(m.byRole.every((g: { hidden: boolean }) => g.hidden)).toBe(true);
      expect((await call(trainer, 'GET', `${api}/monitor/pre/participants`)).statusCode).toBe(403);
      const patterns = (await call(trainer, 'GET', `${api}/patterns`)).json();
      expect(patterns.participants).toBeUndefined();
      expect(patterns.patterns.every((p: { count: number | null }) => p.count === null || p.count >= 5)).toBe(true);
    });

    it('shows researchers the response pattern across rounds', async () => {
      const p = (await call(researcher, 'GET', `${api}/patterns`)).json();
      // The mid round opens tomorrow: only rounds that have begun count.
      expect(p.rounds.map((r: { key: string }) => r.key)).toEqual(['pre']);
      expect(p.participants.find((x: { participantKey: string }) => x.participantKey === 'P03').pattern).toBe('1');
      expect(p.patterns).toEqual([
        { pattern: '1', count: 3 },
        { pattern: '0', count: 9 },
      ]);
    });
  });

  describe('links without SMTP', () => {
    let firstCsv = '';
    it('exports a mail-merge CSV that is safe in a spreadsheet', async () => {
      const res = await call(researcher, 'GET', `${api}/rounds/pre/mail-merge.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['x-rondo-skipped']).toBe('1');
      firstCsv = res.body;
      expect(firstCsv.startsWith('\uFEFF"name","email","link","round","round_label","closing_date"\r\n')).toBe(true);
      const lines = firstCsv.slice(1).trim().split('\r\n');
      expect(lines).toHaveLength(12);
      expect(lines[1]).toMatch(
        /^"'=HYPERLINK\(""http:\/\/evil\.example"",""klik hier""\)","p1@example\.nl","https:\/\/rondo\.example\.nl\/r\/[A-Za-z0-9_-]{43}","pre","Voormeting",/,
      );
      for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)"[=+\-@]/);
    });

    it('gives the same links when exported again, and only non-responders when asked', async () => {
      const again = (await call(researcher, 'GET', `${api}/rounds/pre/mail-merge.csv`)).body;
      expect(again).toBe(firstCsv);
      const non = (await call(researcher, 'GET', `${api}/rounds/pre/mail-merge.csv?only=nonresponders`)).body;
      expect(non.slice(1).trim().split('\r\n')).toHaveLength(1 + 8);
      expect(non).not.toContain('p3@example.nl');
    });

    it('writes the same CSV from the CLI', async () => {
      let out = '';
      let err = '';
      const code = await main(['invitations', '--study', SLUG, '--round', 'pre', '--format', 'csv', '--data', t.dir], {
        out: (s) => (out += s),
        err: (s) => (err += s),
        env: { RONDO_BASE_URL: 'https://rondo.example.nl' },
      });
      expect(code, err).toBe(0);
      expect(out).toBe(firstCsv.slice(1));
      expect(err).toBe('skipped P12: no e-mail address');
      let nr = '';
      await main(['invitations', '--study', SLUG, '--round', 'pre', '--only-nonresponders', '--data', t.dir], {
        out: (s) => (nr += s),
        err: () => undefined,
        env: { RONDO_BASE_URL: 'https://rondo.example.nl' },
        // While the round is open, as on the screen (the reminder list is refused once it has closed).
        now: () => NOW,
      });
      expect(nr.trim().split('\r\n')).toHaveLength(9);
      let bad = '';
      expect(
        await main(['invitations', '--study', SLUG, '--round', 'later', '--data', t.dir], {
          out: () => undefined,
          err: (s) => (bad += s),
          env: {},
        }),
      ).toBe(2);
      expect(bad).toBe('rondo invitations: study veldwerk has no round "later" (rounds: pre, mid, post)');
      expect(
        await main(['invitations', '--study', SLUG, '--round', 'pre', '--format', 'xlsx', '--data', t.dir], {
          out: () => undefined,
          err: () => undefined,
          env: {},
        }),
      ).toBe(2);
    });

    it('shows one link, and regenerates it on purpose so that the old one stops working', async () => {
      const row = t.data.store.sqlite
        .prepare('select id, token_hash from invitation where participant_id = ? and round_id = ?')
        .get(study.participantIds.P06, study.roundIds.pre) as { id: number; token_hash: string };
      const shown = (await call(researcher, 'GET', `${api}/invitations/${row.id}/link`)).json();
      const oldToken = shown.link.split('/r/')[1];
      expect(hashToken(oldToken)).toBe(row.token_hash);
      expect(firstCsv).toContain(shown.link);
      const fresh = await call(researcher, 'POST', `${api}/invitations/${row.id}/regenerate`);
      expect(fresh.json().generation).toBe(2);
      const newToken = fresh.json().link.split('/r/')[1];
      expect(newToken).not.toBe(oldToken);
      expect((await t.app.inject({ method: 'GET', url: `/r/${oldToken}` })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/r/${newToken}` })).statusCode).toBe(200);
      const audit = t.data.store.sqlite
        .prepare("select action, details from audit_log where action like 'invitation.%' order by id")
        .all() as { action: string; details: string }[];
      expect(audit.map((a) => a.action)).toEqual(['invitation.link-shown', 'invitation.regenerate']);
      expect(audit.map((a) => a.details).join()).not.toContain(oldToken);
      // Seeing contacts and links at participant level is in the access log, exports as exports.
      const access = t.data.store.sqlite
        .prepare('select kind, data, participants, purpose from personal_data_access where study_id = ? order by id')
        .all(study.studyId) as { kind: string; data: string; participants: string; purpose: string }[];
      expect(access).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'view', data: 'contacts', purpose: 'fieldwork monitor pre' }),
          expect.objectContaining({ kind: 'export', data: 'contacts', purpose: 'mail-merge csv pre' }),
          expect.objectContaining({ kind: 'export', data: 'contacts', purpose: 'mail-merge csv pre non-responders' }),
          expect.objectContaining({ kind: 'view', data: 'links', participants: '["P06"]', purpose: 'personal link pre' }),
          expect.objectContaining({ kind: 'view', data: 'links', participants: '["P06"]', purpose: 'new personal link pre' }),
        ]),
      );
      const cli = t.data.store.sqlite
        .prepare("select participants from personal_data_access where purpose = 'mail-merge csv pre' order by id")
        .all() as { participants: string }[];
      expect(JSON.parse(cli[0].participants)).toHaveLength(11);
      // Another study's invitation is not reachable through this study.
      expect((await call(researcher, 'GET', `${api}/invitations/999999/link`)).statusCode).toBe(404);
    });
  });

  describe('the test mail', () => {
    it('refuses an address with a line break or several recipients', async () => {
      for (const to of ['a@example.nl\r\nBcc: b@example.org', 'a@example.nl, b@example.org']) {
        const res = await call(researcher, 'POST', `${api}/test-mail`, { to });
        expect(res.statusCode).toBe(400);
        expect(res.json().details.reason).toMatch(/LINE_BREAK|SEVERAL/);
      }
    });

    it('sends one through working settings', async () => {
      const before = sink.mails.length;
      const res = await call(researcher, 'POST', `${api}/test-mail`, { to: 'ik@example.nl' });
      expect(res.json()).toMatchObject({ ok: true });
      await sink.waitFor(before + 1);
      expect(sink.mails.at(-1)!.to).toEqual(['ik@example.nl']);
    });
  });
});

describe('the test mail with settings that do not work', () => {
  it.each([
    [
      'nothing listening',
      async () => ({ smtp: smtpConfig(await freePort()) }),
      /no SMTP server answers at 127\.0\.0\.1:\d+ \(connection refused\)/,
    ],
    [
      'a host that does not exist',
      async () => ({ smtp: smtpConfig(25, { host: 'smtp.does-not-exist.invalid' }) }),
      /host name smtp\.does-not-exist\.invalid could not be found/,
    ],
    ['no SMTP at all', async () => ({ smtp: null }), /No SMTP server is configured/],
  ])('gives a clear message for %s and keeps running', async (_name, settings, message) => {
    const t = await buildTestApp({ config: await settings() });
    try {
      await createFieldworkStudy(t.data.store.db, people(1));
      const who = await loginAs(t, 'r@example.nl', { role: 'researcher', study: SLUG });
      const res = await t.app.inject({ method: 'POST', url: `${api}/test-mail`, headers: who.headers, payload: { to: 'ik@example.nl' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().ok).toBe(false);
      expect(res.json().message).toMatch(message);
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('says so when the server refuses the login', async () => {
    const sink = await startSink({ auth: 'rondo:juist' });
    const t = await buildTestApp({ config: { smtp: smtpConfig(sink.port, { user: 'rondo', pass: 'fout' }) } });
    try {
      await createFieldworkStudy(t.data.store.db, people(1));
      const who = await loginAs(t, 'r@example.nl', { role: 'researcher', study: SLUG });
      const res = await t.app.inject({ method: 'POST', url: `${api}/test-mail`, headers: who.headers, payload: { to: 'ik@example.nl' } });
      expect(res.json()).toMatchObject({ ok: false });
      expect(res.json().message).toMatch(/did not accept the user name or password.*535/);
      expect(sink.mails).toHaveLength(0);
    } finally {
      await t.close();
      await sink.stop();
    }
  });
});
