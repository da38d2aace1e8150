import type { Kysely } from 'kysely';
import type { InstrumentReport, InstrumentSource } from '../../../model/api/instrument.js';
import type { Study } from '../../../model/study.js';
import type { Database } from '../../db/schema.js';
import { currentQuestionnaire, saveQuestionnaire } from '../../setup/questionnaire-store.js';
import { readLimeSurvey } from './limesurvey.js';
import { readRedcap } from './redcap.js';

/**
 * Reads an instrument file and checks the questionnaire it gives against the study, through the
 * builder's own save (checks, versioning rules): `apply: false` is the dry run and writes nothing;
 * `apply: true` replaces the study's questionnaire (a new version once rounds have answers).
 * A file that cannot be read, or a questionnaire the builder refuses, writes nothing.
 */
export async function importInstrument(
  db: Kysely<Database>,
  study: { id: number; definition: Study },
  input: { source: InstrumentSource; bytes: Buffer; fileName: string; apply: boolean; actor: string; session?: string; now?: Date },
): Promise<InstrumentReport> {
  const rounds = await db.selectFrom('round').select('key').where('study_id', '=', study.id).orderBy('position').execute();
  const context = { languages: study.definition.languages, roundKeys: rounds.map((r) => r.key) };
  const read = input.source === 'limesurvey' ? readLimeSurvey : readRedcap;
  const report = read(input.bytes, input.fileName, context);
  if (!report.ok || !report.questionnaire) return report;
  const current = await currentQuestionnaire(db, study.id);
  const result = await saveQuestionnaire(
    db,
    study.id,
    study.definition,
    {
      definition: report.questionnaire,
      baseVersion: current.version,
      baseRevision: current.revision,
      note: `imported from ${input.source === 'limesurvey' ? 'LimeSurvey' : 'REDCap'} file ${input.fileName.slice(0, 100)}`,
      actor: input.actor,
      session: input.session,
      source: 'import',
      dryRun: !input.apply,
    },
    input.now,
  );
  if (!result.ok) {
    report.ok = false;
    if (result.reason === 'invalid') report.issues = result.issues;
    return report;
  }
  report.changes = result.changes;
  report.outcome = result.outcome;
  report.version = result.version;
  report.applied = input.apply && result.outcome !== 'none';
  return report;
}
