import type { Kysely } from 'kysely';
import type { LocalText, Partner, Questionnaire, Round, Study, Tool } from '../../model/index.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { insertStudy, StudyDefinitionError, type CreatedStudy } from '../studies/create-study.js';
import { TEMPLATES } from './templates.js';

export type StudySource = { kind: 'template'; template: string } | { kind: 'copy'; slug: string };

export interface CreateStudyInput {
  title: LocalText;
  organisation: string;
  slug?: string;
  languages?: ('nl' | 'en')[];
  description?: LocalText;
  source: StudySource;
}

/** A URL-safe study name from its title: "1000 Kansen — IMH" → "1000-kansen-imh". */
export function slugify(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/g, '');
  return s || 'onderzoek';
}

async function freeSlug(db: Kysely<Database>, wanted: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const slug = n === 1 ? wanted : `${wanted}-${n}`;
    const taken = await db.selectFrom('study').select('id').where('slug', '=', slug).executeTakeFirst();
    if (!taken) return slug;
  }
  throw new ApiError('CONFLICT', 'No free short name for this study; choose one yourself.');
}

/**
 * Creates a study from a template or as a copy of another study's rounds, catalogues and
 * current questionnaire, and makes the creator its researcher — all in one transaction.
 */
export async function createStudyFor(
  db: Kysely<Database>,
  userId: number,
  input: CreateStudyInput,
  meta: { session?: string; now?: Date } = {},
): Promise<{ slug: string; studyId: number }> {
  const now = meta.now ?? new Date();
  return writeTx(db, async (trx) => {
    const languages = input.languages?.length ? input.languages : (['nl', 'en'] as ('nl' | 'en')[]);
    const title = { nl: input.title.nl?.trim() || input.title.en?.trim() || '', en: input.title.en?.trim() || input.title.nl?.trim() || '' };
    if (!title.nl) throw new ApiError('VALIDATION', 'A study needs a title.', { issues: [{ path: '/title', message: 'A study needs a title.' }] });
    let parts: { rounds: Round[]; partners: Partner[]; tools: Tool[]; questionnaire: unknown };
    if (input.source.kind === 'template') {
      const source = input.source;
      const template = TEMPLATES.find((t) => t.key === source.template);
      if (!template) throw new ApiError('VALIDATION', `There is no template "${input.source.template}".`);
      parts = template.build(title);
    } else {
      parts = await copyParts(trx, userId, input.source.slug);
      (parts.questionnaire as Questionnaire).title = { ...title };
    }
    const slug = input.slug ? input.slug : await freeSlug(trx, slugify(title.nl));
    if (input.slug && (await trx.selectFrom('study').select('id').where('slug', '=', slug).executeTakeFirst())) {
      throw new ApiError('CONFLICT', `The short name "${slug}" is already in use.`, { field: 'slug' });
    }
    const study: Study = {
      slug,
      title,
      description: input.description ?? { nl: '', en: '' },
      organisation: input.organisation.trim(),
      languages,
      defaultLanguage: languages[0],
      colophon: { organisation: input.organisation.trim() },
    };
    let created: CreatedStudy;
    try {
      created = await insertStudy(trx, { study, ...parts }, { now });
    } catch (err) {
      if (err instanceof StudyDefinitionError) throw new ApiError('VALIDATION', err.message, { issues: err.issues });
      throw err;
    }
    await trx.insertInto('study_member').values({ study_id: created.studyId, user_id: userId, role: 'researcher' }).execute();
    await trx
      .insertInto('questionnaire_edit')
      .values({
        study_id: created.studyId, version_id: created.questionnaireVersionId, kind: 'created',
        summary: input.source.kind === 'template' ? `created from template ${input.source.template}` : `copied from study ${input.source.slug}`,
        changes: '[]', actor: `user:${userId}`, at: now.toISOString(),
      })
      .execute();
    await audit(trx, {
      actor: `user:${userId}`, studyId: created.studyId, action: 'study.create', target: slug, session: meta.session, at: now,
      details: { source: input.source.kind === 'template' ? `template:${input.source.template}` : `copy:${input.source.slug}` },
    });
    return { slug, studyId: created.studyId };
  });
}

async function copyParts(trx: Kysely<Database>, userId: number, slug: string) {
  const source = await trx
    .selectFrom('study')
    .innerJoin('study_member', 'study_member.study_id', 'study.id')
    .select(['study.id'])
    .where('study.slug', '=', slug)
    .where('study_member.user_id', '=', userId)
    .where('study_member.role', '=', 'researcher')
    .executeTakeFirst();
  // Not a researcher there: the same answer as for a study that does not exist.
  if (!source) throw new ApiError('NOT_FOUND', `There is no study "${slug}" you can copy.`);
  const rounds = await trx.selectFrom('round').selectAll().where('study_id', '=', source.id).orderBy('position').execute();
  const partners = await trx.selectFrom('partner').selectAll().where('study_id', '=', source.id).orderBy('position').execute();
  const tools = await trx.selectFrom('tool').selectAll().where('study_id', '=', source.id).orderBy('position').execute();
  const q = await trx.selectFrom('questionnaire_version').select('definition').where('study_id', '=', source.id).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  return {
    rounds: rounds.map((r): Round => ({ key: r.key, label: { nl: r.label_nl, en: r.label_en }, opensAt: null, closesAt: null })),
    partners: partners.map((p): Partner => ({ name: p.name, domain: p.domain })),
    tools: tools.map((t): Tool => ({ name: t.name, description: parseText(t.description) })),
    questionnaire: JSON.parse(q.definition) as Questionnaire,
  };
}

export function parseText(raw: string): LocalText {
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === 'object') return { nl: (v as LocalText).nl ?? '', en: (v as LocalText).en ?? '' };
  } catch {
    /* a plain string from an older row */
  }
  return { nl: raw, en: raw };
}
