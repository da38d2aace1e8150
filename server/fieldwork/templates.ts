import type { Kysely } from 'kysely';
import { LANGUAGES, type Lang } from '../../model/index.js';
import type { Database } from '../db/schema.js';
import type { Template } from '../../model/api/fieldwork.js';
import { DEFAULT_TEMPLATES, type TemplateText } from './default-templates.js';
import { MAIL_KINDS, type MailKind } from '../../model/values.js';
import type {} from './schema.js';

/** The template a study uses for a kind and language: its own, or the default. */
export async function getTemplate(db: Kysely<Database>, studyId: number, kind: MailKind, language: Lang): Promise<Template> {
  const row = await db
    .selectFrom('mail_template')
    .select(['subject', 'body', 'updated_at'])
    .where('study_id', '=', studyId)
    .where('kind', '=', kind)
    .where('language', '=', language)
    .executeTakeFirst();
  if (row) return { kind, language, subject: row.subject, body: row.body, custom: true, updatedAt: row.updated_at };
  return { kind, language, ...DEFAULT_TEMPLATES[kind][language], custom: false, updatedAt: null };
}

export async function listTemplates(db: Kysely<Database>, studyId: number): Promise<Template[]> {
  const out: Template[] = [];
  for (const kind of MAIL_KINDS) for (const language of LANGUAGES) out.push(await getTemplate(db, studyId, kind, language));
  return out;
}

/** Stores a study's own text (checked by the caller); null subject and body go back to the default. */
export async function saveTemplate(
  trx: Kysely<Database>,
  studyId: number,
  kind: MailKind,
  language: Lang,
  text: TemplateText | null,
  actor: string,
  now: Date,
): Promise<void> {
  if (!text) {
    await trx
      .deleteFrom('mail_template')
      .where('study_id', '=', studyId)
      .where('kind', '=', kind)
      .where('language', '=', language)
      .execute();
    return;
  }
  await trx
    .insertInto('mail_template')
    .values({ study_id: studyId, kind, language, subject: text.subject, body: text.body, updated_at: now.toISOString(), updated_by: actor })
    .onConflict((oc) =>
      oc
        .columns(['study_id', 'kind', 'language'])
        .doUpdateSet({ subject: text.subject, body: text.body, updated_at: now.toISOString(), updated_by: actor }),
    )
    .execute();
}
