import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import '../db.js';
import type { ImportMapping } from '../../../model/api/exchange.js';
import { checkMapping } from './mapping.js';
import { ProblemList } from './problems.js';

/**
 * Mappings saved by name per study, so the next file from the same source (the next round's
 * LimeSurvey export, the same R script's output) is read the same way, on the screen and with
 * `rondo import responses --saved NAME`. Only sound mappings are saved.
 */

export interface SavedMapping {
  name: string;
  mapping: ImportMapping;
  actor: string;
  updatedAt: string;
}

/** The study's saved mappings, by name. */
export async function listSavedMappings(db: Kysely<Database>, studyId: number): Promise<SavedMapping[]> {
  const rows = await db
    .selectFrom('import_mapping')
    .select(['name', 'mapping', 'actor', 'updated_at'])
    .where('study_id', '=', studyId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ name: r.name, mapping: JSON.parse(r.mapping) as ImportMapping, actor: r.actor, updatedAt: r.updated_at }));
}

/** One saved mapping, or null. */
export async function findSavedMapping(db: Kysely<Database>, studyId: number, name: string): Promise<SavedMapping | null> {
  return (await listSavedMappings(db, studyId)).find((m) => m.name === name) ?? null;
}

/**
 * Saves (or replaces) a mapping under a name; the problems of a mapping that is not sound come
 * back instead, and nothing is written.
 */
export async function saveMapping(
  db: Kysely<Database>,
  studyId: number,
  name: string,
  input: unknown,
  meta: { actor: string; now: Date },
): Promise<{ saved: SavedMapping } | { problems: ProblemList }> {
  const problems = new ProblemList();
  const mapping = checkMapping(input, problems);
  if (!mapping) return { problems };
  const row = { mapping: JSON.stringify(mapping), actor: meta.actor, updated_at: meta.now.toISOString() };
  await db
    .insertInto('import_mapping')
    .values({ study_id: studyId, name, ...row })
    .onConflict((oc) => oc.columns(['study_id', 'name']).doUpdateSet(row))
    .execute();
  return { saved: { name, mapping, actor: meta.actor, updatedAt: row.updated_at } };
}

/** Removes a saved mapping; false when there was none by that name. */
export async function deleteSavedMapping(db: Kysely<Database>, studyId: number, name: string): Promise<boolean> {
  const r = await db.deleteFrom('import_mapping').where('study_id', '=', studyId).where('name', '=', name).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
