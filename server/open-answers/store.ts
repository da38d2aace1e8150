import type { Kysely } from 'kysely';
import type { OpenAnswer, OpenQuestion, ThemeSummary } from '../../model/api/open-answers.js';
import type { LocalText } from '../../model/index.js';
import { findIdentifying, type IdentifyingContext } from '../../analysis/open/identifying.js';
import type { Database } from '../db/schema.js';
import { parseQuestionnaireDefinition } from '../studies/repository.js';
import type {} from './schema.js';
import type {} from '../factsheet/schema.js';
import { folded } from '../../model/fold.js';

/**
 * Open answers and their coding: the study's open questions, their answers per round, themes
 * (per question) with the answers coded with them, and quote candidates — an excerpt in
 * `quote_excerpt` (shared with the factsheet, which prints only approved ones). Repository
 * functions take `db` first; writes are called inside the route's write transaction.
 */
export type { OpenQuestion } from '../../model/api/open-answers.js';

export type { ThemeSummary } from '../../model/api/open-answers.js';

export type { OpenAnswer } from '../../model/api/open-answers.js';

/** Open questions of the study (latest questionnaire version wins for texts). */
export async function openQuestions(db: Kysely<Database>, studyId: number): Promise<OpenQuestion[]> {
  const versions = await db
    .selectFrom('questionnaire_version')
    .select(['version', 'definition'])
    .where('study_id', '=', studyId)
    .orderBy('version', 'asc')
    .execute();
  const items = new Map<string, LocalText>();
  for (const v of versions) {
    const q = parseQuestionnaireDefinition(v.definition, `questionnaire version ${v.version} of study ${studyId}`);
    for (const s of q.sections) for (const it of s.items) if (it.type === 'text') items.set(it.id, it.text);
  }
  if (!items.size) return [];
  const counts = await db
    .selectFrom('answer as a')
    .innerJoin('response as r', 'r.id', 'a.response_id')
    .innerJoin('round as o', 'o.id', 'r.round_id')
    .select(['a.item', 'o.key as round', (eb) => eb.fn.countAll<number>().as('count')])
    .where('r.study_id', '=', studyId)
    .where('r.status', '=', 'submitted')
    .where('a.text', 'is not', null)
    .where('a.text', '!=', '')
    .where('a.item', 'in', [...items.keys()])
    .groupBy(['a.item', 'o.key'])
    .execute();
  const rounds = await roundKeys(db, studyId);
  return [...items].map(([item, text]) => ({
    item,
    text,
    answered: rounds.map((round) => ({ round, count: Number(counts.find((c) => c.item === item && c.round === round)?.count ?? 0) })),
  }));
}

export async function roundKeys(db: Kysely<Database>, studyId: number): Promise<string[]> {
  return (await db.selectFrom('round').select('key').where('study_id', '=', studyId).orderBy('position').execute()).map((r) => r.key);
}

/** What the identifying-information check knows of this study: cohort organisations and contact names. */
export async function identifyingContext(db: Kysely<Database>, studyId: number): Promise<IdentifyingContext> {
  const orgs = await db.selectFrom('participant').select('organisation').distinct().where('study_id', '=', studyId).execute();
  const names = await db
    .selectFrom('participant_contact as c')
    .innerJoin('participant as p', 'p.id', 'c.participant_id')
    .select('c.name')
    .where('p.study_id', '=', studyId)
    .where('c.name', '!=', '')
    .execute();
  return { organisations: orgs.map((o) => o.organisation).filter(Boolean), names: names.map((n) => n.name) };
}

export async function themesOf(db: Kysely<Database>, studyId: number, item: string): Promise<ThemeSummary[]> {
  const themes = await db
    .selectFrom('open_theme')
    .select(['id', 'name'])
    .where('study_id', '=', studyId)
    .where('item', '=', item)
    .orderBy('name')
    .execute();
  const counts = await db
    .selectFrom('open_coding as c')
    .innerJoin('open_theme as t', 't.id', 'c.theme_id')
    .innerJoin('response as r', 'r.id', 'c.response_id')
    .innerJoin('round as o', 'o.id', 'r.round_id')
    .select(['c.theme_id', 'o.key as round', (eb) => eb.fn.countAll<number>().as('count')])
    .where('t.study_id', '=', studyId)
    .where('t.item', '=', item)
    .where('r.status', '=', 'submitted')
    .groupBy(['c.theme_id', 'o.key'])
    .execute();
  const rounds = await roundKeys(db, studyId);
  return themes.map((t) => {
    const per = rounds.map((round) => ({ round, count: Number(counts.find((c) => c.theme_id === t.id && c.round === round)?.count ?? 0) }));
    return { id: t.id, name: t.name, counts: per, total: per.reduce((s, c) => s + c.count, 0) };
  });
}

/** Submitted answers with text to one question, oldest round first; optionally one round and a search text. */
export async function answersOf(
  db: Kysely<Database>,
  studyId: number,
  item: string,
  filter: { round?: string; q?: string },
  ctx: IdentifyingContext,
): Promise<OpenAnswer[]> {
  let query = db
    .selectFrom('answer as a')
    .innerJoin('response as r', 'r.id', 'a.response_id')
    .innerJoin('round as o', 'o.id', 'r.round_id')
    .leftJoin('participant as p', 'p.id', 'r.participant_id')
    .select(['r.id as responseId', 'o.key as round', 'p.role as role', 'a.text as text'])
    .where('r.study_id', '=', studyId)
    .where('r.status', '=', 'submitted')
    .where('a.item', '=', item)
    .where('a.text', 'is not', null)
    .where('a.text', '!=', '');
  if (filter.round) query = query.where('o.key', '=', filter.round);
  // Search in JavaScript: case- and accent-insensitive, and a question has at most a few
  // hundred answers.
  const needle = fold(filter.q ?? '');
  const rows = (await query.orderBy('o.position').orderBy('r.id').execute()).filter((r) => !needle || fold(r.text ?? '').includes(needle));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.responseId);
  const codings = await db
    .selectFrom('open_coding as c')
    .innerJoin('open_theme as t', 't.id', 'c.theme_id')
    .select(['c.response_id', 'c.theme_id'])
    .where('t.item', '=', item)
    .where('c.response_id', 'in', ids)
    .execute();
  const excerpts = await db
    .selectFrom('quote_excerpt')
    .select(['id', 'response_id', 'excerpt', 'role_label', 'approved_at'])
    .where('study_id', '=', studyId)
    .where('item', '=', item)
    .where('response_id', 'in', ids)
    .execute();
  return rows.map((r) => {
    const e = excerpts.find((x) => x.response_id === r.responseId);
    return {
      responseId: r.responseId,
      round: r.round,
      role: r.role ?? '',
      text: r.text ?? '',
      themes: codings.filter((c) => c.response_id === r.responseId).map((c) => c.theme_id),
      excerpt: e
        ? {
            id: e.id,
            text: e.excerpt,
            roleLabel: e.role_label,
            approved: e.approved_at !== null,
            approvedAt: e.approved_at,
            warnings: findIdentifying(e.excerpt, ctx),
          }
        : null,
      warnings: findIdentifying(r.text ?? '', ctx),
    };
  });
}

function fold(s: string): string {
  return folded(s).trim();
}

/** The submitted answer (response × item) with text, or undefined. */
/**
 * The participant keys behind these responses, for the access log (anonymous responses have
 * none). The keys are logged, never sent with the answers.
 */
export async function participantKeysOf(db: Kysely<Database>, responseIds: readonly number[]): Promise<string[]> {
  const keys: string[] = [];
  // SQLite allows at most 32,766 bound parameters; a question has far fewer answers, but chunk anyway.
  for (let i = 0; i < responseIds.length; i += 5000) {
    const rows = await db
      .selectFrom('response as r')
      .innerJoin('participant as p', 'p.id', 'r.participant_id')
      .select('p.key')
      .where('r.id', 'in', responseIds.slice(i, i + 5000))
      .execute();
    keys.push(...rows.map((r) => r.key));
  }
  return [...new Set(keys)];
}

export async function findAnswer(db: Kysely<Database>, studyId: number, responseId: number, item: string) {
  return db
    .selectFrom('answer as a')
    .innerJoin('response as r', 'r.id', 'a.response_id')
    .select(['a.text'])
    .where('r.study_id', '=', studyId)
    .where('r.status', '=', 'submitted')
    .where('r.id', '=', responseId)
    .where('a.item', '=', item)
    .where('a.text', 'is not', null)
    .executeTakeFirst();
}
