import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Study setup: login throttling, questionnaire edit history, and account flags.

export async function up(db: Kysely<any>): Promise<void> {
  // Failed logins per key ("account:<email>", "pair:<email>|<ip>", "ip:<ip>"). Rows expire on
  // their own: a key whose window has passed is reset at the next attempt.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();

  // Every save of the questionnaire: what changed, whether it was a wording fix in place or
  // a new version, and who did it. The definitions themselves live in questionnaire_version.
  await db.schema
    .createTable('questionnaire_edit')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('version_id', 'integer', (c) => c.notNull().references('questionnaire_version.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('edit','wording','new-version','import','created')`))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('changes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questionnaire_edit_study').on('questionnaire_edit').columns(['study_id', 'id']).execute();

  // Counts saves of the current version, so two researchers editing at once do not overwrite
  // each other's work unknowingly (the builder sends the revision it started from).
  await db.schema
    .alterTable('questionnaire_version')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // An account whose password was set by an administrator is asked to choose its own.
  await db.schema
    .alterTable('user')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('user').addColumn('password_changed_at', 'text').execute();

  // Why and when someone left the cohort (left_from_round_id already says from which round).
  await db.schema
    .alterTable('participant')
    .addColumn('left_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participant').dropColumn('left_note').execute();
  await db.schema.alterTable('user').dropColumn('password_changed_at').execute();
  await db.schema.alterTable('user').dropColumn('must_change_password').execute();
  await db.schema.alterTable('questionnaire_version').dropColumn('revision').execute();
  await db.schema.dropTable('questionnaire_edit').execute();
  await db.schema.dropTable('login_throttle').execute();
}
