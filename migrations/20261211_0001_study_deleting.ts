import type { Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

/**
 * Deleting a study in steps (issue 21): the moment its deletion was decided, or null. From then
 * on the study is out of every list and its slug is free (renamed to `~deleting-<id>`); its rows
 * are erased in short transactions between which the server keeps answering, and a deletion a
 * stop interrupted is finished by the next server's retention job.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('study').addColumn('deleting_since', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('study').dropColumn('deleting_since').execute();
}
