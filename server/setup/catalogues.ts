import type { Kysely } from 'kysely';
import type { LocalText } from '../../model/index.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { ApiError, refusal } from '../errors.js';
import { parseText } from './studies.js';
import type { CatalogueKind } from '../../model/values.js';
import type { CatalogueEntry, CatalogueRow } from '../../model/api/setup.js';

/**
 * The study's chain-partner and tool catalogues, which feed the partner and tool grids of the
 * questionnaire. Renaming is a wording fix; an entry that already has answers cannot be removed
 * (its answers would lose their meaning), only renamed.
 */
export type { CatalogueKind } from '../../model/values.js';

/** A chain partner or tool with its answer count (model/api/setup.ts). */
export type { CatalogueEntry } from '../../model/api/setup.js';

/** The study's chain partners or tools in their order, without answer counts (the questionnaire builder's grids). */
export async function catalogueRows(db: Kysely<Database>, studyId: number, kind: CatalogueKind): Promise<CatalogueRow[]> {
  if (kind === 'partner') {
    const rows = await db.selectFrom('partner').selectAll().where('study_id', '=', studyId).orderBy('position').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, domain: r.domain }));
  }
  const rows = await db.selectFrom('tool').selectAll().where('study_id', '=', studyId).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: parseText(r.description) }));
}

/**
 * The catalogue screen's list: each entry with its number of answers, which reads every answer row of
 * the study that names a partner (or tool): ~0.1–0.25 s at 10,000 participants (docs/benchmarks.md).
 */
export async function listCatalogue(db: Kysely<Database>, studyId: number, kind: CatalogueKind): Promise<CatalogueEntry[]> {
  const column = kind === 'partner' ? 'partner_id' : 'tool_id';
  const counts = await db
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .select([`answer.${column} as ref`, (eb) => eb.fn.countAll<number>().as('n')])
    .where('response.study_id', '=', studyId)
    .where(`answer.${column}`, 'is not', null)
    .groupBy(`answer.${column}`)
    .execute();
  const count = new Map(counts.map((c) => [c.ref, Number(c.n)]));
  return (await catalogueRows(db, studyId, kind)).map((r) => ({ ...r, answers: count.get(r.id) ?? 0 }));
}

export interface EntryInput {
  name: string;
  domain?: string;
  description?: LocalText;
}

interface Meta {
  actor: string;
  session?: string;
}

async function nameTaken(trx: Kysely<Database>, kind: CatalogueKind, studyId: number, name: string, except?: number): Promise<boolean> {
  let q = trx.selectFrom(kind).select('id').where('study_id', '=', studyId).where('name', '=', name);
  if (except !== undefined) q = q.where('id', '!=', except);
  return !!(await q.executeTakeFirst());
}

const nameInList = (name: string) =>
  refusal('CONFLICT', { nl: `‘${name}’ staat al in de lijst.`, en: `"${name}" is already in the list.` }, { field: 'name' });

function clean(input: EntryInput): EntryInput {
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name) throw refusal('VALIDATION', { nl: 'Vul een naam in.', en: 'A name is required.' }, { field: 'name' });
  return { name, domain: input.domain?.replace(/\s+/g, ' ').trim() ?? '', description: input.description };
}

export async function addEntry(
  db: Kysely<Database>,
  studyId: number,
  kind: CatalogueKind,
  raw: EntryInput,
  meta: Meta,
): Promise<{ id: number }> {
  const input = clean(raw);
  return writeTx(db, async (trx) => {
    if (await nameTaken(trx, kind, studyId, input.name)) throw nameInList(input.name);
    const last = await trx
      .selectFrom(kind)
      .select((eb) => eb.fn.max('position').as('p'))
      .where('study_id', '=', studyId)
      .executeTakeFirst();
    const position = Number(last?.p ?? -1) + 1;
    const { id } =
      kind === 'partner'
        ? await trx
            .insertInto('partner')
            .values({ study_id: studyId, position, name: input.name, domain: input.domain ?? '' })
            .returning('id')
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto('tool')
            .values({ study_id: studyId, position, name: input.name, description: JSON.stringify(input.description ?? {}) })
            .returning('id')
            .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: meta.actor,
      session: meta.session,
      studyId,
      action: `${kind}.add`,
      target: String(id),
      details: { name: input.name },
    });
    return { id };
  });
}

export async function updateEntry(
  db: Kysely<Database>,
  studyId: number,
  kind: CatalogueKind,
  id: number,
  raw: EntryInput,
  meta: Meta,
): Promise<void> {
  const input = clean(raw);
  await writeTx(db, async (trx) => {
    const row = await trx.selectFrom(kind).select('id').where('id', '=', id).where('study_id', '=', studyId).executeTakeFirst();
    if (!row) throw new ApiError('NOT_FOUND');
    if (await nameTaken(trx, kind, studyId, input.name, id)) throw nameInList(input.name);
    if (kind === 'partner')
      await trx
        .updateTable('partner')
        .set({ name: input.name, domain: input.domain ?? '' })
        .where('id', '=', id)
        .execute();
    else
      await trx
        .updateTable('tool')
        .set({ name: input.name, description: JSON.stringify(input.description ?? {}) })
        .where('id', '=', id)
        .execute();
    await audit(trx, {
      actor: meta.actor,
      session: meta.session,
      studyId,
      action: `${kind}.update`,
      target: String(id),
      details: { name: input.name },
    });
  });
}

export async function removeEntry(db: Kysely<Database>, studyId: number, kind: CatalogueKind, id: number, meta: Meta): Promise<void> {
  await writeTx(db, async (trx) => {
    const row = await trx.selectFrom(kind).select(['id', 'name']).where('id', '=', id).where('study_id', '=', studyId).executeTakeFirst();
    if (!row) throw new ApiError('NOT_FOUND');
    const used = await trx
      .selectFrom('answer')
      .select('response_id')
      .where(kind === 'partner' ? 'partner_id' : 'tool_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (used)
      throw new ApiError('CONFLICT', `"${row.name}" already has answers and cannot be removed; you can rename it.`, { reason: 'answered' });
    await trx.deleteFrom(kind).where('id', '=', id).execute();
    await audit(trx, {
      actor: meta.actor,
      session: meta.session,
      studyId,
      action: `${kind}.remove`,
      target: String(id),
      details: { name: row.name },
    });
  });
}

/** Puts the entries in the given order; ids not named keep their relative order at the end. */
export async function reorderEntries(db: Kysely<Database>, studyId: number, kind: CatalogueKind, ids: number[], meta: Meta): Promise<void> {
  await writeTx(db, async (trx) => {
    const rows = await trx.selectFrom(kind).select('id').where('study_id', '=', studyId).orderBy('position').execute();
    const known = new Set(rows.map((r) => r.id));
    const order = [...ids.filter((i) => known.has(i)), ...rows.map((r) => r.id).filter((i) => !ids.includes(i))];
    for (const [position, id] of order.entries()) await trx.updateTable(kind).set({ position }).where('id', '=', id).execute();
    await audit(trx, { actor: meta.actor, session: meta.session, studyId, action: `${kind}.reorder` });
  });
}
