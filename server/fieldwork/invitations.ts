import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { deriveInvitationToken, hashToken } from '../tokens.js';

export interface RoundRef {
  id: number;
  study_id: number;
  position: number;
}

/** Participants of the study who have not left before this round. */
export function activeParticipantsQuery(db: Kysely<Database>, round: RoundRef) {
  return db
    .selectFrom('participant as p')
    .leftJoin('round as lr', 'lr.id', 'p.left_from_round_id')
    .where('p.study_id', '=', round.study_id)
    .where((eb) => eb.or([eb('p.left_from_round_id', 'is', null), eb('lr.position', '>', round.position)]));
}

/**
 * Creates the missing invitations of a round: one for every active participant who has none
 * yet. Idempotent, so it runs when a round opens, on every scheduler tick while it is open
 * (participants added later), and before an export. Returns the ids it created.
 */
export async function ensureInvitations(trx: Kysely<Database>, secret: Buffer, round: RoundRef, now: Date): Promise<number[]> {
  const missing = await activeParticipantsQuery(trx, round)
    .leftJoin('invitation as i', (j) => j.onRef('i.participant_id', '=', 'p.id').on('i.round_id', '=', round.id))
    .where('i.id', 'is', null)
    .select('p.id')
    .orderBy('p.id')
    .execute();
  const created: number[] = [];
  for (const { id: participantId } of missing) {
    const { id } = await trx
      .insertInto('invitation')
      .values({
        participant_id: participantId,
        round_id: round.id,
        token_hash: hashToken(deriveInvitationToken(secret, participantId, round.id, 1)),
        token_generation: 1,
        created_at: now.toISOString(),
        sent_at: null,
        reminded_at: null,
        opened_at: null,
        started_at: null,
        submitted_at: null,
        revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    created.push(id);
  }
  return created;
}

/** The personal link of an invitation, derived again from the secret: the same every time. */
export function invitationLink(
  baseUrl: string,
  secret: Buffer,
  inv: { participant_id: number; round_id: number; token_generation: number },
): string {
  return `${baseUrl.replace(/\/$/, '')}/r/${deriveInvitationToken(secret, inv.participant_id, inv.round_id, inv.token_generation)}`;
}

/**
 * Replaces an invitation's link on purpose: the next generation's token, whose hash replaces
 * the old one, so the old link stops working at once. Answers already given stay.
 */
export async function regenerateInvitationLink(
  trx: Kysely<Database>,
  secret: Buffer,
  invitationId: number,
): Promise<{ generation: number }> {
  const inv = await trx
    .selectFrom('invitation')
    .select(['participant_id', 'round_id', 'token_generation'])
    .where('id', '=', invitationId)
    .executeTakeFirstOrThrow();
  const generation = inv.token_generation + 1;
  await trx
    .updateTable('invitation')
    .set({
      token_generation: generation,
      token_hash: hashToken(deriveInvitationToken(secret, inv.participant_id, inv.round_id, generation)),
    })
    .where('id', '=', invitationId)
    .execute();
  return { generation };
}
