import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSmtpTransport, openSmtpSocket } from '../../server/fieldwork/smtp.js';
import { freePort, smtpConfig, startSink, type Sink } from './smtp.js';

/**
 * The SMTP connection rondo opens for nodemailer (openSmtpSocket): Nagle's algorithm off, so a
 * message's last piece is not held back until the server acknowledges the one before (~45 ms a
 * mail on loopback, bench/mail.ts), and failures to connect named as nodemailer names them.
 */
describe('the SMTP connection', () => {
  let sink: Sink | null = null;
  afterEach(async () => {
    vi.restoreAllMocks();
    await sink?.stop();
    sink = null;
  });

  it('sends every mail over a socket with Nagle’s algorithm off', async () => {
    sink = await startSink();
    const noDelay = vi.spyOn(net.Socket.prototype, 'setNoDelay');
    const transport = createSmtpTransport(smtpConfig(sink.port));
    try {
      for (let i = 0; i < 3; i++) {
        const outcome = await transport.send({
          to: { name: `Deelnemer ${i}`, address: `p${i}@example.nl` },
          subject: 'Uitnodiging',
          text: 'Hallo',
          html: '<p>Hallo</p>',
        });
        expect(outcome.status).toBe('sent');
      }
      await sink.waitFor(3);
    } finally {
      transport.close();
    }
    expect(sink.mails.map((m) => m.to[0])).toEqual(['p0@example.nl', 'p1@example.nl', 'p2@example.nl']);
    // One connection for the three mails (the pool keeps it), opened with Nagle off.
    expect(noDelay.mock.calls).toEqual([[true]]);
  });

  it('hands nodemailer a connected socket', async () => {
    sink = await startSink();
    const { err, socket } = await open(sink.port);
    expect(err).toBeNull();
    expect(socket!.remotePort).toBe(sink.port);
    socket!.destroy();
  });

  it('names a refused connection and an unknown host as nodemailer does, and leaves no socket open', async () => {
    const refused = await open(await freePort());
    expect(refused.err).toMatchObject({ code: 'ECONNECTION', message: expect.stringMatching(/ECONNREFUSED/) });
    expect(refused.socket).toBeUndefined();
    const unknown = await open(25, 'smtp.does-not-exist.invalid');
    expect(unknown.err).toMatchObject({ code: 'EDNS' });
  });

  it('gives up after the connection timeout and closes the socket', async () => {
    // The limit's timer runs out before the connection can complete (that takes a turn of the event loop).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const destroy = vi.spyOn(net.Socket.prototype, 'destroy');
    try {
      const pending = open(await freePort(), '127.0.0.1', 10_000);
      vi.advanceTimersByTime(10_000);
      const { err, socket } = await pending;
      expect(err).toMatchObject({ code: 'ETIMEDOUT', message: 'Connection timeout' });
      expect(socket).toBeUndefined();
      expect(destroy).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});

function open(port: number, host = '127.0.0.1', timeoutMs = 5_000) {
  return new Promise<{ err: (Error & { code?: string }) | null; socket?: net.Socket }>((resolve) =>
    openSmtpSocket({ host, port }, timeoutMs, (err, socket) => resolve({ err, socket: socket?.connection })),
  );
}
