import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

/**
 * Respondent groups (the groups themselves are part of the study's definition):
 * - a participant belongs to a group (null: the study's first group reached by personal link);
 * - an anonymous response remembers the group of the link it came through (null: the round's
 *   own anonymous link, which belongs to the study's first group reached by anonymous link);
 * - each group has its own anonymous link per round, derived like the round's link from the
 *   round, the group and a generation; only the SHA-256 of the token is kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participant').addColumn('group_key', 'text').execute();
  await db.schema.alterTable('response').addColumn('group_key', 'text').execute();
  await db.schema
    .createTable('group_link')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('link_hash', 'text')
    .addPrimaryKeyConstraint('group_link_pk', ['round_id', 'group_key'])
    .execute();
  await sql`create unique index group_link_hash on group_link (link_hash) where link_hash is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index group_link_hash`.execute(db);
  await db.schema.dropTable('group_link').execute();
  await db.schema.alterTable('response').dropColumn('group_key').execute();
  await db.schema.alterTable('participant').dropColumn('group_key').execute();
}
