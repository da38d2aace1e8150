import type { Kysely } from 'kysely';
import type { Lang } from '../../model/index.js';
import { audit } from '../audit.js';
import { getStudyDefinition } from '../studies/repository.js';
import type { Database } from '../db/schema.js';
import { ensureInvitations } from './invitations.js';
import { cancelQueued, enqueueBatch } from './outbox.js';
import { loadRoster } from './roster.js';
import type { Schedule } from '../../model/api/fieldwork.js';
import { getSchedule, type RoundRow } from './rounds.js';
import { getTemplate } from './templates.js';

/** Scheduled reminders keep at least this much time after any other reminder to the same person. */
export const REMINDER_SPACING_MS = 48 * 3_600_000;

const DAY_MS = 86_400_000;

async function studyLanguage(trx: Kysely<Database>, studyId: number, schedule: Schedule): Promise<Lang> {
  if (schedule.language) return schedule.language;
  return (await getStudyDefinition(trx, studyId)).defaultLanguage ?? 'nl';
}

/** The dedupe keys already in the outbox for a round's invitations, by prefix pattern. */
async function existingKeys(trx: Kysely<Database>, roundId: number, like: string): Promise<Set<string | null>> {
  const rows = await trx
    .selectFrom('outbox as o')
    .innerJoin('invitation as i', 'i.id', 'o.invitation_id')
    .select('o.dedupe_key')
    .where('i.round_id', '=', roundId)
    .where('o.dedupe_key', 'like', like)
    .execute();
  return new Set(rows.map((r) => r.dedupe_key));
}

/**
 * Claims a round event: the insert succeeds for exactly one caller, ever, for this round, kind
 * and time. Call inside the write transaction that does the event's work.
 */
async function claimEvent(
  trx: Kysely<Database>,
  roundId: number,
  kind: 'open' | 'close',
  dueAt: string,
  actor: string,
  now: Date,
): Promise<number | null> {
  const row = await trx
    .insertInto('fieldwork_event')
    .values({ round_id: roundId, kind, due_at: dueAt, fired_at: now.toISOString(), actor, result: '{}' })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface OpenResult {
  invitations: number;
  queued: number;
}

/**
 * A round opens: invitations for everyone active in the cohort, and when the schedule says so,
 * invitation mails. Returns null when this opening had already fired.
 */
export async function fireOpen(
  trx: Kysely<Database>,
  secret: Buffer,
  round: RoundRow,
  actor: string,
  now: Date,
): Promise<OpenResult | null> {
  if (!round.opens_at) return null;
  const eventId = await claimEvent(trx, round.id, 'open', round.opens_at, actor, now);
  if (eventId === null) return null;
  const result = await admitLateParticipants(trx, secret, round, now);
  await trx
    .updateTable('fieldwork_event')
    .set({ result: JSON.stringify(result) })
    .where('id', '=', eventId)
    .execute();
  await audit(trx, {
    actor,
    studyId: round.study_id,
    action: 'round.open',
    target: `round:${round.key}`,
    details: { opensAt: round.opens_at, invitationsCreated: result.invitations, invitationsQueued: result.queued },
    at: now,
  });
  return result;
}

/**
 * Invitations for participants without one (added after the round opened), and with automatic
 * invitations on, a mail for every invitation that never had one. The dedupe key makes that
 * one automatic mail per invitation, ever.
 */
export async function admitLateParticipants(trx: Kysely<Database>, secret: Buffer, round: RoundRow, now: Date): Promise<OpenResult> {
  const created = await ensureInvitations(trx, secret, round, now);
  const schedule = await getSchedule(trx, round.id);
  if (!schedule.autoInvite) return { invitations: created.length, queued: 0 };
  const already = await existingKeys(trx, round.id, 'invite:%');
  const candidates = (await loadRoster(trx, round))
    .filter((e) => e.status === 'not-sent' && !e.pending.includes('invitation') && !already.has(`invite:${e.invitationId}`))
    .map((e) => e.invitationId);
  if (!candidates.length) return { invitations: created.length, queued: 0 };
  const language = await studyLanguage(trx, round.study_id, schedule);
  const template = await getTemplate(trx, round.study_id, 'invitation', language);
  const batch = await enqueueBatch(trx, {
    studyId: round.study_id,
    roundId: round.id,
    kind: 'invitation',
    origin: 'schedule',
    selection: 'automatic',
    language,
    template,
    createdBy: 'system',
    now,
    invitationIds: candidates,
    dedupeKey: (id) => `invite:${id}`,
  });
  if (batch) {
    await audit(trx, {
      actor: 'system',
      studyId: round.study_id,
      action: 'mail.batch',
      target: `batch:${batch.batchId}`,
      details: { round: round.key, kind: 'invitation', origin: 'schedule', queued: batch.queued },
      at: now,
    });
  }
  return { invitations: created.length, queued: batch?.queued ?? 0 };
}

/**
 * A round closes: what is still queued for it is cancelled (no invitation or reminder after
 * closing). Returns null when this closing had already fired.
 */
export async function fireClose(trx: Kysely<Database>, round: RoundRow, actor: string, now: Date): Promise<{ cancelled: number } | null> {
  if (!round.closes_at) return null;
  const eventId = await claimEvent(trx, round.id, 'close', round.closes_at, actor, now);
  if (eventId === null) return null;
  const cancelled = await cancelQueued(trx, { roundId: round.id }, 'the round closed before this mail was sent', now);
  await trx
    .updateTable('fieldwork_event')
    .set({ result: JSON.stringify({ cancelled }) })
    .where('id', '=', eventId)
    .execute();
  await audit(trx, {
    actor,
    studyId: round.study_id,
    action: 'round.close',
    target: `round:${round.key}`,
    details: { closesAt: round.closes_at, cancelledMails: cancelled },
    at: now,
  });
  return { cancelled };
}

/**
 * Queues the scheduled reminders that are due in an open round. For each non-responder whose
 * invitation went out at least N days ago, reminder step N is queued once: its dedupe key
 * (`reminder:<invitation>:<N>`) can exist only once, so a reminder never fires twice, also
 * across restarts. When several steps are due at once (rondo was down), only the latest is
 * sent and the earlier ones are recorded as superseded. Nobody gets a scheduled reminder
 * within 48 hours of another reminder.
 */
export async function queueDueReminders(trx: Kysely<Database>, round: RoundRow, now: Date): Promise<{ queued: number; batches: number[] }> {
  const schedule = await getSchedule(trx, round.id);
  if (!schedule.reminderDays.length) return { queued: 0, batches: [] };
  const t = now.getTime();
  const existing = await existingKeys(trx, round.id, 'reminder:%');
  const byStep = new Map<number, number[]>();
  const superseded: { invitationId: number; step: number; by: number }[] = [];
  for (const e of await loadRoster(trx, round)) {
    if (e.status === 'submitted' || !e.sentAt || e.pending.includes('reminder')) continue;
    if (e.remindedAt && t - Date.parse(e.remindedAt) < REMINDER_SPACING_MS) continue;
    const due = schedule.reminderDays.filter(
      (d) => Date.parse(e.sentAt!) + d * DAY_MS <= t && !existing.has(`reminder:${e.invitationId}:${d}`),
    );
    if (!due.length) continue;
    const step = due[due.length - 1];
    for (const d of due.slice(0, -1)) superseded.push({ invitationId: e.invitationId, step: d, by: step });
    if (!byStep.has(step)) byStep.set(step, []);
    byStep.get(step)!.push(e.invitationId);
  }
  if (!byStep.size) return { queued: 0, batches: [] };

  const language = await studyLanguage(trx, round.study_id, schedule);
  const template = await getTemplate(trx, round.study_id, 'reminder', language);
  let queued = 0;
  const batches: number[] = [];
  for (const [step, ids] of [...byStep].sort((a, b) => a[0] - b[0])) {
    const batch = await enqueueBatch(trx, {
      studyId: round.study_id,
      roundId: round.id,
      kind: 'reminder',
      origin: 'schedule',
      selection: `reminder:${step}`,
      language,
      template,
      createdBy: 'system',
      now,
      invitationIds: ids,
      dedupeKey: (id) => `reminder:${id}:${step}`,
    });
    if (!batch) continue;
    queued += batch.queued;
    batches.push(batch.batchId);
    const skipped = superseded.filter((s) => s.by === step);
    for (const s of skipped) {
      await trx
        .insertInto('outbox')
        .values({
          batch_id: batch.batchId,
          invitation_id: s.invitationId,
          dedupe_key: `reminder:${s.invitationId}:${s.step}`,
          status: 'cancelled',
          last_error: `superseded by the ${s.by}-day reminder`,
          claimed_at: null,
          retry_at: null,
          sent_at: null,
          message_id: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
    }
    await audit(trx, {
      actor: 'system',
      studyId: round.study_id,
      action: 'mail.reminders',
      target: `batch:${batch.batchId}`,
      details: { round: round.key, daysAfterInvitation: step, queued: batch.queued },
      at: now,
    });
  }
  return { queued, batches };
}
