import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

/**
 * The improvement cycle (issue 17): improvement points proposed from a study's results and the
 * team's votes on them, a yearly plan per selected point, the plan's actions and its quarterly
 * PDCA entries. Points, plans, actions and entries carry a version that every change raises (a
 * stale version is refused, so two editors never overwrite each other), and every version is
 * kept whole in `improvement_history`, which is only ever appended to.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('improvement_point')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('round_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('selected_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('improvement_point_study').on('improvement_point').column('study_id').execute();
  await db.schema
    .createTable('improvement_vote')
    .addColumn('point_id', 'integer', (c) => c.notNull().references('improvement_point.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('round_key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('improvement_vote_pk', ['point_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('improvement_plan')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('point_id', 'integer', (c) => c.notNull().unique().references('improvement_point.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('goal', 'text', (c) => c.notNull())
    // JSON: [{ key, target }], the indicators the plan should move and their target values.
    .addColumn('indicators', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('improvement_action')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('improvement_plan.id').onDelete('cascade'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('not-started'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('pdca_entry')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('improvement_plan.id').onDelete('cascade'))
    .addColumn('quarter', 'integer', (c) => c.notNull())
    .addColumn('done', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('measured', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('adjusted', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pdca_entry_quarter', ['plan_id', 'quarter'])
    .execute();
  await db.schema
    .createTable('improvement_history')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('improvement_history_entity').on('improvement_history').columns(['entity', 'entity_id']).execute();
  // Append-only: the history keeps every version, so no row of it may change or go (a study's
  // deletion removes its history through the cascade, which these triggers do not see).
  await sql`create trigger improvement_history_no_update before update on improvement_history
    begin select raise(abort, 'improvement_history is append-only'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger improvement_history_no_update`.execute(db);
  for (const t of ['improvement_history', 'pdca_entry', 'improvement_action', 'improvement_plan', 'improvement_vote', 'improvement_point'])
    await db.schema.dropTable(t).execute();
}
