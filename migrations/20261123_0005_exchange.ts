import { sql, type Kysely } from 'kysely';

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

  // A CSV uploaded through the screens, kept between the dry run and the commit and removed
  // after the commit or after a day. It may hold e-mail addresses: it never outlives its use.
  await db.schema
    .createTable('import_upload')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index import_upload_created on import_upload (created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_upload').execute();
  await db.schema.dropTable('import_batch').execute();
}
