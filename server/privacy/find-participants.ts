import { sql, type Kysely } from 'kysely';
import type { FoundParticipant } from '../../model/api/privacy.js';
import type { Database } from '../db/schema.js';
import { logAccess } from './access-log.js';
import type {} from './schema.js';

/** At most this many matches: the screen finds one person, it does not list the cohort. */
export const FIND_LIMIT = 20;

/**
 * Finds participants to erase by a piece of their name, e-mail address or key (case-
 * insensitive, matched literally), leaving out those already erased. Names and addresses are
 * personal data: what is shown is written to the access log in the same transaction.
 */
export async function findParticipants(
  trx: Kysely<Database>,
  input: { studyId: number; query: string; actor: string; session?: string; now: Date },
): Promise<FoundParticipant[]> {
  const q = input.query.trim().toLowerCase();
  if (!q) return [];
  const rows = await trx
    .selectFrom('participant')
    .leftJoin('participant_contact', 'participant_contact.participant_id', 'participant.id')
    .leftJoin('participant_erasure', 'participant_erasure.participant_id', 'participant.id')
    .select(['participant.key', 'participant.organisation', 'participant_contact.name', 'participant_contact.email'])
    .where('participant.study_id', '=', input.studyId)
    .where('participant_erasure.participant_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb(sql`lower(participant.key)`, '=', q),
        eb(sql`instr(lower(coalesce(participant_contact.name, '')), ${q})`, '>', 0),
        eb(sql`instr(lower(coalesce(participant_contact.email, '')), ${q})`, '>', 0),
      ]),
    )
    .orderBy('participant.id')
    .limit(FIND_LIMIT)
    .execute();
  if (rows.length) {
    await logAccess(trx, {
      actor: input.actor,
      session: input.session,
      studyId: input.studyId,
      kind: 'view',
      data: 'contacts',
      participants: rows.map((r) => r.key),
      purpose: 'privacy: finding a participant to erase',
      at: input.now,
    });
  }
  return rows.map((r) => ({ key: r.key, name: r.name ?? '', email: r.email ?? '', organisation: r.organisation }));
}
