import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { StudyPrivacyTable } from './schema.js';

/** The privacy state of a study, or undefined when nothing has happened yet. */
export async function studyPrivacyRow(db: Kysely<Database>, studyId: number): Promise<StudyPrivacyTable | undefined> {
  return db.selectFrom('study_privacy').selectAll().where('study_id', '=', studyId).executeTakeFirst();
}

/** Sets some fields of a study's privacy state, creating the row when needed. */
export async function upsertStudyPrivacy(
  db: Kysely<Database>,
  studyId: number,
  values: Partial<Omit<StudyPrivacyTable, 'study_id'>>,
): Promise<void> {
  await db
    .insertInto('study_privacy')
    .values({ study_id: studyId, delinked_at: null, retention_warned_at: null, personal_data_deleted_at: null, ...values })
    .onConflict((oc) => oc.column('study_id').doUpdateSet(values))
    .execute();
}
