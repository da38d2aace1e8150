import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { activeParticipantsQuery, type RoundRef } from './invitations.js';
import type { InvitationStatus, MailKind, OutboxStatus } from '../../model/values.js';
import type {} from './schema.js';

export interface RosterEntry {
  invitationId: number;
  participantId: number;
  participantKey: string;
  organisation: string;
  role: string;
  name: string;
  email: string | null;
  generation: number;
  sentAt: string | null;
  remindedAt: string | null;
  reminderCount: number;
  openedAt: string | null;
  startedAt: string | null;
  submittedAt: string | null;
  status: InvitationStatus;
  /** The most recent mail for this invitation, whatever became of it. */
  lastMail: { kind: MailKind; status: OutboxStatus; error: string | null; at: string } | null;
  /** A mail of this invitation waiting in the outbox (queued or being sent), by kind. */
  pending: MailKind[];
}

/**
 * Everyone invited to a round who is still in the cohort (not revoked, not left), with where
 * they stand. Read fresh from the database every time: the monitor, the selection for a send
 * and the mail-merge export all use it, so "non-responders" means the same everywhere. A
 * response counts as submitted whether the invitation or the response row says so.
 */
export async function loadRoster(db: Kysely<Database>, round: RoundRef): Promise<RosterEntry[]> {
  const rows = await rosterQuery(db, round)
    .leftJoin('participant_contact as c', 'c.participant_id', 'p.id')
    .select([
      'i.id as invitation_id',
      'p.id as participant_id',
      'p.key',
      'p.organisation',
      'p.role',
      'c.name',
      'c.email',
      'i.token_generation',
      'i.sent_at',
      'i.reminded_at',
      'i.reminder_count',
      'i.opened_at',
      ...PROGRESS_COLUMNS,
    ])
    .orderBy('p.key')
    .execute();

  const mails = await db
    .selectFrom('outbox as o')
    .innerJoin('mail_batch as b', 'b.id', 'o.batch_id')
    .innerJoin('invitation as i', 'i.id', 'o.invitation_id')
    .where('i.round_id', '=', round.id)
    .select(['o.invitation_id', 'o.status', 'o.last_error', 'o.updated_at', 'b.kind'])
    .orderBy('o.id')
    .execute();
  const lastMail = new Map<number, RosterEntry['lastMail']>();
  const pending = new Map<number, Set<MailKind>>();
  for (const m of mails) {
    lastMail.set(m.invitation_id, { kind: m.kind, status: m.status, error: m.last_error, at: m.updated_at });
    if (m.status === 'queued' || m.status === 'sending') {
      if (!pending.has(m.invitation_id)) pending.set(m.invitation_id, new Set());
      pending.get(m.invitation_id)!.add(m.kind);
    }
  }

  // A participant can have several response rows (an import next to a web response); the
  // furthest one counts.
  const byInvitation = new Map<number, RosterEntry>();
  for (const r of rows) {
    const previous = byInvitation.get(r.invitation_id);
    const entry: RosterEntry = {
      invitationId: r.invitation_id,
      participantId: r.participant_id,
      participantKey: r.key,
      organisation: r.organisation,
      role: r.role,
      name: r.name ?? '',
      email: r.email ?? null,
      generation: r.token_generation,
      sentAt: r.sent_at,
      remindedAt: r.reminded_at,
      reminderCount: r.reminder_count,
      openedAt: r.opened_at,
      ...progress(r, previous),
      status: 'not-sent',
      lastMail: lastMail.get(r.invitation_id) ?? null,
      pending: [...(pending.get(r.invitation_id) ?? [])],
    };
    entry.status = statusOf(entry);
    byInvitation.set(r.invitation_id, entry);
  }
  return [...byInvitation.values()];
}

/** Where an invitation stands, as the roster and loadRosterStatus give it. */
export type RosterStatus = Pick<
  RosterEntry,
  'invitationId' | 'participantId' | 'sentAt' | 'openedAt' | 'startedAt' | 'submittedAt' | 'status'
>;

/**
 * Only where each invitation of the round's roster stands, for counts (the fieldwork overview,
 * the monitor's pattern counts): the roster's rows and rules without the names, addresses and
 * mails, at about half its cost (10,000 participants: ~45 against ~90 ms a round). In no order.
 */
export async function loadRosterStatus(db: Kysely<Database>, round: RoundRef): Promise<RosterStatus[]> {
  const rows = await rosterQuery(db, round)
    .select(['i.id as invitation_id', 'p.id as participant_id', 'i.sent_at', 'i.opened_at', ...PROGRESS_COLUMNS])
    .execute();
  const byInvitation = new Map<number, RosterStatus>();
  for (const r of rows) {
    const entry: RosterStatus = {
      invitationId: r.invitation_id,
      participantId: r.participant_id,
      sentAt: r.sent_at,
      openedAt: r.opened_at,
      ...progress(r, byInvitation.get(r.invitation_id)),
      status: 'not-sent',
    };
    entry.status = statusOf(entry);
    byInvitation.set(r.invitation_id, entry);
  }
  return [...byInvitation.values()];
}

/** What `progress` reads of an invitation and one of its responses. */
const PROGRESS_COLUMNS = [
  'i.started_at',
  'i.submitted_at',
  'r.status as response_status',
  'r.started_at as response_started_at',
  'r.submitted_at as response_submitted_at',
] as const;

/** Everyone invited to the round and still in the cohort, with their responses to it (one row per response). */
function rosterQuery(db: Kysely<Database>, round: RoundRef) {
  return activeParticipantsQuery(db, round)
    .innerJoin('invitation as i', (j) => j.onRef('i.participant_id', '=', 'p.id').on('i.round_id', '=', round.id))
    .leftJoin('response as r', (j) => j.onRef('r.participant_id', '=', 'p.id').on('r.round_id', '=', round.id))
    .where('i.revoked_at', 'is', null);
}

/**
 * When an invitation was started and submitted, from its row and one of its responses: a response
 * counts as submitted whether the invitation or the response row says so, and of several response
 * rows (an import next to a web response) the first that tells wins.
 */
function progress(
  r: {
    started_at: string | null;
    submitted_at: string | null;
    response_status: string | null;
    response_started_at: string | null;
    response_submitted_at: string | null;
  },
  previous: { startedAt: string | null; submittedAt: string | null } | undefined,
): { startedAt: string | null; submittedAt: string | null } {
  const submittedAt = r.submitted_at ?? (r.response_status === 'submitted' ? (r.response_submitted_at ?? r.response_started_at) : null);
  const startedAt = r.started_at ?? r.response_started_at ?? null;
  return { startedAt: previous?.startedAt ?? startedAt, submittedAt: previous?.submittedAt ?? submittedAt };
}

function statusOf(e: Pick<RosterEntry, 'sentAt' | 'openedAt' | 'startedAt' | 'submittedAt'>): InvitationStatus {
  return e.submittedAt ? 'submitted' : e.startedAt ? 'started' : e.openedAt ? 'opened' : e.sentAt ? 'sent' : 'not-sent';
}
