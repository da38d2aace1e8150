import type { Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Archiving a study (issue 16, rounds): the moment it was archived, or null while it is active.
// An archived study is read-only and left out of the study lists; the audit log says who did it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('study').addColumn('archived_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('study').dropColumn('archived_at').execute();
}
