import net from 'node:net';
import type { Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config.js';

/** One message to one person; the address has been checked (address.ts). */
export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
}

/**
 * What became of one message, from rondo's point of view:
 * - `sent`: the server accepted it (250 after the message);
 * - `recipient`: the server refused this message or recipient for good (5xx) — not retried;
 * - `later`: the server refused this recipient for now (4xx) — retried later;
 * - `connection`: no message was handed over (no connection, TLS, login, sender refused) —
 *   safe to send again, and pointless to continue the batch now;
 * - `slower`: the server refused the message for now because too many came too fast (a
 *   per-minute limit, such as Microsoft 365's 30) — not delivered, safe to send again after a pause;
 * - `unknown`: the connection broke after the whole message was handed over and before the
 *   server answered, so it may have arrived. Never retried automatically: no second copy.
 */
export type SendOutcome =
  | { status: 'sent'; messageId: string; response: string }
  | { status: 'recipient' | 'later' | 'connection' | 'slower' | 'unknown'; reason: string };

export interface MailTransport {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /** Connects and logs in without sending; resolves with a problem description or null. */
  check(): Promise<string | null>;
  close(): void;
}

export interface TransportOptions {
  /** Connection and greeting timeout in ms (default 10 s; nodemailer's own default is 2 minutes). */
  connectTimeoutMs?: number;
  socketTimeoutMs?: number;
}

type SmtpError = Error & { code?: string; command?: string; responseCode?: number; response?: string };

const NOOP = () => undefined;

/**
 * An SMTP transport for sending one message after another over one connection. nodemailer
 * logs `tnx: 'message'` when the whole message has been written to the socket; that is the
 * point after which a broken connection leaves the outcome unknown. If a successful send
 * ever arrives without that signal (a changed nodemailer), every broken connection counts as
 * `unknown` from then on: at worst a person re-sends by hand, never a silent duplicate.
 */
export function createSmtpTransport(smtp: SmtpConfig, options: TransportOptions = {}): MailTransport {
  let handedOver = false;
  let signalReliable = true;
  const logger = {
    trace: NOOP,
    debug: NOOP,
    warn: NOOP,
    error: NOOP,
    fatal: NOOP,
    info(meta: unknown) {
      if (meta && typeof meta === 'object' && (meta as { tnx?: string }).tnx === 'message') handedOver = true;
    },
  };
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  // nodemailer (0.4 MB of code) is loaded for the first message or check, not by every start of
  // a server that may never send mail. One transporter, made by whichever comes first.
  let transporter: Promise<Transporter> | undefined;
  const connect = () =>
    (transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
        pool: true,
        maxConnections: 1,
        maxMessages: 200,
        connectionTimeout: connectTimeout,
        greetingTimeout: connectTimeout,
        socketTimeout: options.socketTimeoutMs ?? 60_000,
        logger: logger as never,
        getSocket: (_options: unknown, done: SocketCallback) => openSmtpSocket(smtp, connectTimeout, done),
      }),
    ));
  const fromAddress = smtpFromAddress(smtp.from);

  return {
    async send(mail) {
      const sender = await connect();
      handedOver = false;
      try {
        const info = await sender.sendMail({
          from: smtp.from,
          to: { name: mail.to.name, address: mail.to.address },
          // The envelope names the one recipient explicitly; nothing is parsed from headers.
          envelope: { from: fromAddress, to: [mail.to.address] },
          replyTo: mail.replyTo,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        if (!handedOver) signalReliable = false;
        return { status: 'sent', messageId: String(info.messageId ?? ''), response: String(info.response ?? '') };
      } catch (err) {
        return classifySmtpFailure(err as SmtpError, signalReliable ? handedOver : true, smtp);
      }
    },
    async check() {
      try {
        await (await connect()).verify();
        return null;
      } catch (err) {
        return describeSmtpError(err as SmtpError, smtp);
      }
    },
    close() {
      void transporter?.then((t) => t.close());
    },
  };
}

type SocketCallback = (err: Error | null, socket?: { connection: net.Socket }) => void;

/**
 * The TCP connection to the SMTP server, opened here rather than by nodemailer so that Nagle's
 * algorithm is off. nodemailer writes each message in several small pieces and then waits for
 * the server's answer; with Nagle on, the last piece waited for the server to acknowledge the one
 * before, which a server delays (40 ms on Linux, up to 200 ms on Windows): every mail took
 * ~45 ms on loopback instead of ~3, and 10,000 invitations over eight minutes (bench/mail.ts).
 * nodemailer does the rest over this socket as over its own: implicit TLS or STARTTLS, the
 * greeting and socket timeouts. Failures carry nodemailer's error codes, so they are described
 * and classified as before.
 */
export function openSmtpSocket(smtp: Pick<SmtpConfig, 'host' | 'port'>, timeoutMs: number, done: SocketCallback): void {
  const socket = net.connect({ host: smtp.host, port: smtp.port, keepAlive: true });
  let settled = false;
  const settle = (err: Error | null) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    socket.removeListener('error', onError);
    // nodemailer adds its own listener when it takes the socket; until then an error must not go unhandled.
    socket.on('error', NOOP);
    if (err) {
      socket.destroy();
      done(err);
    } else done(null, { connection: socket });
  };
  const onError = (err: NodeJS.ErrnoException) =>
    settle(Object.assign(err, { code: err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? 'EDNS' : 'ECONNECTION' }));
  const timer = setTimeout(() => settle(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
  socket.once('connect', () => {
    socket.setNoDelay(true);
    settle(null);
  });
  socket.once('error', onError);
}

/** The bare address of a From setting such as `"Onderzoek GGD" <onderzoek@example.nl>`. */
export function smtpFromAddress(from: string): string {
  const m = /<([^<>]+)>\s*$/.exec(from);
  return (m ? m[1] : from).trim();
}

export function classifySmtpFailure(err: SmtpError, handedOver: boolean, smtp: SmtpConfig): Exclude<SendOutcome, { status: 'sent' }> {
  const reason = describeSmtpError(err, smtp);
  const code = err.responseCode;
  if (code && code >= 400 && code < 500 && TOO_FAST.test(err.response ?? ''))
    return {
      status: 'slower',
      reason:
        `the SMTP server ${smtp.host}:${smtp.port} accepts no more mail for now: too many came too fast ` +
        `(server: ${oneLine(err.response ?? '')}); set RONDO_SMTP_RATE to the number of mails a minute it accepts`,
    };
  if (err.code === 'EENVELOPE' && err.command === 'RCPT TO' && code) return { status: code >= 500 ? 'recipient' : 'later', reason };
  if (err.code === 'EMESSAGE' && code) return { status: code >= 500 ? 'recipient' : 'later', reason };
  if (code && err.command === 'DATA') return { status: code >= 500 ? 'recipient' : 'later', reason };
  if (handedOver)
    return { status: 'unknown', reason: `${reason} — the connection broke after the message was handed over; it may have arrived` };
  return { status: 'connection', reason };
}

/**
 * How mail servers say a sender goes too fast, in a temporary (4xx) refusal: Microsoft 365
 * ("4.4.2 Message submission rate for this client has exceeded the configured limit"), Gmail
 * ("4.7.28 … unusual rate"), Postfix ("too many messages", "too many connections").
 */
const TOO_FAST = /\brate\b|too many|throttl|slow down|exceeded the configured limit/i;

/** One clear sentence for people, with the server's own words when it gave any. */
export function describeSmtpError(err: SmtpError, smtp: SmtpConfig): string {
  const where = `${smtp.host}:${smtp.port}`;
  const server = err.response ? ` (server: ${oneLine(err.response)})` : '';
  const detail = oneLine(err.message ?? String(err));
  switch (err.code) {
    case 'EDNS':
      return `the SMTP host name ${smtp.host} could not be found (${detail})`;
    case 'ESOCKET':
    case 'ECONNECTION':
      if (/ECONNREFUSED/.test(detail)) return `no SMTP server answers at ${where} (connection refused)`;
      if (/wrong version number|ssl|tls|certificate/i.test(detail))
        return `TLS problem with ${where}: ${detail}; check RONDO_SMTP_SECURE and the port`;
      return `the connection to the SMTP server ${where} failed: ${detail}${server}`;
    case 'ETIMEDOUT':
      return `the SMTP server ${where} did not answer in time (${detail}); check the host, the port and RONDO_SMTP_SECURE`;
    case 'ETLS':
      return `TLS problem with ${where}: ${detail}${server}`;
    case 'EAUTH':
      return `the SMTP server ${where} did not accept the user name or password${server || ` (${detail})`}`;
    case 'ENOAUTH':
      return `the SMTP server ${where} requires a user name and password (RONDO_SMTP_USER, RONDO_SMTP_PASS)`;
    case 'EENVELOPE':
      return err.command === 'MAIL FROM'
        ? `the SMTP server refused the sender address ${smtpFromAddress(smtp.from)}${server}; check RONDO_SMTP_FROM`
        : `the SMTP server refused the recipient${server || ` (${detail})`}`;
    case 'EMESSAGE':
      return `the SMTP server refused the message${server || ` (${detail})`}`;
    default:
      return `sending failed at ${where}: ${detail}${server}`;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 300);
}
