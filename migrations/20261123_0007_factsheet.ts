import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Factsheets: approved quote excerpts, the composer's draft per study, and published versions
// that never change.

export async function up(db: Kysely<any>): Promise<void> {
  // An excerpt of an open answer, edited for anonymity by a researcher. The original stays in
  // `answer`; only an approved excerpt (approved_at set) may appear in a factsheet. Deleting the
  // response (erasure) deletes its excerpts.
  await db.schema
    .createTable('quote_excerpt')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('response_id', 'integer', (c) => c.notNull().references('response.id').onDelete('cascade'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    // Attribution by role only, e.g. "professional over de IMH-training"; English optional.
    .addColumn('role_label', 'text', (c) => c.notNull().defaultTo('professional'))
    .addColumn('role_label_en', 'text')
    // The cohort role the attribution names, when narrower than all respondents: the group
    // whose size decides whether the quote may be shown.
    .addColumn('participant_role', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('quote_excerpt_study').on('quote_excerpt').columns(['study_id', 'approved_at']).execute();
  await db.schema.createIndex('quote_excerpt_response').on('quote_excerpt').column('response_id').execute();

  // The composer's working copy: one per study, saved with a revision so two researchers do not
  // overwrite each other unknowingly.
  await db.schema
    .createTable('factsheet_draft')
    .addColumn('study_id', 'integer', (c) => c.primaryKey().references('study.id').onDelete('cascade'))
    .addColumn('composition', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .execute();

  // A published version: the numbers, the composition, the resolved documents (sentences,
  // quotes, charts) and the HTML per language, as they were. Rows are never updated.
  await db.schema
    .createTable('factsheet_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('composition', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('factsheet_version_number', ['study_id', 'version'])
    .execute();
  await db.schema
    .createTable('factsheet_output')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('factsheet_version.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('nl','en')`))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('factsheet_output_pk', ['version_id', 'lang'])
    .execute();
  await sql`create trigger factsheet_version_frozen before update on factsheet_version begin select raise(abort, 'a published factsheet version never changes'); end`.execute(
    db,
  );
  await sql`create trigger factsheet_output_frozen before update on factsheet_output begin select raise(abort, 'a published factsheet version never changes'); end`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists factsheet_output_frozen`.execute(db);
  await sql`drop trigger if exists factsheet_version_frozen`.execute(db);
  await db.schema.dropTable('factsheet_output').execute();
  await db.schema.dropTable('factsheet_version').execute();
  await db.schema.dropTable('factsheet_draft').execute();
  await db.schema.dropTable('quote_excerpt').execute();
}
