import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.

/**
 * Submissions (issue 21): the row trigger that cleared a response's packed copy after every
 * INSERT into `answer` (migration 0009) goes. It fired 42 times for a 42-cell submission and made
 * SQLite stage the multi-row insert in a temporary table first: about a quarter of the insert's
 * CPU time. The writers that insert answer rows clear or rewrite the copy themselves (the
 * respondent's draft save and submission, the import, the demo: server/db/packed-answers.ts says
 * how), and none of them inserts into a response that already has one. The UPDATE and DELETE
 * triggers stay: changing or removing a row (an erasure, a repair by hand) still clears the copy.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists answer_insert_unpacks`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create trigger answer_insert_unpacks after insert on answer
         when (select packed_values from response where id = new.response_id) is not null begin
         update response set packed_layout_id = null, packed_values = null
         where id in (new.response_id) and packed_values is not null;
       end`,
    )
    .execute(db);
}
