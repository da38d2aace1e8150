import type { Kysely } from 'kysely';
import type { EraseResponse } from '../../model/api/privacy.js';
import type { AnswerChoice } from '../../model/values.js';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/open.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { erasingTx } from './erasing-tx.js';
import { personalDataHolders } from './personal-data.js';
import './holders.js';
import type {} from './schema.js';

export interface EraseParticipantInput {
  studyId: number;
  key: string;
  /** Delete the participant's answers too, or keep the submitted ones under the pseudonymous key. */
  answers: AnswerChoice;
  /** Why the answers may be kept (required with `keep`), e.g. "AVG art. 17 lid 3 sub d: wetenschappelijk onderzoek". */
  legalBasis?: string;
  actor: string;
  session?: string;
  now: Date;
}

/**
 * Erases a participant on request (AVG/GDPR art. 17). Always: contact details removed,
 * unsubmitted drafts removed, links revoked so no reminder or link reaches them again.
 * Then, as the researcher chose:
 * - `delete`: the participant and every answer go; response rates of earlier rounds are
 *   recomputed without them;
 * - `keep`: submitted answers stay under the pseudonymous key, the legal basis is recorded,
 *   and the participant leaves the cohort from the first round that has not closed.
 * One transaction, with secure_delete, audit-logged (never the name or e-mail address).
 */
export async function eraseParticipant(store: Store, input: EraseParticipantInput): Promise<EraseResponse> {
  const legalBasis = input.legalBasis?.trim() ?? '';
  if (input.answers === 'keep' && legalBasis.length < 3) {
    throw new ApiError('VALIDATION', 'Keeping the answers needs the legal basis for keeping them.', { field: 'legalBasis' });
  }
  return erasingTx(store, async (trx) => {
    const p = await trx
      .selectFrom('participant')
      .leftJoin('participant_erasure', 'participant_erasure.participant_id', 'participant.id')
      .select(['participant.id', 'participant.left_from_round_id', 'participant_erasure.erased_at'])
      .where('participant.study_id', '=', input.studyId)
      .where('participant.key', '=', input.key)
      .executeTakeFirst();
    if (!p) throw new ApiError('NOT_FOUND', 'There is no participant with this key in this study.');
    if (p.erased_at && input.answers === 'keep') {
      throw new ApiError(
        'CONFLICT',
        'This participant was already erased; their answers are kept. Choose "delete" to remove the answers too.',
        { reason: 'ALREADY_ERASED' },
      );
    }

    const elsewhere: Record<string, number> = {};
    for (const h of personalDataHolders()) {
      if (h.eraseParticipant)
        elsewhere[h.name] = await h.eraseParticipant(trx, { studyId: input.studyId, participantId: p.id, answers: input.answers });
    }

    const contact = await trx.deleteFrom('participant_contact').where('participant_id', '=', p.id).executeTakeFirst();
    const contactRemoved = Number(contact.numDeletedRows) > 0;
    const drafts = await trx.deleteFrom('response').where('participant_id', '=', p.id).where('status', '=', 'draft').executeTakeFirst();
    const draftsDeleted = Number(drafts.numDeletedRows);
    const submitted = await countSubmitted(trx, p.id);

    let result: EraseResponse;
    if (input.answers === 'delete') {
      const invitations = await trx
        .selectFrom('invitation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('participant_id', '=', p.id)
        .where('submitted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      // Cascades to invitations, responses, answers and the erasure record.
      await trx.deleteFrom('participant').where('id', '=', p.id).execute();
      result = {
        key: input.key,
        answers: 'delete',
        contactRemoved,
        responsesDeleted: submitted,
        responsesKept: 0,
        draftsDeleted,
        invitationsRevoked: Number(invitations.n),
        elsewhere,
      };
    } else {
      const now = input.now.toISOString();
      const revoked = await trx
        .updateTable('invitation')
        .set({ revoked_at: now })
        .where('participant_id', '=', p.id)
        .where('submitted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      const leftFrom = p.left_from_round_id ?? (await nextOpenRound(trx, input.studyId, p.id, now));
      await trx
        .updateTable('participant')
        .set({ left_from_round_id: leftFrom, left_note: 'erased on request' })
        .where('id', '=', p.id)
        .execute();
      await trx
        .insertInto('participant_erasure')
        .values({ participant_id: p.id, erased_at: now, legal_basis: legalBasis.slice(0, 500), actor: input.actor })
        .execute();
      result = {
        key: input.key,
        answers: 'keep',
        contactRemoved,
        responsesDeleted: 0,
        responsesKept: submitted,
        draftsDeleted,
        invitationsRevoked: Number(revoked.numUpdatedRows),
        elsewhere,
      };
    }

    await audit(trx, {
      actor: input.actor,
      session: input.session,
      studyId: input.studyId,
      action: 'privacy.participant.erase',
      target: `participant:${input.key}`,
      details: {
        answers: result.answers,
        ...(result.answers === 'keep' ? { legalBasis: legalBasis.slice(0, 500) } : {}),
        responsesDeleted: result.responsesDeleted,
        responsesKept: result.responsesKept,
        draftsDeleted,
        invitationsRevoked: result.invitationsRevoked,
        ...(Object.keys(elsewhere).length ? { elsewhere } : {}),
      },
      at: input.now,
    });
    return result;
  });
}

async function countSubmitted(trx: Kysely<Database>, participantId: number): Promise<number> {
  const r = await trx
    .selectFrom('response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('participant_id', '=', participantId)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The round from which an erased participant leaves the cohort: the first round that has not
 * closed and comes after the last round they submitted in (so a response they gave stays in
 * its round's denominator), or null when no such round remains.
 */
async function nextOpenRound(trx: Kysely<Database>, studyId: number, participantId: number, now: string): Promise<number | null> {
  const last = await trx
    .selectFrom('response')
    .innerJoin('round', 'round.id', 'response.round_id')
    .select((eb) => eb.fn.max('round.position').as('position'))
    .where('response.participant_id', '=', participantId)
    .where('response.status', '=', 'submitted')
    .executeTakeFirst();
  const after = last?.position ?? -1;
  const r = await trx
    .selectFrom('round')
    .select('id')
    .where('study_id', '=', studyId)
    .where('position', '>', after)
    .where((eb) => eb.or([eb('closes_at', 'is', null), eb('closes_at', '>', now)]))
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  return r?.id ?? null;
}
