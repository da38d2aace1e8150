import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { hasChromium, launchBrowser } from '../helpers/browser.js';
import { hashToken, TOKEN_PATTERN } from '../../server/tokens.js';
import { createFieldworkStudy, markSubmitted, people, SLUG } from './fixture.js';
import { freePort, smtpConfig, startSink, type ReceivedMail, type Sink } from './smtp.js';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T08:00:00Z');

/**
 * Invitations and reminders through a real SMTP server process: what arrives, whether its
 * links lead to the right invitation and open the questionnaire, and who gets reminded.
 */
describe('invitations and reminders by e-mail', () => {
  let sink: Sink;
  let t: TestApp;
  let staff: LoggedIn;
  let appUrl: string;
  let study: Awaited<ReturnType<typeof createFieldworkStudy>>;
  const cohort = people(6);
  cohort[0] = { ...cohort[0], name: '<b>Anna</b> & "Bo" <script>alert(1)</script>' };

  const linkIn = (mail: ReceivedMail) => {
    const m = new RegExp(`${appUrl.replace(/[.:/]/g, '\\$&')}/r/([A-Za-z0-9_-]+)`).exec(mail.text);
    return m?.[1] ?? null;
  };
  const tick = async (at: Date) => {
    t.setNow(at);
    const result = await t.app.fieldwork.scheduler.tick();
    await t.app.fieldwork.sender.idle();
    return result;
  };
  const invitationOf = (token: string) =>
    t.data.store.sqlite
      .prepare(
        'select i.id, i.participant_id, i.round_id, c.email from invitation i join participant_contact c on c.participant_id = i.participant_id where i.token_hash = ?',
      )
      .get(hashToken(token)) as { id: number; participant_id: number; round_id: number; email: string } | undefined;

  beforeAll(async () => {
    sink = await startSink();
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    t = await buildTestApp({ config: { smtp: smtpConfig(sink.port), baseUrl: appUrl, port } });
    study = await createFieldworkStudy(t.data.store.db, cohort);
    staff = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG });
    await t.app.listen({ port, host: '127.0.0.1' });
    t.setNow(T0);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/studies/${SLUG}/fieldwork/rounds/pre/schedule`,
      headers: staff.headers,
      payload: {
        opensAt: new Date(T0.getTime() + 3_600_000).toISOString(),
        closesAt: new Date(T0.getTime() + 30 * DAY).toISOString(),
        autoInvite: true,
        reminderDays: [7, 14],
        language: null,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('sends one invitation to everyone when the round opens on schedule', async () => {
    await tick(new Date(T0.getTime() + 30 * 60_000));
    expect(sink.mails).toHaveLength(0); // not open yet
    const result = await tick(new Date(T0.getTime() + 2 * 3_600_000));
    expect(result.opened).toBe(1);
    await sink.waitFor(6);
    const recipients = sink.mails.map((m) => m.to.join(','));
    expect(recipients.sort()).toEqual(cohort.map((p) => p.email).sort());
    for (const mail of sink.mails) {
      expect(mail.to).toHaveLength(1);
      expect(mail.subject).toBe('Uitnodiging: vragenlijst Veldwerk & co');
      expect(mail.headers['reply-to']).toContain('onderzoek@example.nl');
    }
  });

  it('puts a working personal link in each mail, leading to that person’s invitation', async () => {
    for (const mail of sink.mails) {
      const token = linkIn(mail);
      expect(token, mail.text).toMatch(TOKEN_PATTERN);
      const inv = invitationOf(token!);
      expect(inv?.email).toBe(mail.to[0]);
      expect(inv?.round_id).toBe(study.roundIds.pre);
    }
    const token = linkIn(sink.mails[0])!;
    const open = await t.app.inject({ method: 'GET', url: `/r/${token}` });
    expect(open.statusCode).toBe(200);
    const cookie = open.cookies.find((c) => c.name === 'rondo_r');
    expect(cookie?.value).toBe(token);
    const page = await t.app.inject({ method: 'GET', url: '/r', cookies: { rondo_r: token } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Veldwerk &amp; co');
  });

  it.skipIf(!hasChromium)('opens the questionnaire in a browser from the link in the mail', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const mail = sink.mails.find((m) => m.to[0] === cohort[1].email)!;
      const link = `${appUrl}/r/${linkIn(mail)}`;
      expect(mail.text).toContain(link);
      await page.goto(link);
      await page.waitForURL(`${appUrl}/r`);
      await expect.poll(() => page.textContent('body')).toContain('Veldwerk & co');
      expect(await page.locator('form, rondo-survey').count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  });

  it('shows a name with HTML as text: literal in the text part, escaped in the HTML part', async () => {
    const mail = sink.mails.find((m) => m.to[0] === cohort[0].email)!;
    expect(mail.text).toContain('Beste <b>Anna</b> & "Bo" <script>alert(1)</script>,');
    expect(mail.html).toContain('Beste &lt;b&gt;Anna&lt;/b&gt; &amp; &quot;Bo&quot; &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(mail.html).not.toMatch(/<b>|<script/);
    // The display name is quoted or encoded in the To header, never a second address.
    expect(mail.to).toEqual([cohort[0].email]);
  });

  it('reminds only those who have not submitted, seven days after the invitation, once', async () => {
    const sentAt = Date.parse((t.data.store.sqlite.prepare('select min(sent_at) as s from invitation').get() as { s: string }).s);
    const submitted = cohort.slice(0, 2);
    for (const p of submitted)
      await markSubmitted(t.data.store.db, study.participantIds[p.key], study.roundIds.pre, new Date(sentAt + 3 * DAY));
    await tick(new Date(sentAt + 6 * DAY));
    expect(sink.mails).toHaveLength(6);
    await tick(new Date(sentAt + 7 * DAY + 60_000));
    await sink.waitFor(10);
    const reminders = sink.mails.slice(6);
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(
      cohort
        .slice(2)
        .map((p) => p.email)
        .sort(),
    );
    for (const r of reminders) {
      expect(r.subject).toBe('Herinnering: vragenlijst Veldwerk & co');
      const invitation = sink.mails.find((m) => m.to[0] === r.to[0] && m.subject.startsWith('Uitnodiging'))!;
      expect(linkIn(r)).toBe(linkIn(invitation)); // the same link, not a new one
    }
    await tick(new Date(sentAt + 7 * DAY + 120_000));
    await tick(new Date(sentAt + 8 * DAY));
    expect(sink.mails).toHaveLength(10);
  });

  it('sends the second reminder at fourteen days to whoever still has not submitted', async () => {
    const sentAt = Date.parse((t.data.store.sqlite.prepare('select min(sent_at) as s from invitation').get() as { s: string }).s);
    await markSubmitted(t.data.store.db, study.participantIds[cohort[2].key], study.roundIds.pre, new Date(sentAt + 10 * DAY));
    await tick(new Date(sentAt + 14 * DAY + 60_000));
    await sink.waitFor(13);
    expect(
      sink.mails
        .slice(10)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(
      cohort
        .slice(3)
        .map((p) => p.email)
        .sort(),
    );
    const counts = t.data.store.sqlite.prepare('select reminder_count as n from invitation where participant_id = ?');
    expect((counts.get(study.participantIds[cohort[5].key]) as { n: number }).n).toBe(2);
    expect((counts.get(study.participantIds[cohort[2].key]) as { n: number }).n).toBe(1);
  });

  it('records every send and the round opening in the audit trail', async () => {
    const actions = (
      t.data.store.sqlite.prepare('select action, actor from audit_log where study_id = ? order by id').all(study.studyId) as {
        action: string;
        actor: string;
      }[]
    ).map((r) => `${r.actor} ${r.action}`);
    expect(actions).toContain(
      `user:${(t.data.store.sqlite.prepare('select id from user where email = ?').get('onderzoeker@example.nl') as { id: number }).id} round.schedule`,
    );
    expect(actions).toContain('system round.open');
    expect(actions.filter((a) => a === 'system mail.batch')).toHaveLength(1);
    expect(actions.filter((a) => a === 'system mail.reminders')).toHaveLength(2);
    expect(actions.filter((a) => a === 'system mail.batch.done')).toHaveLength(3);
  });
});
