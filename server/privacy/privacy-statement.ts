import type { Kysely } from 'kysely';
import type { LocalText, Study } from '../../model/index.js';
import type { Database } from '../db/schema.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { writeTx } from '../db/tx.js';
import { getStudyDefinition, saveStudyDefinition } from '../studies/repository.js';

/**
 * The privacy statement a respondent reads before the first question (model/study.ts
 * `privacyStatement`): what is asked, why, who sees what, how long it is kept, and whom to ask.
 * It lives in the study definition; this is the one place that edits it.
 */
export async function privacyStatement(
  db: Kysely<Database>,
  studyId: number,
): Promise<{ statement: LocalText; languages: Study['languages'] }> {
  const study = await getStudyDefinition(db, studyId);
  return { statement: study.privacyStatement ?? {}, languages: study.languages };
}

/**
 * Replaces the statement. Each of the study's languages needs a text (a respondent may choose
 * either); texts are stored trimmed, as typed, and always shown as text, never as HTML.
 */
export async function setPrivacyStatement(
  db: Kysely<Database>,
  input: { studyId: number; statement: LocalText; actor: string; session?: string; now: Date },
): Promise<{ statement: LocalText }> {
  return writeTx(db, async (trx) => {
    const study = await getStudyDefinition(trx, input.studyId);
    const statement: LocalText = {};
    for (const lang of ['nl', 'en'] as const) {
      const text = input.statement[lang]?.trim();
      if (text === undefined) continue;
      if (!study.languages.includes(lang))
        throw new ApiError('VALIDATION', `This study is not in ${lang === 'nl' ? 'Dutch' : 'English'}.`, { field: lang });
      if (text) statement[lang] = text;
    }
    const missing = study.languages.filter((l) => !statement[l]);
    if (missing.length)
      throw new ApiError('VALIDATION', `The privacy statement needs a text in ${missing.join(' and ')}.`, { field: missing[0] });
    const changed = JSON.stringify(study.privacyStatement ?? {}) !== JSON.stringify(statement);
    if (changed) {
      await saveStudyDefinition(trx, input.studyId, { ...study, privacyStatement: statement });
      await audit(trx, {
        actor: input.actor,
        session: input.session,
        studyId: input.studyId,
        action: 'privacy.statement.update',
        details: {
          languages: Object.keys(statement),
          length: Object.fromEntries(Object.entries(statement).map(([k, v]) => [k, v.length])),
        },
        at: input.now,
      });
    }
    return { statement };
  });
}
