import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

/**
 * The bundle export's reads (issue 21): three indexes on tables that are written seldom (a
 * participant or an invitation is added once; a revocation is rare), none on `response` (which
 * every submission writes).
 * - `participant_study`: a study's participants in the order they were added (rowid order within
 *   the study), without sorting them: the only index on study_id so far is (study_id, key).
 * - `invitation_open` and `invitation_round_open`: the invitations that are not revoked, by
 *   participant and by round, complete in the index: the wide file's "invited" flags and the
 *   response rates' denominators are read without visiting the invitation rows (which hold the
 *   token hash and the mailing times).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index participant_study on participant (study_id)`.execute(db);
  await sql`create index invitation_open on invitation (participant_id, round_id) where revoked_at is null`.execute(db);
  await sql`create index invitation_round_open on invitation (round_id, participant_id) where revoked_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists invitation_round_open`.execute(db);
  await sql`drop index if exists invitation_open`.execute(db);
  await sql`drop index if exists participant_study`.execute(db);
}
