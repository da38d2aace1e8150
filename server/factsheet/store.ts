import { sql, type Kysely } from 'kysely';
import type { Lang } from '../../model/index.js';
import type { Database } from '../db/schema.js';
import type { Composition } from './composition.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import type { FactsheetDocument, QuoteExcerpt } from './document.js';
import type {} from './schema.js';

/** Repository functions for factsheets: each takes the database first (STYLE: kysely). */

export interface DraftRow {
  composition: Composition;
  revision: number;
  updatedAt: string;
}

export async function loadDraft(db: Kysely<Database>, studyId: number): Promise<DraftRow | null> {
  const row = await db.selectFrom('factsheet_draft').selectAll().where('study_id', '=', studyId).executeTakeFirst();
  return row ? { composition: JSON.parse(row.composition) as Composition, revision: row.revision, updatedAt: row.updated_at } : null;
}

export async function insertDraft(
  db: Kysely<Database>,
  studyId: number,
  composition: Composition,
  userId: number | null,
  now: Date,
): Promise<DraftRow> {
  await db
    .insertInto('factsheet_draft')
    .values({ study_id: studyId, composition: JSON.stringify(composition), revision: 1, updated_at: now.toISOString(), updated_by: userId })
    .execute();
  return { composition, revision: 1, updatedAt: now.toISOString() };
}

/**
 * Saves the draft when it is still at `revision` (the one the composer loaded); returns the new
 * revision, or null when someone else saved in between.
 */
export async function saveDraft(
  db: Kysely<Database>,
  studyId: number,
  composition: Composition,
  revision: number,
  userId: number | null,
  now: Date,
): Promise<number | null> {
  const res = await db
    .updateTable('factsheet_draft')
    .set({ composition: JSON.stringify(composition), revision: revision + 1, updated_at: now.toISOString(), updated_by: userId })
    .where('study_id', '=', studyId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1 ? revision + 1 : null;
}

export interface QuoteRow extends QuoteExcerpt {
  item: string;
  round: string;
  approvedAt: string;
}

/**
 * Approved excerpts of a study, each with the size of the group its attribution refers to:
 * the submitted responses of its round, or of its round and cohort role when it names one.
 * Unapproved excerpts and excerpts of responses that are not submitted are never returned.
 */
export async function approvedQuotes(db: Kysely<Database>, studyId: number): Promise<QuoteRow[]> {
  const rows = await db
    .selectFrom('quote_excerpt as q')
    .innerJoin('response as r', 'r.id', 'q.response_id')
    .innerJoin('round as o', 'o.id', 'r.round_id')
    .select([
      'q.id',
      'q.excerpt',
      'q.role_label',
      'q.role_label_en',
      'q.item',
      'q.approved_at',
      'o.key as round',
      sql<number>`(select count(*) from response r2 left join participant p2 on p2.id = r2.participant_id
        where r2.round_id = r.round_id and r2.status = 'submitted'
        and (q.participant_role is null or p2.role = q.participant_role))`.as('group_size'),
    ])
    .where('q.study_id', '=', studyId)
    .where('q.approved_at', 'is not', null)
    .where('r.status', '=', 'submitted')
    .orderBy('q.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    text: r.excerpt,
    attribution: { nl: r.role_label, en: r.role_label_en ?? r.role_label },
    groupSize: Number(r.group_size),
    item: r.item,
    round: r.round,
    approvedAt: r.approved_at!,
  }));
}

export interface VersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: number | null;
  languages: Lang[];
  note: string;
}

export interface PublishInput {
  studyId: number;
  /** The next version number (one above the last), computed in the same transaction. */
  version: number;
  data: FactsheetData;
  composition: Composition;
  outputs: { lang: Lang; document: FactsheetDocument; html: string }[];
  userId: number | null;
  now: Date;
  note?: string;
}

/** Stores a new frozen version; call inside a write transaction (the unique key refuses a number twice). */
export async function insertVersion(db: Kysely<Database>, input: PublishInput): Promise<VersionSummary> {
  const version = input.version;
  const languages = input.outputs.map((o) => o.lang);
  const { id } = await db
    .insertInto('factsheet_version')
    .values({
      study_id: input.studyId,
      version,
      published_at: input.now.toISOString(),
      published_by: input.userId,
      languages: JSON.stringify(languages),
      data: JSON.stringify(input.data),
      composition: JSON.stringify(input.composition),
      note: input.note ?? '',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const o of input.outputs) {
    await db
      .insertInto('factsheet_output')
      .values({ version_id: id, lang: o.lang, document: JSON.stringify(o.document), html: o.html })
      .execute();
  }
  return { version, publishedAt: input.now.toISOString(), publishedBy: input.userId, languages, note: input.note ?? '' };
}

export async function listVersions(db: Kysely<Database>, studyId: number): Promise<VersionSummary[]> {
  const rows = await db
    .selectFrom('factsheet_version')
    .select(['version', 'published_at', 'published_by', 'languages', 'note'])
    .where('study_id', '=', studyId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    languages: JSON.parse(r.languages) as Lang[],
    note: r.note,
  }));
}

export interface StoredOutput {
  version: number;
  publishedAt: string;
  lang: Lang;
  languages: Lang[];
  document: FactsheetDocument;
  html: string;
  data: FactsheetData;
}

/** One published version in one language ('latest' = the highest number); null when absent. */
export async function loadOutput(
  db: Kysely<Database>,
  studyId: number,
  version: number | 'latest',
  lang: Lang,
): Promise<StoredOutput | null> {
  let q = db
    .selectFrom('factsheet_version as v')
    .innerJoin('factsheet_output as o', 'o.version_id', 'v.id')
    .select(['v.version', 'v.published_at', 'v.languages', 'v.data', 'o.lang', 'o.document', 'o.html'])
    .where('v.study_id', '=', studyId)
    .where('o.lang', '=', lang);
  q = version === 'latest' ? q.orderBy('v.version', 'desc').limit(1) : q.where('v.version', '=', version);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  return {
    version: row.version,
    publishedAt: row.published_at,
    lang: row.lang,
    languages: JSON.parse(row.languages) as Lang[],
    document: JSON.parse(row.document) as FactsheetDocument,
    html: row.html,
    data: JSON.parse(row.data) as FactsheetData,
  };
}

/** The study's rounds with their dates and first and last submission, for the fieldwork period (layout/fieldwork.ts). */
export async function roundDates(db: Kysely<Database>, studyId: number) {
  const rows = await db
    .selectFrom('round as o')
    .select([
      'o.opens_at',
      'o.closes_at',
      sql<string | null>`(select min(r.submitted_at) from response r where r.round_id = o.id and r.status = 'submitted')`.as('first_at'),
      sql<string | null>`(select max(r.submitted_at) from response r where r.round_id = o.id and r.status = 'submitted')`.as('last_at'),
    ])
    .where('o.study_id', '=', studyId)
    .orderBy('o.position')
    .execute();
  return rows.map((r) => ({ opensAt: r.opens_at, closesAt: r.closes_at, firstAt: r.first_at, lastAt: r.last_at }));
}

/** The highest published version with its numbers and its document (JSON) per language; null when none. */
export async function loadLastVersion(db: Kysely<Database>, studyId: number) {
  const v = await db
    .selectFrom('factsheet_version')
    .select(['id', 'version', 'published_at', 'languages', 'data'])
    .where('study_id', '=', studyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!v) return null;
  const outputs = await db.selectFrom('factsheet_output').select(['lang', 'document']).where('version_id', '=', v.id).execute();
  return {
    version: v.version,
    publishedAt: v.published_at,
    languages: JSON.parse(v.languages) as Lang[],
    data: JSON.parse(v.data) as FactsheetData,
    outputs,
  };
}
