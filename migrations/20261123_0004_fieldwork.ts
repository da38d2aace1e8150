import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Fieldwork: round schedules, fired round events, mail templates, mail batches and the outbox.

export async function up(db: Kysely<any>): Promise<void> {
  // What should happen around a round besides its opening and closing times (which live in
  // `round`): send invitations automatically, and remind non-responders N days after their
  // invitation. No row means: nothing automatic.
  await db.schema
    .createTable('round_schedule')
    .addColumn('round_id', 'integer', (c) => c.primaryKey().references('round.id').onDelete('cascade'))
    .addColumn('auto_invite', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminder_days', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('language', 'text', (c) => c.check(sql`language in ('nl','en')`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  // One row per round event that has fired. The unique key is the claim: whoever inserts the
  // row for (round, open|close, time) does the work in the same transaction, so an event
  // never fires twice, also across restarts or two processes.
  await db.schema
    .createTable('fieldwork_event')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('open','close')`))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('fieldwork_event_once', ['round_id', 'kind', 'due_at'])
    .execute();

  await db.schema
    .createTable('mail_template')
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invitation','reminder')`))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('nl','en')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_template_pk', ['study_id', 'kind', 'language'])
    .execute();

  // A batch keeps the template as it was when the batch was made; the personal link is derived
  // again at sending time, so no token is ever stored.
  await db.schema
    .createTable('mail_batch')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) => c.notNull().references('study.id').onDelete('cascade'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('round.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('invitation','reminder')`))
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('manual','schedule')`))
    .addColumn('selection', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('nl','en')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sending','paused','done','cancelled')`))
    .addColumn('paused_reason', 'text')
    .addColumn('retry_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('mail_batch_round').on('mail_batch').columns(['round_id', 'id']).execute();

  // One row per recipient of a batch. A row is claimed (queued → sending) in a transaction
  // before the SMTP conversation and settled after it; `unknown` means the connection broke
  // after the whole message was handed over, so it may have arrived and is never retried
  // without a person deciding to. dedupe_key makes automatic mails (scheduled reminders,
  // automatic invitations) unique per invitation and step.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('mail_batch.id').onDelete('cascade'))
    .addColumn('invitation_id', 'integer', (c) => c.notNull().references('invitation.id').onDelete('cascade'))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued','sending','sent','failed','unknown','cancelled')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('claimed_at', 'text')
    // A recipient refused "for now" (4xx) is tried again after this time.
    .addColumn('retry_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_batch').on('outbox').columns(['batch_id', 'status']).execute();
  await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'id']).execute();
  await db.schema.createIndex('outbox_invitation').on('outbox').column('invitation_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['outbox', 'mail_batch', 'mail_template', 'fieldwork_event', 'round_schedule']) {
    await db.schema.dropTable(t).execute();
  }
}
