import type { Kysely } from 'kysely';
import { coverageBrokenBy } from '../../model/domain-coverage-check.js';
import { checkGroups, checkQuestionnaire, type Questionnaire, type QuestionnaireIssue, type Study } from '../../model/index.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { parseQuestionnaireDefinition } from '../studies/repository.js';
import { audit } from '../audit.js';
import { diffQuestionnaires, type QuestionnaireChange, type SaveOutcome } from './questionnaire-diff.js';
import type { EditKind } from './schema.js';
import { changeLabels, type ChangeLabel } from '../../model/change-labels.js';

export interface CurrentQuestionnaire {
  versionId: number;
  version: number;
  revision: number;
  definition: Questionnaire;
  /** Round keys with at least one response (draft or submitted) on this version. */
  answeredRounds: string[];
  responseCount: number;
}

/** The latest version of a study's questionnaire and where it has been answered. */
export async function currentQuestionnaire(db: Kysely<Database>, studyId: number): Promise<CurrentQuestionnaire> {
  const v = await db
    .selectFrom('questionnaire_version')
    .select(['id', 'version', 'revision', 'definition'])
    .where('study_id', '=', studyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const rounds = await db
    .selectFrom('response')
    .innerJoin('round', 'round.id', 'response.round_id')
    .select(['round.key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('response.questionnaire_version_id', '=', v.id)
    .groupBy('round.key')
    .execute();
  return {
    versionId: v.id,
    version: v.version,
    revision: v.revision,
    definition: parseQuestionnaireDefinition(v.definition, `questionnaire version ${v.version} of study ${studyId}`),
    answeredRounds: rounds.map((r) => r.key),
    responseCount: rounds.reduce((s, r) => s + Number(r.n), 0),
  };
}

/** What checkQuestionnaire needs to know about the study. */
export async function questionnaireContext(db: Kysely<Database>, studyId: number, study: Study) {
  const [rounds, partners, tools] = await Promise.all([
    db.selectFrom('round').select('key').where('study_id', '=', studyId).orderBy('position').execute(),
    db
      .selectFrom('partner')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('study_id', '=', studyId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('tool')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('study_id', '=', studyId)
      .executeTakeFirstOrThrow(),
  ]);
  return { languages: study.languages, roundKeys: rounds.map((r) => r.key), partnerCount: Number(partners.n), toolCount: Number(tools.n) };
}

export type SaveResult =
  | { ok: false; reason: 'invalid'; issues: QuestionnaireIssue[] }
  | { ok: false; reason: 'stale'; version: number; revision: number }
  | {
      ok: true;
      outcome: SaveOutcome;
      version: number;
      revision: number;
      versionId: number;
      changes: QuestionnaireChange[];
      labels: ChangeLabel[];
    };

export interface SaveInput {
  definition: unknown;
  /** The version and revision the editor started from; a mismatch means someone else saved. */
  baseVersion: number;
  baseRevision: number;
  note?: string;
  actor: string;
  session?: string;
  /** 'import' when the definition came from a file. */
  source?: 'edit' | 'import';
  /** Only check and classify; write nothing. */
  dryRun?: boolean;
}

/**
 * Saves an edited questionnaire by the versioning rules of questionnaire-diff.ts: in place
 * (revision + 1) or as a new version, with a history record and an audit entry, in one
 * transaction. Problems come back as data, never as a half-saved questionnaire.
 */
export async function saveQuestionnaire(
  db: Kysely<Database>,
  studyId: number,
  study: Study,
  input: SaveInput,
  now = new Date(),
): Promise<SaveResult> {
  const run = async (trx: Kysely<Database>): Promise<SaveResult> => {
    const current = await currentQuestionnaire(trx, studyId);
    const checked = checkQuestionnaire(input.definition, await questionnaireContext(trx, studyId, study));
    if (!checked.ok) return { ok: false, reason: 'invalid', issues: checked.issues };
    // A section a respondent group sees cannot disappear (model/respondent-groups.ts): the group would
    // be left without it, or without any section. Reported with the shape code, as the definition does
    // not fit the study; the message names the group.
    const lost = study.groups ? checkGroups(study.groups, [], checked.questionnaire).filter((i) => i.code === 'unknown-section') : [];
    if (lost.length)
      return {
        ok: false,
        reason: 'invalid',
        issues: lost.map((i) => {
          const text = {
            nl: `${i.message.nl} Pas eerst de respondentgroepen aan.`,
            en: `${i.message.en} Change the respondent groups first.`,
          };
          return { code: 'schema' as const, path: '/sections', message: text.en, text };
        }),
      };
    // The domain coverage setting may read one of its questions: removing it or changing what it asks is refused.
    const broken = coverageBrokenBy(
      study.domainCoverage,
      { attributes: study.cohortAttributes, questionnaire: current.definition },
      { attributes: study.cohortAttributes, questionnaire: checked.questionnaire },
      study.vocabulary,
    );
    if (broken.length)
      return {
        ok: false,
        reason: 'invalid',
        issues: broken.map((i) => ({
          code: 'domain-coverage' as const,
          ...(study.domainCoverage?.item ? { item: study.domainCoverage.item } : {}),
          path: '/sections',
          message: i.message.en,
          text: i.message,
        })),
      };
    if (!input.dryRun && (current.version !== input.baseVersion || current.revision !== input.baseRevision)) {
      return { ok: false, reason: 'stale', version: current.version, revision: current.revision };
    }
    const next = checked.questionnaire;
    const { changes, outcome } = diffQuestionnaires(current.definition, next, current.answeredRounds, study.vocabulary);
    const base = { ok: true as const, outcome, changes, labels: changeLabels(changes) };
    if (input.dryRun || outcome === 'none') {
      return {
        ...base,
        version: outcome === 'new-version' ? current.version + 1 : current.version,
        revision: current.revision,
        versionId: current.versionId,
      };
    }
    const at = now.toISOString();
    const summary =
      input.note?.trim() ||
      changes
        .slice(0, 3)
        .map((c) => c.message.en)
        .join('; ');
    let kind: EditKind = outcome === 'new-version' ? 'new-version' : outcome === 'wording' ? 'wording' : 'edit';
    if (input.source === 'import' && outcome !== 'new-version') kind = 'import';
    let versionId = current.versionId;
    let version = current.version;
    let revision = current.revision + 1;
    if (outcome === 'new-version') {
      version = current.version + 1;
      revision = 1;
      ({ id: versionId } = await trx
        .insertInto('questionnaire_version')
        .values({ study_id: studyId, version, definition: JSON.stringify(next), note: summary.slice(0, 500), created_at: at, revision })
        .returning('id')
        .executeTakeFirstOrThrow());
    } else {
      await trx
        .updateTable('questionnaire_version')
        .set({ definition: JSON.stringify(next), revision })
        .where('id', '=', versionId)
        .execute();
    }
    await trx
      .insertInto('questionnaire_edit')
      .values({
        study_id: studyId,
        version_id: versionId,
        kind,
        summary: summary.slice(0, 500),
        changes: JSON.stringify(changes),
        actor: input.actor,
        at,
      })
      .execute();
    await audit(trx, {
      actor: input.actor,
      studyId,
      action: `questionnaire.${kind}`,
      target: `version ${version}`,
      session: input.session,
      details: { changes: changes.length, items: [...new Set(changes.map((c) => c.item).filter(Boolean))].slice(0, 50) },
      at: now,
    });
    return { ...base, version, revision, versionId };
  };
  return input.dryRun ? run(db) : writeTx(db, run);
}

export interface HistoryEntry {
  version: number;
  kind: EditKind;
  summary: string;
  changes: QuestionnaireChange[];
  /** What the edit is, read from its changes, so older entries are labelled too (model/change-labels.ts). */
  labels: ChangeLabel[];
  actor: string;
  at: string;
}

/** Versions and every save, newest first. */
export async function questionnaireHistory(db: Kysely<Database>, studyId: number) {
  const versions = await db
    .selectFrom('questionnaire_version')
    .select(['version', 'note', 'created_at', 'id'])
    .where('study_id', '=', studyId)
    .orderBy('version', 'desc')
    .execute();
  const counts = await db
    .selectFrom('response')
    .select(['questionnaire_version_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('study_id', '=', studyId)
    .groupBy('questionnaire_version_id')
    .execute();
  const edits = await db
    .selectFrom('questionnaire_edit')
    .innerJoin('questionnaire_version', 'questionnaire_version.id', 'questionnaire_edit.version_id')
    .select([
      'questionnaire_version.version',
      'questionnaire_edit.kind',
      'questionnaire_edit.summary',
      'questionnaire_edit.changes',
      'questionnaire_edit.actor',
      'questionnaire_edit.at',
    ])
    .where('questionnaire_edit.study_id', '=', studyId)
    .orderBy('questionnaire_edit.id', 'desc')
    .limit(200)
    .execute();
  const ids = [...new Set(edits.map((e) => Number(/^user:(\d+)$/.exec(e.actor)?.[1])).filter((n) => n > 0))];
  const names = ids.length ? await db.selectFrom('user').select(['id', 'display_name', 'email']).where('id', 'in', ids).execute() : [];
  const nameOf = (actor: string) => {
    const u = names.find((n) => `user:${n.id}` === actor);
    return u ? u.display_name || u.email : actor;
  };
  return {
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      createdAt: v.created_at,
      responses: Number(counts.find((c) => c.questionnaire_version_id === v.id)?.n ?? 0),
    })),
    edits: edits.map((e): HistoryEntry => {
      const changes = JSON.parse(e.changes) as QuestionnaireChange[];
      return {
        version: e.version,
        kind: e.kind,
        summary: e.summary,
        changes,
        labels: changeLabels(changes),
        actor: nameOf(e.actor),
        at: e.at,
      };
    }),
  };
}
