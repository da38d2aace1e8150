import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/open.js';
import { audit } from '../audit.js';
import { ApiError, refusal } from '../errors.js';
import { roundState } from '../fieldwork/rounds.js';
import { writeTx } from '../db/tx.js';
import { erasingTx, eraseStudyRowsInSteps } from '../privacy/erasing-tx.js';
import { personalDataHolders } from '../privacy/personal-data.js';
import '../privacy/holders.js';

/** The column migrations/20261211_0001_study_deleting.ts adds. */
declare module '../db/schema.js' {
  interface StudyTable {
    /** When the study's deletion was decided (ISO-8601 UTC), or null: a study being deleted is in no list. */
    deleting_since: string | null;
  }
}

/** What a study's slug becomes once its deletion is decided: no valid slug looks like it, so no URL reaches it. */
export const deletingSlug = (studyId: number) => `~deleting-${studyId}`;

export interface DeleteStudyInput {
  studyId: number;
  slug: string;
  /** The slug as the researcher typed it: nothing happens unless it is the study's own. */
  confirmSlug: string;
  actor: string;
  session?: string;
  now: Date;
}

/**
 * The tables with a `study_id` column, read from the database itself so a table another area adds
 * later is counted (and checked by the tests) without a list to keep up. The audit log is left out:
 * it is append-only and keeps the record of the deletion.
 */
export async function tablesWithStudyId(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select m.name from sqlite_master m, pragma_table_info(m.name) c
    where m.type = 'table' and c.name = 'study_id' and m.name <> 'audit_log' order by m.name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * What deleteStudy did: the rows per table it deleted (as counted by the decision), and whether they
 * are erased already ('done') or, because an erasing step failed (`error`: a full disk, an I/O
 * error), are still in the file, out of sight, until finishStudyDeletions erases them ('pending').
 */
export type StudyDeletion =
  | { deleted: Record<string, number>; erasure: 'done' }
  | { deleted: Record<string, number>; erasure: 'pending'; error: unknown };

/** How long after a failed erasure the server tries again (then the retention job, hourly and after each start). */
export const ERASURE_RETRY_MS = 60_000;

/**
 * Deletes a study with everything in it: participants and their contact details, invitations (so every
 * link), responses, answers and open answers, mails, tokens, catalogues, questionnaire versions,
 * factsheets. Refused while a round is open (close it first) and unless the slug is typed out.
 *
 * In two parts, so the server keeps answering while a big study goes (1.8 million answers at 10,000
 * participants took one transaction ~2.3 s, every other request waiting):
 * 1. the decision, one transaction: the checks, the count of rows per table, and the study taken out
 *    of sight — out of every list, its team and programmes gone, its slug renamed so no URL finds it
 *    and a new study may take it — with the audit entry of who deleted which study and how many rows
 *    per table (earlier entries are kept). A refusal changes nothing.
 * 2. the erasing (purgeStudy): its rows in short erasing transactions (secure_delete, WAL truncated at
 *    the end). Nobody sees them meanwhile; if the server stops halfway, the next server's retention
 *    job finishes it (finishStudyDeletions). If a step fails, the deletion stands (it is decided and
 *    audited) and the answer says the erasure is pending: the caller has it finished later.
 */
export async function deleteStudy(store: Store, input: DeleteStudyInput): Promise<StudyDeletion> {
  if (input.confirmSlug.trim() !== input.slug)
    throw refusal(
      'VALIDATION',
      {
        nl: `Typ de korte naam van het onderzoek, ‘${input.slug}’, precies over om het te verwijderen. Er is niets verwijderd.`,
        en: `Type the study's slug "${input.slug}" exactly to delete it.`,
      },
      { field: 'confirmSlug', reason: 'slug-mismatch' },
    );
  const deleted = await decideStudyDeletion(store, input);
  try {
    await purgeStudy(store, input.studyId);
  } catch (err) {
    // The deletion is decided and the study out of sight; what is left is erased later.
    return { deleted, erasure: 'pending', error: err };
  }
  return { deleted, erasure: 'done' };
}

/**
 * The first part of deleteStudy: the checks, the counts, the study taken out of sight and the audit
 * entry, in one transaction; the rows per table it will erase. Exported for the tests of a stop
 * between the two parts.
 */
export async function decideStudyDeletion(store: Store, input: DeleteStudyInput): Promise<Record<string, number>> {
  return writeTx(store.db, async (trx) => {
    // Two deletions of one study at once: the second finds it already out of sight.
    const study = await trx.selectFrom('study').select('deleting_since').where('id', '=', input.studyId).executeTakeFirst();
    if (!study || study.deleting_since) throw new ApiError('NOT_FOUND');
    const rounds = await trx.selectFrom('round').select(['key', 'opens_at', 'closes_at']).where('study_id', '=', input.studyId).execute();
    const open = rounds.filter((r) => roundState(r, input.now) === 'open').map((r) => r.key);
    if (open.length)
      throw new ApiError('CONFLICT', `Close the open rounds first (${open.join(', ')}); a study with an open round cannot be deleted.`, {
        reason: 'rounds-open',
        rounds: open,
      });
    const counts: Record<string, number> = {};
    for (const table of await tablesWithStudyId(trx)) {
      const n = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where study_id = ${input.studyId}`.execute(trx);
      if (n.rows[0].n) counts[table] = n.rows[0].n;
    }
    await trx
      .updateTable('study')
      .set({ slug: deletingSlug(input.studyId), deleting_since: input.now.toISOString() })
      .where('id', '=', input.studyId)
      .execute();
    await trx.deleteFrom('study_member').where('study_id', '=', input.studyId).execute();
    await trx.deleteFrom('programme_study').where('study_id', '=', input.studyId).execute();
    await audit(trx, {
      actor: input.actor,
      session: input.session,
      studyId: input.studyId,
      action: 'study.delete',
      target: `study:${input.slug}`,
      details: { slug: input.slug, deleted: counts },
      at: input.now,
    });
    return counts;
  });
}

/**
 * Erases a study whose deletion was decided: its responses and participants in steps, then in one
 * last erasing transaction what other areas hold of it and the study itself with the rest of its
 * rows (rounds, questionnaires, catalogues, factsheets, mails: small). Safe to run again.
 */
export async function purgeStudy(store: Store, studyId: number): Promise<void> {
  await eraseStudyRowsInSteps(store, studyId);
  await erasingTx(store, async (trx) => {
    for (const h of personalDataHolders()) {
      if (h.deleteStudyPersonalData) await h.deleteStudyPersonalData(trx, { studyId });
    }
    // Responses first: they refer to questionnaire versions without a cascade of their own.
    await trx.deleteFrom('response').where('study_id', '=', studyId).execute();
    await trx.deleteFrom('study').where('id', '=', studyId).execute();
  });
}

/** Finishes the deletions a stopped server left halfway (the retention job calls it); the ids it erased. */
export async function finishStudyDeletions(store: Store): Promise<number[]> {
  const pending = await store.db.selectFrom('study').select('id').where('deleting_since', 'is not', null).orderBy('id').execute();
  for (const { id } of pending) await purgeStudy(store, id);
  return pending.map((p) => p.id);
}
