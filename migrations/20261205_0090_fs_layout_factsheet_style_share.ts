import type { Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Factsheets: a study's house style (logo, two colours, typeface) and public read-only links to
// published versions.

export async function up(db: Kysely<any>): Promise<void> {
  // One house style per study; no row is the neutral default. The logo is stored as checked
  // (a sanitised SVG's text or a PNG's bytes, base64) so rendering never sees unchecked input.
  await db.schema
    .createTable('factsheet_style')
    .addColumn('study_id', 'integer', (c) => c.primaryKey().references('study.id').onDelete('cascade'))
    .addColumn('primary_colour', 'text', (c) => c.notNull())
    .addColumn('accent_colour', 'text', (c) => c.notNull())
    .addColumn('typeface', 'text', (c) => c.notNull())
    .addColumn('logo_type', 'text')
    .addColumn('logo_data', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .execute();

  // A public link to one published version in one language. Only the SHA-256 of the token is
  // stored: the link itself is shown once, when it is made.
  await db.schema
    .createTable('factsheet_share')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('version_id', 'integer', (c) => c.notNull().references('factsheet_version.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('access_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_access_at', 'text')
    .execute();
  await db.schema.createIndex('factsheet_share_study').on('factsheet_share').columns(['study_id', 'version_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('factsheet_share').execute();
  await db.schema.dropTable('factsheet_style').execute();
}
