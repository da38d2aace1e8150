import type { Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Open-answer coding: themes per open question and the codings of answers with them. Approved
// excerpts (quote candidates) live in quote_excerpt (migration 0007), shared with factsheets.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open_theme')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    // The open question's variable name: themes belong to one question.
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addUniqueConstraint('open_theme_name', ['study_id', 'item', 'name'])
    .execute();
  // One answer (a response's text for an item) coded with one theme. Erasing the response
  // removes its codings.
  await db.schema
    .createTable('open_coding')
    .addColumn('theme_id', 'integer', (c) => c.notNull().references('open_theme.id').onDelete('cascade'))
    .addColumn('response_id', 'integer', (c) => c.notNull().references('response.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addPrimaryKeyConstraint('open_coding_pk', ['theme_id', 'response_id'])
    .execute();
  await db.schema.createIndex('open_coding_response').on('open_coding').column('response_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('open_coding').execute();
  await db.schema.dropTable('open_theme').execute();
}
