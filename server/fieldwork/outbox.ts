import { sql, type Kysely } from 'kysely';
import type { Lang } from '../../model/index.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import type { TemplateText } from './default-templates.js';
import type { BatchPause, BatchStatus, MailKind, OutboxStatus } from '../../model/values.js';
import type {} from './schema.js';

/** How long to wait before trying a paused batch again on its own. */
export const BATCH_RETRY_MS = 5 * 60_000;
/** How long a batch waits when the SMTP server asked to send more slowly (per-minute limits). */
export const SLOWER_RETRY_MS = 60_000;
/** How long before a recipient refused "for now" (4xx) is tried again, and how often. */
export const RECIPIENT_RETRY_MS = 15 * 60_000;
export const RECIPIENT_MAX_ATTEMPTS = 4;
/** A row still `sending` after this long belongs to a process that stopped mid-send. */
export const STALE_SENDING_MS = 10 * 60_000;

export interface NewBatch {
  studyId: number;
  roundId: number;
  kind: MailKind;
  origin: 'manual' | 'schedule';
  selection: string;
  language: Lang;
  template: TemplateText;
  createdBy: string;
  now: Date;
  invitationIds: number[];
  /** For automatic mails: a key per invitation that may exist only once in the outbox. */
  dedupeKey?: (invitationId: number) => string;
}

/**
 * Queues a batch: one outbox row per invitation. Rows whose dedupe key already exists are left
 * out (that mail was queued before); a batch that ends up empty is not kept. Call inside a
 * write transaction.
 */
export async function enqueueBatch(trx: Kysely<Database>, b: NewBatch): Promise<{ batchId: number; queued: number } | null> {
  if (!b.invitationIds.length) return null;
  const at = b.now.toISOString();
  const { id: batchId } = await trx
    .insertInto('mail_batch')
    .values({
      study_id: b.studyId,
      round_id: b.roundId,
      kind: b.kind,
      origin: b.origin,
      selection: b.selection,
      language: b.language,
      subject: b.template.subject,
      body: b.template.body,
      status: 'sending',
      paused_reason: null,
      retry_at: null,
      created_at: at,
      created_by: b.createdBy,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let queued = 0;
  for (const invitationId of b.invitationIds) {
    const res = await trx
      .insertInto('outbox')
      .values({
        batch_id: batchId,
        invitation_id: invitationId,
        dedupe_key: b.dedupeKey ? b.dedupeKey(invitationId) : null,
        status: 'queued',
        last_error: null,
        claimed_at: null,
        sent_at: null,
        message_id: null,
        retry_at: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    queued += Number(res.numInsertedOrUpdatedRows ?? 0n);
  }
  if (!queued) {
    await trx.deleteFrom('mail_batch').where('id', '=', batchId).execute();
    return null;
  }
  return { batchId, queued };
}

export interface ClaimedRow {
  id: number;
  batchId: number;
  invitationId: number;
  kind: MailKind;
  language: Lang;
  subject: string;
  body: string;
  studyId: number;
  roundId: number;
}

/**
 * Takes the next queued row of a batch that is sending, and marks it `sending` in the same
 * transaction: a row is handed to exactly one sender.
 */
export async function claimNext(db: Kysely<Database>, now: Date): Promise<ClaimedRow | null> {
  return writeTx(db, async (trx) => {
    const row = await trx
      .selectFrom('outbox as o')
      .innerJoin('mail_batch as b', 'b.id', 'o.batch_id')
      .where('o.status', '=', 'queued')
      .where('b.status', '=', 'sending')
      .where((eb) => eb.or([eb('o.retry_at', 'is', null), eb('o.retry_at', '<=', now.toISOString())]))
      .select(['o.id', 'o.batch_id', 'o.invitation_id', 'b.kind', 'b.language', 'b.subject', 'b.body', 'b.study_id', 'b.round_id'])
      .orderBy('o.id')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    await trx
      .updateTable('outbox')
      .set({ status: 'sending', claimed_at: now.toISOString(), updated_at: now.toISOString(), attempts: sql`attempts + 1` })
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .execute();
    return {
      id: row.id,
      batchId: row.batch_id,
      invitationId: row.invitation_id,
      kind: row.kind,
      language: row.language,
      subject: row.subject,
      body: row.body,
      studyId: row.study_id,
      roundId: row.round_id,
    };
  });
}

/** Records a delivered mail and what it means for the invitation. */
export async function settleSent(db: Kysely<Database>, row: ClaimedRow, messageId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await writeTx(db, async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: at, message_id: messageId.slice(0, 250), last_error: null, updated_at: at })
      .where('id', '=', row.id)
      .execute();
    if (row.kind === 'invitation') {
      await trx.updateTable('invitation').set({ sent_at: at }).where('id', '=', row.invitationId).where('sent_at', 'is', null).execute();
    } else {
      await trx
        .updateTable('invitation')
        .set({ reminded_at: at, reminder_count: sql`reminder_count + 1` })
        .where('id', '=', row.invitationId)
        .execute();
    }
  });
}

/** Records a mail that did not go out, or whose fate is unknown. */
export async function settleNotSent(
  db: Kysely<Database>,
  row: ClaimedRow,
  outcome: { status: 'failed' | 'unknown' | 'queued' | 'cancelled'; reason: string | null; retryAt?: Date | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: outcome.status,
      last_error: outcome.reason?.slice(0, 1000) ?? null,
      retry_at: outcome.retryAt?.toISOString() ?? null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', row.id)
    .execute();
}

/** Stops a batch until `retryAt` (or until a person resumes it), with the reason shown. */
export async function pauseBatch(db: Kysely<Database>, batchId: number, kind: BatchPause, reason: string, retryAt: Date): Promise<void> {
  await db
    .updateTable('mail_batch')
    .set({ status: 'paused', paused_kind: kind, paused_reason: reason.slice(0, 1000), retry_at: retryAt.toISOString() })
    .where('id', '=', batchId)
    .where('status', '=', 'sending')
    .execute();
}

/** Paused batches whose time has come, or one named batch, go back to sending. */
export async function resumeBatches(db: Kysely<Database>, now: Date, batchId?: number): Promise<number> {
  let q = db.updateTable('mail_batch').set({ status: 'sending', retry_at: null }).where('status', '=', 'paused');
  q = batchId === undefined ? q.where('retry_at', '<=', now.toISOString()) : q.where('id', '=', batchId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Rows left `sending` by a process that stopped during the SMTP conversation: the mail may
 * have gone out, so they become `unknown` rather than being sent again.
 */
export async function sweepStale(db: Kysely<Database>, now: Date): Promise<number> {
  const res = await db
    .updateTable('outbox')
    .set({
      status: 'unknown',
      last_error: 'rondo stopped while this mail was being sent; it may have arrived',
      updated_at: now.toISOString(),
    })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', new Date(now.getTime() - STALE_SENDING_MS).toISOString())
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export type BatchCounts = Record<OutboxStatus, number>;

const emptyCounts = (): BatchCounts => ({ queued: 0, sending: 0, sent: 0, failed: 0, unknown: 0, cancelled: 0 });

export async function batchCounts(db: Kysely<Database>, batchIds: number[]): Promise<Map<number, BatchCounts>> {
  const out = new Map<number, BatchCounts>();
  if (!batchIds.length) return out;
  const rows = await db
    .selectFrom('outbox')
    .select(['batch_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('batch_id', 'in', batchIds)
    .groupBy(['batch_id', 'status'])
    .execute();
  for (const id of batchIds) out.set(id, emptyCounts());
  for (const r of rows) out.get(r.batch_id)![r.status] = Number(r.n);
  return out;
}

/**
 * Batches with nothing left to send become `done`, each exactly once (the update is
 * conditional), with an audit entry of what was sent.
 */
export async function finishBatches(db: Kysely<Database>, now: Date): Promise<number[]> {
  const open = await db
    .selectFrom('mail_batch as b')
    .innerJoin('round as r', 'r.id', 'b.round_id')
    .where('b.status', '=', 'sending')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('outbox as o').select('o.id').whereRef('o.batch_id', '=', 'b.id').where('o.status', 'in', ['queued', 'sending']),
        ),
      ),
    )
    .select(['b.id', 'b.study_id', 'r.key as round', 'b.kind', 'b.origin'])
    .execute();
  const finished: number[] = [];
  for (const b of open) {
    await writeTx(db, async (trx) => {
      const res = await trx
        .updateTable('mail_batch')
        .set({ status: 'done', finished_at: now.toISOString() })
        .where('id', '=', b.id)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      if (!Number(res.numUpdatedRows)) return;
      const counts = (await batchCounts(trx, [b.id])).get(b.id)!;
      await audit(trx, {
        actor: 'system',
        studyId: b.study_id,
        action: 'mail.batch.done',
        target: `batch:${b.id}`,
        details: {
          round: b.round,
          kind: b.kind,
          origin: b.origin,
          sent: counts.sent,
          failed: counts.failed,
          unknown: counts.unknown,
          cancelled: counts.cancelled,
        },
        at: now,
      });
      finished.push(b.id);
    });
  }
  return finished;
}

/** Cancels what is still queued in a batch (or a round); what was sent stays sent. */
export async function cancelQueued(
  trx: Kysely<Database>,
  where: { batchId?: number; roundId?: number },
  reason: string,
  now: Date,
): Promise<number> {
  let q = trx
    .updateTable('outbox')
    .set({ status: 'cancelled', last_error: reason, updated_at: now.toISOString() })
    .where('status', '=', 'queued');
  if (where.batchId !== undefined) q = q.where('batch_id', '=', where.batchId);
  if (where.roundId !== undefined)
    q = q.where('batch_id', 'in', trx.selectFrom('mail_batch').select('id').where('round_id', '=', where.roundId));
  const res = await q.executeTakeFirst();
  const n = Number(res.numUpdatedRows);
  let b = trx
    .updateTable('mail_batch')
    .set({ status: 'cancelled', finished_at: now.toISOString() })
    .where('status', 'in', ['sending', 'paused'] satisfies BatchStatus[])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('outbox as o')
            .select('o.id')
            .whereRef('o.batch_id', '=', 'mail_batch.id')
            .where('o.status', 'in', ['queued', 'sending']),
        ),
      ),
    );
  if (where.batchId !== undefined) b = b.where('id', '=', where.batchId);
  if (where.roundId !== undefined) b = b.where('round_id', '=', where.roundId);
  await b.execute();
  return n;
}
