import type { Kysely } from 'kysely';
import {
  checkCohortAttributes,
  normaliseAttributeValue,
  type AttributeIssue,
  type CohortAttribute,
} from '../../model/cohort-attributes.js';
import type { Study } from '../../model/study.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { getStudyDefinition, saveStudyDefinition } from '../studies/repository.js';
import { coverageBrokenBy, type DomainCoverageIssue } from '../../model/domain-coverage-check.js';
import { currentQuestionnaire } from '../setup/questionnaire-store.js';

/**
 * Cohort attributes (issue 16): the study's own participant fields (definitions in the study's
 * definition, model/cohort-attributes.ts) and each participant's values
 * (migrations/20261206_0106_cohort_attributes.ts). Every change is checked whole before anything
 * is written: bad input gives one clear message and changes nothing.
 */
declare module '../db/schema.js' {
  interface Database {
    participant_attribute: ParticipantAttributeTable;
  }
}

export interface ParticipantAttributeTable {
  participant_id: number;
  key: string;
  value: string;
}

interface Meta {
  actor: string;
  session?: string;
  now?: Date;
}

/**
 * The refusal of an edit that would break the domain coverage setting (model/domain-coverage-check.ts
 * coverageBrokenBy): 409, the issues in `details.issues`, the first one's text for the screens.
 */
export function domainCoverageConflict(broken: DomainCoverageIssue[]): ApiError {
  return new ApiError('CONFLICT', broken[0].message.en, {
    reason: 'domain-coverage',
    field: `domainCoverage.${broken[0].field}`,
    issues: broken,
    text: broken[0].message,
  });
}

/** The API error for the first of a list of issues, with all of them in `details.issues`. */
export function attributeError(issues: AttributeIssue[]): ApiError {
  return new ApiError('VALIDATION', issues[0].message.en, { reason: issues[0].code, issues });
}

export function attributesOf(study: Pick<Study, 'cohortAttributes'>): CohortAttribute[] {
  return study.cohortAttributes ?? [];
}

/** Each participant's attribute values (participant id → key → value), for one study. */
export async function attributeValues(db: Kysely<Database>, studyId: number): Promise<Map<number, Record<string, string>>> {
  const rows = await db
    .selectFrom('participant_attribute')
    .innerJoin('participant', 'participant.id', 'participant_attribute.participant_id')
    .select(['participant_attribute.participant_id', 'participant_attribute.key', 'participant_attribute.value'])
    .where('participant.study_id', '=', studyId)
    .execute();
  const out = new Map<number, Record<string, string>>();
  for (const r of rows) {
    let values = out.get(r.participant_id);
    if (!values) out.set(r.participant_id, (values = Object.create(null) as Record<string, string>));
    values[r.key] = r.value;
  }
  return out;
}

/** How many participants hold each value of each attribute (key → value → count). */
export async function attributeUsage(db: Kysely<Database>, studyId: number): Promise<Record<string, Record<string, number>>> {
  const rows = await db
    .selectFrom('participant_attribute')
    .innerJoin('participant', 'participant.id', 'participant_attribute.participant_id')
    .select(['participant_attribute.key', 'participant_attribute.value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('participant.study_id', '=', studyId)
    .groupBy(['participant_attribute.key', 'participant_attribute.value'])
    .execute();
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.key] ??= {})[r.value] = Number(r.n);
  return out;
}

/**
 * Checks values for a participant against the study's attributes: known keys only, allowed
 * values only (matched case-insensitively to the list's spelling). Returns the values to store
 * ('' removes one) or throws a VALIDATION error naming the first problem.
 */
export function checkParticipantValues(attributes: CohortAttribute[], values: Record<string, string>): Record<string, string> {
  const issues: AttributeIssue[] = [];
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(values)) {
    const attribute = attributes.find((a) => a.key === key);
    if (!attribute) {
      issues.push({
        code: 'invalid-key',
        key,
        message: {
          nl: `Dit onderzoek heeft geen kenmerk "${key.slice(0, 40)}".`,
          en: `This study has no attribute "${key.slice(0, 40)}".`,
        },
      });
      continue;
    }
    const checked = normaliseAttributeValue(attribute, raw);
    if (checked.ok) out[key] = checked.value;
    else issues.push(checked.issue);
  }
  if (issues.length) throw attributeError(issues);
  return out;
}

/** Stores checked values for one participant, in the caller's transaction ('' deletes the value). */
export async function writeParticipantValues(trx: Kysely<Database>, participantId: number, values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (!value) {
      await trx.deleteFrom('participant_attribute').where('participant_id', '=', participantId).where('key', '=', key).execute();
    } else {
      await trx
        .insertInto('participant_attribute')
        .values({ participant_id: participantId, key, value })
        .onConflict((oc) => oc.columns(['participant_id', 'key']).doUpdateSet({ value }))
        .execute();
    }
  }
}

/**
 * Replaces the study's attribute definitions. Refused, with nothing changed, when a definition
 * is bad (model/cohort-attributes.ts checkCohortAttributes) or when a new list of allowed values
 * would leave participants with a value it no longer holds. Values of an attribute that is
 * removed are deleted with it (the audit entry counts them).
 */
export function saveCohortAttributes(db: Kysely<Database>, studyId: number, list: CohortAttribute[], meta: Meta) {
  return writeTx(db, (trx) => replaceCohortAttributes(trx, studyId, list, meta));
}

/** saveCohortAttributes in the caller's write transaction (the cohort import creates attributes in its own). */
export async function replaceCohortAttributes(
  trx: Kysely<Database>,
  studyId: number,
  list: CohortAttribute[],
  meta: Meta,
): Promise<CohortAttribute[]> {
  const issues = checkCohortAttributes(list);
  if (issues.length) throw attributeError(issues);
  const clean: CohortAttribute[] = list.map((a) => ({
    key: a.key,
    label: { nl: a.label.nl.trim(), ...(a.label.en?.trim() ? { en: a.label.en.trim() } : {}) },
    ...(a.values
      ? {
          values: a.values.map((v) => ({
            value: v.value.trim(),
            ...(v.label?.nl?.trim() ? { label: { nl: v.label.nl.trim(), ...(v.label.en?.trim() ? { en: v.label.en.trim() } : {}) } } : {}),
          })),
        }
      : {}),
  }));
  {
    const definition = await getStudyDefinition(trx, studyId);
    const usage = await attributeUsage(trx, studyId);
    for (const a of clean) {
      if (!a.values) continue;
      const allowed = new Set(a.values.map((v) => v.value));
      const stray = Object.entries(usage[a.key] ?? {}).filter(([value]) => !allowed.has(value));
      if (stray.length) {
        const [value, n] = stray[0];
        throw attributeError([
          {
            code: 'value-not-allowed',
            key: a.key,
            message: {
              nl:
                `${n} deelnemer(s) hebben bij "${a.label.nl}" de waarde "${value}", die niet in de nieuwe lijst staat; ` +
                'voeg die waarde toe of pas eerst die deelnemers aan.',
              en:
                `${n} participant(s) have the value "${value}" for "${a.label.en ?? a.label.nl}", which is not in the new list; ` +
                'add that value or change those participants first.',
            },
          },
        ]);
      }
    }
    // The domain coverage setting reads these attributes (and maybe a question): an edit that would break it is refused.
    if (definition.domainCoverage) {
      const questionnaire = definition.domainCoverage.item ? (await currentQuestionnaire(trx, studyId)).definition : null;
      const broken = coverageBrokenBy(
        definition.domainCoverage,
        { attributes: definition.cohortAttributes, questionnaire },
        { attributes: clean, questionnaire },
        definition.vocabulary,
      );
      if (broken.length) throw domainCoverageConflict(broken);
    }
    const removed = attributesOf(definition)
      .map((a) => a.key)
      .filter((k) => !clean.some((a) => a.key === k));
    let valuesRemoved = 0;
    for (const key of removed) {
      const ids = trx.selectFrom('participant').select('id').where('study_id', '=', studyId);
      const res = await trx
        .deleteFrom('participant_attribute')
        .where('key', '=', key)
        .where('participant_id', 'in', ids)
        .executeTakeFirst();
      valuesRemoved += Number(res.numDeletedRows);
    }
    const next: Study = { ...definition, cohortAttributes: clean };
    if (!clean.length) delete next.cohortAttributes;
    await saveStudyDefinition(trx, studyId, next);
    await audit(trx, {
      actor: meta.actor,
      session: meta.session,
      studyId,
      action: 'cohort.attributes',
      at: meta.now,
      details: { keys: clean.map((a) => a.key), removed, valuesRemoved },
    });
    return clean;
  }
}
