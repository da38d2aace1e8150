import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

/**
 * Respondent links:
 * - an anonymous round link is derived like an invitation link, from the round and a
 *   generation; the generation is kept so a researcher can show the link again, and raising
 *   it makes the old link stop working;
 * - an anonymous response belongs to one browser: the SHA-256 of a random key held in that
 *   browser's cookie, so the same browser continues its draft and cannot submit twice by
 *   accident.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('round')
    .addColumn('anonymous_link_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create unique index round_anonymous_link on round (anonymous_link_hash) where anonymous_link_hash is not null`.execute(db);
  await db.schema.alterTable('response').addColumn('browser_key_hash', 'text').execute();
  await sql`create unique index response_browser_key on response (browser_key_hash) where browser_key_hash is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index response_browser_key`.execute(db);
  await db.schema.alterTable('response').dropColumn('browser_key_hash').execute();
  await sql`drop index round_anonymous_link`.execute(db);
  await db.schema.alterTable('round').dropColumn('anonymous_link_generation').execute();
}
