import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createFieldworkStudy, people, SLUG } from './fixture.js';
import type { SmtpConfig } from '../../server/config.js';
import { freePort, smtpConfig, startSink, type Sink } from './smtp.js';

/**
 * A batch that stops halfway — the SMTP server goes away, a recipient is refused, rondo stops
 * mid-send — resumes where it stopped, and nobody gets a second copy.
 */
describe('an interrupted mail batch', () => {
  let t: TestApp;
  let staff: LoggedIn;
  const sinks: Sink[] = [];
  const start = async (opts: Parameters<typeof startSink>[0]) => {
    const s = await startSink(opts);
    sinks.push(s);
    return s;
  };
  afterEach(async () => {
    await t?.close();
    for (const s of sinks.splice(0)) await s.stop();
  });

  async function setUp(port: number, n: number, cohort = people(n), smtp: Partial<SmtpConfig> = {}) {
    t = await buildTestApp({ config: { smtp: smtpConfig(port, smtp) } });
    const study = await createFieldworkStudy(t.data.store.db, cohort);
    staff = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG });
    const open = await t.app.inject({ method: 'POST', url: `/api/studies/${SLUG}/fieldwork/rounds/pre/open`, headers: staff.headers });
    expect(open.statusCode, open.body).toBe(200);
    return study;
  }
  const send = async (payload: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/studies/${SLUG}/fieldwork/rounds/pre/send`,
      headers: staff.headers,
      payload,
    });
    await t.app.fieldwork.sender.idle();
    return res;
  };
  const batch = async (id: number) =>
    (await t.app.inject({ method: 'GET', url: `/api/studies/${SLUG}/fieldwork/batches/${id}`, headers: staff.headers })).json();
  const received = (...list: Sink[]) => list.flatMap((s) => s.mails.map((m) => m.to[0]));

  it('pauses when the SMTP server goes away and resumes without sending anyone a second copy', async () => {
    const port = await freePort();
    const first = await start({ port, dieAtMail: 5 }); // goes away when the fifth mail begins
    await setUp(port, 12);
    const res = await send({ kind: 'invitation', selection: 'not-sent' });
    expect(res.statusCode, res.body).toBe(200);
    const { batchId, queued } = res.json();
    expect(queued).toBe(12);
    expect(await first.exited).toBe(3);

    let b = await batch(batchId);
    expect(b.batch.status).toBe('paused');
    expect(b.batch.pausedReason).toMatch(/connection|no SMTP server answers/);
    expect(b.batch.pausedKind).toBe('connection');
    expect(b.batch.counts).toMatchObject({ sent: 4, queued: 8, unknown: 0, failed: 0 });
    const waiting = b.recipients.filter((r: { status: string }) => r.status === 'queued');
    expect(waiting[0].error).toBeTruthy(); // the reason is shown for the mail that could not go

    // Nothing happens while the server is away: a retry before the pause is over does nothing.
    await t.app.fieldwork.sender.kick();
    expect((await batch(batchId)).batch.counts.sent).toBe(4);

    const second = await start({ port });
    const resume = await t.app.inject({
      method: 'POST',
      url: `/api/studies/${SLUG}/fieldwork/batches/${batchId}/resume`,
      headers: staff.headers,
    });
    expect(resume.statusCode, resume.body).toBe(200);
    await t.app.fieldwork.sender.idle();
    await second.waitFor(8);

    const all = received(first, second);
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(12);
    b = await batch(batchId);
    expect(b.batch.status).toBe('done');
    expect(b.batch.counts).toMatchObject({ sent: 12, queued: 0 });
    // Sending the invitations again reaches nobody: everyone has had one.
    const again = await send({ kind: 'invitation', selection: 'not-sent' });
    expect(again.json()).toMatchObject({ batchId: null, queued: 0 });
  });

  it('marks a mail whose fate is unknown as such and never sends it again by itself', async () => {
    const port = await freePort();
    const first = await start({ port, dieAfterData: 3 }); // takes the third mail, then vanishes without answering
    await setUp(port, 6);
    const { batchId } = (await send({ kind: 'invitation', selection: 'not-sent' })).json();
    await first.exited;
    let b = await batch(batchId);
    expect(b.batch.counts).toMatchObject({ sent: 2, unknown: 1, queued: 3 });
    const unknown = b.recipients.find((r: { status: string }) => r.status === 'unknown');
    expect(unknown.error).toMatch(/may have arrived/);

    const second = await start({ port });
    await t.app.inject({ method: 'POST', url: `/api/studies/${SLUG}/fieldwork/batches/${batchId}/resume`, headers: staff.headers });
    await t.app.fieldwork.sender.idle();
    await second.waitFor(3);
    const all = received(first, second);
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
    b = await batch(batchId);
    expect(b.batch.counts).toMatchObject({ sent: 5, unknown: 1, queued: 0 });

    // "Send to those not yet invited" leaves the unknown one out and says why.
    const again = (await send({ kind: 'invitation', selection: 'not-sent' })).json();
    expect(again.queued).toBe(0);
    expect(again.skipped).toEqual([expect.objectContaining({ participantKey: unknown.participantKey, reason: 'MAYBE_SENT' })]);
    // A researcher who decides to send it again does so by name.
    const chosen = (await send({ kind: 'invitation', selection: 'selection', participantKeys: [unknown.participantKey] })).json();
    expect(chosen.queued).toBe(1);
    await second.waitFor(4);
  });

  it('fails a refused recipient with the server’s reason and carries on with the rest', async () => {
    const sink = await start({ reject: 'p3@' });
    await setUp(sink.port, 5);
    const { batchId } = (await send({ kind: 'invitation', selection: 'not-sent' })).json();
    await sink.waitFor(4);
    const b = await batch(batchId);
    expect(b.batch.status).toBe('done');
    expect(b.batch.counts).toMatchObject({ sent: 4, failed: 1 });
    const failed = b.recipients.find((r: { status: string }) => r.status === 'failed');
    expect(failed.email).toBe('p3@example.nl');
    expect(failed.error).toMatch(/550.*No such user here/);
  });

  it('does not send again a mail that was being sent when rondo stopped', async () => {
    const sink = await start({});
    await setUp(sink.port, 3);
    // A batch queued while the SMTP server was unknown, then "rondo stopped" during the first mail.
    const { batchId } = await t.app
      .inject({
        method: 'POST',
        url: `/api/studies/${SLUG}/fieldwork/rounds/pre/send`,
        headers: staff.headers,
        payload: { kind: 'invitation', selection: 'not-sent' },
      })
      .then((r) => r.json());
    await t.app.fieldwork.sender.idle();
    expect(sink.mails).toHaveLength(3);
    t.data.store.sqlite
      .prepare(
        "update outbox set status = 'sending', claimed_at = ? where batch_id = ? and id = (select min(id) from outbox where batch_id = ?)",
      )
      .run(new Date(Date.now() - 3_600_000).toISOString(), batchId, batchId);
    await t.app.fieldwork.sender.kick();
    const b = await batch(batchId);
    expect(b.recipients[0]).toMatchObject({ status: 'unknown' });
    expect(b.recipients[0].error).toMatch(/rondo stopped/);
    expect(sink.mails).toHaveLength(3);
  });

  it('refuses addresses with line breaks or several recipients instead of sending to them', async () => {
    const port = await freePort(); // no SMTP server yet: the batch waits
    const cohort = people(4);
    cohort[1] = { ...cohort[1], email: 'p2@example.nl\r\nBcc: victim@example.org' };
    cohort[2] = { ...cohort[2], email: 'p3@example.nl, victim@example.org' };
    await setUp(port, 4, cohort);
    const res = (await send({ kind: 'invitation', selection: 'not-sent' })).json();
    expect(res.queued).toBe(2);
    expect(res.skipped).toEqual([
      expect.objectContaining({ participantKey: 'P02', reason: 'INVALID_ADDRESS', message: expect.stringMatching(/line break/) }),
      expect.objectContaining({ participantKey: 'P03', reason: 'INVALID_ADDRESS', message: expect.stringMatching(/more than one/) }),
    ]);
    expect((await batch(res.batchId)).batch.status).toBe('paused');
    // An address that turns bad while the mail waits is refused at sending time, unsent.
    t.data.store.sqlite
      .prepare(
        "update participant_contact set email = 'p4@example.nl\nCc: victim@example.org' where participant_id = (select id from participant where key = 'P04')",
      )
      .run();
    const sink = await start({ port });
    await t.app.inject({ method: 'POST', url: `/api/studies/${SLUG}/fieldwork/batches/${res.batchId}/resume`, headers: staff.headers });
    await t.app.fieldwork.sender.idle();
    await sink.waitFor(1);
    const b = await batch(res.batchId);
    expect(b.recipients.map((r: { participantKey: string; status: string }) => `${r.participantKey} ${r.status}`)).toEqual([
      'P01 sent',
      'P04 failed',
    ]);
    expect(b.recipients[1].error).toMatch(/line break/);
    expect(received(sink)).toEqual(['p1@example.nl']);
    expect(sink.mails.every((m) => m.to.length === 1 && !/victim/.test(m.raw))).toBe(true);
  });

  it('pauses for a minute when the server says too many mails came too fast, then sends the rest once each', async () => {
    const port = await freePort();
    const sink = await start({ port, tooFastAt: 3 }); // refuses the third mail as Microsoft 365 does over its limit
    await setUp(port, 6);
    const before = Date.now();
    const res = await send({ kind: 'invitation', selection: 'not-sent' });
    const { batchId } = res.json();
    let b = await batch(batchId);
    expect(b.batch.status).toBe('paused');
    expect(b.batch.pausedReason).toMatch(/too many came too fast .*4\.4\.2 Message submission rate.*RONDO_SMTP_RATE/);
    expect(b.batch.pausedKind).toBe('slower'); // the screen says it in the researcher's words
    // Nobody failed: the refused mail waits in the queue with the others, for a minute, with no
    // error of its own (nothing is wrong with that recipient).
    expect(b.batch.counts).toMatchObject({ sent: 2, queued: 4, failed: 0, unknown: 0 });
    expect(b.recipients.filter((r: { status: string }) => r.status === 'queued').map((r: { error: string | null }) => r.error)).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const retryIn = Date.parse(b.batch.retryAt) - before;
    expect(retryIn).toBeGreaterThan(55_000);
    expect(retryIn).toBeLessThan(65_000);

    await t.app.inject({ method: 'POST', url: `/api/studies/${SLUG}/fieldwork/batches/${batchId}/resume`, headers: staff.headers });
    await t.app.fieldwork.sender.idle();
    await sink.waitFor(6);
    b = await batch(batchId);
    expect(b.batch).toMatchObject({ status: 'done', counts: expect.objectContaining({ sent: 6, queued: 0, failed: 0 }) });
    expect(received(sink).sort()).toEqual(
      people(6)
        .map((p) => p.email)
        .sort(),
    );
  });

  it('keeps RONDO_SMTP_RATE: the mails a minute apart by a minute / rate', async () => {
    const port = await freePort();
    const sink = await start({ port });
    await setUp(port, 5, people(5), { perMinute: 600 }); // one mail per 100 ms
    await send({ kind: 'invitation', selection: 'not-sent' });
    await sink.waitFor(5);
    const gaps = sink.mails.slice(1).map((m, i) => m.at - sink.mails[i].at);
    // Each mail is handed over no sooner than 100 ms after the one before (less what delivery took).
    for (const gap of gaps) expect(gap).toBeGreaterThan(90);
    expect(received(sink)).toHaveLength(5);
  });

  it('stops at once while a mail waits its turn, and leaves that mail queued, not sent and not unknown', async () => {
    const port = await freePort();
    const sink = await start({ port });
    await setUp(port, 3, people(3), { perMinute: 1 }); // the second mail would wait a minute
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/studies/${SLUG}/fieldwork/rounds/pre/send`,
      headers: staff.headers,
      payload: { kind: 'invitation', selection: 'not-sent' },
    });
    await sink.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received(sink)).toHaveLength(1); // the second waits its turn
    const stopping = Date.now();
    await t.app.fieldwork.sender.stop();
    expect(Date.now() - stopping).toBeLessThan(5_000); // not the rest of the minute
    const b = await batch(res.json().batchId);
    expect(b.batch.counts).toMatchObject({ sent: 1, queued: 2, unknown: 0, failed: 0 });
    expect(received(sink)).toHaveLength(1);
  });
});
