import type { Kysely } from 'kysely';
import type { LocalText, Partner, Questionnaire, Round, Study, Tool } from '../../model/index.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError, refusal } from '../errors.js';
import { insertStudy, StudyDefinitionError, type CreatedStudy, type StudySource } from '../studies/create-study.js';
import { findStudyForMember, findStudyId } from '../studies/repository.js';
import { currentQuestionnaire } from './questionnaire-store.js';
import { TEMPLATES, type TemplateDefinition } from './templates.js';
import type { Vocabulary } from '../../model/vocabulary.js';

export type { StudySource };

export interface CreateStudyInput {
  title: LocalText;
  organisation: string;
  slug?: string;
  languages?: ('nl' | 'en')[];
  description?: LocalText;
  source: Exclude<StudySource, { kind: 'file' }>;
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
    if ((await findStudyId(db, slug)) === null) return slug;
  }
  throw refusal('CONFLICT', {
    nl: 'Er is geen vrije korte naam voor dit onderzoek; kies er zelf een.',
    en: 'No free short name for this study; choose one yourself.',
  });
}

/**
 * The set-up screens' way into the one study creator (server/studies/create-study.ts): builds
 * the study from a template or as a copy of another study's rounds, catalogues and current
 * questionnaire, finds it a free short name, and creates it with the user as its researcher —
 * all in one transaction.
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
    const title = {
      nl: input.title.nl?.trim() || input.title.en?.trim() || '',
      en: input.title.en?.trim() || input.title.nl?.trim() || '',
    };
    if (!title.nl)
      throw refusal(
        'VALIDATION',
        { nl: 'Een onderzoek heeft een titel nodig.', en: 'A study needs a title.' },
        { issues: [{ path: '/title', message: 'A study needs a title.' }] },
      );
    let parts: {
      rounds: Round[];
      partners: Partner[];
      tools: Tool[];
      questionnaire: unknown;
      vocabulary?: Vocabulary;
      definition?: TemplateDefinition;
    };
    if (input.source.kind === 'template') {
      const source = input.source;
      const template = TEMPLATES.find((t) => t.key === source.template);
      if (!template)
        throw refusal('VALIDATION', {
          nl: `Er is geen sjabloon ‘${input.source.template}’.`,
          en: `There is no template "${input.source.template}".`,
        });
      parts = template.build(title, now);
    } else {
      parts = await copyParts(trx, userId, input.source.slug);
      (parts.questionnaire as Questionnaire).title = { ...title };
    }
    const slug = input.slug ? input.slug : await freeSlug(trx, slugify(title.nl));
    if (input.slug && (await findStudyId(trx, slug)) !== null) {
      throw refusal(
        'CONFLICT',
        { nl: `De korte naam ‘${slug}’ is al in gebruik.`, en: `The short name "${slug}" is already in use.` },
        { field: 'slug' },
      );
    }
    const { vocabulary, definition, ...rest } = parts;
    const study: Study = {
      ...(vocabulary ? { vocabulary } : {}),
      // Issue 17: a template's groups, cohort attributes and domain coverage setting.
      ...(definition ? structuredClone(definition) : {}),
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
      created = await insertStudy(trx, { study, ...rest }, { now, creator: { userId, session: meta.session, source: input.source } });
    } catch (err) {
      // The definition's own checks are technical (a schema path and rule); said as they are, in a sentence of the user's language.
      if (err instanceof StudyDefinitionError)
        throw refusal(
          'VALIDATION',
          { nl: `Zo kan het onderzoek niet worden gemaakt: ${err.message}`, en: err.message },
          { issues: err.issues },
        );
      throw err;
    }
    return { slug, studyId: created.studyId };
  });
}

async function copyParts(trx: Kysely<Database>, userId: number, slug: string) {
  const found = await findStudyForMember(trx, slug, userId);
  // Not a researcher there: the same answer as for a study that does not exist.
  if (!found || found.role !== 'researcher') throw new ApiError('NOT_FOUND', `There is no study "${slug}" you can copy.`);
  const source = found.study;
  const rounds = await trx.selectFrom('round').selectAll().where('study_id', '=', source.id).orderBy('position').execute();
  const partners = await trx.selectFrom('partner').selectAll().where('study_id', '=', source.id).orderBy('position').execute();
  const tools = await trx.selectFrom('tool').selectAll().where('study_id', '=', source.id).orderBy('position').execute();
  return {
    // The copy speaks the study's own words too.
    ...(source.definition.vocabulary ? { vocabulary: structuredClone(source.definition.vocabulary) } : {}),
    rounds: rounds.map((r): Round => ({ key: r.key, label: { nl: r.label_nl, en: r.label_en }, opensAt: null, closesAt: null })),
    partners: partners.map((p): Partner => ({ name: p.name, domain: p.domain })),
    tools: tools.map((t): Tool => ({ name: t.name, description: parseText(t.description) })),
    questionnaire: (await currentQuestionnaire(trx, source.id)).definition,
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
