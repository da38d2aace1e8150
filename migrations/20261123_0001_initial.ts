import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user').on('session').column('user_id').execute();

  await db.schema
    .createTable('study')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('definition', 'text', (c) => c.notNull()) // JSON: title, description, colophon, languages, settings
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retention_until', 'text')
    .execute();

  await db.schema
    .createTable('study_member')
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('researcher','trainer','manager')`))
    .addPrimaryKeyConstraint('study_member_pk', ['study_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('questionnaire_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('questionnaire_version_unique', ['study_id', 'version'])
    .execute();

  await db.schema
    .createTable('round')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label_nl', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('anonymous_link_hash', 'text')
    .addUniqueConstraint('round_key_unique', ['study_id', 'key'])
    .execute();

  for (const table of ['partner', 'tool'] as const) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn(table === 'partner' ? 'domain' : 'description', 'text', (c) => c.notNull().defaultTo(''))
      .addUniqueConstraint(`${table}_name_unique`, ['study_id', 'name'])
      .execute();
  }

  await db.schema
    .createTable('participant')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('team', 'text', (c) => c.notNull().defaultTo(''))
    // From this round on the participant has left and leaves the response-rate denominator.
    .addColumn('left_from_round_id', 'integer', (c) => c.references('round.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('participant_key_unique', ['study_id', 'key'])
    .execute();

  // Contact details live apart from answers, so they can be erased without touching them.
  await db.schema
    .createTable('participant_contact')
    .addColumn('participant_id', 'integer', (c) => c.primaryKey().references('participant.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invitation')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
    // The link token is derived with a keyed HMAC from a secret kept outside the database
    // (see server/tokens.ts); only its SHA-256 is stored, for lookup.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_generation', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('reminder_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('revoked_at', 'text')
    .addUniqueConstraint('invitation_unique', ['participant_id', 'round_id'])
    .execute();
  await db.schema.createIndex('invitation_round').on('invitation').column('round_id').execute();

  await db.schema
    .createTable('response')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
    .addColumn('participant_id', 'integer', (c) => c.references('participant.id').onDelete('cascade'))
    .addColumn('invitation_id', 'integer', (c) => c.unique().references('invitation.id').onDelete('set null'))
    .addColumn('questionnaire_version_id', 'integer', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','submitted')`))
    .addColumn('submission_id', 'text', (c) => c.unique())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('web'))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('response_round').on('response').columns(['round_id', 'status']).execute();
  await db.schema.createIndex('response_participant').on('response').column('participant_id').execute();

  // Answers in long form: one row per response × item × sub-cell (partner, tool or option).
  await db.schema
    .createTable('answer')
    .addColumn('response_id', 'integer', (c) => c.notNull().references('response.id').onDelete('cascade'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('sub', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('partner_id', 'integer', (c) => c.references('partner.id').onDelete('set null'))
    .addColumn('tool_id', 'integer', (c) => c.references('tool.id').onDelete('set null'))
    .addColumn('code', 'real')
    .addColumn('missing', 'text', (c) => c.check(sql`missing in ('dont_know','not_applicable')`))
    .addColumn('text', 'text')
    .addPrimaryKeyConstraint('answer_pk', ['response_id', 'item', 'sub'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('study_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('session', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_study').on('audit_log').columns(['study_id', 'id']).execute();
  // Append-only: the application's own connection cannot change or remove audit rows.
  await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
    db,
  );
  await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_log',
    'answer',
    'response',
    'invitation',
    'participant_contact',
    'participant',
    'tool',
    'partner',
    'round',
    'questionnaire_version',
    'study_member',
    'study',
    'session',
    'user',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
