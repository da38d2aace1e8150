import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { SmtpConfig } from '../config.js';
import type { Database } from '../db/schema.js';
import { composeMail } from './compose.js';
import {
  BATCH_RETRY_MS,
  SLOWER_RETRY_MS,
  RECIPIENT_MAX_ATTEMPTS,
  RECIPIENT_RETRY_MS,
  claimNext,
  finishBatches,
  pauseBatch,
  settleNotSent,
  settleSent,
  sweepStale,
} from './outbox.js';
import { createSmtpTransport, type MailTransport } from './smtp.js';

export interface SenderDeps {
  db: Kysely<Database>;
  secret: Buffer;
  baseUrl: string;
  smtp: SmtpConfig | null;
  now: () => Date;
  /** Replaceable for tests; by default an SMTP transport from the configuration. */
  transport?: (smtp: SmtpConfig) => MailTransport;
  log?: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
}

export interface DrainResult {
  sent: number;
  failed: number;
  unknown: number;
  skipped: number;
  /** Why sending stopped before the outbox was empty, if it did. */
  stoppedBy: string | null;
}

/**
 * Works through the outbox, one mail at a time over one SMTP connection. Each row is claimed
 * in a transaction before the SMTP conversation and settled after it, so a batch that stops
 * halfway (SMTP server gone, rondo restarted) resumes where it stopped and nobody gets a
 * second copy. A connection failure pauses the batch with the reason; it is tried again after
 * BATCH_RETRY_MS or when a researcher resumes it. A server that refuses a mail because too many
 * came too fast pauses the batch for SLOWER_RETRY_MS, the mail back in the queue. With
 * RONDO_SMTP_RATE the mails are spaced so that such a server is not asked for more than it takes.
 *
 * One drain runs at a time in a process; `kick()` while one runs makes it look again when it
 * is done, so mail queued meanwhile is not left waiting for the next tick.
 */
export class Sender {
  private running: Promise<DrainResult> | null = null;
  private again = false;
  /** When the SMTP server last answered a message (performance.now()), for RONDO_SMTP_RATE. */
  private lastSent = Number.NEGATIVE_INFINITY;
  /** Aborted by stop(): ends a wait for the rate at once. */
  private readonly stopping = new AbortController();
  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  constructor(private readonly deps: SenderDeps) {}

  get configured(): boolean {
    return this.deps.smtp !== null;
  }

  /** Starts a drain unless one is running; resolves when the outbox has been worked through. */
  kick(): Promise<DrainResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total: DrainResult = { sent: 0, failed: 0, unknown: 0, skipped: 0, stoppedBy: null };
      try {
        do {
          this.again = false;
          const r = await this.drainOnce();
          total.sent += r.sent;
          total.failed += r.failed;
          total.unknown += r.unknown;
          total.skipped += r.skipped;
          total.stoppedBy = r.stoppedBy;
        } while (this.again && !this.stopped && !total.stoppedBy);
        return total;
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Resolves once no drain is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Stops after the mail being sent now; used when the server closes. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  private async drainOnce(): Promise<DrainResult> {
    const { db, now } = this.deps;
    const result: DrainResult = { sent: 0, failed: 0, unknown: 0, skipped: 0, stoppedBy: null };
    await sweepStale(db, now());
    const smtp = this.deps.smtp;
    if (!smtp) {
      await finishBatches(db, now());
      return result;
    }
    let transport: MailTransport | null = null;
    try {
      while (!this.stopped) {
        await this.keepRate(smtp.perMinute);
        if (this.stopped) break;
        const row = await claimNext(db, now());
        if (!row) break;
        const composed = await composeMail(db, this.deps.secret, this.deps.baseUrl, row, now());
        if (!composed.ok) {
          if (composed.outcome === 'skip') {
            await settleNotSent(db, row, { status: 'cancelled', reason: composed.reason }, now());
            result.skipped++;
          } else {
            await settleNotSent(db, row, { status: 'failed', reason: composed.reason }, now());
            result.failed++;
          }
          continue;
        }
        transport ??= (this.deps.transport ?? createSmtpTransport)(smtp);
        const outcome = await transport.send(composed.mail);
        this.lastSent = performance.now();
        const at = now();
        switch (outcome.status) {
          case 'sent':
            await settleSent(db, row, outcome.messageId, at);
            result.sent++;
            break;
          case 'recipient':
            await settleNotSent(db, row, { status: 'failed', reason: outcome.reason }, at);
            result.failed++;
            break;
          case 'unknown':
            await settleNotSent(db, row, { status: 'unknown', reason: outcome.reason }, at);
            result.unknown++;
            break;
          case 'later': {
            const attempts = await db.selectFrom('outbox').select('attempts').where('id', '=', row.id).executeTakeFirstOrThrow();
            if (attempts.attempts >= RECIPIENT_MAX_ATTEMPTS) {
              await settleNotSent(db, row, { status: 'failed', reason: `${outcome.reason} (tried ${attempts.attempts} times)` }, at);
              result.failed++;
            } else {
              await settleNotSent(
                db,
                row,
                { status: 'queued', reason: outcome.reason, retryAt: new Date(at.getTime() + RECIPIENT_RETRY_MS) },
                at,
              );
            }
            break;
          }
          case 'connection':
          case 'slower': {
            // Nothing was delivered: the row waits in the queue, the batch pauses with the reason
            // (a server that asks to slow down, for a minute; one that cannot be reached, for longer).
            // Going too fast is nothing about this recipient: the mail waits without an error of its own.
            const slower = outcome.status === 'slower';
            await settleNotSent(db, row, { status: 'queued', reason: slower ? null : outcome.reason }, at);
            const retryIn = slower ? SLOWER_RETRY_MS : BATCH_RETRY_MS;
            await pauseBatch(db, row.batchId, outcome.status, outcome.reason, new Date(at.getTime() + retryIn));
            this.deps.log?.warn({ batch: row.batchId }, `mail batch paused: ${outcome.reason}`);
            result.stoppedBy = outcome.reason;
            break;
          }
        }
        if (result.stoppedBy) break;
      }
    } finally {
      transport?.close();
      await finishBatches(db, now());
    }
    return result;
  }

  /**
   * With a rate (RONDO_SMTP_RATE, mails a minute), waits until a minute / rate has passed since
   * the server answered the last message, before the next is claimed: however long a conversation
   * takes, no two mails reach the server closer together than that. A mail waiting its turn is not
   * yet claimed, so stopping meanwhile leaves it queued. Stopping the sender ends the wait.
   */
  private async keepRate(perMinute: number | undefined): Promise<void> {
    if (!perMinute) return;
    const wait = this.lastSent + 60_000 / perMinute - performance.now();
    if (wait <= 0) return;
    // Aborted by stop(): the wait ends at once (the rejection is that abort, nothing to report).
    await sleep(wait, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }
}
