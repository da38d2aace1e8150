import type { Kysely } from 'kysely';
import type { PrivacyOverviewResponse } from '../../model/api/privacy.js';
import type { Database } from '../db/schema.js';
import { delinkPreview } from './delink-study.js';
import { retentionStatus } from './retention.js';
import { studyPrivacyRow } from './study-privacy.js';

/** Everything the privacy screen shows for a study. Counts only: no names or addresses. */
export async function privacyOverview(
  db: Kysely<Database>,
  studyId: number,
  now: Date,
  graceMinutes: number,
): Promise<PrivacyOverviewResponse> {
  const state = await studyPrivacyRow(db, studyId);
  const erased = await db
    .selectFrom('participant_erasure')
    .innerJoin('participant', 'participant.id', 'participant_erasure.participant_id')
    .select(['participant.key', 'participant_erasure.erased_at', 'participant_erasure.legal_basis'])
    .where('participant.study_id', '=', studyId)
    .orderBy('participant_erasure.erased_at')
    .execute();
  return {
    retention: await retentionStatus(db, studyId, now),
    delinkedAt: state?.delinked_at ?? null,
    delink: await delinkPreview(db, studyId, now, graceMinutes),
    erasedKept: erased.map((e) => ({ key: e.key, erasedAt: e.erased_at, legalBasis: e.legal_basis })),
  };
}
