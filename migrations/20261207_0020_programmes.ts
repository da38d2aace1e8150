import type { Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

/**
 * Programmes (issue 17, regional view): a region's network studies that use the same Quick Scan,
 * read by regional representatives. `indicator_keys` (JSON array) are the indicators every
 * network of the programme must share; the programme's members are its representatives and the
 * coordinator who manages it. Programme members are not members of the network studies.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programme')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title_nl', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_nl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('indicator_keys', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('programme_study')
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('programme_study_pk', ['programme_id', 'study_id'])
    .execute();
  await db.schema.createIndex('programme_study_study').on('programme_study').column('study_id').execute();
  await db.schema
    .createTable('programme_member')
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('programme_member_pk', ['programme_id', 'user_id'])
    .execute();
  await db.schema.createIndex('programme_member_user').on('programme_member').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('programme_member').execute();
  await db.schema.dropTable('programme_study').execute();
  await db.schema.dropTable('programme').execute();
}
