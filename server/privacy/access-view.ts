import type { Kysely } from 'kysely';
import type { AccessEntry } from '../../model/api/privacy.js';
import type { Database } from '../db/schema.js';
import { csvLine } from '../csv-cell.js';
import { actorPage, inIdOrder } from './audit-view.js';
import type {} from './schema.js';

/** A page of a study's access log for personal data, newest first; optionally one participant's. */
export async function listAccess(
  db: Kysely<Database>,
  q: { studyId: number; before?: number; limit: number; participant?: string },
): Promise<{ entries: AccessEntry[]; next: number | null }> {
  let query = db
    .selectFrom('personal_data_access')
    .selectAll()
    .where('study_id', '=', q.studyId)
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  if (q.participant !== undefined) {
    // Accesses to everyone include this participant; lists are JSON arrays of keys.
    const needle = JSON.stringify(q.participant);
    query = query.where((eb) => eb.or([eb('participants', '=', '*'), eb(eb.fn('instr', ['participants', eb.val(needle)]), '>', 0)]));
  }
  return actorPage(db, await query.execute(), q.limit, (r, actorEmail) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    actorEmail,
    kind: r.kind,
    data: r.data,
    participants: r.participants === '*' ? '*' : (JSON.parse(r.participants) as string[]),
    count: r.count,
    purpose: r.purpose,
  }));
}

export async function* accessCsv(db: Kysely<Database>, studyId: number): AsyncGenerator<string> {
  yield csvLine(['id', 'at', 'actor', 'kind', 'data', 'participants', 'count', 'purpose']);
  const batches = inIdOrder((after) =>
    db
      .selectFrom('personal_data_access')
      .selectAll()
      .where('study_id', '=', studyId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute(),
  );
  for await (const rows of batches) {
    yield rows
      .map((r) =>
        csvLine([
          r.id,
          r.at,
          r.actor,
          r.kind,
          r.data,
          r.participants === '*' ? '*' : (JSON.parse(r.participants) as string[]).join(' '),
          r.count,
          r.purpose,
        ]),
      )
      .join('');
  }
}
