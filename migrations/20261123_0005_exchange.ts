import type { Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per committed response import. The same file (by SHA-256 of its bytes) is refused
  // a second time for the same round, so a double click or a re-run cannot duplicate responses.
  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('responses', 'integer', (c) => c.notNull())
    .addColumn('participants_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invitations_created', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON of the mapping that was applied, so an import can be explained and repeated.
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_batch_file_unique', ['study_id', 'round_id', 'sha256'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_batch').execute();
}
