import type { Kysely } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import type { AccessKind } from '../../model/values.js';
import type {} from './schema.js';

/**
 * The access log for personal data: who looked at or exported which participant data, and
 * when (AVG/GDPR art. 30 and 32: a controller must be able to show who processed what).
 * Append-only (triggers refuse UPDATE and DELETE). Researchers read it at
 * GET /api/studies/:slug/privacy/access-log.
 *
 * What counts as personal data here: anything tied to a participant — contact details,
 * the participant list with organisation and role, individual responses, open answers,
 * exports at participant level. Aggregates (response rates, factsheets) are not logged.
 */
export interface AccessEntry {
  /** "user:<id>" for staff, "cli" for the command line. */
  actor: string;
  /** The audit reference of the session (`request.session.ref`), if any. */
  session?: string;
  studyId: number;
  kind: AccessKind;
  /** What was seen or exported: "contacts", "participants", "responses", "open-answers", … */
  data: string;
  /** The participant keys concerned, or "*" for all participants of the study. */
  participants: readonly string[] | '*';
  /** How many participants the access concerned; defaults to the number of keys. */
  count?: number;
  /** Free text, e.g. the export format or the screen: "export wide csv". */
  purpose?: string;
  at?: Date;
}

/** At most this many keys are stored per row; a larger selection is stored as "*" with its count. */
export const MAX_KEYS_PER_ROW = 500;

/**
 * Records one access to personal data. Call it in the same transaction as the read or export
 * when there is one; for a plain read, `await writeTx(db, (trx) => logAccess(trx, entry))`
 * before sending the data, so that nothing is shown that was not logged.
 */
export async function logAccess(db: Kysely<Database>, entry: AccessEntry): Promise<void> {
  const keys = entry.participants === '*' ? null : [...entry.participants];
  const participants = keys === null || keys.length > MAX_KEYS_PER_ROW ? '*' : JSON.stringify(keys);
  await db
    .insertInto('personal_data_access')
    .values({
      at: (entry.at ?? new Date()).toISOString(),
      actor: entry.actor,
      session: entry.session ?? '',
      study_id: entry.studyId,
      kind: entry.kind,
      data: entry.data.slice(0, 100),
      participants,
      count: entry.count ?? keys?.length ?? 0,
      purpose: (entry.purpose ?? '').slice(0, 200),
    })
    .execute();
}

/** The actor and session reference of a staff request, for logAccess and audit. */
export function accessActor(req: FastifyRequest): { actor: string; session: string } {
  return req.session ? { actor: `user:${req.session.user.id}`, session: req.session.ref } : { actor: 'anonymous', session: '' };
}

/**
 * A plain read of personal data on a staff screen, logged in a transaction of its own before
 * the data are sent: the request's user viewed `data` of these participants of the request's study.
 * No participant (an empty list, a search that found nobody): nobody's data were seen, nothing is written.
 */
export async function logViewed(db: Kysely<Database>, req: FastifyRequest, data: string, participants: readonly string[], purpose: string) {
  if (!req.study) throw new Error(`route ${req.routeOptions.url} has no study`);
  if (!participants.length) return;
  const studyId = req.study.id;
  return writeTx(db, (trx) => logAccess(trx, { ...accessActor(req), studyId, kind: 'view', data, participants, purpose }));
}
