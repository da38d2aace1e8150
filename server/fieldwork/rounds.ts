import type { Kysely } from 'kysely';
import type { Schedule, ScheduleBody } from '../../model/api/fieldwork.js';
import type { RoundState } from '../../model/values.js';
import type { Database } from '../db/schema.js';

export interface RoundRow {
  id: number;
  study_id: number;
  key: string;
  position: number;
  label_nl: string;
  label_en: string;
  opens_at: string | null;
  closes_at: string | null;
}

export function roundState(r: Pick<RoundRow, 'opens_at' | 'closes_at'>, now: Date): RoundState {
  const t = now.getTime();
  if (r.closes_at && Date.parse(r.closes_at) <= t) return 'closed';
  if (!r.opens_at) return 'draft';
  return Date.parse(r.opens_at) <= t ? 'open' : 'scheduled';
}

const ROUND_COLUMNS = ['id', 'study_id', 'key', 'position', 'label_nl', 'label_en', 'opens_at', 'closes_at'] as const;

export async function findRound(db: Kysely<Database>, studyId: number, key: string): Promise<RoundRow | undefined> {
  return db.selectFrom('round').select(ROUND_COLUMNS).where('study_id', '=', studyId).where('key', '=', key).executeTakeFirst();
}

export async function listRounds(db: Kysely<Database>, studyId: number): Promise<RoundRow[]> {
  return db.selectFrom('round').select(ROUND_COLUMNS).where('study_id', '=', studyId).orderBy('position').execute();
}

/** Rounds of every study that have an opening or closing time: what the scheduler looks at. */
export async function scheduledRounds(db: Kysely<Database>): Promise<RoundRow[]> {
  return db
    .selectFrom('round')
    .select(ROUND_COLUMNS)
    .where((eb) => eb.or([eb('opens_at', 'is not', null), eb('closes_at', 'is not', null)]))
    .orderBy('id')
    .execute();
}

export const NO_SCHEDULE: Schedule = Object.freeze({ autoInvite: false, reminderDays: [], language: null }) as Schedule;

export async function getSchedule(db: Kysely<Database>, roundId: number): Promise<Schedule> {
  const row = await db.selectFrom('round_schedule').selectAll().where('round_id', '=', roundId).executeTakeFirst();
  if (!row) return { ...NO_SCHEDULE, reminderDays: [] };
  return { autoInvite: row.auto_invite === 1, reminderDays: parseDays(row.reminder_days), language: row.language };
}

function parseDays(json: string): number[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((d): d is number => Number.isInteger(d) && d > 0).sort((a, b) => a - b) : [];
  } catch {
    return [];
  }
}

export interface ScheduleIssue {
  field: 'opensAt' | 'closesAt' | 'reminderDays';
  reason: 'OPENED' | 'ORDER' | 'PAST' | 'DAYS';
  message: string;
}

/**
 * Checks a change of a round's schedule; problems are returned, not thrown. Once a round has
 * opened its opening time is history and stays; a closing time in the past is set with
 * "close now", not here. Moving the closing time of a closed round into the future reopens it
 * (an extension).
 */
export function checkSchedule(current: RoundRow, input: ScheduleBody, now: Date): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const state = roundState(current, now);
  const t = now.getTime();
  const opened = current.opens_at !== null && Date.parse(current.opens_at) <= t;
  if (opened && !sameTime(input.opensAt, current.opens_at)) {
    issues.push({ field: 'opensAt', reason: 'OPENED', message: 'the round has opened; its opening time can no longer change' });
  }
  if (!opened && input.opensAt && Date.parse(input.opensAt) < t - 60_000) {
    issues.push({ field: 'opensAt', reason: 'PAST', message: 'the opening time is in the past; use "open now" to open the round' });
  }
  if (input.closesAt && !sameTime(input.closesAt, current.closes_at) && Date.parse(input.closesAt) <= t) {
    issues.push({ field: 'closesAt', reason: 'PAST', message: 'the closing time is in the past; use "close now" to close the round' });
  }
  if (input.opensAt && input.closesAt && Date.parse(input.closesAt) <= Date.parse(input.opensAt)) {
    issues.push({ field: 'closesAt', reason: 'ORDER', message: 'the closing time must be after the opening time' });
  }
  if (input.closesAt && !input.opensAt && state !== 'open') {
    issues.push({ field: 'opensAt', reason: 'ORDER', message: 'set an opening time as well' });
  }
  const days = input.reminderDays;
  if (days.length > 5 || new Set(days).size !== days.length || days.some((d) => !Number.isInteger(d) || d < 1 || d > 120)) {
    issues.push({
      field: 'reminderDays',
      reason: 'DAYS',
      message: 'reminders are whole days after the invitation (1–120), at most five, each once',
    });
  }
  return issues;
}

export function sameTime(a: string | null, b: string | null): boolean {
  return a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b));
}

/** Writes a checked schedule: the round's times and its automatic mails. */
export async function saveSchedule(trx: Kysely<Database>, round: RoundRow, input: ScheduleBody, actor: string, now: Date): Promise<void> {
  // An unchanged time keeps its stored spelling: fired events are keyed by it.
  const opensAt = sameTime(input.opensAt, round.opens_at) ? round.opens_at : input.opensAt;
  const closesAt = sameTime(input.closesAt, round.closes_at) ? round.closes_at : input.closesAt;
  await trx.updateTable('round').set({ opens_at: opensAt, closes_at: closesAt }).where('id', '=', round.id).execute();
  const values = {
    auto_invite: input.autoInvite ? 1 : 0,
    reminder_days: JSON.stringify([...input.reminderDays].sort((a, b) => a - b)),
    language: input.language,
    updated_at: now.toISOString(),
    updated_by: actor,
  };
  await trx
    .insertInto('round_schedule')
    .values({ round_id: round.id, ...values })
    .onConflict((oc) => oc.column('round_id').doUpdateSet(values))
    .execute();
}
