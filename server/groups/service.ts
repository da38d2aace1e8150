import type { Kysely } from 'kysely';
import type { GroupsResponse } from '../../model/api/groups.js';
import { checkGroups, effectiveGroups, groupOf, pick, type Questionnaire, type RespondentGroup, type Study } from '../../model/index.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError, refusal } from '../errors.js';
import { getStudyDefinition, parseQuestionnaireDefinition, saveStudyDefinition } from '../studies/repository.js';
import './schema.js';

/**
 * Respondent groups on the server: the editor's list with counts, saving the list (checked and
 * refused as a whole), and moving participants between groups. The groups themselves are part
 * of the study's definition (model/respondent-groups.ts); participant.group_key and
 * response.group_key say who is in which (migrations/20261206_0105_respondent_groups.ts).
 */

export interface Actor {
  actor: string;
  session: string;
  now: Date;
}

/** The study's newest questionnaire, or null before it has one. */
export async function latestQuestionnaire(db: Kysely<Database>, studyId: number): Promise<Questionnaire | null> {
  const row = await db
    .selectFrom('questionnaire_version')
    .select(['version', 'definition'])
    .where('study_id', '=', studyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? parseQuestionnaireDefinition(row.definition, `questionnaire version ${row.version} of study ${studyId}`) : null;
}

/** Participants and responses per effective group key, and each participant's group. */
async function membership(db: Kysely<Database>, studyId: number, study: Study) {
  const participants = await db.selectFrom('participant').select(['id', 'key', 'group_key']).where('study_id', '=', studyId).execute();
  const groupOfParticipant = new Map(participants.map((p) => [p.id, groupOf(study, p.group_key, 'personal').key]));
  const responses = await db
    .selectFrom('response')
    .select(['participant_id', 'group_key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('study_id', '=', studyId)
    .groupBy(['participant_id', 'group_key'])
    .execute();
  const responsesOf = new Map<string, number>();
  for (const r of responses) {
    const key = r.participant_id === null ? groupOf(study, r.group_key, 'anonymous').key : groupOfParticipant.get(r.participant_id);
    if (key) responsesOf.set(key, (responsesOf.get(key) ?? 0) + Number(r.n));
  }
  const participantsOf = new Map<string, number>();
  for (const key of groupOfParticipant.values()) participantsOf.set(key, (participantsOf.get(key) ?? 0) + 1);
  const assignments = Object.fromEntries(participants.map((p) => [p.key, groupOfParticipant.get(p.id)!]));
  return { participantsOf, responsesOf, assignments };
}

/** What the group editor shows. */
export async function groupsView(db: Kysely<Database>, studyId: number): Promise<GroupsResponse> {
  const study = await getStudyDefinition(db, studyId);
  const q = await latestQuestionnaire(db, studyId);
  const { participantsOf, responsesOf, assignments } = await membership(db, studyId, study);
  return {
    explicit: !!study.groups?.length,
    languages: study.languages,
    groups: effectiveGroups(study).map((g) => ({
      key: g.key,
      name: g.name,
      ...(g.intro ? { intro: g.intro } : {}),
      sections: g.sections,
      reach: [...g.reach],
      implicit: g.implicit,
      participants: participantsOf.get(g.key) ?? 0,
      responses: responsesOf.get(g.key) ?? 0,
    })),
    sections: q?.sections.map((s) => ({ key: s.key, title: s.title })) ?? [],
    assignments,
  };
}

/**
 * Replaces the study's groups. Refused as a whole, nothing changed, when a group is not valid
 * (checkGroups: no sections, unknown sections, duplicate keys, missing names) or when a group
 * that holds responses would disappear (their answers would be reported under another group).
 * Participants of a removed group go back to the default group.
 */
export async function saveGroups(db: Kysely<Database>, studyId: number, groups: RespondentGroup[], who: Actor): Promise<void> {
  await writeTx(db, async (trx) => {
    const study = await getStudyDefinition(trx, studyId);
    const q = await latestQuestionnaire(trx, studyId);
    const issues = checkGroups(groups, study.languages, q);
    if (issues.length) {
      const first = issues[0];
      const { nl = '', en = nl } = first.message;
      throw refusal('VALIDATION', { nl: nl || en, en }, { issues });
    }
    const { responsesOf } = await membership(trx, studyId, study);
    const kept = new Set(groups.map((g) => g.key));
    const before = effectiveGroups(study);
    // The implicit group is never "deleted": a study that starts using groups mid-way puts its
    // participants in the first personal group and its anonymous answers in the first anonymous one.
    const lost = before.filter((g) => !g.implicit && !kept.has(g.key) && (responsesOf.get(g.key) ?? 0) > 0);
    if (lost.length) {
      const names = lost.map((g) => `"${pick(g.name, 'en')}"`).join(', ');
      const namesNl = lost.map((g) => `"${pick(g.name, 'nl')}"`).join(', ');
      throw refusal(
        'CONFLICT',
        {
          nl: `Groep ${namesNl} heeft al antwoorden en kan niet worden verwijderd.`,
          en: `Group ${names} already holds responses and cannot be deleted.`,
        },
        { reason: 'GROUP_HAS_RESPONSES', groups: lost.map((g) => g.key) },
      );
    }
    const next: Study = { ...study };
    if (groups.length) next.groups = groups;
    else delete next.groups;
    await saveStudyDefinition(trx, studyId, next);
    if (kept.size)
      await trx
        .updateTable('participant')
        .set({ group_key: null })
        .where('study_id', '=', studyId)
        .where('group_key', 'not in', [...kept])
        .execute();
    else await trx.updateTable('participant').set({ group_key: null }).where('study_id', '=', studyId).execute();
    await audit(trx, {
      actor: who.actor,
      session: who.session,
      studyId,
      action: 'study.groups.save',
      target: 'groups',
      details: { groups: groups.map((g) => g.key) },
      at: who.now,
    });
  });
}

/**
 * Puts participants in a group. Refused, nothing changed, for a group the study does not have
 * or that is not reached by personal links, and for participant keys not in the cohort.
 */
export async function moveParticipants(
  db: Kysely<Database>,
  studyId: number,
  groupKey: string,
  participantKeys: string[],
  who: Actor,
): Promise<number> {
  return writeTx(db, async (trx) => {
    const study = await getStudyDefinition(trx, studyId);
    const group = study.groups?.find((g) => g.key === groupKey);
    if (!group)
      throw new ApiError(
        'NOT_FOUND',
        `There is no respondent group "${groupKey}" in this study. / Dit onderzoek heeft geen groep "${groupKey}".`,
      );
    if (!group.reach.includes('personal'))
      throw refusal(
        'VALIDATION',
        {
          nl: `Groep ‘${groupKey}’ wordt alleen via een anonieme link bereikt; er kunnen geen deelnemers in.`,
          en: `Group "${groupKey}" is reached only by an anonymous link; participants cannot be in it.`,
        },
        { reason: 'GROUP_NOT_PERSONAL' },
      );
    const found = await trx
      .selectFrom('participant')
      .select('key')
      .where('study_id', '=', studyId)
      .where('key', 'in', participantKeys)
      .execute();
    if (found.length !== participantKeys.length) {
      const known = new Set(found.map((p) => p.key));
      const unknown = participantKeys.filter((k) => !known.has(k));
      const keys = unknown.slice(0, 5).join(', ');
      throw refusal(
        'VALIDATION',
        { nl: `Onbekende sleutel: ${keys}. Er is niets gewijzigd.`, en: `Unknown participant: ${keys}. Nothing was changed.` },
        { unknown },
      );
    }
    const result = await trx
      .updateTable('participant')
      .set({ group_key: groupKey })
      .where('study_id', '=', studyId)
      .where('key', 'in', participantKeys)
      .executeTakeFirst();
    await audit(trx, {
      actor: who.actor,
      session: who.session,
      studyId,
      action: 'participant.group',
      target: `group:${groupKey}`,
      details: { participants: participantKeys.length },
      at: who.now,
    });
    return Number(result.numUpdatedRows);
  });
}
