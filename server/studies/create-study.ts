import type { Kysely } from 'kysely';
import { Value } from '@sinclair/typebox/value';
import {
  PartnerSchema,
  RoundSchema,
  StudySchema,
  ToolSchema,
  checkGroups,
  checkQuestionnaire,
  type Partner,
  type QuestionnaireIssue,
  type Round,
  type Study,
  type Tool,
} from '../../model/index.js';
import { checkDomainCoverage } from '../../model/domain-coverage-check.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';

export interface NewStudy {
  study: Study;
  rounds: Round[];
  partners: Partner[];
  tools: Tool[];
  questionnaire: unknown;
}

/** Where a study made on the set-up screens came from. */
export type StudySource =
  | { kind: 'template'; template: string }
  | { kind: 'copy'; slug: string }
  /** A study file (server/studies/study-file.ts), by its file name. */
  | { kind: 'file'; file: string };

function describeSource(source: StudySource): { summary: string; detail: string } {
  if (source.kind === 'template') return { summary: `created from template ${source.template}`, detail: `template:${source.template}` };
  if (source.kind === 'copy') return { summary: `copied from study ${source.slug}`, detail: `copy:${source.slug}` };
  return { summary: `created from the study file ${source.file}`, detail: `file:${source.file}` };
}

export interface CreateOptions {
  isDemo?: boolean;
  now?: Date;
  /**
   * The user creating it on the set-up screens: they become its researcher, the questionnaire
   * history starts with a "created" entry, and the creation is audited. Fixtures, the demo and
   * tests create studies without one.
   */
  creator?: { userId: number; session?: string; source: StudySource };
}

export interface CreatedStudy {
  studyId: number;
  roundIds: Record<string, number>;
  partnerIds: number[];
  toolIds: number[];
  questionnaireVersionId: number;
}

export class StudyDefinitionError extends Error {
  constructor(readonly issues: { path: string; message: string; item?: string }[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'StudyDefinitionError';
  }
}

/** Checks a whole study definition; problems are returned, never thrown. */
export function checkNewStudy(input: NewStudy): { path: string; message: string; item?: string }[] {
  const issues: { path: string; message: string; item?: string }[] = [];
  const shape = (schema: Parameters<typeof Value.Check>[0], value: unknown, at: string) => {
    for (const e of Value.Errors(schema, value)) issues.push({ path: `${at}${e.path}`, message: `${at}${e.path}: ${e.message}` });
  };
  shape(StudySchema, input.study, '/study');
  input.rounds.forEach((r, i) => shape(RoundSchema, r, `/rounds/${i}`));
  input.partners.forEach((p, i) => shape(PartnerSchema, p, `/partners/${i}`));
  input.tools.forEach((t, i) => shape(ToolSchema, t, `/tools/${i}`));
  if (!input.rounds.length) issues.push({ path: '/rounds', message: 'a study needs at least one round' });
  const keys = input.rounds.map((r) => r.key);
  if (new Set(keys).size !== keys.length) issues.push({ path: '/rounds', message: 'round keys must be unique' });
  if (issues.length) return issues;
  const checked = checkQuestionnaire(input.questionnaire, {
    languages: input.study.languages,
    roundKeys: keys,
    partnerCount: input.partners.length,
    toolCount: input.tools.length,
  });
  if (!checked.ok) issues.push(...(checked.issues as QuestionnaireIssue[]));
  // Respondent groups name sections of this questionnaire (model/respondent-groups.ts).
  if (checked.ok && input.study.groups)
    for (const g of checkGroups(input.study.groups, input.study.languages, checked.questionnaire))
      issues.push({ path: `/study/groups/${g.group}`, message: g.message.en ?? '' });
  // Issue 17: a domain coverage setting names a listed cohort attribute and a multiple-choice item of its domains.
  if (checked.ok && input.study.domainCoverage)
    for (const d of checkDomainCoverage(
      input.study.domainCoverage,
      input.study.cohortAttributes,
      checked.questionnaire,
      input.study.vocabulary,
    ))
      issues.push({ path: `/study/domainCoverage/${d.field}`, message: d.message.en });
  return issues;
}

/**
 * The one study creator: a study with its rounds, partner and tool catalogues and the first
 * questionnaire version (and with a creator, their membership, history entry and audit
 * record), in one transaction: all of it or nothing. The set-up screens (server/setup/studies.ts),
 * the demo and the test fixtures all create studies through it.
 */
export async function createStudy(db: Kysely<Database>, input: NewStudy, options: CreateOptions = {}): Promise<CreatedStudy> {
  return writeTx(db, (trx) => insertStudy(trx, input, options));
}

/** The inserts of createStudy, for callers that are already inside a write transaction. */
export async function insertStudy(trx: Kysely<Database>, input: NewStudy, options: CreateOptions = {}): Promise<CreatedStudy> {
  const issues = checkNewStudy(input);
  if (issues.length) throw new StudyDefinitionError(issues);
  const at = options.now ?? new Date();
  const now = at.toISOString();
  {
    const { id: studyId } = await trx
      .insertInto('study')
      .values({
        slug: input.study.slug,
        definition: JSON.stringify(input.study),
        is_demo: options.isDemo ? 1 : 0,
        created_at: now,
        retention_until: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const roundIds: Record<string, number> = {};
    for (const [position, r] of input.rounds.entries()) {
      const { id } = await trx
        .insertInto('round')
        .values({
          study_id: studyId,
          key: r.key,
          position,
          label_nl: r.label.nl ?? r.label.en ?? r.key,
          label_en: r.label.en ?? r.label.nl ?? r.key,
          opens_at: r.opensAt,
          closes_at: r.closesAt,
          anonymous_link_hash: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      roundIds[r.key] = id;
    }
    const partnerIds: number[] = [];
    for (const [position, p] of input.partners.entries()) {
      const { id } = await trx
        .insertInto('partner')
        .values({ study_id: studyId, position, name: p.name, domain: p.domain })
        .returning('id')
        .executeTakeFirstOrThrow();
      partnerIds.push(id);
    }
    const toolIds: number[] = [];
    for (const [position, t] of input.tools.entries()) {
      const { id } = await trx
        .insertInto('tool')
        .values({ study_id: studyId, position, name: t.name, description: JSON.stringify(t.description ?? {}) })
        .returning('id')
        .executeTakeFirstOrThrow();
      toolIds.push(id);
    }
    const { id: questionnaireVersionId } = await trx
      .insertInto('questionnaire_version')
      .values({ study_id: studyId, version: 1, definition: JSON.stringify(input.questionnaire), note: 'first version', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const creator = options.creator;
    if (creator) {
      const { userId, source } = creator;
      await trx.insertInto('study_member').values({ study_id: studyId, user_id: userId, role: 'researcher' }).execute();
      await trx
        .insertInto('questionnaire_edit')
        .values({
          study_id: studyId,
          version_id: questionnaireVersionId,
          kind: 'created',
          summary: describeSource(source).summary,
          changes: '[]',
          actor: `user:${userId}`,
          at: now,
        })
        .execute();
      await audit(trx, {
        actor: `user:${userId}`,
        studyId,
        action: 'study.create',
        target: input.study.slug,
        session: creator.session,
        at,
        details: { source: describeSource(source).detail },
      });
    }
    return { studyId, roundIds, partnerIds, toolIds, questionnaireVersionId };
  }
}
