import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Privacy: the access log for personal data, the privacy state of each study, and erasures
// whose answers were kept under a legal basis.

export async function up(db: Kysely<any>): Promise<void> {
  // Who looked at or exported which participant data, and when. Append-only like audit_log:
  // the application's connection cannot change or remove a row.
  await db.schema
    .createTable('personal_data_access')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('session', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('study_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('view','export')`))
    .addColumn('data', 'text', (c) => c.notNull())
    // A JSON array of participant keys, or '*' for every participant of the study.
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('personal_data_access_study').on('personal_data_access').columns(['study_id', 'id']).execute();
  await sql`create trigger personal_data_access_no_update before update on personal_data_access begin select raise(abort, 'personal_data_access is append-only'); end`.execute(
    db,
  );
  await sql`create trigger personal_data_access_no_delete before delete on personal_data_access begin select raise(abort, 'personal_data_access is append-only'); end`.execute(
    db,
  );

  // The privacy state of a study. study.retention_until (initial migration) holds the date.
  await db.schema
    .createTable('study_privacy')
    .addColumn('study_id', 'integer', (c) => c.primaryKey().references('study.id').onDelete('cascade'))
    .addColumn('delinked_at', 'text')
    .addColumn('retention_warned_at', 'text')
    .addColumn('personal_data_deleted_at', 'text')
    .execute();

  // A participant erased on request whose submitted answers were kept, pseudonymised.
  await db.schema
    .createTable('participant_erasure')
    .addColumn('participant_id', 'integer', (c) => c.primaryKey().references('participant.id').onDelete('cascade'))
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('participant_erasure').execute();
  await db.schema.dropTable('study_privacy').execute();
  await db.schema.dropTable('personal_data_access').execute();
}
