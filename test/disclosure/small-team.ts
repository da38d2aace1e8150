import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.js';
import { packResponsesIn } from '../../server/db/packed-answers.js';
import { writeTx } from '../../server/db/tx.js';
import { createStudy } from '../../server/studies/create-study.js';
import { deriveInvitationToken, hashToken } from '../../server/tokens.js';
import { AGREEMENT } from '../../content/templates/scales.js';

export const TEAM_SLUG = 'wijkteam-zelfscan';

/**
 * A small team's half-yearly self-assessment, not a training: Dutch only, two rounds (h2026a,
 * h2026b), five team members who all answered both rounds. Every denominator is 5, below the
 * default threshold of 10 for a percentage, so nothing may be shown as a percentage, and the
 * yes/no item goes from 0 of 5 to 5 of 5: the change that leaked as "verschil +100".
 */
export const TEAM_ROUNDS = [
  { key: 'h2026a', label: { nl: 'Eerste helft 2026' }, opensAt: null, closesAt: null },
  { key: 'h2026b', label: { nl: 'Tweede helft 2026' }, opensAt: null, closesAt: null },
];

const ROUNDS = TEAM_ROUNDS.map((r) => r.key);

export const TEAM_QUESTIONNAIRE = {
  format: 'rondo.questionnaire/1',
  title: { nl: 'Zelfscan wijkteam' },
  sections: [
    {
      key: 'aanbod',
      title: { nl: 'Aanbod in de wijk' },
      items: [
        {
          id: 'avail',
          type: 'yesno',
          measure: 'competence',
          required: true,
          rounds: ROUNDS,
          text: { nl: 'Is de interventie Stevig Ouderschap in uw wijk beschikbaar?' },
        },
        {
          id: 'guideline',
          type: 'likert',
          measure: 'competence',
          required: true,
          rounds: ROUNDS,
          scale: AGREEMENT,
          text: { nl: 'Ons team volgt de richtlijn Kansrijke Start.' },
        },
      ],
    },
  ],
};

/** Answers per member per round: avail (1 yes, 0 no) and guideline (1–5). */
const ANSWERS: Record<string, { avail: number; guideline: number }[]> = {
  h2026a: [
    { avail: 0, guideline: 2 },
    { avail: 0, guideline: 3 },
    { avail: 0, guideline: 2 },
    { avail: 0, guideline: 4 },
    { avail: 0, guideline: 3 },
  ],
  h2026b: [
    { avail: 1, guideline: 4 },
    { avail: 1, guideline: 5 },
    { avail: 1, guideline: 4 },
    { avail: 1, guideline: 4 },
    { avail: 1, guideline: 5 },
  ],
};

/** Creates the study with its five members and their submitted answers; returns the study id. */
export async function createSmallTeamStudy(db: Kysely<Database>, secret: Buffer, settings: Record<string, unknown> = {}): Promise<number> {
  const created = await createStudy(db, {
    study: {
      slug: TEAM_SLUG,
      title: { nl: 'Zelfscan wijkteam Noord' },
      description: { nl: 'Halfjaarlijkse zelfscan van het wijkteam.' },
      organisation: 'GGD Noord',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
      ...(Object.keys(settings).length ? { settings } : {}),
    },
    rounds: TEAM_ROUNDS,
    partners: [],
    tools: [],
    questionnaire: TEAM_QUESTIONNAIRE,
  });
  await writeTx(db, async (trx) => {
    const members: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { id } = await trx
        .insertInto('participant')
        .values({
          study_id: created.studyId,
          key: `T${i + 1}`,
          organisation: 'GGD Noord',
          role: 'wijkverpleegkundige',
          team: '',
          left_from_round_id: null,
          created_at: '2026-01-01T09:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      members.push(id);
    }
    let first = 0;
    let last = 0;
    for (const [round, answers] of Object.entries(ANSWERS)) {
      const roundId = created.roundIds[round];
      const at = round === 'h2026a' ? '2026-03-01T10:00:00.000Z' : '2026-09-01T10:00:00.000Z';
      for (const [i, a] of answers.entries()) {
        const { id: invitationId } = await trx
          .insertInto('invitation')
          .values({
            participant_id: members[i],
            round_id: roundId,
            token_hash: hashToken(deriveInvitationToken(secret, members[i], roundId, 1)),
            token_generation: 1,
            created_at: at,
            sent_at: at,
            reminded_at: null,
            reminder_count: 0,
            opened_at: at,
            started_at: at,
            submitted_at: at,
            revoked_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const { id } = await trx
          .insertInto('response')
          .values({
            study_id: created.studyId,
            round_id: roundId,
            participant_id: members[i],
            invitation_id: invitationId,
            questionnaire_version_id: created.questionnaireVersionId,
            status: 'submitted',
            submission_id: null,
            source: 'demo',
            language: 'nl',
            started_at: at,
            updated_at: at,
            submitted_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('answer')
          .values([
            { response_id: id, item: 'avail', sub: '', partner_id: null, tool_id: null, code: a.avail, missing: null, text: null },
            { response_id: id, item: 'guideline', sub: '', partner_id: null, tool_id: null, code: a.guideline, missing: null, text: null },
          ])
          .execute();
        first ||= id;
        last = id;
      }
    }
    await packResponsesIn(trx, first, last);
  });
  return created.studyId;
}
