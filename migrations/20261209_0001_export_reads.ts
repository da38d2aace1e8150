import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

/**
 * The bundle export's reads (issue 21): two partial indexes of the invitations that are not revoked,
 * by participant and by round, complete in the index, so that the wide file's "invited" flags and
 * the response rates' denominators are read without visiting the invitation rows (which hold the
 * token hash and the mailing times). Invitations are written seldom (once per participant and
 * round; a revocation is rare), and only queries that ask for `revoked_at is null` can use them.
 * Nothing on `response` (which every submission writes), nor on participant(study_id): that one would
 * give a study's participants in id order without a sort, but every query that reads a study's
 * participants without an ORDER BY would then get them in id order instead of key order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index invitation_open on invitation (participant_id, round_id) where revoked_at is null`.execute(db);
  await sql`create index invitation_round_open on invitation (round_id, participant_id) where revoked_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists invitation_round_open`.execute(db);
  await sql`drop index if exists invitation_open`.execute(db);
}
