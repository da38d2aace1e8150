import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

/**
 * Why a mail batch is paused, as a kind the screen can say in the researcher's language:
 * 'slower' (the mail server refused a mail because too many came too fast; tried again after a
 * minute) or 'connection' (the mail server could not be reached or refused the login; tried again
 * after five minutes). `paused_reason` keeps the full sentence with the server's own words.
 * Batches paused before this migration have no kind and show their reason as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_batch add column paused_kind text check (paused_kind in ('slower', 'connection'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table mail_batch drop column paused_kind`.execute(db);
}
