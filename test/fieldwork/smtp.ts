import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SmtpConfig } from '../../server/config.js';

const SINK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'smtp-sink.mjs');

export interface ReceivedMail {
  n: number;
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  /** When the sink had the whole message (its clock, ms since the epoch). */
  at: number;
}

export interface Sink {
  port: number;
  mails: ReceivedMail[];
  /** Resolves with the exit code when the process ends (killed, or told to die). */
  exited: Promise<number | null>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts smtp-sink.mjs as a child process: a real SMTP server on 127.0.0.1. */
export async function startSink(
  options: { port?: number; dieAtMail?: number; dieAfterData?: number; auth?: string; reject?: string; tooFastAt?: number } = {},
): Promise<Sink> {
  const args = [SINK];
  if (options.port) args.push('--port', String(options.port));
  if (options.dieAtMail) args.push('--die-at-mail', String(options.dieAtMail));
  if (options.dieAfterData) args.push('--die-after-data', String(options.dieAfterData));
  if (options.auth) args.push('--auth', options.auth);
  if (options.reject) args.push('--reject', options.reject);
  if (options.tooFastAt) args.push('--too-fast-at', String(options.tooFastAt));
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: path.resolve(path.dirname(SINK), '../..'),
  });
  const mails: ReceivedMail[] = [];
  const listeners = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { ready?: number; n?: number; at: number; from: string; to: string[]; raw: string };
      if (msg.ready) return resolve(msg.ready);
      mails.push({ n: msg.n!, at: msg.at, from: msg.from, to: msg.to, raw: msg.raw, ...parseMail(msg.raw) });
      for (const l of listeners) l();
    });
    void exited.then(() => reject(new Error('the SMTP sink ended before it was ready')));
  });
  return {
    port,
    mails,
    exited,
    waitFor(count, timeoutMs = 10_000) {
      if (mails.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`expected ${count} mails, received ${mails.length}`));
        }, timeoutMs);
        const check = () => {
          if (mails.length >= count) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve();
          }
        };
        listeners.add(check);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export function smtpConfig(port: number, extra: Partial<SmtpConfig> = {}): SmtpConfig {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    user: undefined,
    pass: undefined,
    from: '"Onderzoek GGD" <onderzoek@example.nl>',
    ...extra,
  };
}

/** A free TCP port on 127.0.0.1 (for a server that must be restarted on the same port). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// --- a small MIME reader, enough for what nodemailer writes ---

function splitHead(raw: string): { head: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const headText = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const head: Record<string, string> = {};
  for (const line of headText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) head[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { head, body };
}

function decodeQP(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string | undefined): string {
  const e = (encoding ?? '').toLowerCase();
  if (e === 'quoted-printable') return decodeQP(body);
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

export function decodeWords(s: string): string {
  return s
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQP(text.replace(/_/g, ' ')),
    )
    .trim();
}

function parseMail(raw: string): { headers: Record<string, string>; subject: string; text: string; html: string } {
  const { head, body } = splitHead(raw);
  let text = '';
  let html = '';
  const visit = (h: Record<string, string>, b: string) => {
    const type = h['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      for (const part of b.split(`--${boundary}`).slice(1)) {
        if (part.startsWith('--')) break;
        const p = splitHead(part.replace(/^\r?\n/, ''));
        visit(p.head, p.body.replace(/\r?\n$/, ''));
      }
    } else if (/^text\/html/i.test(type)) html = decodeBody(b, h['content-transfer-encoding']);
    else if (/^text\/plain/i.test(type)) text = decodeBody(b, h['content-transfer-encoding']);
  };
  visit(head, body);
  return { headers: head, subject: decodeWords(head.subject ?? ''), text: text.replace(/\r\n/g, '\n'), html };
}
