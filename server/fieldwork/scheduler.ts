import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { admitLateParticipants, fireClose, fireOpen, queueDueReminders } from './events.js';
import { resumeBatches } from './outbox.js';
import { roundState, scheduledRounds } from './rounds.js';
import type { Sender } from './sender.js';

export const TICK_MS = 30_000;

export interface SchedulerDeps {
  db: Kysely<Database>;
  secret: Buffer;
  now: () => Date;
  sender: Sender;
  log?: { error: (obj: object, msg: string) => void };
}

export interface TickResult {
  opened: number;
  closed: number;
  invitationsCreated: number;
  mailsQueued: number;
  resumedBatches: number;
}

/**
 * The fieldwork clock. Everything it acts on is in the database — rounds' opening and closing
 * times, their schedules, the outbox — so nothing is lost in a restart, and a tick after a long
 * stop catches up. Every action is claimed inside the write transaction that performs it
 * (a unique event row for opening and closing, a unique dedupe key per scheduled mail), so a
 * tick that runs twice, or in two processes, never does anything twice.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<TickResult> | null = null;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(intervalMs = TICK_MS): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick().catch((err) => this.deps.log?.error({ err }, 'fieldwork tick failed')), intervalMs);
    this.timer.unref();
    setImmediate(() => void this.tick().catch((err) => this.deps.log?.error({ err }, 'fieldwork tick failed')));
  }

  /** Stops the clock and waits for the tick and the mail being sent now. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const senderStopped = this.deps.sender.stop();
    await this.current?.catch(() => undefined);
    await senderStopped;
  }

  /** One pass; concurrent calls share the pass that is running. */
  tick(): Promise<TickResult> {
    this.current ??= this.run().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private async run(): Promise<TickResult> {
    const { db, secret } = this.deps;
    const now = this.deps.now();
    const result: TickResult = { opened: 0, closed: 0, invitationsCreated: 0, mailsQueued: 0, resumedBatches: 0 };
    // A tick that was already on its way when the app closed does nothing: the store may be gone.
    if (this.stopped) return result;
    for (const round of await scheduledRounds(db)) {
      const state = roundState(round, now);
      if (state === 'open') {
        await writeTx(db, async (trx) => {
          const opened = await fireOpen(trx, secret, round, 'system', now);
          const admitted = opened ?? (await admitLateParticipants(trx, secret, round, now));
          if (opened) result.opened++;
          result.invitationsCreated += admitted.invitations;
          result.mailsQueued += admitted.queued;
          result.mailsQueued += (await queueDueReminders(trx, round, now)).queued;
        });
      } else if (state === 'closed') {
        const closed = await writeTx(db, (trx) => fireClose(trx, round, 'system', now));
        if (closed) result.closed++;
      }
    }
    result.resumedBatches = await resumeBatches(db, now);
    // Sending can take minutes; the next tick must not wait for it (kick() is single-flight).
    if (this.deps.sender.configured) void this.deps.sender.kick().catch((err) => this.deps.log?.error({ err }, 'sending failed'));
    return result;
  }
}
