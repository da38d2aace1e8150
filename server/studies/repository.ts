import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { Value } from '@sinclair/typebox/value';
import { QuestionnaireSchema, StudySchema, type Questionnaire, type Study } from '../../model/index.js';
import type { Database, StudyRole } from '../db/schema.js';

/**
 * The study repository: the one place that reads and writes a study's stored definition
 * (`study.definition`, JSON of model/study.ts `Study`) and parses a stored questionnaire
 * version. Every stored definition is checked against its model schema when it is read, so a
 * damaged row fails here with the study's name and the paths that are wrong, instead of as an
 * `undefined` somewhere later. Functions take `db` (or a transaction) first.
 */

/** A study as the server works with it: the guard's `request.study` has this shape. */
export interface StoredStudy {
  id: number;
  slug: string;
  definition: Study;
  isDemo: boolean;
  /** When the study was archived (server/studies/archive-study.ts); absent while it is active. */
  archivedAt?: string;
}

/** A stored definition that does not match its model schema, or is no JSON at all. */
export class StoredDefinitionError extends Error {
  constructor(
    readonly what: string,
    readonly problems: string[],
  ) {
    super(
      `${what}: the stored definition is not valid (${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''})`,
    );
    this.name = 'StoredDefinitionError';
  }
}

type Schema = typeof StudySchema | typeof QuestionnaireSchema;

// Texts that passed their schema. Checking costs more than parsing, and a study is read on
// every staff request, so a text is checked once; an edited definition is simply a new text.
const checked = new Map<Schema, Set<string>>();

function parseChecked<T>(schema: Schema, text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StoredDefinitionError(what, [(err as Error).message]);
  }
  let known = checked.get(schema);
  if (!known) checked.set(schema, (known = new Set()));
  if (!known.has(text)) {
    if (!Value.Check(schema, value)) {
      throw new StoredDefinitionError(
        what,
        [...Value.Errors(schema, value)].map((e) => `${e.path || '/'}: ${e.message}`),
      );
    }
    if (known.size >= 500) known.clear();
    known.add(text);
  }
  return value as T;
}

/** Parses a stored study definition; `what` names the study in the error ("study 3"). */
export function parseStudyDefinition(text: string, what: string): Study {
  return parseChecked<Study>(StudySchema, text, what);
}

/** Parses a stored questionnaire version; `what` names it in the error. */
export function parseQuestionnaireDefinition(text: string, what: string): Questionnaire {
  return parseChecked<Questionnaire>(QuestionnaireSchema, text, what);
}

interface StudyRow {
  id: number;
  slug: string;
  definition: string;
  is_demo: number;
  archived_at: string | null;
}

function toStudy(row: StudyRow): StoredStudy {
  const study: StoredStudy = {
    id: row.id,
    slug: row.slug,
    definition: parseStudyDefinition(row.definition, `study "${row.slug}"`),
    isDemo: row.is_demo === 1,
  };
  if (row.archived_at) study.archivedAt = row.archived_at;
  return study;
}

const STUDY_COLUMNS = ['study.id', 'study.slug', 'study.definition', 'study.is_demo', 'study.archived_at'] as const;

export async function findStudyBySlug(db: Kysely<Database>, slug: string): Promise<StoredStudy | null> {
  const row = await db
    .selectFrom('study')
    .select(STUDY_COLUMNS)
    .where('study.slug', '=', slug)
    .where('study.deleting_since', 'is', null)
    .executeTakeFirst();
  return row ? toStudy(row) : null;
}

/** The id of the study with this slug, or null: for existence checks that need no definition. */
export async function findStudyId(db: Kysely<Database>, slug: string): Promise<number | null> {
  const row = await db.selectFrom('study').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id ?? null;
}

/** A study by id; it must exist (ids come from a row or a guarded request). */
export async function getStudy(db: Kysely<Database>, id: number): Promise<StoredStudy> {
  const row = await db.selectFrom('study').select(STUDY_COLUMNS).where('study.id', '=', id).executeTakeFirst();
  if (!row) throw new Error(`there is no study with id ${id}`);
  return toStudy(row);
}

export async function getStudyDefinition(db: Kysely<Database>, id: number): Promise<Study> {
  return (await getStudy(db, id)).definition;
}

/** Every study, oldest first. */
export async function listStudies(db: Kysely<Database>): Promise<StoredStudy[]> {
  return (await db.selectFrom('study').select(STUDY_COLUMNS).where('study.deleting_since', 'is', null).orderBy('study.id').execute()).map(
    toStudy,
  );
}

/** Every study's slug, in alphabetical order: for messages that name the studies there are. */
export async function listStudySlugs(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('study').select('slug').where('deleting_since', 'is', null).orderBy('slug').execute()).map((r) => r.slug);
}

export interface MemberStudy extends StoredStudy {
  role: StudyRole;
  createdAt: string;
}

/** The studies a user is a member of, with their role, oldest first. */
export async function listMemberStudies(db: Kysely<Database>, userId: number): Promise<MemberStudy[]> {
  const rows = await db
    .selectFrom('study_member')
    .innerJoin('study', 'study.id', 'study_member.study_id')
    .select([...STUDY_COLUMNS, 'study.created_at', 'study_member.role'])
    .where('study_member.user_id', '=', userId)
    .orderBy('study.id')
    .execute();
  return rows.map((r) => ({ ...toStudy(r), role: r.role, createdAt: r.created_at }));
}

/**
 * A study by slug with the user's role in it, in one query: what the guard needs to admit a
 * caller. Null when there is no such study or the user is not a member: the same answer, so
 * that a study's existence does not leak.
 */
export async function findStudyForMember(
  db: Kysely<Database>,
  slug: string,
  userId: number,
): Promise<{ study: StoredStudy; role: StudyRole } | null> {
  const row = await db
    .selectFrom('study')
    .innerJoin('study_member', 'study_member.study_id', 'study.id')
    .select([...STUDY_COLUMNS, 'study_member.role'])
    .where('study.slug', '=', slug)
    .where('study.deleting_since', 'is', null)
    .where('study_member.user_id', '=', userId)
    .executeTakeFirst();
  return row ? { study: toStudy(row), role: row.role } : null;
}

/** Replaces a study's stored definition; a definition that fails its schema is never written. */
export async function saveStudyDefinition(trx: Kysely<Database>, id: number, definition: Study): Promise<void> {
  const text = JSON.stringify(definition);
  parseStudyDefinition(text, `the new definition of study ${id}`);
  await trx.updateTable('study').set({ definition: text }).where('id', '=', id).execute();
}

/**
 * The same lookup as findStudyBySlug on the raw connection, for the bulk paths that run inside
 * a better-sqlite3 transaction and cannot await (exchange import/export, the analysis loader).
 */
export function readStudyBySlug(sqlite: SQLite.Database, slug: string): StoredStudy | null {
  const row = sqlite
    .prepare('select id, slug, definition, is_demo, archived_at from study where slug = ? and deleting_since is null')
    .get(slug) as StudyRow | undefined;
  return row ? toStudy(row) : null;
}
