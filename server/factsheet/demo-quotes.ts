import type { Kysely } from 'kysely';
import { DEMO_FACTSHEET } from '../../content/demo/factsheet.js';
import type { Database } from '../db/schema.js';
import type {} from './schema.js';

/**
 * Approves the demo researcher's quote excerpts (content/demo/factsheet.ts) for the 1000
 * Kansen demo study: each excerpt is attached to a submitted open answer that starts with the
 * quoted words, from the latest round that has one, and is attributed by role only. Called by
 * createDemoStudy (server/studies/demo.ts) inside its write transaction, so the demo has its
 * quotes from the start. Returns the excerpt ids in the fixture's order (null when no answer
 * matched).
 */
export async function seedDemoQuotes(db: Kysely<Database>, studyId: number, now: Date): Promise<(number | null)[]> {
  const ids: (number | null)[] = [];
  for (const q of DEMO_FACTSHEET.quotes) {
    const answer = await db
      .selectFrom('answer as a')
      .innerJoin('response as r', 'r.id', 'a.response_id')
      .innerJoin('round as o', 'o.id', 'r.round_id')
      .select(['r.id as response_id'])
      .where('r.study_id', '=', studyId)
      .where('r.status', '=', 'submitted')
      .where('a.item', '=', q.item)
      .where('a.text', 'like', `${q.answerStartsWith}%`)
      .orderBy('o.position', 'desc')
      .orderBy('r.id')
      .limit(1)
      .executeTakeFirst();
    if (!answer) {
      ids.push(null);
      continue;
    }
    const { id } = await db
      .insertInto('quote_excerpt')
      .values({
        study_id: studyId,
        response_id: answer.response_id,
        item: q.item,
        excerpt: q.excerpt,
        role_label: q.attribution.nl,
        role_label_en: q.attribution.en,
        participant_role: null,
        created_at: now.toISOString(),
        created_by: null,
        updated_at: now.toISOString(),
        approved_at: now.toISOString(),
        approved_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(id);
  }
  return ids;
}

/**
 * The approved excerpts of the demo researcher's quotes as they are now, in the fixture's
 * order (null for a quote whose excerpt is gone or no longer approved, e.g. after an erasure
 * or an edit on the open-answers screen): what the demo's first factsheet draft shows.
 */
export async function demoQuoteIds(db: Kysely<Database>, studyId: number): Promise<(number | null)[]> {
  const rows = await db
    .selectFrom('quote_excerpt')
    .select(['id', 'item', 'excerpt'])
    .where('study_id', '=', studyId)
    .where('approved_at', 'is not', null)
    .orderBy('id')
    .execute();
  return DEMO_FACTSHEET.quotes.map((q) => rows.find((r) => r.item === q.item && r.excerpt === q.excerpt)?.id ?? null);
}
