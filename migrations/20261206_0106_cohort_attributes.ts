import type { Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // attrs (issue 16): a participant's value of each researcher-defined cohort attribute (the
  // definitions are in the study's definition JSON, `cohortAttributes`). One row per participant
  // × attribute; no row: no value. Removed with the participant.
  await db.schema
    .createTable('participant_attribute')
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('participant_attribute_pk', ['participant_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('participant_attribute').execute();
}
