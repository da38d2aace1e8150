import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/open.js';
import { audit } from '../audit.js';
import { ApiError, refusal } from '../errors.js';
import { roundState } from '../fieldwork/rounds.js';
import { erasingTx } from '../privacy/erasing-tx.js';
import { personalDataHolders } from '../privacy/personal-data.js';
import '../privacy/holders.js';

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
 * Deletes a study with everything in it: participants and their contact details, invitations (so every
 * link), responses, answers and open answers, mails, tokens, catalogues, questionnaire versions,
 * factsheets. Refused while a round is open (close it first) and unless the slug is typed out.
 * One erasing transaction (secure_delete, WAL truncated); the audit log records who deleted which
 * study and how many rows per table, and keeps its earlier entries.
 */
export async function deleteStudy(store: Store, input: DeleteStudyInput): Promise<Record<string, number>> {
  if (input.confirmSlug.trim() !== input.slug)
    throw refusal(
      'VALIDATION',
      {
        nl: `Typ de korte naam van het onderzoek, ‘${input.slug}’, precies over om het te verwijderen. Er is niets verwijderd.`,
        en: `Type the study's slug "${input.slug}" exactly to delete it.`,
      },
      { field: 'confirmSlug', reason: 'slug-mismatch' },
    );
  return erasingTx(store, async (trx) => {
    const rounds = await trx.selectFrom('round').select(['key', 'opens_at', 'closes_at']).where('study_id', '=', input.studyId).execute();
    const open = rounds.filter((r) => roundState(r, input.now) === 'open').map((r) => r.key);
    if (open.length)
      throw new ApiError('CONFLICT', `Close the open rounds first (${open.join(', ')}); a study with an open round cannot be deleted.`, {
        reason: 'rounds-open',
        rounds: open,
      });
    const deleted: Record<string, number> = {};
    for (const table of await tablesWithStudyId(trx)) {
      const n = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where study_id = ${input.studyId}`.execute(trx);
      if (n.rows[0].n) deleted[table] = n.rows[0].n;
    }
    for (const h of personalDataHolders()) {
      if (h.deleteStudyPersonalData) await h.deleteStudyPersonalData(trx, { studyId: input.studyId });
    }
    // Responses first: they refer to questionnaire versions without a cascade of their own.
    await trx.deleteFrom('response').where('study_id', '=', input.studyId).execute();
    await trx.deleteFrom('study').where('id', '=', input.studyId).execute();
    await audit(trx, {
      actor: input.actor,
      session: input.session,
      studyId: input.studyId,
      action: 'study.delete',
      target: `study:${input.slug}`,
      details: { slug: input.slug, deleted },
      at: input.now,
    });
    return deleted;
  });
}
