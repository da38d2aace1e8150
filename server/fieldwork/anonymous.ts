import type { Kysely } from 'kysely';
import type { AnonymousCounts } from '../../model/api/fieldwork.js';
import type { Database } from '../db/schema.js';
import '../respondent/schema.js';

/**
 * A round's anonymous responses: people outside the cohort who answered through the round's
 * open link (or were imported without a participant). They have no invitation, so they are
 * counted here, apart from the cohort: the response rate (roster.ts, monitor.ts) never
 * includes them, since they have no denominator.
 */
export async function anonymousCounts(db: Kysely<Database>, roundId: number): Promise<AnonymousCounts> {
  const round = await db.selectFrom('round').select('anonymous_link_hash').where('id', '=', roundId).executeTakeFirst();
  const rows = await db
    .selectFrom('response')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .where('participant_id', 'is', null)
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { linkOn: !!round?.anonymous_link_hash, submitted: count('submitted'), drafts: count('draft') };
}
