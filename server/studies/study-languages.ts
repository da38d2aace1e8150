import type { Kysely } from 'kysely';
import type { Lang, Study } from '../../model/index.js';
import { itemAt, onlyInMessage, textsOnlyIn, type OnlyInText } from '../../model/study-languages.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { currentQuestionnaire } from '../setup/questionnaire-store.js';
import { saveStudyDefinition } from './repository.js';

export interface ChangeLanguagesInput {
  studyId: number;
  study: Study;
  languages: Lang[];
  defaultLanguage?: Lang;
  actor: string;
  session?: string;
  now: Date;
}

export interface LanguagesChanged {
  languages: Lang[];
  defaultLanguage: Lang;
  /** Texts that exist in the study's earlier languages but not yet in a language just added. */
  untranslated: number;
}

/** Every text of the study in one list: its details and words, the current questionnaire, tool descriptions, own mails. */
async function textsOf(trx: Kysely<Database>, studyId: number, study: Study, from: Lang, to: Lang): Promise<OnlyInText[]> {
  const q = await currentQuestionnaire(trx, studyId);
  const tools = await trx.selectFrom('tool').select(['name', 'description']).where('study_id', '=', studyId).orderBy('position').execute();
  const mails = await trx.selectFrom('mail_template').select(['kind', 'language']).where('study_id', '=', studyId).execute();
  const { languages: _l, defaultLanguage: _d, ...texts } = study;
  const found = [
    ...textsOnlyIn(texts, from, to, 'study'),
    ...textsOnlyIn(q.definition, from, to, 'questionnaire').map((t) => ({ ...t, item: itemAt(q.definition, t.path) })),
    ...tools.flatMap((t, i) => textsOnlyIn(safeJson(t.description), from, to, 'tools', `/${i}/description`)),
  ];
  for (const m of mails) {
    if (m.language === from && !mails.some((o) => o.kind === m.kind && o.language === to))
      found.push({ source: 'mail', path: `/${m.kind}` });
  }
  return found;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Changes the languages a study is in. Adding a language is always possible (the texts still to
 * translate are counted and returned); dropping one is refused while any text exists only in it,
 * with a message that says how many and where — nothing is changed then. Texts in a dropped
 * language are kept in the definition, so adding the language back brings them back. A round's
 * mail language that is dropped falls back to the participant's own. Audit-logged.
 */
export async function changeStudyLanguages(db: Kysely<Database>, input: ChangeLanguagesInput): Promise<LanguagesChanged> {
  const languages = [...new Set(input.languages)];
  if (!languages.length) {
    throw new ApiError('VALIDATION', 'A study needs at least one language.', {
      field: 'languages',
      reason: 'no-language',
      text: {
        nl: 'Een onderzoek heeft minstens één taal nodig. Er is niets gewijzigd.',
        en: 'A study needs at least one language. Nothing was changed.',
      },
    });
  }
  const defaultLanguage =
    input.defaultLanguage ?? (languages.includes(input.study.defaultLanguage) ? input.study.defaultLanguage : languages[0]);
  if (!languages.includes(defaultLanguage)) {
    throw new ApiError('VALIDATION', 'The default language must be one of the study’s languages.', {
      field: 'defaultLanguage',
      reason: 'default-not-offered',
      text: {
        nl: 'De standaardtaal moet een van de talen van het onderzoek zijn. Er is niets gewijzigd.',
        en: 'The default language must be one of the study’s languages. Nothing was changed.',
      },
    });
  }
  const before = input.study.languages;
  const dropped = before.filter((l) => !languages.includes(l));
  const added = languages.filter((l) => !before.includes(l));
  return writeTx(db, async (trx) => {
    for (const lang of dropped) {
      const kept = languages[0];
      const only = await textsOf(trx, input.studyId, input.study, lang, kept);
      if (only.length) {
        const text = onlyInMessage(only, lang, kept);
        throw new ApiError('CONFLICT', text.en, {
          reason: 'texts-only-in',
          language: lang,
          count: only.length,
          items: [...new Set(only.map((t) => t.item).filter(Boolean))].slice(0, 50),
          text,
        });
      }
    }
    let untranslated = 0;
    for (const lang of added) {
      untranslated += (await textsOf(trx, input.studyId, input.study, before[0], lang)).length;
    }
    const unchanged = !dropped.length && !added.length && defaultLanguage === input.study.defaultLanguage;
    if (unchanged) return { languages: before, defaultLanguage, untranslated };
    await saveStudyDefinition(trx, input.studyId, { ...input.study, languages, defaultLanguage });
    if (dropped.length) {
      const rounds = trx.selectFrom('round').select('id').where('study_id', '=', input.studyId);
      await trx
        .updateTable('round_schedule')
        .set({ language: null })
        .where('round_id', 'in', rounds)
        .where('language', 'in', dropped)
        .execute();
    }
    await audit(trx, {
      actor: input.actor,
      session: input.session,
      studyId: input.studyId,
      action: 'study.languages',
      details: { from: before, to: languages, defaultLanguage },
      at: input.now,
    });
    return { languages, defaultLanguage, untranslated };
  });
}
