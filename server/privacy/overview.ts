import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { delinkPreview, type DelinkPreview } from './delink-study.js';
import { retentionStatus, type RetentionStatus } from './retention.js';
import { studyPrivacyRow } from './study-privacy.js';

export interface PrivacyOverview {
  retention: RetentionStatus;
  delinkedAt: string | null;
  /** What de-linking would remove now, and what stands in its way. */
  delink: DelinkPreview;
  /** Participants erased on request whose answers were kept, with the legal basis. */
  erasedKept: { key: string; erasedAt: string; legalBasis: string }[];
}

/** Everything the privacy screen shows for a study. Counts only: no names or addresses. */
export async function privacyOverview(db: Kysely<Database>, studyId: number, now: Date, graceMinutes: number): Promise<PrivacyOverview> {
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
